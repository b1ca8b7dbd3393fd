"""Clicks on a Build of the Month ballot: twice on one button, at once, on a build withdrawn
since, and after the close (a ballot whose close Discord did not let show on it)."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import replace

import pytest

from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_forget_messages import DELETE_BUILDS, forget
from .test_showcase import BALLOT_DAY, ballot_message, requests, setup_channels, start_builds

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)

EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


async def three_builds_on_a_ballot(loopback: Loopback) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Hank")
    await loopback.slash(
        "showcase-mod vote start", candidates="1, 2, 3", actor=loopback.member("Marcus")
    )


async def closed_by_marcus(loopback: Loopback) -> str:
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    return closed.text


async def test_a_button_clicked_twice_counts_one_vote_and_says_so_both_times(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await three_builds_on_a_ballot(loopback)
    ballot = await ballot_message(loopback)
    rosa = loopback.member("Rosa")

    first, second = await asyncio.gather(
        loopback.click(ballot, "#2 Build 2", actor=rosa),
        loopback.click(ballot, "#2 Build 2", actor=rosa),
    )
    again = await loopback.click(ballot, "#2 Build 2", actor=rosa)

    for reply in (first, second, again):
        assert reply.ephemeral
        assert reply.text.startswith("Your vote is for #2 Build 2."), reply.text
        assert "moved" not in reply.text
    assert "#2 Build 2: 1 vote\n" in await closed_by_marcus(loopback)


async def test_a_click_for_a_build_deleted_since_is_refused_and_keeps_the_members_vote(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await three_builds_on_a_ballot(loopback)
    ballot = await ballot_message(loopback)  # as the member's client still shows it
    rosa = loopback.member("Rosa")
    await loopback.click(ballot, "#1 Build 1", actor=rosa)
    await forget(loopback, "Hank", DELETE_BUILDS)  # build 3 goes with Hank's data

    late = await loopback.click(ballot, "#3 Build 3", actor=rosa)

    assert late.ephemeral
    assert late.text == "That build is not on this ballot."
    closed = await closed_by_marcus(loopback)
    assert "#1 Build 1: 1 vote\n#2 Build 2: 0 votes" in closed
    assert "Build 3" not in closed


async def test_a_vote_after_the_close_is_refused_and_the_close_stands(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    await three_builds_on_a_ballot(loopback)
    ballot = await ballot_message(loopback)
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Rosa"))
    loopback.faults.server_error(*EDIT, status=503)  # the ballot keeps its buttons a while

    closed = await closed_by_marcus(loopback)
    assert "The Build of the Month for December 2026 is **#1 Build 1**!" in closed, closed

    assert "Discord did not take the ballot's edit just now; it shows the close shortly." in closed
    late = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Tammy"))
    assert late.ephemeral
    assert late.text == "This ballot is closed; no more votes are counted."

    def shown_closed() -> bool:
        return any(
            r.status == 200
            and r.path.endswith(f"/messages/{ballot.id}")
            and r.request["embeds"][0]["title"] == "Build of the Month: voting closed"
            for r in requests(loopback, EDIT)
        )

    # The job committed with the close shows it, brought forward by the result's post.
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(shown_closed, within=10, what="the close shown on the ballot")
    assert "#2 Build 2: 0 votes" in closed  # Tammy's late click counted nothing


async def test_a_click_for_a_build_deleted_since_tells_a_moderator_who_deleted_it_and_when(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await three_builds_on_a_ballot(loopback)
    shown = await ballot_message(loopback)
    # As the clients still show it: a copy, which the ballot's edit after the deletion leaves
    # as it was, however soon that edit lands.
    ballot = replace(shown, raw=copy.deepcopy(shown.raw))
    dale = loopback.member("Dale")
    asked = await loopback.slash("build delete", build="2", actor=dale)
    await loopback.click(asked, "Delete it", actor=dale)
    at = int(keitora.clock.now().timestamp())

    told = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Marcus"))
    assert told.text == f"Build #2 was deleted by its owner, <@{dale.id}>, on <t:{at}:f>."
    told = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))
    assert told.text == "That build is not on this ballot."
