"""A server can remove the bot, add it back, or be briefly unavailable, as on Discord: a removal
is GUILD_DELETE without `unavailable` and leaves the bot no access; an outage says `unavailable`."""

from __future__ import annotations

import asyncio

import discord
import pytest

from sandbox import Loopback

from .conftest import ProbeBot


async def test_a_removed_bot_is_told_and_loses_access_until_added_back(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = loopback.guild
    assert guild is not None
    removed = asyncio.create_task(bot.wait_for("guild_remove", timeout=5))
    await loopback.remove_bot(guild)
    assert (await removed).id == int(guild.id)
    assert loopback.dispatched[-1] == ("GUILD_DELETE", {"id": guild.id})
    with pytest.raises(discord.Forbidden) as refused:
        await bot.http.send_message(int(loopback.channel("general").id), params=_text("hi"))
    assert refused.value.code == 50001

    joined = asyncio.create_task(bot.wait_for("guild_join", timeout=5))
    await loopback.add_bot(guild)
    assert (await joined).id == int(guild.id)
    sent = await bot.http.send_message(int(loopback.channel("general").id), params=_text("back"))
    assert sent["content"] == "back"


async def test_an_outage_is_not_a_removal(loopback: Loopback, bot: ProbeBot) -> None:
    guild = loopback.guild
    assert guild is not None
    unavailable = asyncio.create_task(bot.wait_for("guild_unavailable", timeout=5))
    await loopback.outage(guild)
    assert (await unavailable).id == int(guild.id)
    available = asyncio.create_task(bot.wait_for("guild_available", timeout=5))
    await loopback.outage_over(guild)
    assert (await available).id == int(guild.id)


def _text(content: str) -> discord.http.MultipartParameters:
    return discord.http.handle_message_parameters(content=content)


async def test_the_bots_servers_are_listed_in_pages_without_the_ones_that_removed_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    first = loopback.guild
    assert first is not None
    others = [loopback.add_guild(f"Kei Club {n}") for n in range(3)]
    every = sorted([first, *others], key=lambda guild: int(guild.id))
    listed = [guild.id async for guild in bot.fetch_guilds(limit=None)]
    assert listed == [int(guild.id) for guild in every]
    page = await bot.http.get_guilds(2, after=int(every[0].id))
    assert [g["id"] for g in page] == [every[1].id, every[2].id]
    page = await bot.http.get_guilds(2, before=int(every[-1].id))
    assert [g["id"] for g in page] == [every[-3].id, every[-2].id]
    assert not page[0]["owner"]

    await loopback.remove_bot(others[0])
    listed = [guild.id async for guild in bot.fetch_guilds(limit=None)]
    assert int(others[0].id) not in listed
    assert len(listed) == len(every) - 1
