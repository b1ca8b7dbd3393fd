"""A build's card or forum post Discord took without a word the bot heard (every answer lost,
its gateway event late) goes with the build given up: a job finds it later, a text channel's
card by its nonce, a forum post among the server's active threads, and deletes it."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.builds.unsent import BUILD_LOST_CARD_JOB, BUILD_LOST_POST_JOB, LOST_POST_FIRST_LOOK
from cogs import _build_threads
from sandbox import ChannelRef, Loopback
from sandbox.state import Permission

from .conftest import ErrorLog, RunningBot, first_attempt_failed
from .test_build_start_unanswered import ACTIVE_THREADS, cards_sent
from .test_builds import FORUM_POST, POST, builds_channel, newest_thread, requests, start
from .test_privacy import deleted
from .test_setup import overwrite_bot

SENDS = 4  # the command's first send and its three sends again


async def run_due(keitora: RunningBot, after: timedelta) -> None:
    keitora.clock.advance(after)
    await keitora.bot.job_runner.run_due()


async def cards_unanswered(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch, times: int
) -> ChannelRef:
    """A text builds channel whose next `times` card sends Discord takes without an answer (the
    connection drops), the command's sends again made at once."""
    general = await builds_channel(loopback, "general")
    monkeypatch.setattr(_build_threads, "CARD_RESENDS", (0.01, 0.01, 0.01))
    path = f"/channels/{general.id}/messages"
    loopback.faults.lose_answer(*POST, times=times, applies_to=lambda sent, body: sent == path)
    return general


async def test_a_card_whose_every_answer_was_lost_is_found_by_its_nonce_and_deleted(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    general = await cards_unanswered(loopback, monkeypatch, SENDS)
    refused = await start(loopback)
    error_log.records.clear()  # reported with a reference, as any unexpected error is
    assert "Something went wrong on my side" in refused.text, refused.text

    [card] = loopback.messages(general)  # taken on the first send
    await deleted(loopback, f"/channels/{general.id}/messages/{card.id}")
    sent = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert len(sent) == SENDS + 1  # and the job's send again, which Discord answered
    assert {r.request["nonce"] for r in sent} == {"build-1"}
    assert all(r.request["enforce_nonce"] is True for r in sent)
    assert [r.status for r in sent] == [None] * SENDS + [200]
    assert sent[-1].response is not None
    assert sent[-1].response["id"] == card.id  # the card Discord took, not a new message
    assert loopback.messages(general) == []
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


async def test_a_card_still_unanswered_past_the_nonce_window_is_logged_not_sent_again(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    general = await cards_unanswered(loopback, monkeypatch, SENDS + 1)
    await start(loopback)
    error_log.records.clear()
    await first_attempt_failed(keitora, BUILD_LOST_CARD_JOB)  # the job's send lost too
    [card] = loopback.messages(general)

    with caplog.at_level(logging.WARNING):
        await run_due(keitora, timedelta(minutes=3))  # past Discord's few minutes
    # A send now could post a new message: none is sent, and the nonce is told.
    assert len(cards_sent(loopback, general)) == SENDS + 1
    assert any("build-1" in r.getMessage() for r in caplog.records if r.name.startswith("bot."))
    assert not any(r.method == "DELETE" for r in loopback.requests)
    assert [m.id for m in loopback.messages(general)] == [card.id]


async def test_a_forum_post_neither_told_of_nor_listed_in_time_is_deleted_later(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forum = await builds_channel(loopback)
    monkeypatch.setattr(_build_threads, "FORUM_POST_TOLD_WITHIN", 0.2)
    loopback.faults.lose_answer(*FORUM_POST, status=503)
    late = loopback.faults.hold_event("THREAD_CREATE")  # the gateway is slow to tell of it
    # The command's look, and the job's first, find Discord's list unanswered.
    loopback.faults.server_error(*ACTIVE_THREADS, status=503, times=2)
    refused = await start(loopback)
    error_log.records.clear()
    assert "Something went wrong on my side" in refused.text, refused.text
    late.release()
    post = newest_thread(loopback)
    assert loopback.world.channels[post.id]["parent_id"] == forum.id  # Discord started it

    await run_due(keitora, LOST_POST_FIRST_LOOK)
    await first_attempt_failed(keitora, BUILD_LOST_POST_JOB)
    assert not any(r.method == "DELETE" for r in loopback.requests)
    await run_due(keitora, timedelta(minutes=1))  # its back-off
    await deleted(loopback, f"/channels/{post.id}")
    assert [r.status for r in requests(loopback, ACTIVE_THREADS)] == [503, 503, 200]
    assert post.id not in loopback.world.channels
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


async def test_a_build_started_again_under_the_name_keeps_its_post(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forum = await builds_channel(loopback)
    # Without Read Message History the cards cannot be read: the name alone tells the posts.
    await overwrite_bot(keitora, loopback, forum, deny=Permission.READ_MESSAGE_HISTORY)
    monkeypatch.setattr(_build_threads, "FORUM_POST_TOLD_WITHIN", 0.2)
    loopback.faults.server_error(*FORUM_POST, status=503)  # not started, nor said so
    await start(loopback)
    error_log.records.clear()
    again = await start(loopback)  # the member tries again: build #2, of the same name
    kept = newest_thread(loopback)
    assert again.text.startswith(f"Build #2 started in <#{kept.id}>."), again.text

    await run_due(keitora, LOST_POST_FIRST_LOOK)
    await first_attempt_failed(keitora, BUILD_LOST_POST_JOB)  # none found
    assert [r.status for r in requests(loopback, ACTIVE_THREADS)][-1] == 200
    assert not any(r.method == "DELETE" for r in loopback.requests)
    assert kept.id in loopback.world.channels
