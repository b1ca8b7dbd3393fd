"""How alerts read words, through the loopback: `-dump hijet` leaves dump out and is another
alert than `hijet dump`; a quoted phrase must appear as typed; OR is refused with the way to get
it. Asserting on the replies, the list and the DMs the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import announce, server_ready
from .test_reminders import settled


async def test_left_out_words_phrases_and_or_through_replies_lists_and_dms(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    await server_ready(loopback, trusted=True)
    left_out = await loopback.slash("alerts add", keywords="-dump hijet", actor=mika)
    assert left_out.ephemeral
    assert left_out.text.startswith("Saved."), left_out.text
    assert "read as: hijet · not dump" in left_out.text, left_out.text
    both = await loopback.slash("alerts add", keywords="hijet dump", actor=mika)
    assert both.text.startswith("Saved."), both.text
    phrase = await loopback.slash("alerts add", keywords="“flat bed”", actor=mika)
    assert 'read as: "flat bed"' in phrase.text, phrase.text
    either = await loopback.slash("alerts add", keywords="hijet OR carry", actor=mika)
    assert either.ephemeral
    assert either.text.startswith("Alerts have no OR: every word must appear"), either.text
    assert "add two alerts: one for “hijet” and one for “carry”" in either.text

    listed = await loopback.slash("alerts list", actor=mika)
    assert listed.content.splitlines() == [
        "Your alerts (3 of 10):",
        "• \\-dump hijet",  # Discord shows the escaped minus as typed
        "• hijet dump",
        "• “flat bed”",
    ], listed.content

    await announce(loopback, "Hijet Jumbo arrived", link="https://kei.example/jumbo")
    await announce(
        loopback, "Hijet arrived", body="4WD, flat bed, 20k km.", link="https://kei.example/flat"
    )
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 2, what="two alert DMs")
    await settled(keitora, "alert.dm")
    dump, flat = loopback.dms(mika)
    assert dump.content == "Your alert `hijet dump` matched this from **Kei Imports**:"
    assert flat.content == (
        "Your alerts `-dump hijet` and `“flat bed”` matched this from **Kei Imports**:"
    )
