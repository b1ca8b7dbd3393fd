"""A truck's age through the loopback: `hijet over 25 years` is saved as an age, the reply says
which model years it means this year, and the DM comes for an arrival that old and not for a
newer one, and why the newest is not the year 25 years back; `hijet 25 years old` and `hijet
age 25` are refused with the ways to say them. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import (
    arrive,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_reminders import settled


async def test_an_age_is_said_as_this_years_model_years_and_dms_an_old_enough_truck(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    # A model year alone is eligible from Jan 1 after its 25th year, as its card says.
    eligible = keitora.clock.now().year - 26
    saved = await alert_reply(loopback, "hijet over 25 years", mika)
    assert (
        "matches “hijet over 25 years”, read as: hijet · age ≥ 25 years (" in (saved["content"])
    ), saved["content"]
    year = eligible + 26
    assert saved["content"].endswith(
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        f"rule counts: in {year}, age ≥ 25 years is year ≤ {eligible} (a {eligible + 1} truck "
        f"may be from that December, so it is 25 from Jan 1, {year + 1})."
    ), saved["content"]
    # `age 25`: the import rule, or the one model year turning 25? Neither is guessed.
    either = await alert_reply(loopback, "hijet age 25", mika)
    assert either["content"] == (
        "“age 25” could be 25 or older, as the 25-year import rule counts: say age 25+; or only "
        "the model year 25 years old now, as the rule counts: say age:25."
    ), either["content"]
    refused = await alert_reply(loopback, "hijet 25 years old", mika)
    assert refused["content"].startswith("“25 years old”: say 25+ years for"), refused

    younger = sent(
        await loopback.slash("alerts add", keywords="hijet less than 10 years old", actor=mika)
    )
    assert younger["content"].endswith(
        f"in {year}, age < 10 years is year ≥ {eligible + 16} (a {eligible + 16} truck may be "
        f"from that December, so it is 10 from Jan 1, {year + 1})."
    ), younger["content"]

    assert "on its way" in await arrive(loopback, eligible + 1, model_code="S200P")
    assert "on its way" in await arrive(loopback, eligible, model_code="S200P")
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["embeds"][0]["title"].startswith(f"{eligible} Daihatsu Hijet"), dm
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 2


async def test_an_age_and_its_complement_share_a_truck_of_any_year_also_at_new_year(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """`age>=25` and `age<25` between them meet every model year: a 2001 truck, which may be
    from that December, is under 25 till the US New Year, and both count on that one day, the
    arrival card's, also in the hours after the server's own midnight."""
    await server_ready(loopback, trusted=True)
    admin, mika, hank = (loopback.member(name) for name in ("Akiko", "Mika", "Hank"))
    await loopback.slash("setup timezone", tz="America/Denver", actor=admin)
    keitora.clock.set(datetime(2027, 1, 1, 7, 30, tzinfo=UTC))  # 00:30 on Jan 1 in Denver
    old = await alert_reply(loopback, "hijet age>=25", mika)
    young = await alert_reply(loopback, "hijet age<25", hank)
    counted = "in 2026 (until Jan 1 has begun everywhere in the US)"
    assert old["content"].endswith(
        f"{counted}, age ≥ 25 years is year ≤ 2000 (a 2001 truck may be from that December, so "
        "it is 25 from Jan 1, 2027)."
    ), old["content"]
    assert young["content"].endswith(
        f"{counted}, age < 25 years is year ≥ 2001 (a 2001 truck may be from that December, so "
        "it is 25 from Jan 1, 2027)."
    ), young["content"]

    assert "on its way" in await arrive(loopback, 2001, model_code="S200P")
    await loopback.wait_until(lambda: loopback.dms(hank), within=10, what="Hank's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, hank)
    assert dm["embeds"][0]["title"].startswith("2001 Daihatsu Hijet"), dm
    assert dms_sent(loopback, mika) == []
