"""What Keitora does in Discord for importers, beside their commands: take an announcement's
post down, and give or take back the importer role (when a moderator registers, suspends or
removes an importer, and when a forget takes a profile away)."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.client import KeitoraBot
from bot.errors import UserError
from bot.limits import fit, plain_quote
from bot.privacy.posts import PostedMessage
from cogs._setup_access import cannot_give


async def delete_post(bot: KeitoraBot, title: str, post: PostedMessage) -> None:
    """Delete an announcement's post in its channel (one already gone counts as deleted);
    `UserError` saying what Keitora needs when Discord refuses (its quotes plain: the error
    handler makes them inert)."""
    try:
        await bot.http.delete_message(
            post.channel_id, post.message_id, reason="Taken down with /importer delete"
        )
    except discord.NotFound:
        return  # deleted by a moderator already, or its channel with it
    except discord.Forbidden:
        raise UserError(
            f"I may not delete the post of {plain_quote(title)} in <#{post.channel_id}>: I need to "
            "view that channel (View Channel) to delete my own message there. Nothing was taken "
            "down; ask an admin to let me view it, or a moderator to delete the post."
        ) from None
    except discord.DiscordServerError as failed:
        raise UserError(
            f"Discord could not delete the post of {plain_quote(title)} just now "
            f"({failed.status}), so nothing was taken down; try again in a minute."
        ) from None
    except discord.HTTPException as failed:
        said = f": {fit(failed.text, 200)}" if failed.text else ""
        raise UserError(
            f"Discord refused to delete the post of {plain_quote(title)} ({failed.status}{said}), "
            "so nothing was taken down; a moderator can delete the post in the channel."
        ) from None


async def change_importer_role(
    bot: KeitoraBot, guild_id: int, member_id: int, *, add: bool, held: Sequence[int] = ()
) -> str:
    """Give or take the importer role, and say how that went (the profile counts either way).
    `held`, the member's roles where Discord sent them, spares a request (and a false
    "could not") when the member has the role already."""
    role_id = (await bot.services.setup.get(guild_id)).roles.get("importer")
    if role_id is None:
        return "No importer role is set (an admin can set one with /setup role kind:importer)."
    if add and role_id in held:
        return f"<@{member_id}> has the <@&{role_id}> role already."
    if not add:
        try:
            member = await bot.http.get_member(guild_id, member_id)
        except discord.NotFound:
            return "The importer role or the member is gone; the role was not changed."
        except discord.HTTPException:
            member = None  # taken back all the same, as if it were held
        # One never given (the bot could not, or nobody set it yet) is not "could not" taken.
        if member is not None and str(role_id) not in member["roles"]:
            return f"<@{member_id}> does not have the <@&{role_id}> role."
    change = bot.http.add_role if add else bot.http.remove_role
    try:
        await change(guild_id, member_id, role_id, reason="Keitora importer profile")
    except discord.Forbidden:
        guild = bot.get_guild(guild_id)
        role = guild.get_role(role_id) if guild is not None else None
        lacking = (role and cannot_give(role)) or "Manage Roles, and my role must be above it"
        verb = "give" if add else "take back"
        return f"I could not {verb} the <@&{role_id}> role: I need {lacking}."
    except discord.NotFound:
        return "The importer role or the member is gone; the role was not changed."
    return f"{'Gave' if add else 'Took back'} the <@&{role_id}> role."
