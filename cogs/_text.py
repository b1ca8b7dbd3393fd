"""Text helpers every cog shares."""

from __future__ import annotations

import discord


def echo(text: str) -> str:
    """Member text made inert: no Markdown and no @everyone, @here, role or user pings."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))
