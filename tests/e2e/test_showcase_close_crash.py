"""A bot stopped in the middle of `/showcase-mod vote close`, after the close was recorded and
before its ballot message was edited: the ballot must not go on saying "vote!" with buttons
that only answer "closed". The result's post, committed with the close, goes out after the
restart and brings forward the job that shows the close on the ballot; a close that showed it
itself leaves that job nothing to do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.client import keitora as keitora_module
from bot.clock import ManualClock
from bot.showcase.ballots import BallotService
from sandbox import Loopback
from sandbox.core import RequestRecord

from .conftest import ErrorLog, RunningBot
from .test_showcase import BALLOT_DAY, ballot_message, setup_channels, showcase_posts, start_builds
from .test_showcase_crash import Died

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)

PAST_THE_COMMAND = timedelta(minutes=16)


def ballot_edits(loopback: Loopback, message_id: str) -> list[dict[str, object]]:
    return [
        r.request
        for r in loopback.requests
        if r.method == "PATCH" and r.path.endswith(f"/messages/{message_id}")
    ]


def result_posts(loopback: Loopback) -> list[RequestRecord]:
    """The bot's posts in the showcase channel that carry a ballot's result."""
    showcase = loopback.channel("showcase")
    return [
        r
        for r in loopback.requests
        if r.method == "POST"
        and r.path == f"/channels/{showcase.id}/messages"
        and r.status == 200
        and any(is_result(e.get("title", "")) for e in r.request.get("embeds") or [])
    ]


def is_result(title: str) -> bool:
    """Whether an embed's title is a ballot's result's, its month named or not."""
    return title == "Build of the Month" or title.startswith("Build of the Month · ")


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

    await loopback.wait_until(
        lambda: len(ballot_edits(loopback, ballot_id)) == 1, within=10, what="the ballot's edit"
    )
    [shown] = ballot_edits(loopback, ballot_id)
    assert shown["components"] == []
    embed = shown["embeds"][0]  # type: ignore[index]
    assert embed["title"] == "Build of the Month: voting closed"
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in embed["description"]
    assert "The votes are counted in the result's post (https://" in embed["description"]
    [ballot] = [m for m in showcase_posts(loopback) if m.id == ballot_id]
    assert ballot.components == []
    clock.advance(PAST_THE_COMMAND)
    await keitora.bot.job_runner.run_due()
    assert len(ballot_edits(loopback, ballot_id)) == 1
    assert len(result_posts(loopback)) == 1  # posted by the job committed with the close


async def test_a_close_that_showed_its_result_leaves_the_job_nothing_to_do(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    ballot_id = await ballot_voted(loopback)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed.text
    await loopback.wait_until(
        lambda: "(https://" in str(ballot_edits(loopback, ballot_id)[-1]["embeds"]),
        within=10,
        what="the ballot's link to the result",
    )
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    edits = len(ballot_edits(loopback, ballot_id))

    clock.advance(PAST_THE_COMMAND)
    await keitora.bot.job_runner.run_due()
    assert len(ballot_edits(loopback, ballot_id)) == edits


async def test_a_result_left_to_send_is_posted_by_a_client_without_the_showcase_cog(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ballot_voted(loopback)
    loopback.faults.server_error("POST", "/channels/{channel_id}/messages", status=503)
    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    await loopback.wait_until(
        lambda: any(r.status == 503 for r in loopback.requests), what="the failed post"
    )
    await loopback.bot_quiet()
    loads = keitora_module.is_cog_module
    monkeypatch.setattr(
        keitora_module, "is_cog_module", lambda name: loads(name) and name != "showcase"
    )
    await keitora.restart()
    assert keitora.bot.get_cog("ShowcaseModCog") is None

    clock.advance(PAST_THE_COMMAND)
    await keitora.bot.job_runner.run_due()
    [post] = result_posts(loopback)
    assert post.request["content"] == "The Build of the Month for December 2026 is **#2 Build 2**!"
