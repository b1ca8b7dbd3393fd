"""Taking an announcement down with /importer delete: its post first, then its record. A
moderator taking down another importer's is asked first, with stateless buttons: it deletes
what the importer wrote, edits members' alert DMs and DMs the importer, and cannot be undone.
An importer taking down their own is not asked: it is their own words, which they may take back
as readily as they posted them, and the command names the one post they picked."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import discord

from bot.client import ConfirmButton, KeepItButton, KeitoraBot, answer_in_place
from bot.importers.own_announcements import Overtaken, TryAgain
from bot.importers.takedowns import IMPORTER_TAKEN_DOWN_JOB, dm_key
from cogs._importer_posts import delete_post
from cogs._text import server_name
from cogs.checks import guild_id_of, require_moderator
from cogs.importers_views import taken_down_reply, told_by_dm

# A post on its way lands within a second or two: looked for again this often, this far apart.
TAKE_DOWN_ATTEMPTS, TAKE_DOWN_PAUSE = 4, 0.5
TAKE_DOWN_ANOTHERS = "take down another importer's announcement"


async def take_down(interaction: discord.Interaction, ref: int, moderator_in: str | None) -> str:
    """Take announcement `ref` down for the member (any importer's for a moderator of the
    server named `moderator_in`), its post first; the reply saying what was done. The caller
    deferred: Discord may make the deletion wait out a rate limit, and a post on its way is
    waited for."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    announcements = bot.services.announcements
    guild_id, member_id = guild_id_of(interaction), interaction.user.id
    for attempt in range(1, TAKE_DOWN_ATTEMPTS + 1):
        found = await announcements.own.post_of(guild_id, member_id, ref, moderator_in=moderator_in)
        if found.post is not None:
            await delete_post(bot, found.announcement.title, found.post)
        try:
            taken = await announcements.own.take_down(
                guild_id, member_id, ref, post_removed=found.post, moderator_in=moderator_in
            )
            break
        except TryAgain:
            # Its post is on its way, or landed since it was looked for: look again.
            if attempt == TAKE_DOWN_ATTEMPTS:
                raise
            await asyncio.sleep(TAKE_DOWN_PAUSE)
    limit = (await bot.services.setup.get(guild_id)).importer_daily_limit
    told = None  # its importer took it down
    if taken.importer_member_id is None:
        told = "Nobody was told by DM: its importer was removed."
    elif taken.importer_member_id != member_id:
        told = await told_by_dm(
            bot.services.jobs, IMPORTER_TAKEN_DOWN_JOB, dm_key(taken), taken.importer_member_id
        )
    return taken_down_reply(taken, posted=found.post is not None, limit=limit, told=told)


class TakeDownButton(ConfirmButton, prefix="importer:takedown", label="Take it down"):
    """Takes another importer's announcement down, for a moderator who asked to and confirms."""

    async def confirmed(self, interaction: discord.Interaction) -> None:
        # Asked again: the confirmation may outlive the moderator's role.
        await require_moderator(interaction, TAKE_DOWN_ANOTHERS)
        await interaction.response.defer()
        try:
            reply = await take_down(interaction, self.target_id, server_name(interaction))
        except Overtaken as settled:
            # Taken down meanwhile: the question is answered, and its buttons go.
            reply = settled.message
        await answer_in_place(interaction, reply)


class FormerKeepItButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"importer:keep(?P<post>-post)?"
):
    """The "Keep it" of questions asked before the confirmations shared `KeepItButton`:
    `importer:keep` under a removal, `importer:keep-post` under a take-down. Such questions stay
    on screen across a deploy, and a click nothing answers shows only "interaction failed"."""

    def __init__(self, post: bool) -> None:
        custom_id = "importer:keep-post" if post else "importer:keep"
        super().__init__(discord.ui.Button(label="Keep it", custom_id=custom_id))
        self.kept = "taken-down" if post else "removed"

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FormerKeepItButton:
        return cls(post=bool(match["post"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await KeepItButton(self.kept).callback(interaction)
