"""Text helpers every cog shares."""

from __future__ import annotations

import discord

from bot.client.interactions import echo as echo  # one way to make member text inert
from bot.limits import fit
from bot.numbers import counted as counted  # one way to count things in words
from bot.privacy import FORMER_MEMBER


def quoted(text: str) -> str:
    """Member text quoted in a reply: “…”, inert and at most 80 characters."""
    return f"“{echo(fit(text, 80))}”"


def member_mention(member_id: int) -> str:
    """A member as a mention, or "a former member" where a forgotten member's rows stay."""
    return "a former member" if member_id == FORMER_MEMBER else f"<@{member_id}>"


def server_name(interaction: discord.Interaction) -> str:
    """The server as a DM from it names it (to an importer, to a build's owner)."""
    return interaction.guild.name if interaction.guild else "this server"
