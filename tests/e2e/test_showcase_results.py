"""A Build of the Month ballot's result through the loopback: announced once, in a post of its
own that the closed ballot points to, also across a stop mid-close or mid-start; a lock tells
the moderator what it did to the open ballot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.showcase.ballots import BallotService
from sandbox import Loopback
from sandbox.core import RequestRecord

from .conftest import ErrorLog, RunningBot
from .test_build_locks import three_on_a_ballot_and_a_vote_for_the_first
from .test_showcase import BALLOT_DAY, ballot_message, setup_channels, showcase_posts, start_builds
from .test_showcase_close_crash import ballot_edits, ballot_voted, result_posts
from .test_showcase_crash import Died

# Ballots open in December 2026, the month their results name (in UTC: no zone is set).
pytestmark = pytest.mark.clock(BALLOT_DAY)


def link_to(loopback: Loopback, record: RequestRecord) -> str:
    assert loopback.guild is not None
    message: dict[str, Any] = record.response
    return (
        f"https://discord.com/channels/{loopback.guild.id}/{message['channel_id']}/{message['id']}"
    )


def shown_result(loopback: Loopback) -> str:
    [post] = result_posts(loopback)
    return str(post.response["id"])


async def shown_closed(loopback: Loopback, ballot_id: str) -> dict[str, Any]:
    """The ballot's last edit, once it points to the one result post."""

    def pointing() -> bool:
        posts = result_posts(loopback)
        edits = ballot_edits(loopback, ballot_id)
        if len(posts) != 1 or not edits:
            return False
        embeds: list[dict[str, Any]] = edits[-1].get("embeds") or []  # type: ignore[assignment]
        return bool(embeds) and link_to(loopback, posts[0]) in embeds[0]["description"]

    await loopback.wait_until(pointing, within=10, what="the result post and the ballot's link")
    return ballot_edits(loopback, ballot_id)[-1]


async def test_a_close_posts_the_result_once_and_the_ballot_says_voting_closed_with_a_link(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot_id = await ballot_voted(loopback)
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert closed.ephemeral
    showcase = loopback.channel("showcase")
    assert closed.text.startswith(
        f"The ballot is closed; its result is on its way to <#{showcase.id}>."
    ), closed.text
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed.text

    shut = await shown_closed(loopback, ballot_id)
    [post] = result_posts(loopback)
    assert post.request["content"] == "The Build of the Month for December 2026 is **#2 Build 2**!"
    assert post.request["embeds"][0]["description"] == "#2 Build 2: 1 vote\n#1 Build 1: 0 votes"
    assert post.request["nonce"]  # a repeat of the send is answered with this post
    assert post.request["allowed_mentions"]["parse"] == []
    assert shut["components"] == []
    assert shut["embeds"][0]["title"] == "Build of the Month: voting closed"
    description = shut["embeds"][0]["description"]
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in description
    assert "1 vote" not in description  # the counts are the result post's, not repeated
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    assert len(result_posts(loopback)) == 1


async def test_a_three_way_tie_names_its_builds_in_a_list(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus = loopback.member("Marcus")
    for build, voter in ((2, "Akiko"), (3, "Marcus")):
        await loopback.click(ballot, f"#{build} Build {build}", actor=loopback.member(voter))
    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert (
        "It's a tie for the Build of the Month for December 2026 between **#1 Build 1**, "
        "**#2 Build 2** and **#3 Build 3**!" in closed.text
    )


async def test_a_ballot_whose_post_went_unrecorded_is_found_and_closed_with_its_result(
    keitora: RunningBot,
    loopback: Loopback,
    monkeypatch: pytest.MonkeyPatch,
    error_log: ErrorLog,
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")

    async def died(*_: object) -> None:
        raise Died

    monkeypatch.setattr(BallotService, "ballot_posted", died)
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    monkeypatch.undo()
    error_log.records.clear()
    await keitora.restart()
    [sent] = [
        r
        for r in loopback.requests
        if r.method == "POST" and r.status == 200 and r.request.get("components")
    ]
    assert sent.request["nonce"]  # a retry of the send would not post a second ballot
    ballot = await ballot_message(loopback)
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))

    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed.text
    shut = await shown_closed(loopback, ballot.id)
    assert shut["embeds"][0]["title"] == "Build of the Month: voting closed"
    assert [m.id for m in showcase_posts(loopback)] == [ballot.id, shown_result(loopback)]


async def test_a_result_post_discord_fails_is_sent_again_and_once(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock, error_log: ErrorLog
) -> None:
    ballot_id = await ballot_voted(loopback)
    loopback.faults.server_error("POST", "/channels/{channel_id}/messages", status=503)
    await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    await loopback.wait_until(
        lambda: any(r.status == 503 for r in loopback.requests), what="the failed post"
    )
    await loopback.bot_quiet()
    assert result_posts(loopback) == []

    clock.advance(timedelta(minutes=2))
    await keitora.bot.job_runner.run_due()
    shut = await shown_closed(loopback, ballot_id)
    assert shut["components"] == []
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    assert len(result_posts(loopback)) == 1


async def test_a_ballot_whose_message_was_never_recorded_gives_its_result_to_the_moderator(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await ballot_voted(loopback)
    # Opened before Keitora kept where a ballot is sent, and never recorded.
    await keitora.store.execute(
        "UPDATE showcase_ballots SET channel_id = NULL, message_id = NULL, sent_to = NULL"
    )

    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))

    assert closed.text.startswith(
        "The ballot is closed. Its message was never recorded, so no result is posted; here it "
        "is for you to share."
    ), closed.text
    assert "The Build of the Month for December 2026 is **#2 Build 2**!" in closed.text
    assert "<#None>" not in closed.text
