"""How an importer's command names an announcement or an importer: the lists offered as they
type, and the id an option carries, or what typed text names."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.client import KeitoraBot
from bot.errors import UserError
from bot.importers import AnnouncementService, ImporterService
from bot.importers.choices import choice_name
from bot.limits import AUTOCOMPLETE_CHOICES
from cogs.checks import guild_id_of, is_moderator

Autocomplete = Callable[
    [discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


def services_of(interaction: discord.Interaction) -> tuple[ImporterService, AnnouncementService]:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.importers, bot.services.announcements


async def posted_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The member's posted announcements; to a moderator, every importer's, each named, a
    former importer's too."""
    if not await is_moderator(interaction):
        return await own_announcement_autocomplete(posted=True)(interaction, current)
    _, announcements = services_of(interaction)
    found = await announcements.posted_in(guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES)
    return [app_commands.Choice(name=choice_name(a, whose=True), value=str(a.id)) for a in found]


def own_announcement_autocomplete(*, posted: bool) -> Autocomplete:
    """Autocomplete of the member's announcements waiting for moderators, or `posted` ones."""

    async def autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        _, announcements = services_of(interaction)
        found = await announcements.of_member(
            guild_id_of(interaction),
            interaction.user.id,
            current,
            AUTOCOMPLETE_CHOICES,
            posted=posted,
        )
        return [
            app_commands.Choice(name=choice_name(a, whose=False), value=str(a.id)) for a in found
        ]

    return autocomplete


def picked_id(text: str, what: str) -> int:
    """The id an autocompleted option carries; `UserError` for anything typed instead."""
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise UserError(f"Pick the {what} from the list as you type.")
    return int(text)


async def waiting_picked(interaction: discord.Interaction, text: str) -> int:
    """The id of the member's announcement waiting for moderators that the option names.
    Their list offers only those, so a posted one's title comes typed: it names that one, for
    the refusal saying it was posted and that /importer delete takes it down; text that also
    names one waiting is still to be picked."""
    if text.isascii() and text.isdigit():
        return picked_id(text, "announcement")
    _, announcements = services_of(interaction)
    guild_id, member_id = guild_id_of(interaction), interaction.user.id
    waiting = await announcements.of_member(guild_id, member_id, text, 1, posted=False)
    if not waiting and (
        posted := await announcements.of_member(guild_id, member_id, text, 1, posted=True)
    ):
        return posted[0].id
    return picked_id(text, "announcement")


def importer_id(text: str) -> int:
    return picked_id(text, "importer")
