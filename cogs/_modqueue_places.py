"""Where a decision on a queue item was clicked (its queue post, or a /modqueue page), how the
click is acknowledged there, and how the post reads once decided."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

from bot.client import in_time
from cogs.modqueue_card_views import QUEUE_TITLE, decided_embeds

T = TypeVar("T")


def on_queue_post(interaction: discord.Interaction) -> bool:
    """Whether the click came from the mod-queue channel's post (not a /modqueue list)."""
    message = interaction.message
    return message is not None and not message.flags.ephemeral


def on_queue_page(interaction: discord.Interaction) -> bool:
    """Whether the click came from a /modqueue page (not the post, nor another list)."""
    message = interaction.message
    return (
        message is not None
        and message.flags.ephemeral
        and any(embed.title == QUEUE_TITLE for embed in message.embeds)
    )


async def decided_in_time(interaction: discord.Interaction, decision: Awaitable[T]) -> T:
    """`decision`'s result, the click acknowledged as `defer_decision` would should it run
    past the time Discord waits for an answer."""
    editing = on_queue_post(interaction) or on_queue_page(interaction)
    return await in_time(interaction, decision, editing=editing)


async def defer_decision(interaction: discord.Interaction) -> None:
    """Acknowledge a click whose decision takes a while, so that `settle` answers it later
    (unless it was already, by `decided_in_time`)."""
    if interaction.response.is_done():
        return
    if on_queue_post(interaction) or on_queue_page(interaction):
        await interaction.response.defer()  # the post, or the page, itself is edited
    else:
        await interaction.response.defer(ephemeral=True, thinking=True)


def decided_post(interaction: discord.Interaction, outcome: str) -> dict[str, Any]:
    """How the queue post the interaction came from reads once decided: `outcome`, no buttons,
    and its item without the line that it was on hold (`decided_embeds`)."""
    post: dict[str, Any] = {"content": outcome, "view": None}
    embeds = decided_embeds(interaction.message)
    if embeds is not None:
        post["embeds"] = embeds
    return post
