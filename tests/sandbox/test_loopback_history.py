"""Pages of a channel's history as Discord answers them: newest first, and a page asked `after`
a message holds the messages right after it, not the newest. Paging forward from an old message
(discord.py's `history(after=..., oldest_first=True)`) relies on it."""

from __future__ import annotations

import discord

from sandbox import Loopback

from .conftest import ProbeBot


def _general(bot: ProbeBot, loopback: Loopback) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel("general").id))  # type: ignore[return-value]


async def test_a_page_after_a_message_holds_the_ones_right_after_it_newest_first(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _general(bot, loopback)
    sent = [await general.send(f"message {n}") for n in range(8)]

    page = await bot.http.logs_from(general.id, 3, after=sent[1].id)
    assert [int(m["id"]) for m in page] == [sent[4].id, sent[3].id, sent[2].id]
    newest = await bot.http.logs_from(general.id, 3)
    assert [int(m["id"]) for m in newest] == [sent[7].id, sent[6].id, sent[5].id]
    older = await bot.http.logs_from(general.id, 3, before=sent[5].id)
    assert [int(m["id"]) for m in older] == [sent[4].id, sent[3].id, sent[2].id]


async def test_paging_forward_from_an_old_message_reads_every_later_one_in_order(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _general(bot, loopback)
    sent = [await general.send(f"message {n}") for n in range(130)]

    read = [m.id async for m in general.history(limit=None, after=sent[0], oldest_first=True)]
    assert read == [m.id for m in sent[1:]]
    first_page = [m.id async for m in general.history(limit=100, after=sent[0], oldest_first=True)]
    assert first_page == [m.id for m in sent[1:101]]
