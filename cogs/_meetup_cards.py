"""A meetup's card in the meetups channel: posted for a new meetup (with its thread), and
rendered again from the database whenever something about the meetup changed."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import discord

from bot.client import UNANSWERED, KeitoraBot, respond
from bot.errors import NotFound
from bot.meetups import Meetup, MeetupDraft
from bot.reminders import reminders_missed
from cogs._meetup_posts import MeetupPosts
from cogs._setup_access import require_embed_links
from cogs._text import quoted
from cogs.checks import guild_id_of
from cogs.meetup_events import NO_CREATE_EVENTS, lacks_create_events
from cogs.meetups_card_views import (
    Card,
    card_view,
    confirmation,
    load_card,
    missed_reminders_text,
    names_meetup,
    render_card,
)

log = logging.getLogger(__name__)


class MeetupCards:
    """Posts and edits meetup cards; the cog's commands and coalesced card edits call it."""

    def __init__(self, bot: KeitoraBot, posts: MeetupPosts) -> None:
        self._bot = bot
        self._service = bot.services.meetups
        self._posts = posts
        self._keeping = asyncio.Lock()

    async def post_new(self, interaction: discord.Interaction, draft: MeetupDraft) -> None:
        """Store the meetup `draft` describes and post its card and thread."""
        guild_id = guild_id_of(interaction)
        channel = await self._posts.channel(guild_id)
        created = await self._service.create(guild_id, interaction.user.id, draft)
        # Stored; posting may wait on Discord's rate limits, so answer "thinking" first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        card = await self._drawn(created.meetup)
        try:
            message = await _card_sent(channel, card, created.meetup.id)
        except UNANSWERED as error:
            # The card may be out, with its buttons: cancelling would leave it answering for a
            # cancelled meetup. Kept; clicks on the card answer by the meetup's id.
            log.warning("Discord did not answer for meetup %s's card: %r", created.meetup.id, error)
            await respond(interaction, unconfirmed_card(created.meetup, channel.id))
            return
        except discord.HTTPException:
            # Refused (a 4xx): no card is out. A meetup nobody can answer must not linger in
            # lists and send reminders; nobody has answered yet, so cancelling it tells no one.
            # The organizer sees the error.
            await self._service.cancel(
                guild_id, created.meetup.id, reason="its card could not be posted"
            )
            raise
        await self._keep(created.meetup, message)
        # Told once, here: the mirror itself only logs that it may not create events.
        notes = [NO_CREATE_EVENTS] if lacks_create_events(channel.guild) else []
        notes += await self.reminders_missed_notes(guild_id, created.meetup.starts_at)
        zero_given = 0 in (draft.capacity, draft.truck_capacity)
        await respond(interaction, confirmation(created, channel.id, notes, zero_given=zero_given))

    async def reminders_missed_notes(self, guild_id: int, start: datetime) -> list[str]:
        """That the server's reminders already past at a date just created or moved to `start`
        do not go out for it, so nobody counts on one; none when none are past."""
        offsets = (await self._bot.services.setup.get(guild_id)).reminder_offsets
        missed = reminders_missed(offsets, start, self._bot.clock.now())
        return [text] if (text := missed_reminders_text(missed, offsets)) else []

    async def _drawn(self, meetup: Meetup) -> Card:
        """The card as it is to be drawn in the channel now; one that says when signup closes
        is drawn again then (every change and every date's start draw it, so each date it
        shows gets its redraw)."""
        card = await load_card(self._service, meetup)
        await self._service.redraw_at_cutoff(meetup, card.occurrence)
        return card

    async def _keep(self, meetup: Meetup, card: discord.Message) -> None:
        """Record `card` as the meetup's and start its thread; its Events tab event, made
        before the card was out, could not link to it yet."""
        await self._service.set_card(meetup.id, card.channel.id, card.id)
        await self._bot.services.meetup_events.request_sync(meetup.guild_id)
        await self._posts.start_thread(meetup, card)

    async def keep_clicked(self, guild_id: int, meetup_id: int, message: discord.Message) -> None:
        """A click on `message`, a card Discord never confirmed sending (`unconfirmed_card`),
        shows it is out: it is recorded as the meetup's card, so edits reach it, and its thread
        starts. Only the bot's own card for this meetup in the meetups channel is taken."""
        async with self._keeping:  # two clicks at once must not start two threads
            meetup = await self._service.get(guild_id, meetup_id)
            me = self._bot.user
            if (
                meetup.message_id is None
                and me is not None
                and message.author.id == me.id
                and message.channel.id == await self._posts.channel_id(guild_id)
                and names_meetup(message, meetup_id)
            ):
                await self._keep(meetup, message)

    async def edit(self, guild_id: int, meetup_id: int) -> None:
        """Render the card again from the database now; raises what Discord answered."""
        try:
            meetup = await self._service.get(guild_id, meetup_id)
        except NotFound:
            return  # a click naming a meetup of another server, refused already
        if meetup.channel_id is None or meetup.message_id is None:
            return
        require_embed_links(self._bot, guild_id, meetup.channel_id)
        card = await self._drawn(meetup)
        channel = self._bot.get_partial_messageable(meetup.channel_id, guild_id=guild_id)
        await channel.get_partial_message(meetup.message_id).edit(
            embed=render_card(card),
            view=card_view(card),
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def _card_sent(channel: discord.TextChannel, card: Card, meetup_id: int) -> discord.Message:
    """A new meetup's card, posted. A send Discord left unanswered (a 5xx, a timeout) may have
    posted it: it is sent once more with the same nonce, which Discord answers, for a few
    minutes, with the card it took, if it took one; so there is never a second card."""
    view = card_view(card)

    async def send() -> discord.Message:
        return await channel.send(
            embed=render_card(card),
            allowed_mentions=discord.AllowedMentions.none(),
            nonce=f"meetup-card-{meetup_id}",
            **({"view": view} if view else {}),
        )

    try:
        return await send()
    except UNANSWERED as error:
        log.info("Discord did not answer for meetup %s's card (%r): sent again", meetup_id, error)
        return await send()


def unconfirmed_card(meetup: Meetup, channel_id: int) -> str:
    """What the organizer is told of a new meetup whose card Discord twice did not confirm."""
    return (
        f"Discord did not confirm the card of {quoted(meetup.title)} (meetup #{meetup.id}) in "
        f"<#{channel_id}>. The meetup is kept: if its card shows there, members can answer on "
        "it; if not, cancel the meetup with `/meetup cancel` and create it again."
    )
