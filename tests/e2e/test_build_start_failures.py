"""A build whose thread Discord refused to start, in a text channel: its card, already sent,
goes with the build, rather than stand in the channel for a build nobody can find."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import ErrorLog, RunningBot
from .test_builds import POST, THREAD_FROM_MESSAGE, builds_channel, requests, start
from .test_privacy import deleted


async def test_a_card_whose_thread_discord_refused_is_deleted_with_its_build(
    loopback: Loopback, keitora: RunningBot, error_log: ErrorLog
) -> None:
    general = await builds_channel(loopback, "general")
    loopback.faults.server_error(*THREAD_FROM_MESSAGE, status=503)

    refused = await start(loopback)

    [card] = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert card.response is not None
    await deleted(loopback, f"/channels/{general.id}/messages/{card.response['id']}")
    assert "Something went wrong on my side" in refused.text, refused.text
    error_log.records.clear()  # the 503, reported with a reference as any server error is
    assert loopback.guild is not None
    assert await keitora.bot.services.builds.get_many(int(loopback.guild.id), [1]) == {}
