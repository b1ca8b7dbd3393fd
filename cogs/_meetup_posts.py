"""Where meetups live in Discord: the card in the server's meetups channel, and the card's
thread where notices about the meetup go.
"""

from __future__ import annotations

import logging

import discord

from bot.client import KeitoraBot
from bot.errors import UserError
from bot.limits import fit
from bot.meetups import Meetup, MeetupService
from cogs._setup_access import channel_deleted, channel_gone

log = logging.getLogger(__name__)

NO_CHANNEL = (
    "This server has no meetups channel yet, so there is nowhere to post the card. "
    "A server admin can choose one with `/setup channel kind:meetups`."
)
NOT_POSTABLE = (
    "I cannot post the card in <#{channel}>: I need to see the channel, send messages and "
    "embed links there. A server admin can fix that, or choose another channel with "
    "`/setup channel kind:meetups`."
)
CARD_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)
THREAD_NAME = 100  # Discord's limit on a thread's name
# A card's thread shows in the channel's thread list for a week without messages, the longest
# Discord allows; the bot reopens it whenever it posts there later.
THREAD_ARCHIVE_MINUTES = 10080


class MeetupPosts:
    """Finds the channel a meetup's card goes in and starts the card's thread."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: MeetupService = bot.services.meetups

    async def channel(self, guild_id: int) -> discord.TextChannel:
        """The server's meetups channel, when the bot may post cards there."""
        config = await self.bot.services.setup.get(guild_id)
        channel_id = config.channels.get("meetups")
        if channel_id is None:
            raise UserError(NO_CHANNEL)
        channel = self.bot.get_channel(channel_id)
        if channel is None and await channel_deleted(self.bot.get_guild(guild_id), channel_id):
            raise UserError(channel_gone("meetups", "to post the card"))
        if not isinstance(channel, discord.TextChannel):
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        me = channel.guild.me
        if me is not None and not channel.permissions_for(me) >= CARD_PERMISSIONS:
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        return channel

    async def start_thread(self, meetup: Meetup, card: discord.Message) -> None:
        """The meetup's discussion thread, on its card; without one (no permission to start
        threads there) notices go to the card's channel."""
        try:
            # A thread's name renders no Markdown and pings nobody, so the title goes as typed.
            thread = await card.create_thread(
                name=fit(meetup.title, THREAD_NAME), auto_archive_duration=THREAD_ARCHIVE_MINUTES
            )
        except discord.HTTPException:
            log.warning("could not start a thread on meetup %s's card", meetup.id, exc_info=True)
            return
        await self.service.set_thread(meetup.id, thread.id)
