"""An arrival's notes through the loopback: shown on its card as typed, and read by alerts."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import arrive, server_ready, settle


async def test_an_alert_for_a_dump_hijet_finds_the_arrival_whose_notes_say_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    await loopback.slash("alerts add", keywords="hijet dump", actor=mika)

    reply = await arrive(loopback, 1995, notes="**Dump** bed, A/C")

    assert "on its way" in reply, reply
    [card] = await settle(loopback, "announcements", 1, "the arrival card")
    assert card.embeds[0]["description"] == "\\*\\*Dump\\*\\* bed, A/C"  # as typed
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    assert loopback.dms(mika)[0].content.startswith("Your alert `hijet dump` matched this")
