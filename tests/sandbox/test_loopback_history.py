"""Pages of a channel's history as Discord answers them: newest first, and a page asked `after`
a message holds the messages right after it, not the newest. Paging forward from an old message
(discord.py's `history(after=..., oldest_first=True)`) relies on it."""

from __future__ import annotations

import discord

from sandbox import Loopback

from .conftest import ProbeBot


def _general(bot: ProbeBot, loopback: Loopback) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel("general").id))  # type: ignore[return-value]


async def _history(loopback: Loopback, count: int) -> list[int]:
    """`count` messages in #general, written by a member: the bot could send only 5 every 5
    seconds into one channel."""
    general, dale = loopback.channel("general"), loopback.member("Dale")
    posted = [await loopback.post(general, f"message {n}", actor=dale) for n in range(count)]
    return [int(message.id) for message in posted]


async def test_a_page_after_a_message_holds_the_ones_right_after_it_newest_first(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _general(bot, loopback)
    sent = await _history(loopback, 8)

    page = await bot.http.logs_from(general.id, 3, after=sent[1])
    assert [int(m["id"]) for m in page] == [sent[4], sent[3], sent[2]]
    newest = await bot.http.logs_from(general.id, 3)
    assert [int(m["id"]) for m in newest] == [sent[7], sent[6], sent[5]]
    older = await bot.http.logs_from(general.id, 3, before=sent[5])
    assert [int(m["id"]) for m in older] == [sent[4], sent[3], sent[2]]


async def test_paging_forward_from_an_old_message_reads_every_later_one_in_order(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _general(bot, loopback)
    sent = await _history(loopback, 130)
    first = discord.Object(sent[0])

    read = [m.id async for m in general.history(limit=None, after=first, oldest_first=True)]
    assert read == sent[1:]
    first_page = [m.id async for m in general.history(limit=100, after=first, oldest_first=True)]
    assert first_page == sent[1:101]
