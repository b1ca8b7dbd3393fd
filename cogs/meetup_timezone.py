"""`/timezone`: a member's own zone, which the times they type for new meetups are read in."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.zones import means_no_own_zone, zone_label
from cogs.checks import READ_ONLY, guild_id_of
from cogs.setup import UNCHANGED, chosen_zone, zone_autocomplete, zone_now


@app_commands.guild_only()
class TimezoneCog(commands.GroupCog, group_name="timezone", group_description="Your own time zone"):
    def __init__(self, bot: KeitoraBot) -> None:
        self.members = bot.services.meetups.members
        self.setup = bot.services.setup

    # A member's own zone is no shared data, so it needs no gate, like a read.
    @app_commands.command(name="set", description="Set your time zone", extras=READ_ONLY)
    @app_commands.describe(
        tz="Your zone: America/Denver, Pacific, PT, Central, JST…; none: the server's zone"
    )
    @app_commands.autocomplete(tz=zone_autocomplete)
    async def set_(self, interaction: discord.Interaction, tz: str) -> None:
        guild_id = guild_id_of(interaction)
        if means_no_own_zone(tz):
            await self.clear(interaction, guild_id)
            return
        chosen = await self.members.set_member_zone(guild_id, interaction.user.id, tz)
        if not chosen.changed:
            zone = chosen_zone(tz, chosen.value)
            await respond(interaction, f"Your time zone was already {zone}; {UNCHANGED}")
            return
        await respond(
            interaction,
            f"{zone_now('Your', tz, chosen.value)} The times you type for new meetups are read "
            "in it, unless the time names a zone or you pick one in the timezone option; a new "
            "time for a meetup is read in that meetup's own zone.",
        )

    async def clear(self, interaction: discord.Interaction, guild_id: int) -> None:
        """Drop the member's own zone, naming the server's, which applies from now on."""
        cleared = await self.members.clear_member_zone(guild_id, interaction.user.id)
        fallback = await self.servers_zone(guild_id)
        said = (
            "Your own time zone is cleared: the times you type for new meetups are read in "
            f"{fallback}."
            if cleared
            else "You have no time zone of your own: the times you type for new meetups are "
            f"read in {fallback}; {UNCHANGED}"
        )
        await respond(interaction, said)

    async def servers_zone(self, guild_id: int) -> str:
        """The zone a member without one of their own has their times read in."""
        server = (await self.setup.get(guild_id)).timezone
        return (
            f"the server's, **{zone_label(server)}**"
            if server
            else "none: this server has no zone either, so name one in the time (`sat 10am PT`)"
        )

    @app_commands.command(name="show", description="Show your time zone", extras=READ_ONLY)
    async def show(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        zone = await self.members.member_zone(guild_id, interaction.user.id)
        if zone is not None:
            await respond(interaction, f"Your time zone is **{zone_label(zone)}**.")
            return
        fallback = await self.servers_zone(guild_id)
        await respond(
            interaction,
            f"You have not set a time zone, so the times you type are read in {fallback}. "
            "Set yours with `/timezone set`.",
        )


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(TimezoneCog(bot))
