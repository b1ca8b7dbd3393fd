"""A build whose thread Discord did not answer for (a 5xx, a timeout, a dropped connection) may
have been started all the same: the bot looks for it, and starts the build on the thread it
finds; when there is none, the member is not told of a build, which goes with its card. The
loopback handles the calls and loses their answers, as Discord's front may."""

from __future__ import annotations

import pytest

from cogs import _build_threads
from sandbox import ChannelRef, Loopback
from sandbox.state import Permission

from .conftest import ErrorLog, RunningBot
from .test_build_locked_cards import without_manage_threads
from .test_builds import (
    FORUM_POST,
    POST,
    THREAD_FROM_MESSAGE,
    builds_channel,
    newest_thread,
    requests,
    start,
)
from .test_privacy import deleted
from .test_setup import overwrite_bot

STARTED = "Build #1 started in <#{thread}>."


def cards_sent(loopback: Loopback, channel: ChannelRef) -> list[dict[str, object]]:
    """The bodies of the messages the bot sent to `channel`, in order."""
    path = f"/channels/{channel.id}/messages"
    return [r.request for r in requests(loopback, POST) if r.path == path]


async def test_a_thread_started_whose_answer_was_lost_starts_the_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    general = await builds_channel(loopback, "general")
    loopback.faults.lose_answer(*THREAD_FROM_MESSAGE)  # the connection drops once it is started
    started = await start(loopback)

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    [card] = loopback.messages(general)
    assert card.id == thread.id  # the thread started on the card
    [asked] = requests(loopback, THREAD_FROM_MESSAGE)
    assert asked.status is None  # no answer came
    assert len(cards_sent(loopback, general)) == 1
    assert not any(r.method == "DELETE" for r in loopback.requests)  # the card stays
    update = await loopback.slash("build update", text="Lifted", where=thread)
    assert update.text.startswith("Update posted"), update.text


async def test_a_thread_never_started_takes_its_card_and_build_with_it(
    loopback: Loopback, keitora: RunningBot, error_log: ErrorLog
) -> None:
    general = await builds_channel(loopback, "general")
    # Answered 503 before it is handled: no thread, and nothing that says so.
    loopback.faults.server_error(*THREAD_FROM_MESSAGE, status=503)
    refused = await start(loopback)
    error_log.records.clear()  # reported with a reference, as any unexpected error is

    assert "started" not in refused.text
    assert "Something went wrong on my side" in refused.text, refused.text
    [card] = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert card.response is not None
    await deleted(loopback, f"/channels/{general.id}/messages/{card.response['id']}")
    assert loopback.messages(general) == []
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


async def test_a_forum_post_whose_answer_was_lost_starts_the_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    loopback.faults.lose_answer(*FORUM_POST, status=503)  # a 503 discord.py does not ask again
    started = await start(loopback)

    [post] = requests(loopback, FORUM_POST)
    assert post.status == 503
    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    update = await loopback.slash("build update", text="Lifted", where=thread)
    assert update.text.startswith("Update posted"), update.text


async def test_a_forum_post_discord_did_not_start_gives_the_build_up(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await builds_channel(loopback)
    # Within the loopback's wait for an answer: it tells of a post at once, or never.
    monkeypatch.setattr(_build_threads, "FORUM_POST_TOLD_WITHIN", 0.2)
    loopback.faults.server_error(*FORUM_POST, status=503)
    refused = await start(loopback)
    error_log.records.clear()
    assert "Something went wrong on my side" in refused.text, refused.text
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


@pytest.mark.parametrize("lost", [1, 2])
async def test_a_card_whose_answer_was_lost_is_sent_once(
    loopback: Loopback, keitora: RunningBot, lost: int
) -> None:
    general = await builds_channel(loopback, "general")
    loopback.faults.lose_answer(
        *POST, times=lost, applies_to=lambda path, body: path == f"/channels/{general.id}/messages"
    )
    started = await start(loopback)

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    sent = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    # Sent again with its nonce until Discord answered, with the card it took first.
    assert [r.status for r in sent] == [None] * lost + [200]  # the connections dropped
    assert len({r.request["nonce"] for r in sent}) == 1
    assert all(r.request["enforce_nonce"] is True for r in sent)
    assert sent[-1].response["id"] == thread.id  # one card
    assert [m.id for m in loopback.messages(general)] == [thread.id]


GET_CHANNEL = ("GET", "/channels/{channel_id}")
GET_MESSAGE = ("GET", "/channels/{channel_id}/messages/{message_id}")


async def test_a_thread_nobody_can_say_was_started_is_deleted_later_with_its_card(
    loopback: Loopback, keitora: RunningBot, error_log: ErrorLog
) -> None:
    general = await builds_channel(loopback, "general")
    loopback.faults.lose_answer(*THREAD_FROM_MESSAGE)  # started, and not said so
    loopback.faults.server_error(*GET_CHANNEL, status=503)  # nor does the look for it say
    refused = await start(loopback)
    error_log.records.clear()  # reported with a reference, as any unexpected error is

    assert "Something went wrong on my side" in refused.text, refused.text
    thread = newest_thread(loopback)  # started on the card, whose id it shares
    # The thread, which deleting its card would leave standing empty, goes first; then the card.
    await deleted(loopback, f"/channels/{thread.id}")
    await deleted(loopback, f"/channels/{general.id}/messages/{thread.id}")
    deletes = [r.path for r in loopback.requests if r.method == "DELETE"]
    assert deletes == [f"/channels/{thread.id}", f"/channels/{general.id}/messages/{thread.id}"]
    assert thread.id not in loopback.world.channels
    assert loopback.messages(general) == []
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


async def test_a_forum_post_whose_answer_was_lost_is_found_without_read_message_history(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    await overwrite_bot(keitora, loopback, forum, deny=Permission.READ_MESSAGE_HISTORY)
    loopback.faults.lose_answer(*FORUM_POST, status=503)
    started = await start(loopback)

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    # Discord refuses to read a channel's messages without Read Message History: not asked.
    reads = [r for r in loopback.requests if (r.method, r.template) == GET_MESSAGE]
    assert reads == []


async def test_without_read_message_history_an_older_post_of_the_name_is_not_taken(
    loopback: Loopback,
    keitora: RunningBot,
    error_log: ErrorLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forum = await builds_channel(loopback)
    await start(loopback)  # build #1, "Camper Carry"
    await overwrite_bot(keitora, loopback, forum, deny=Permission.READ_MESSAGE_HISTORY)
    monkeypatch.setattr(_build_threads, "FORUM_POST_TOLD_WITHIN", 0.2)
    loopback.faults.server_error(*FORUM_POST, status=503)
    # Another truck: build #2, never posted.
    refused = await start(loopback, title="Acty", truck="1991 Honda Acty")
    error_log.records.clear()
    assert "Something went wrong on my side" in refused.text, refused.text
    gone = await loopback.slash("build show", build="2")
    assert gone.text == "There is no build #2 in this server."


ACTIVE_THREADS = ("GET", "/guilds/{guild_id}/threads/active")


async def test_a_forum_post_whose_answer_and_event_are_late_is_found_through_rest(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await builds_channel(loopback)
    monkeypatch.setattr(_build_threads, "FORUM_POST_TOLD_WITHIN", 0.2)
    loopback.faults.lose_answer(*FORUM_POST, status=503)
    late = loopback.faults.hold_event("THREAD_CREATE")  # the gateway is slow to tell of it
    started = await start(loopback)

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    [asked] = requests(loopback, ACTIVE_THREADS)
    assert asked.path == f"/guilds/{thread.guild_id}/threads/active"
    assert not any(r.method == "DELETE" for r in loopback.requests)
    late.release()
    update = await loopback.slash("build update", text="Lifted", where=thread)
    assert update.text.startswith("Update posted"), update.text


async def test_a_forum_post_discord_started_twice_on_a_retried_500_keeps_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    # Started, answered 500: discord.py asks again, without a nonce, and a second post starts.
    loopback.faults.lose_answer(*FORUM_POST, status=500)
    started = await start(loopback)

    first, second = requests(loopback, FORUM_POST)
    assert first.status == 500
    assert second.response is not None
    kept = second.response["id"]
    assert started.text.startswith(STARTED.format(thread=kept)), started.text
    [twin, again] = [
        data["id"]
        for event, data in loopback.dispatched
        if event == "THREAD_CREATE" and data["parent_id"] == forum.id
    ]
    assert again == kept
    await deleted(loopback, f"/channels/{twin}")
    posts = [c["id"] for c in loopback.world.channels.values() if c.get("parent_id") == forum.id]
    assert posts == [kept]


async def test_a_second_post_discord_keeps_without_manage_threads_loses_its_card(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    await without_manage_threads(loopback, keitora)
    loopback.faults.lose_answer(*FORUM_POST, status=500)  # started twice, as above
    await start(loopback)

    first, second = requests(loopback, FORUM_POST)
    assert first.status == 500
    assert second.response is not None
    twin = next(
        data["id"]
        for event, data in loopback.dispatched
        if event == "THREAD_CREATE" and data["parent_id"] == forum.id
    )
    # Discord refuses a thread's deletion to a bot that may not manage threads; the post's
    # card, its first message, is the bot's own to delete.
    await deleted(loopback, f"/channels/{twin}/messages/{twin}")
    path = f"/channels/{twin}"
    refused = [r.status for r in loopback.requests if r.method == "DELETE" and r.path == path]
    assert refused == [403]
    assert loopback.world.messages[twin] == {}


async def test_a_second_post_whose_deletion_discord_did_not_answer_is_deleted_later(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    loopback.faults.lose_answer(*FORUM_POST, status=500)  # started twice, as above
    loopback.faults.server_error("DELETE", "/channels/{channel_id}", status=503)
    await start(loopback)

    twin = next(
        data["id"]
        for event, data in loopback.dispatched
        if event == "THREAD_CREATE" and data["parent_id"] == forum.id
    )
    path = f"/channels/{twin}"
    await loopback.wait_until(
        lambda: (
            [r.status for r in loopback.requests if r.method == "DELETE" and r.path == path]
            == [503, 200]
        ),
        what="the second post deleted by a job",
    )
    assert twin not in loopback.world.channels
