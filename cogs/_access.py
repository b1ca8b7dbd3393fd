"""The one gate for who may do what; every cog asks here instead of checking roles itself.

Refusals are `CheckFailure`s: discord.py routes those to the tree's error handler both from a
cog's `interaction_check` and from inside a command, where any other exception type raised by a
check would escape the handler.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.client import KeitoraBot
from bot.setup import GuildConfig


def guild_id_of(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage(
            "This command works inside a server, not in direct messages."
        )
    return interaction.guild_id


def _role_ids(interaction: discord.Interaction) -> set[int]:
    roles = getattr(interaction.user, "roles", ())
    return {role.id for role in roles}


def require_admin(interaction: discord.Interaction, action: str) -> None:
    """Admins are members with Manage Server."""
    guild_id_of(interaction)
    if not interaction.permissions.manage_guild:
        raise app_commands.CheckFailure(f"Only server admins (Manage Server) can {action}.")


async def _config(interaction: discord.Interaction) -> GuildConfig:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return await bot.services.setup.get(guild_id_of(interaction))


async def require_moderator(interaction: discord.Interaction, action: str) -> None:
    """Moderators hold the configured moderator role or have Manage Messages."""
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    if not config.is_moderator(_role_ids(interaction), can_manage_messages=manage):
        raise app_commands.CheckFailure(f"Only moderators can {action}.")


async def require_organizer(interaction: discord.Interaction, action: str) -> None:
    """Organizers hold the organizer role; with none configured, every member organizes."""
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    if not config.is_organizer(_role_ids(interaction), can_manage_messages=manage):
        raise app_commands.CheckFailure(f"Only organizers can {action}.")
