"""What Discord and the server's settings tell the build logs: the builds forum changed (its tags
or permissions, or another forum chosen), after which the note about tags the bot may not add
is news again. What Discord tells of the threads themselves, and of permissions that may allow
their renames, builds' and meetups' alike, is cogs/thread_events.py."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.builds import BuildService
from bot.client import KeitoraBot


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


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(BuildEventsCog(bot))
