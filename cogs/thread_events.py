"""What Discord tells of the threads Keitora names after what they are about (builds, meetups),
for every sort alike: a thread unlocked may take the name it was refused; a role given to the
bot, a permission to a role it holds, or a channel's permissions changed, may allow the renames
Discord refused; a thread deleted
is forgotten, so what went there goes elsewhere (a meetup's notices beside its card)."""

from __future__ import annotations

import logging
from typing import Protocol

import discord
from discord.ext import commands

from bot.client import KeitoraBot

log = logging.getLogger(__name__)


class Item(Protocol):
    @property
    def id(self) -> int: ...


class NamedThreads(Protocol):
    """A service whose items each have a thread named by the item (BuildService,
    MeetupService); their thread ids never meet."""

    async def in_thread(self, guild_id: int, thread_id: int, /) -> Item | None: ...

    async def thread_deleted(self, guild_id: int, thread_id: int, /) -> Item | None: ...

    async def thread_names_due(self, guild_id: int, item_id: int | None = None, /) -> None: ...


class ThreadEventsCog(commands.Cog):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.named: dict[str, NamedThreads] = {
            "build": bot.services.builds,
            "meetup": bot.services.meetups,
        }

    async def _all_due(self, guild_id: int) -> None:
        for service in self.named.values():
            await service.thread_names_due(guild_id)

    @commands.Cog.listener()
    async def on_raw_thread_update(self, payload: discord.RawThreadUpdateEvent) -> None:
        """A thread unlocked in Discord may take the name it was refused, without waiting for
        the daily look. Raw: an archived thread is not in discord.py's cache, so its unlock is
        no `on_thread_update`."""
        if payload.data.get("thread_metadata", {}).get("locked", False):
            return
        for service in self.named.values():
            item = await service.in_thread(payload.guild_id, payload.thread_id)
            if item is not None:
                await service.thread_names_due(payload.guild_id, item.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        for kind, service in self.named.items():
            item = await service.thread_deleted(payload.guild_id, payload.thread_id)
            if item is not None:
                log.info("the thread of %s %s was deleted in Discord", kind, item.id)

    @commands.Cog.listener()
    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        """A rename Discord refused may be allowed once a role the bot holds (@everyone
        among them: the server-wide permissions) gains a permission."""
        if before.permissions == after.permissions:
            return
        me = after.guild.me
        if after.is_default() or (me is not None and after in me.roles):
            await self._all_due(after.guild.id)

    @commands.Cog.listener()
    async def on_guild_channel_update(
        self, before: discord.abc.GuildChannel, after: discord.abc.GuildChannel
    ) -> None:
        """A channel's permissions changed (the meetups channel, the builds forum): a rename of a
        thread in it that Discord refused may be allowed now."""
        if before.overwrites != after.overwrites:
            await self._all_due(after.guild.id)

    @commands.Cog.listener()
    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        """A role given to the bot (or taken: it may have carried a channel's deny) may allow
        a rename Discord refused. Discord tells the bot of its own roles without the members
        intent, which it does not ask for."""
        if self.bot.user is None or after.id != self.bot.user.id or before.roles == after.roles:
            return
        await self._all_due(after.guild.id)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(ThreadEventsCog(bot))
