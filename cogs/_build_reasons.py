"""A moderator's change to another member's build, as the `/build` commands take it: the reason
its owner reads, kept with a question asked first, and what the answer says of the DM."""

from __future__ import annotations

import discord

from bot.builds import Build
from bot.builds.moderated import ModeratorChange
from bot.builds.values import moderator_reason
from bot.errors import UserError
from bot.privacy import FORMER_MEMBER
from cogs._text import server_name

# A moderator's reason for taking back an update, or for a lock that calls a ballot off, waits,
# as typed, in the footer of the question asked first (footers show text as it is: no Markdown,
# no mentions), where the "Delete it" or "Lock it" button reads it back: its custom id (100
# characters) holds a number alone, and the question lives in Discord, so a restart keeps the
# reason too.
REASON_LEAD = "The reason its owner reads: "


def moderator_change(
    interaction: discord.Interaction, build: Build, key: str, reason: str | None
) -> ModeratorChange | None:
    """A moderator's change to another member's build, made through `interaction`, with what
    its owner's DM names (the server, the reason as typed); None for the owner's own."""
    if build.owner_id == interaction.user.id:
        return None
    return ModeratorChange(interaction.user.id, key, server_name(interaction), reason)


def require_reason(by: ModeratorChange | None, build: Build, what: str) -> None:
    """A moderator removing what cannot be undone (an update, a part; the build itself,
    cogs/_build_delete.py) says why, as its owner is told: what they can undo (a rename, a
    spec, a close, a part or update added) may go with or without one."""
    if by is not None and build.owner_id != FORMER_MEMBER and not by.reason:
        raise UserError(
            f"Give a reason: the owner of build #{build.id} is told by DM why a moderator "
            f"{what}, which cannot be undone."
        )


def told_by_dm(by: ModeratorChange | None, build: Build) -> str:
    """What the answer adds when a moderator's change (`by`) to `build` DMs its owner."""
    return owner_told_by_dm(build) if by else ""


def owner_told_by_dm(build: Build) -> str:
    """What the answer adds for a change DMing the owner of `build` (a lock or an unlock, a
    moderator's change): a former member is not told."""
    return " Its owner is told by DM." if build.owner_id != FORMER_MEMBER else ""


def reason_kept(reason: str | None) -> dict[str, discord.Embed]:
    """A question's embed keeping a moderator's `reason` (checked: `moderator_reason`) in its
    footer, for its button to read back (`reason_asked`); nothing without one."""
    why = moderator_reason(reason)
    return {"embed": discord.Embed().set_footer(text=REASON_LEAD + why)} if why else {}


def question_embeds(interaction: discord.Interaction) -> list[discord.Embed]:
    """The embeds of the question whose button was clicked: the reason it kept."""
    return interaction.message.embeds if interaction.message else []


def reason_asked(message: discord.Message | None) -> str | None:
    """The reason a question kept (`reason_kept`), if one was given."""
    footers = [embed.footer.text or "" for embed in message.embeds] if message else []
    return next(
        (text[len(REASON_LEAD) :] for text in footers if text.startswith(REASON_LEAD)), None
    )
