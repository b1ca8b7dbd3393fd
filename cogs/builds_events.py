"""What Discord and the server's settings tell the build logs: the builds forum changed (its tags
or permissions, or another forum chosen), after which the note about tags the bot may not add
is news again; a build's post unlocked in Discord, whose card the bot could not edit while it
was locked; where the card of a build whose thread was deleted is. What Discord tells of the
threads themselves, and of permissions that may allow their renames, builds' and meetups'
alike, is cogs/thread_events.py."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.builds import BuildService
from bot.client import KeitoraBot
from cogs._build_posts import BuildPosts

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

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        """A build posted before where its card is was recorded learns it from its deleted
        thread's channel: a forum post's card went with the thread, a text channel's stays.
        The deletion itself is cogs/thread_events.py's, as a meetup's."""
        parent = self.bot.get_channel(payload.parent_id)
        if isinstance(parent, discord.ForumChannel | discord.TextChannel):
            in_forum = isinstance(parent, discord.ForumChannel)
            await self.service.card_placed(payload.guild_id, payload.thread_id, in_forum)

    @commands.Cog.listener()
    async def on_thread_update(self, before: discord.Thread, after: discord.Thread) -> None:
        if before.locked and not after.locked:
            await self._unlocked(after.guild.id, after.parent_id, after.id)

    @commands.Cog.listener()
    async def on_raw_thread_update(self, payload: discord.RawThreadUpdateEvent) -> None:
        """An archived thread is not in discord.py's cache, so whether it was locked is not
        known: one that stays archived while unlocked is taken as unlocked (one reopened is
        the bot's own doing, or a post in it, and an archived one changes in nothing else)."""
        metadata = payload.data.get("thread_metadata", {})
        if payload.thread is None and metadata.get("archived") and not metadata.get("locked"):
            await self._unlocked(payload.guild_id, payload.parent_id, payload.thread_id)

    async def _unlocked(self, guild_id: int, parent_id: int, thread_id: int) -> None:
        """A build's post unlocked in Discord: a bot that may not manage threads could not edit
        the card while it was locked (`BuildPosts.refresh_card`), so it is edited now."""
        guild = self.bot.get_guild(guild_id)
        parent = guild.get_channel(parent_id) if guild is not None else None
        if guild is None or guild.me is None or not isinstance(parent, discord.ForumChannel):
            return
        if parent.permissions_for(guild.me).manage_threads:
            return  # it edited the card whatever the lock
        build = await self.service.in_thread(guild_id, thread_id)
        if build is None:
            return
        note = await BuildPosts(self.bot).refresh_card(build)
        if note:
            log.info("the card of build %s after its unlock:%s", build.id, note)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(BuildEventsCog(bot))
