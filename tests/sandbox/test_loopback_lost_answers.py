"""A call Discord handles in full whose answer is lost on the way back (a 5xx from a proxy in
front of it, a dropped connection): what it did stands, and the caller cannot tell."""

from __future__ import annotations

import aiohttp
import discord
import pytest

from sandbox import Loopback

from .conftest import ProbeBot

MESSAGES = "/channels/{channel_id}/messages"


def _general(bot: ProbeBot, loopback: Loopback) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel("general").id))  # type: ignore[return-value]


async def test_a_message_whose_answer_is_a_503_was_sent_all_the_same(
    loopback: Loopback, bot: ProbeBot
) -> None:
    loopback.faults.lose_answer("POST", MESSAGES, status=503)

    with pytest.raises(discord.DiscordServerError):
        await _general(bot, loopback).send("Meetup Saturday")

    [sent] = loopback.messages("general")
    assert sent.content == "Meetup Saturday"
    [call] = [r for r in loopback.requests if (r.method, r.template) == ("POST", MESSAGES)]
    assert call.status == 503  # what the bot was answered


async def test_a_message_whose_connection_dropped_was_sent_all_the_same(
    loopback: Loopback, bot: ProbeBot
) -> None:
    loopback.faults.lose_answer("POST", MESSAGES)

    with pytest.raises(aiohttp.ClientConnectionError):
        await _general(bot, loopback).send("Meetup Saturday")

    [sent] = loopback.messages("general")
    assert sent.content == "Meetup Saturday"
    [call] = [r for r in loopback.requests if (r.method, r.template) == ("POST", MESSAGES)]
    assert call.status is None  # no answer at all


async def test_only_the_planned_calls_lose_their_answers(loopback: Loopback, bot: ProbeBot) -> None:
    loopback.faults.lose_answer(
        "POST", MESSAGES, status=503, applies_to=lambda path, body: body.get("content") == "second"
    )
    general = _general(bot, loopback)

    first = await general.send("first")
    with pytest.raises(discord.DiscordServerError):
        await general.send("second")
    third = await general.send("third")

    assert [m.content for m in loopback.messages("general")] == ["first", "second", "third"]
    assert (first.content, third.content) == ("first", "third")
