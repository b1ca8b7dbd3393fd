"""Alert keywords pasted with characters nobody sees, through the loopback: a zero-width space
inside a word (`hi\u200bjet`) is dropped, as feeds drop it from what they read, so the alert
matches the Hijet it names, and one between two words (`hijet\u200bdump`) parts them; a
character that turns round the text after it is refused naming it, and nothing is kept.
Asserted on the replies and DMs the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import dms_sent
from .test_importers import announce, server_ready
from .test_reminders import settled


# Inside a word it is dropped, between two it parts them: either way the alert is hijet dump.
@pytest.mark.parametrize("typed", ["hi\u200bjet\u00ad dump", "hijet\u200bdump"])
async def test_a_zero_width_space_is_dropped_or_parts_words_so_the_alert_matches(
    keitora: RunningBot, loopback: Loopback, typed: str
) -> None:
    mika = loopback.member("Mika")
    await server_ready(loopback, trusted=True)

    saved = await loopback.slash("alerts add", keywords=typed, actor=mika)

    assert saved.ephemeral
    assert "matches “hijet dump”, read as: hijet, dump (at most" in saved.text, saved.text
    await announce(loopback, "Hijet 4WD dump arrived", link="https://kei.example/dump")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, what="the alert's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == "Your alert `hijet dump` matched this from **Kei Imports**:", dm


async def test_a_keyword_turned_round_is_refused_and_nothing_is_kept(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")

    refused = await loopback.slash("alerts add", keywords="hijet \u202epmud", actor=mika)

    assert refused.ephemeral
    assert refused.text == (
        "The alert may not hold U+202E (right-to-left override): it turns round the text after "
        "it, so the alert would not show as typed."
    ), refused.text
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 0
