"""What a moderator is told of a build deleted since it was shown (a page of its ledger or
gallery turned, a ballot's button for it clicked): who deleted it and when, as its deletion
recorded it. Members are told what `BuildService.get` tells them."""

from __future__ import annotations

import discord

from bot.builds import Build
from bot.builds.model import Asker
from bot.errors import NotFound
from cogs._text import deleted_text
from cogs.builds_views import service_of
from cogs.checks import guild_id_of, is_moderator


async def told_gone(interaction: discord.Interaction, build_id: int) -> NotFound | None:
    """The refusal a moderator gets for a deleted build, naming who deleted it and when; None
    for a member, or a build no /build delete recorded (its refusal stands)."""
    if not await is_moderator(interaction):
        return None
    gone = await service_of(interaction).deletion(guild_id_of(interaction), build_id)
    return None if gone is None else NotFound(deleted_text(build_id, gone))


async def shown_build(interaction: discord.Interaction, build_id: int) -> Build:
    """The build a page shows: its owner is told who deleted it, a moderator also when."""
    guild_id = guild_id_of(interaction)
    try:
        return await service_of(interaction).get(guild_id, build_id, Asker(interaction.user.id))
    except NotFound:
        if (told := await told_gone(interaction, build_id)) is not None:
            raise told from None
        raise
