"""`/build-mod`: moderators lock a build (no more updates or changes, its thread archived and
locked, its owner told by DM) and unlock it. A top-level command of its own, so members do not
see it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.builds import BuildService
from bot.client import KeitoraBot, respond
from cogs._build_posts import BuildPosts
from cogs.builds_views import LockReason, build_autocomplete
from cogs.checks import MODERATOR_PERMISSIONS, moderator_only, named_build
from cogs.showcase import back_on_ballot, off_ballot, still_featured


@app_commands.guild_only()
@app_commands.default_permissions(MODERATOR_PERMISSIONS)
class BuildModCog(
    commands.GroupCog, group_name="build-mod", group_description="Keep build logs tidy (moderators)"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: BuildService = bot.services.builds
        self.posts = BuildPosts(bot)

    @app_commands.command(name="lock", description="Lock a build: no more updates")
    @app_commands.describe(build="The build", reason="Why; shown on its card")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("lock builds")
    async def lock(
        self, interaction: discord.Interaction, build: str, reason: LockReason | None = None
    ) -> None:
        target = await named_build(interaction)
        on_ballot = await self.bot.services.showcase.ballots.open_ballot_holding(target)
        locked = await self.service.lock(target, interaction.user.id, reason)
        withdrawn = await off_ballot(self.bot, on_ballot)
        featured = await still_featured(self.bot, locked)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.settle(locked)
        await respond(interaction, f"Build #{locked.id} is locked.{withdrawn}{featured}{note}")

    @app_commands.command(name="unlock", description="Unlock a locked build")
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("unlock builds")
    async def unlock(self, interaction: discord.Interaction, build: str) -> None:
        unlocked = await self.service.unlock(await named_build(interaction))
        ballot = await back_on_ballot(self.bot, unlocked)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.settle(unlocked, unlocked=True)
        await respond(interaction, f"Build #{unlocked.id} is unlocked.{ballot}{note}")


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(BuildModCog(bot))
