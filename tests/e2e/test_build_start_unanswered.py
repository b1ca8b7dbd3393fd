"""A build whose thread Discord did not answer for (a 5xx, a timeout, a dropped connection) may
have been started all the same: the bot looks for it, and starts the build on the thread it
finds; when there is none, the member is not told of a build, which goes with its card."""

from __future__ import annotations

from typing import Any

import aiohttp
import discord
import pytest

from cogs import _build_threads
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_builds import (
    FORUM_POST,
    POST,
    builds_channel,
    newest_thread,
    requests,
    start,
)
from .test_privacy import deleted

STARTED = "Build #1 started in <#{thread}>."


async def test_a_thread_started_whose_answer_was_lost_starts_the_build(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    general = await builds_channel(loopback, "general")
    create_thread = discord.Message.create_thread

    async def answer_lost(message: discord.Message, **kwargs: Any) -> Any:
        await create_thread(message, **kwargs)  # Discord starts the thread ...
        raise TimeoutError  # ... and its answer never comes back

    monkeypatch.setattr(discord.Message, "create_thread", answer_lost)
    started = await start(loopback)
    monkeypatch.undo()

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    [card] = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert card.response is not None
    assert card.response["id"] == thread.id  # the thread started on the card
    assert not any(r.method == "DELETE" for r in loopback.requests)  # the card stays
    update = await loopback.slash("build update", text="Lifted", where=thread)
    assert update.text.startswith("Update posted"), update.text


@pytest.mark.parametrize(
    "lost", [TimeoutError(), aiohttp.ClientConnectionError("the connection dropped")]
)
async def test_a_thread_never_started_takes_its_card_and_build_with_it(
    loopback: Loopback,
    keitora: RunningBot,
    monkeypatch: pytest.MonkeyPatch,
    error_log: ErrorLog,
    lost: Exception,
) -> None:
    general = await builds_channel(loopback, "general")

    async def never_sent(message: discord.Message, **kwargs: Any) -> Any:
        raise lost

    monkeypatch.setattr(discord.Message, "create_thread", never_sent)
    refused = await start(loopback)
    monkeypatch.undo()
    error_log.records.clear()  # reported with a reference, as any unexpected error is

    assert "started" not in refused.text
    assert "Something went wrong on my side" in refused.text, refused.text
    [card] = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert card.response is not None
    await deleted(loopback, f"/channels/{general.id}/messages/{card.response['id']}")
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "There is no build #1 in this server."


async def test_a_forum_post_whose_answer_was_lost_starts_the_build(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await builds_channel(loopback)
    create_thread = discord.ForumChannel.create_thread

    async def answer_lost(forum: discord.ForumChannel, **kwargs: Any) -> Any:
        await create_thread(forum, **kwargs)
        raise discord.DiscordServerError(_Response(500), "the answer was lost")

    monkeypatch.setattr(discord.ForumChannel, "create_thread", answer_lost)
    started = await start(loopback)
    monkeypatch.undo()

    [post] = requests(loopback, FORUM_POST)
    assert post.response is not None
    assert started.text.startswith(STARTED.format(thread=post.response["id"])), started.text
    update = await loopback.slash("build update", text="Lifted", where=newest_thread(loopback))
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


class _Response:
    """What discord.py reads of an HTTP answer to word its error."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "Internal Server Error"


async def test_a_card_whose_answer_was_lost_is_sent_once(
    loopback: Loopback, keitora: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    general = await builds_channel(loopback, "general")
    send = discord.TextChannel.send
    lost: list[bool] = []

    async def answer_lost_once(channel: discord.TextChannel, *args: Any, **kwargs: Any) -> Any:
        sent = await send(channel, *args, **kwargs)
        if not lost:
            lost.append(True)
            raise TimeoutError  # Discord took the card; its answer never came back
        return sent

    monkeypatch.setattr(discord.TextChannel, "send", answer_lost_once)
    started = await start(loopback)
    monkeypatch.undo()

    thread = newest_thread(loopback)
    assert started.text.startswith(STARTED.format(thread=thread.id)), started.text
    sent = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert len(sent) == 2  # sent again with its nonce, which Discord answered with the first
    assert sent[0].request["nonce"] == sent[1].request["nonce"]
    assert sent[0].response is not None
    assert sent[1].response is not None
    assert sent[1].response["id"] == sent[0].response["id"] == thread.id  # one card
