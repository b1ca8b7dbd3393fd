"""/modqueue: everything waiting for moderators, with Approve / Reject on each item."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from cogs._modqueue_buttons import DecisionButton
from cogs.checks import guild_id_of, moderator_only
from cogs.modqueue_views import (
    PAGE_SIZE,
    REVIEW,
    QueuePageButton,
    RefreshButton,
    pending_embed,
    pending_view,
)


class ModQueueCog(commands.Cog):
    def __init__(self, bot: KeitoraBot) -> None:
        self.queue = bot.services.modqueue

    @app_commands.command(name="modqueue", description="What waits for moderators")
    @app_commands.guild_only()
    @moderator_only(REVIEW)
    async def modqueue(self, interaction: discord.Interaction) -> None:
        page = await self.queue.page(guild_id_of(interaction), PAGE_SIZE)
        await respond(interaction, embed=pending_embed(page), view=pending_view(page))


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(DecisionButton, QueuePageButton, RefreshButton)
    await bot.add_cog(ModQueueCog(bot))
