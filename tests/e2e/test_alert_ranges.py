"""Alert ranges and years through the loopback: `year 1995-1999` is the range, not the word
"year", so a 1996 Hijet's arrival DMs its member; a range written high to low, and a model year
after this one, are refused. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from typing import Any

from sandbox import Loopback, UserRef

from .conftest import RunningBot
from .test_held_forms import sent
from .test_importers import (
    POST,
    arrive,
    loopback,  # noqa: F401 (the fixture)
    requests,
    server_ready,
)
from .test_reminders import settled


def dms_sent(loopback: Loopback, member: UserRef) -> list[dict[str, Any]]:
    """The DMs' bodies as the bot sent them to `member`."""
    channel = loopback.dm_channel(member).id
    return [r.request for r in requests(loopback, POST) if f"/channels/{channel}/" in r.path]


async def alert_reply(loopback: Loopback, keywords: str, actor: UserRef) -> dict[str, Any]:
    """The body of the bot's reply to `/alerts add keywords:` from `actor`, seen only by them."""
    body = sent(await loopback.slash("alerts add", keywords=keywords, actor=actor))
    assert body["flags"] & 64, body
    return body


async def test_a_year_range_with_year_before_it_dms_about_an_arrival_in_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    saved = await alert_reply(loopback, "hijet year 1995-1999", mika)
    assert (
        "matches “hijet year 1995-1999”, read as: hijet · year 1995–1999 (" in (saved["content"])
    ), saved["content"]
    backwards = sent(
        await loopback.slash("alerts add", keywords="hijet year 1995-1990", actor=dale)
    )
    assert backwards["flags"] & 64, backwards
    assert backwards["content"] == (
        "“year 1995-1990” runs backwards: give the lower end first, as 1990-1995."
    ), backwards["content"]
    listed = sent(await loopback.slash("alerts list", actor=mika))
    assert listed["content"].splitlines()[1:] == ["• hijet year 1995-1999"]  # as typed, listed
    assert "You have no alerts" in sent(await loopback.slash("alerts list", actor=dale))["content"]

    assert "on its way" in await arrive(loopback, 1996)
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == (
        "Your alert `hijet year 1995-1999` matched this from **Kei Imports**:"
    ), dm
    assert dm["embeds"][0]["title"] == "1996 Daihatsu Hijet S110P 4WD"


async def test_a_model_year_after_this_one_is_refused_and_not_listed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    this_year = keitora.clock.now().year
    refused = await alert_reply(loopback, "year>=2040 hijet", mika)
    assert refused["content"] == (
        f"It is {this_year}, so no truck built after {this_year} has arrived, and none would "
        "match year ≥ 2040."
    ), refused["content"]
    assert refused["allowed_mentions"]["parse"] == []
    listed = sent(await loopback.slash("alerts list", actor=mika))
    assert listed["content"] == "You have no alerts; add one with /alerts add.", listed
