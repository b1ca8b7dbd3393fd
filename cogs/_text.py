"""Text helpers every cog shares."""

from __future__ import annotations

import discord

from bot.builds.model import Deletion
from bot.client.interactions import echo as discord_inert
from bot.invisible import shown_inert
from bot.limits import fit
from bot.numbers import counted as counted  # one way to count things in words
from bot.privacy import FORMER_MEMBER


def echo(text: str) -> str:
    """Member text made inert, the one way every cog quotes it: no Markdown, pings or Discord
    codes (`bot.client.interactions.echo`), and what would turn round the text after it written
    out by its code point ("[U+202E]", `shown_inert`)."""
    return discord_inert(shown_inert(text))


def quoted(text: str) -> str:
    """Member text quoted in a reply: “…”, inert and at most 80 characters."""
    return f"“{echo(fit(text, 80))}”"


def member_mention(member_id: int) -> str:
    """A member as a mention, or "a former member" where a forgotten member's rows stay."""
    return "a former member" if member_id == FORMER_MEMBER else f"<@{member_id}>"


def deleted_text(build_id: int, gone: Deletion) -> str:
    """Who deleted build `build_id` and when, for a moderator (by /build show, a page's
    buttons, a ballot's)."""
    who = f"its owner, {member_mention(gone.owner_id)}," if gone.by == "owner" else "a moderator"
    return f"Build #{build_id} was deleted by {who} on {discord.utils.format_dt(gone.at, 'f')}."


def server_name(interaction: discord.Interaction) -> str:
    """The server as a DM from it names it (to an importer, to a build's owner)."""
    return interaction.guild.name if interaction.guild else "this server"
