"""A Build of the Month ballot is counted as it closes, and that count is its result: what
happens between the close and the result's post (sent later, by the outbox) changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import DELETE_BUILDS, KEEP_BUILDS, forget
from .test_showcase import BALLOT_DAY, ballot_message, setup_channels, start_builds
from .test_showcase_close_crash import result_posts

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)


async def closed_with_its_post_held(loopback: Loopback) -> None:
    """Builds 1 (Mika's) and 2 (Dale's) on a ballot, two votes for build 2 (Rosa's and
    Hank's) and one for build 1 (Tammy's), closed while Discord fails the result's post."""
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    ballot = await ballot_message(loopback)
    for voter, build in (("Rosa", 2), ("Hank", 2), ("Tammy", 1)):
        await loopback.click(ballot, f"#{build} Build {build}", actor=loopback.member(voter))
    loopback.faults.server_error("POST", "/channels/{channel_id}/messages", status=503)
    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed.text
    await loopback.wait_until(
        lambda: any(r.status == 503 for r in loopback.requests), what="the failed post"
    )
    await loopback.bot_quiet()
    assert result_posts(loopback) == []


async def sent_later(keitora: RunningBot, loopback: Loopback, clock: ManualClock) -> str:
    clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: bool(result_posts(loopback)), what="the result post")
    [post] = result_posts(loopback)
    return f"{post.request['content']}\n{post.request['embeds'][0]['description']}"


async def test_voters_forgotten_after_the_close_leave_its_result_as_counted(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await closed_with_its_post_held(loopback)
    await forget(loopback, "Rosa", KEEP_BUILDS)
    await forget(loopback, "Hank", KEEP_BUILDS)

    result = await sent_later(keitora, loopback, clock)

    assert (
        result
        == "The Build of the Month for December 2026 is **#2 Build 2**!\n#2 Build 2: 2 votes\n"
        "#1 Build 1: 1 vote"
    )


async def test_a_winner_deleted_after_the_close_is_still_the_winner_without_its_title(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await closed_with_its_post_held(loopback)
    await forget(loopback, "Dale", DELETE_BUILDS)  # build 2 goes with Dale's data

    result = await sent_later(keitora, loopback, clock)

    assert result == (
        "The Build of the Month for December 2026 is **#2 (deleted since)**!\n"
        "#2 (deleted since): 2 votes\n#1 Build 1: 1 vote"
    )
    assert "Build 2" not in result
