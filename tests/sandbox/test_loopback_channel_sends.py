"""Discord lets a bot send about 5 messages into one channel every 5 seconds: each answer tells
the bucket in X-RateLimit-* headers, keyed by the channel, and a send past it meets a 429."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

from sandbox import Loopback

from .conftest import ProbeBot

CREATE_MESSAGE = "/channels/{channel_id}/messages"
# A window short enough not to slow the suite, long enough that five sends never straddle it.
WINDOW = 2.0


@pytest.fixture
async def session(loopback: Loopback) -> AsyncIterator[aiohttp.ClientSession]:
    headers = {"Authorization": f"Bot {loopback.token}"}
    async with aiohttp.ClientSession(headers=headers) as client:
        yield client


def _short_window(loopback: Loopback) -> None:
    options = loopback.core.options
    assert (options.channel_sends, options.channel_send_window) == (5, 5.0)  # Discord's
    loopback.core.options = replace(options, channel_send_window=WINDOW)


async def _send(
    session: aiohttp.ClientSession, loopback: Loopback, channel: str, content: str
) -> tuple[int, dict[str, str], Any]:
    channel_id = loopback.channel(channel).id
    async with session.post(
        f"{loopback.api_base}/channels/{channel_id}/messages", json={"content": content}
    ) as answer:
        return answer.status, dict(answer.headers), await answer.json()


async def test_the_sixth_send_into_a_channel_within_its_window_meets_a_429(
    loopback: Loopback, session: aiohttp.ClientSession
) -> None:
    _short_window(loopback)
    answers = [await _send(session, loopback, "general", f"update {n}") for n in range(5)]
    assert [status for status, _, _ in answers] == [200] * 5
    assert [h["X-RateLimit-Remaining"] for _, h, _ in answers] == ["4", "3", "2", "1", "0"]
    assert {h["X-RateLimit-Limit"] for _, h, _ in answers} == {"5"}
    for _, headers, _ in answers:
        assert 0 < float(headers["X-RateLimit-Reset-After"]) <= WINDOW
        assert float(headers["X-RateLimit-Reset"]) == pytest.approx(
            time.time() + float(headers["X-RateLimit-Reset-After"]), abs=1.0
        )

    status, headers, body = await _send(session, loopback, "general", "update 5")
    assert status == 429
    assert body["global"] is False
    assert body["message"] == "You are being rate limited."
    assert 0 < body["retry_after"] <= WINDOW
    assert headers["X-RateLimit-Limit"] == "5"
    assert headers["X-RateLimit-Remaining"] == "0"
    assert headers["X-RateLimit-Scope"] == "user"
    assert float(headers["X-RateLimit-Reset-After"]) >= body["retry_after"]
    assert int(headers["Retry-After"]) >= body["retry_after"]
    assert "X-RateLimit-Global" not in headers
    assert [m.content for m in loopback.messages("general")] == [f"update {n}" for n in range(5)]

    await asyncio.sleep(body["retry_after"])
    status, headers, _ = await _send(session, loopback, "general", "update 5")
    assert (status, headers["X-RateLimit-Remaining"]) == (200, "4")
    assert loopback.messages("general")[-1].content == "update 5"


async def test_each_channel_has_its_own_bucket_under_one_bucket_name(
    loopback: Loopback, session: aiohttp.ClientSession
) -> None:
    _short_window(loopback)
    for n in range(5):
        await _send(session, loopback, "general", f"update {n}")
    assert (await _send(session, loopback, "general", "one too many"))[0] == 429

    status, headers, _ = await _send(session, loopback, "meetups", "elsewhere")
    assert (status, headers["X-RateLimit-Remaining"]) == (200, "4")
    general_bucket = (await _send(session, loopback, "general", "still too many"))[1]
    assert headers["X-RateLimit-Bucket"] == general_bucket["X-RateLimit-Bucket"]


async def test_discord_py_waits_out_the_window_and_sends_each_message_once(
    loopback: Loopback, bot: ProbeBot
) -> None:
    _short_window(loopback)
    general = bot.get_channel(int(loopback.channel("general").id))
    assert general is not None

    await asyncio.gather(*(general.send(f"reminder {n}") for n in range(7)))

    creates = [r for r in loopback.requests if r.template == CREATE_MESSAGE]
    # discord.py reads the bucket from the headers and sleeps before the sixth send.
    assert [r.status for r in creates] == [200] * 7
    assert creates[5].started - creates[0].started >= WINDOW - 0.05
    contents = sorted(m.content for m in loopback.messages("general"))
    assert contents == [f"reminder {n}" for n in range(7)]


async def test_discord_py_retries_a_send_into_a_spent_channel_once_after_the_429(
    loopback: Loopback, bot: ProbeBot, session: aiohttp.ClientSession
) -> None:
    _short_window(loopback)
    # Another client of the same bot (a second process, say) spent the channel's bucket.
    for n in range(5):
        await _send(session, loopback, "general", f"elsewhere {n}")
    general = bot.get_channel(int(loopback.channel("general").id))
    assert general is not None

    await general.send("meetup moved to 10am")

    statuses = [r.status for r in loopback.requests if r.template == CREATE_MESSAGE]
    assert statuses == [200] * 5 + [429, 200]
    assert [m.content for m in loopback.messages("general")].count("meetup moved to 10am") == 1


async def test_every_answer_tells_the_bucket_and_a_planned_429_spends_none_of_it(
    loopback: Loopback, session: aiohttp.ClientSession
) -> None:
    _short_window(loopback)
    loopback.faults.rate_limit("POST", CREATE_MESSAGE, times=5)
    for _ in range(5):
        assert (await _send(session, loopback, "general", "held up"))[0] == 429

    # A refusal Discord took up spends a request, and says what is left, as a success does.
    status, headers, body = await _send(session, loopback, "general", "")
    assert (status, body["code"], headers["X-RateLimit-Remaining"]) == (400, 50006, "4")
    answers = [await _send(session, loopback, "general", f"update {n}") for n in range(4)]
    assert [status for status, _, _ in answers] == [200] * 4
