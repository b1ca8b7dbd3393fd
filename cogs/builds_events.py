"""What Discord and the server's settings tell the build logs: a build's thread deleted (or
unlocked) in Discord, and the builds forum changed (its tags or permissions, or another forum
chosen), after which the note about tags the bot may not add is news again, and a rename
Discord refused may be allowed (as after a change to the bot's roles or @everyone's)."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.builds import BuildService
from bot.client import KeitoraBot

log = logging.getLogger(__name__)


class BuildEventsCog(commands.Cog):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: BuildService = bot.services.builds

    @commands.Cog.listener()
    async def on_guild_channel_update(
        self, before: discord.abc.GuildChannel, after: discord.abc.GuildChannel
    ) -> None:
        if not isinstance(after, discord.ForumChannel) or not isinstance(
            before, discord.ForumChannel
        ):
            return
        if before.available_tags == after.available_tags and before.overwrites == after.overwrites:
            return
        config = await self.bot.services.setup.get(after.guild.id)
        if config.channels.get("builds") == after.id:
            await self.service.forum_changed(after.guild.id)
            await self.service.thread_names_due(after.guild.id)  # a rename may be allowed now

    @commands.Cog.listener()
    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        """A rename Discord refused may be allowed once a role the bot holds (@everyone
        among them: the server-wide permissions) gains a permission, as when the forum's do."""
        if before.permissions == after.permissions:
            return
        me = after.guild.me
        if after.is_default() or (me is not None and after in me.roles):
            await self.service.thread_names_due(after.guild.id)

    @commands.Cog.listener()
    async def on_raw_thread_update(self, payload: discord.RawThreadUpdateEvent) -> None:
        """A build's thread unlocked in Discord may take the name it was refused. Raw: an
        archived thread is not in discord.py's cache, so its unlock is no `on_thread_update`."""
        if payload.data.get("thread_metadata", {}).get("locked", False):
            return
        build = await self.service.in_thread(payload.guild_id, payload.thread_id)
        if build is not None:
            await self.service.thread_names_due(payload.guild_id, build.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        build = await self.service.thread_deleted(payload.guild_id, payload.thread_id)
        if build is not None:
            log.info("the thread of build %s was deleted in Discord", build.id)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(BuildEventsCog(bot))
