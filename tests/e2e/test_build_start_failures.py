"""A build whose thread Discord refused to start, in a text channel: its card, already sent,
goes with the build, rather than stand in the channel for a build nobody can find; when Discord
will not delete it at once either, a job deletes it, once."""

from __future__ import annotations

from datetime import timedelta

from bot.builds.unsent import BUILD_UNSENT_CARD_JOB
from sandbox import Loopback

from .conftest import ErrorLog, RunningBot, eventually, first_attempt_failed
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


DELETE_MESSAGE = ("DELETE", "/channels/{channel_id}/messages/{message_id}")


async def test_a_card_discord_would_not_delete_at_once_is_deleted_later_once(
    loopback: Loopback, keitora: RunningBot, error_log: ErrorLog
) -> None:
    general = await builds_channel(loopback, "general")
    loopback.faults.server_error(*THREAD_FROM_MESSAGE, status=503)
    loopback.faults.server_error(*DELETE_MESSAGE, status=503, times=2)  # and the job's first

    refused = await start(loopback)
    assert "Something went wrong on my side" in refused.text, refused.text
    error_log.records.clear()  # the 503, reported with a reference as any server error is

    [card] = [r for r in requests(loopback, POST) if r.path == f"/channels/{general.id}/messages"]
    assert card.response is not None
    card_path = f"/channels/{general.id}/messages/{card.response['id']}"

    def deletes() -> list[int | None]:
        return [r.status for r in requests(loopback, DELETE_MESSAGE) if r.path == card_path]

    await first_attempt_failed(keitora, BUILD_UNSENT_CARD_JOB)
    assert deletes() == [503, 503]
    keitora.clock.advance(timedelta(minutes=1))  # the job's back-off

    async def gone() -> bool:
        await keitora.bot.job_runner.run_due()
        return deletes() == [503, 503, 204]

    await eventually(gone, "the card deleted on the job's second try")
    assert all(m.id != card.response["id"] for m in loopback.messages(general))
    keitora.clock.advance(timedelta(hours=2))  # a retry, had the job not settled, is due
    await keitora.bot.job_runner.run_due()
    await loopback.bot_quiet()
    assert deletes() == [503, 503, 204]
