"""A model year in an alert through the loopback: `hijet 1995` is DMed about a typed
announcement titled "1995 Hijet" (it has no year field; its title names the year) and not about
"1997 Hijet", which `hijet 95-99` is DMed about; the reply says what meets a year. A span of
years a title names ("Hijets 1990-1999") meets a year in it; a price it names ("asking 1995") is
no model year. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback, UserRef

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import (
    announce,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_reminders import settled


async def test_a_typed_announcement_naming_a_year_meets_an_alert_for_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    saved = await alert_reply(loopback, "hijet 1995", mika)
    assert saved["content"].startswith(
        "Saved. I will DM you when an announcement (an arrival card by its year, any other by a "
        "year, or a span of years, its title or text names) matches “hijet 1995”, read as: "
        "hijet · year = 1995 ("
    ), saved["content"]
    ranged = sent(await loopback.slash("alerts add", keywords="hijet 95-99", actor=dale))
    assert "read as: hijet · year 1995–1999 (" in ranged["content"], ranged

    await announce(loopback, "1995 Hijet", link="https://kei.example/1995")
    await announce(loopback, "1997 Hijet", link="https://kei.example/1997")
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 2, within=10, what="two DMs")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == "Your alert `hijet 1995` matched this from **Kei Imports**:", dm
    assert dm["embeds"][0]["title"] == "1995 Hijet", dm
    assert titles_dmed(loopback, dale) == ["1995 Hijet", "1997 Hijet"]


async def test_a_price_an_item_names_is_not_its_model_year(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    sent(await loopback.slash("alerts add", keywords="hijet 1995", actor=mika))
    sent(await loopback.slash("alerts add", keywords="hijet", actor=dale))

    await announce(loopback, "Hijet, asking 1995", link="https://kei.example/asking")
    await announce(loopback, "Hijet, price: 1995 OBO", link="https://kei.example/price")
    await announce(loopback, "1995 Hijet, $4500 OBO", link="https://kei.example/1995")
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 3, within=10, what="3 DMs")
    await settled(keitora, "alert.dm")
    assert titles_dmed(loopback, mika) == ["1995 Hijet, $4500 OBO"]


def titles_dmed(loopback: Loopback, member: UserRef) -> list[str]:
    """The titles of the items the bot DMed `member` about, one DM each."""
    return [dm["embeds"][0]["title"] for dm in dms_sent(loopback, member)]


async def test_a_span_of_years_an_item_names_meets_a_year_inside_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    saved = sent(await loopback.slash("alerts add", keywords="hijet 1995", actor=mika))
    where = "any other by a year, or a span of years, its title or text names)"
    assert where in saved["content"], saved
    sent(await loopback.slash("alerts add", keywords="hijet 2001", actor=dale))

    await announce(loopback, "Hijets 1990-1999 in stock", link="https://kei.example/90s")
    await announce(loopback, "2001 Hijet", link="https://kei.example/2001")
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 1, within=10, what="Dale's DM")
    await settled(keitora, "alert.dm")
    assert titles_dmed(loopback, mika) == ["Hijets 1990-1999 in stock"]
    assert titles_dmed(loopback, dale) == ["2001 Hijet"]


async def test_this_year_is_the_servers_on_new_years_eve(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    admin, mika = loopback.member("Akiko"), loopback.member("Mika")
    await loopback.slash("setup timezone", tz="America/Denver", actor=admin)
    keitora.clock.set(datetime(2027, 1, 1, 3, 0, tzinfo=UTC))  # 8 PM on Dec 31 in Denver
    refused = sent(await loopback.slash("alerts add", keywords="hijet year:2027", actor=mika))
    assert "It is 2026, so no truck built after 2026" in refused["content"], refused
    assert refused["flags"] & 64
    assert await keitora.bot.services.alerts.mine(int(loopback.guild.id), int(mika.id)) == []
