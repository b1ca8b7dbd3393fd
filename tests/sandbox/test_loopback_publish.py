"""Announcement channels: Discord publishes about 10 messages an hour from one channel and
answers the next with a 429 until the oldest is an hour old; text channels cannot publish."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import aiohttp
import pytest

from bot.clock import ManualClock
from sandbox import Loopback


@pytest.fixture
async def session(loopback: Loopback) -> AsyncIterator[aiohttp.ClientSession]:
    # Eleven posts into one channel at once, which Discord takes only 5 every 5 seconds: these
    # tests are of the publish budget, not of pacing sends.
    loopback.core.options = replace(loopback.core.options, channel_sends=100)
    headers = {"Authorization": f"Bot {loopback.token}"}
    async with aiohttp.ClientSession(headers=headers) as client:
        yield client


async def post(session: aiohttp.ClientSession, loopback: Loopback, channel: str) -> str:
    channel_id = loopback.guild.channel(channel).id
    async with session.post(
        f"{loopback.api_base}/channels/{channel_id}/messages", json={"content": "Hijet arrived"}
    ) as answer:
        assert answer.status == 200
        return (await answer.json())["id"]


async def publish(
    session: aiohttp.ClientSession, loopback: Loopback, channel: str, message_id: str
) -> tuple[int, dict]:
    channel_id = loopback.guild.channel(channel).id
    async with session.post(
        f"{loopback.api_base}/channels/{channel_id}/messages/{message_id}/crosspost"
    ) as answer:
        return answer.status, await answer.json()


async def test_the_eleventh_publish_of_the_hour_is_rate_limited_until_the_first_ages_out(
    loopback: Loopback, session: aiohttp.ClientSession, clock: ManualClock
) -> None:
    for _ in range(10):
        message = await post(session, loopback, "announcements")
        status, _ = await publish(session, loopback, "announcements", message)
        assert status == 200
        clock.advance(timedelta(minutes=1))

    eleventh = await post(session, loopback, "announcements")
    status, body = await publish(session, loopback, "announcements", eleventh)
    assert status == 429
    assert body["retry_after"] == pytest.approx(50 * 60)
    assert not loopback.messages("announcements")[-1].flags & 1

    clock.advance(timedelta(minutes=50))
    status, published = await publish(session, loopback, "announcements", eleventh)
    assert status == 200
    assert published["flags"] & 1


async def test_a_message_in_a_text_channel_cannot_be_published(
    loopback: Loopback, session: aiohttp.ClientSession
) -> None:
    message = await post(session, loopback, "general")
    status, body = await publish(session, loopback, "general", message)
    assert (status, body["code"]) == (400, 50024)


async def test_a_message_is_published_once(
    loopback: Loopback, session: aiohttp.ClientSession
) -> None:
    message = await post(session, loopback, "announcements")
    assert (await publish(session, loopback, "announcements", message))[0] == 200
    status, body = await publish(session, loopback, "announcements", message)
    assert (status, body["code"]) == (400, 40033)
