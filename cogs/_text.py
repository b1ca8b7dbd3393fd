"""Text helpers every cog shares."""

from __future__ import annotations

import discord

from bot.builds.model import Deletion
from bot.client.interactions import echo as echo  # the one way every cog quotes member text
from bot.limits import fit
from bot.numbers import counted as counted  # one way to count things in words
from bot.privacy import FORMER_MEMBER


def quoted(text: str) -> str:
    """Member text quoted in a reply: “…”, inert and at most 80 characters."""
    return f"“{echo(fit(text, 80))}”"


def member_mention(member_id: int) -> str:
    """A member as a mention, or "a former member" where a forgotten member's rows stay."""
    return "a former member" if member_id == FORMER_MEMBER else f"<@{member_id}>"


def deleted_text(build_id: int, gone: Deletion) -> str:
    """The refusal telling a moderator who deleted build `build_id`, when, and the reason a
    moderator gave (by /build show, a page's buttons, a ballot's)."""
    if gone.by == "owner":
        who = f"its owner, {member_mention(gone.owner_id)},"
    elif gone.moderator_id is None:  # deleted before who was recorded
        who = "a moderator"
    else:
        who = f"a moderator, {member_mention(gone.moderator_id)},"
    # Quoted plainly, as a refusal quotes member text: the error path that sends it makes it inert.
    reason = f" The reason given: “{gone.reason}”." if gone.reason else ""
    return (
        f"Build #{build_id} was deleted by {who} on {discord.utils.format_dt(gone.at, 'f')}."
        f"{reason}"
    )


def server_name(interaction: discord.Interaction) -> str:
    """The server as a DM from it names it (to an importer, to a build's owner)."""
    return interaction.guild.name if interaction.guild else "this server"
