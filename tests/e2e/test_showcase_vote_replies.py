"""A vote's reply names the build as the ballot's button does (`#2 Build 2`), and the build a
moved vote left, through the loopback."""

from __future__ import annotations

from cogs._showcase_votes import ALREADY_ANSWERED
from sandbox import Loopback

from .conftest import RunningBot
from .test_showcase import ballot_message
from .test_showcase_votes import three_builds_on_a_ballot


async def test_a_vote_reply_names_the_build_as_its_button_does(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await three_builds_on_a_ballot(loopback)
    ballot = await ballot_message(loopback)
    rosa = loopback.member("Rosa")

    voted = await loopback.click(ballot, "#2 Build 2", actor=rosa)
    assert voted.text == f"Your vote is for #2 Build 2. {ALREADY_ANSWERED}"
    moved = await loopback.click(ballot, "#3 Build 3", actor=rosa)
    assert moved.text == f"Your vote is for #3 Build 3 (moved from #2 Build 2). {ALREADY_ANSWERED}"
