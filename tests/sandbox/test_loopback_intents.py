"""The gateway sends a session only what its intents cover, and hides content without the
privileged MESSAGE_CONTENT intent, as Discord does."""

from __future__ import annotations

import asyncio

import discord
import pytest

from sandbox import Loopback

from .conftest import running_bot


async def test_a_bot_with_only_the_guilds_intent_gets_no_member_messages(
    loopback: Loopback,
) -> None:
    async with running_bot(loopback, discord.Intents(guilds=True)) as bot:
        seen = asyncio.create_task(bot.wait_for("message", timeout=0.5))
        await loopback.post(loopback.channel("general"), "hello", actor=loopback.member("Dale"))

        with pytest.raises(TimeoutError):
            await seen
        assert bot.get_guild(int(loopback.guild.id)) is not None  # GUILD_CREATE still came


async def test_without_message_content_a_member_message_arrives_empty_unless_it_mentions_the_bot(
    loopback: Loopback,
) -> None:
    intents = discord.Intents(guilds=True, guild_messages=True)
    async with running_bot(loopback, intents) as bot:
        general = loopback.channel("general")
        dale = loopback.member("Dale")
        seen = asyncio.create_task(bot.wait_for("message", timeout=5))
        await loopback.post(general, "anyone near Boise?", actor=dale)
        plain = await seen
        seen = asyncio.create_task(bot.wait_for("message", timeout=5))
        await loopback.post(general, f"<@{loopback.bot.id}> near Boise?", actor=dale)
        mentioning = await seen

    assert (plain.content, plain.author.display_name) == ("", "Dale")
    assert mentioning.content == f"<@{loopback.bot.id}> near Boise?"


async def test_with_message_content_the_text_arrives(loopback: Loopback) -> None:
    intents = discord.Intents(guilds=True, guild_messages=True, message_content=True)
    async with running_bot(loopback, intents) as bot:
        seen = asyncio.create_task(bot.wait_for("message", timeout=5))
        await loopback.post(loopback.channel("general"), "hello", actor=loopback.member("Dale"))
        message = await seen

    assert message.content == "hello"


async def test_reactions_need_the_reactions_intent(loopback: Loopback) -> None:
    async with running_bot(loopback, discord.Intents(guilds=True, guild_messages=True)) as bot:
        posted = await loopback.post(
            loopback.channel("general"), "hi", actor=loopback.member("Dale")
        )
        reacted = asyncio.create_task(bot.wait_for("raw_reaction_add", timeout=0.5))
        await loopback.react(posted, "👍", actor=loopback.member("Rosa"))

        with pytest.raises(TimeoutError):
            await reacted
