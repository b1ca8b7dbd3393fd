"""A bot stopped in the middle of `/showcase-mod vote close`, after the close was recorded and
before its ballot message was edited: the ballot must not go on saying "vote!" with buttons
that only answer "closed". Once the moderator's command could no longer have done it, a job
committed with the close shows the result on the ballot; a close that showed it itself leaves
the job nothing to do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.showcase.ballots import BallotService
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_showcase import ballot_message, setup_channels, showcase_posts, start_builds
from .test_showcase_crash import Died

PAST_THE_COMMAND = timedelta(minutes=16)


def ballot_edits(loopback: Loopback, message_id: str) -> list[dict[str, object]]:
    return [
        r.request
        for r in loopback.requests
        if r.method == "PATCH" and r.path.endswith(f"/messages/{message_id}")
    ]


async def ballot_voted(loopback: Loopback) -> str:
    """A ballot on builds 1 and 2, with Rosa's vote for build 2; returns its message id."""
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await loopback.slash(
        "showcase-mod vote start", candidates="1, 2", actor=loopback.member("Marcus")
    )
    ballot = await ballot_message(loopback)
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))
    return ballot.id


async def test_a_close_cut_short_shows_its_result_on_the_ballot_after_a_restart(
    keitora: RunningBot,
    loopback: Loopback,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    error_log: ErrorLog,
) -> None:
    ballot_id = await ballot_voted(loopback)
    close = BallotService.close_ballot

    async def died(*args: object) -> object:
        await close(*args)  # type: ignore[arg-type]
        raise Died

    monkeypatch.setattr(BallotService, "close_ballot", died)
    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    monkeypatch.undo()
    error_log.records.clear()  # the dying step, logged by the command's handler
    await keitora.restart()
    assert ballot_edits(loopback, ballot_id) == []

    clock.advance(PAST_THE_COMMAND)
    await keitora.bot.job_runner.run_due()
    [shown] = ballot_edits(loopback, ballot_id)
    assert shown["components"] == []
    embed = shown["embeds"][0]  # type: ignore[index]
    assert embed["title"] == "Build of the Month"
    assert "The Build of the Month is **#2 Build 2**!" in embed["description"]
    [ballot] = [m for m in showcase_posts(loopback) if m.id == ballot_id]
    assert ballot.components == []


async def test_a_close_that_showed_its_result_leaves_the_job_nothing_to_do(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    ballot_id = await ballot_voted(loopback)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert "The Build of the Month is **#2 Build 2**!" in closed.text

    clock.advance(PAST_THE_COMMAND)
    await keitora.bot.job_runner.run_due()
    assert len(ballot_edits(loopback, ballot_id)) == 1
