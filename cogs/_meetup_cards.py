"""A meetup's card in the meetups channel: posted for a new meetup (with its thread), and
rendered again from the database whenever something about the meetup changed."""

from __future__ import annotations

import discord

from bot.client import KeitoraBot, respond
from bot.errors import NotFound
from bot.meetups import MeetupDraft
from cogs._meetup_posts import MeetupPosts
from cogs._setup_access import require_embed_links
from cogs.checks import guild_id_of
from cogs.meetup_events import NO_CREATE_EVENTS, lacks_create_events
from cogs.meetups_card_views import card_view, confirmation, load_card, render_card


class MeetupCards:
    """Posts and edits meetup cards; the cog's commands and coalesced card edits call it."""

    def __init__(self, bot: KeitoraBot, posts: MeetupPosts) -> None:
        self._bot = bot
        self._service = bot.services.meetups
        self._posts = posts

    async def post_new(self, interaction: discord.Interaction, draft: MeetupDraft) -> None:
        """Store the meetup `draft` describes and post its card and thread."""
        guild_id = guild_id_of(interaction)
        channel = await self._posts.channel(guild_id)
        created = await self._service.create(guild_id, interaction.user.id, draft)
        # Stored; posting may wait on Discord's rate limits, so answer "thinking" first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        card = await load_card(self._service, created.meetup)
        view = card_view(card)
        try:
            message = await channel.send(
                embed=render_card(card),
                allowed_mentions=discord.AllowedMentions.none(),
                **({"view": view} if view else {}),
            )
        except discord.HTTPException:
            # A meetup nobody can answer must not linger in lists and send reminders; nobody
            # has answered yet, so cancelling it tells no one. The organizer sees the error.
            await self._service.cancel(
                guild_id, created.meetup.id, reason="its card could not be posted"
            )
            raise
        await self._service.set_card(created.meetup.id, channel.id, message.id)
        await self._posts.start_thread(created.meetup, message)
        # Told once, here: the mirror itself only logs that it may not create events.
        notes = [NO_CREATE_EVENTS] if lacks_create_events(channel.guild) else []
        await respond(interaction, confirmation(created, channel.id, notes))

    async def edit(self, guild_id: int, meetup_id: int) -> None:
        """Render the card again from the database now; raises what Discord answered."""
        try:
            meetup = await self._service.get(guild_id, meetup_id)
        except NotFound:
            return  # a click naming a meetup of another server, refused already
        if meetup.channel_id is None or meetup.message_id is None:
            return
        require_embed_links(self._bot, guild_id, meetup.channel_id)
        card = await load_card(self._service, meetup)
        channel = self._bot.get_partial_messageable(meetup.channel_id, guild_id=guild_id)
        await channel.get_partial_message(meetup.message_id).edit(
            embed=render_card(card),
            view=card_view(card),
            allowed_mentions=discord.AllowedMentions.none(),
        )
