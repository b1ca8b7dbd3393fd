"""A build's card in a post a moderator locked in Discord: Discord lets only those who may
manage threads edit in a locked thread, so a bot that may not says the card waits for the
unlock, which brings it up to date (cogs/builds_events.py)."""

from __future__ import annotations

import contextlib

import discord

from bot.client import UNANSWERED, KeitoraBot


def manages(thread: discord.Thread) -> bool:
    """Whether the bot may manage `thread` (edit in it while it is locked, among others)."""
    me = thread.guild.me
    return me is not None and thread.permissions_for(me).manage_threads


def waits_for_unlock(thread: discord.Thread) -> str:
    return (
        f"\nA moderator locked {thread.mention} in Discord, so its card shows the change once "
        "it is unlocked."
    )


async def edit_refused(
    bot: KeitoraBot, build_id: int, thread: discord.Thread | None, refused: discord.Forbidden
) -> str:
    """The note for a card edit Discord refused: a post locked since the bot last heard (the
    thread as Discord has it now tells), or a refusal said as Discord worded it."""
    if thread is not None:
        with contextlib.suppress(discord.HTTPException, *UNANSWERED):
            now = await bot.fetch_channel(thread.id)
            if isinstance(now, discord.Thread) and now.locked:
                return waits_for_unlock(now)
    return (
        f"\nDiscord would not let me edit the card of build #{build_id} "
        f"({refused.text or 'missing permissions'}), so it does not show the change yet."
    )
