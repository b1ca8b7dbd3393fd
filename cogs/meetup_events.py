"""The Events tab mirror in Discord: what happens to a mirrored event there reaches the service,
and the words the organizer reads about it.

The service (bot/meetup_events.py) decides; this module only turns discord.py's scheduled-event
gateway events into its plain values and words the DMs and notes.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.client import KeitoraBot
from bot.limits import MESSAGE_CONTENT, fit
from bot.meetup_event_fields import EventFields
from bot.meetup_events import MeetupEvents, NoteKind
from bot.meetups import Meetup
from cogs._text import echo

log = logging.getLogger(__name__)

# Two notes: /help shows the second only to those who may edit a meetup.
EVENTS_TAB_HELP = (
    "Each upcoming meetup also shows in the server's Events tab (a series shows its next date). "
    "“Interested” in the Events tab is not an RSVP: answer on the meetup's card.\n\n"
    "The Events tab: the 100 nearest meetups fit there, when I have the Create Events "
    "permission. An event edited in the Events tab is put back and its organizer told, since "
    "the meetup is what members answer (change it with `/meetup edit`); an event deleted there "
    "is not made again for that meetup."
)
# Since Discord's split of 2026-02-23 only Create Events lets a bot create events, and it also
# changes and deletes the bot's own, which are all the mirror touches: Manage Events, which the
# invite asked for before, no longer serves.
NO_CREATE_EVENTS = (
    "It is not in the server's Events tab: I lack the Create Events permission there (since "
    "Discord's change of February 2026, Manage Events no longer lets me create events). "
    "Everything else works; a server admin can grant Create Events to the Keitora role to show "
    "meetups in the Events tab."
)


def lacks_create_events(guild: discord.Guild | None) -> bool:
    """Whether the bot's own permissions in `guild` leave out Create Events, which creating an
    event takes and which changes the bot's own."""
    me = None if guild is None else guild.me
    if me is None:
        return False
    return not me.guild_permissions.create_events


def event_note(meetup: Meetup, kind: NoteKind, fields: EventFields | None) -> str:
    """The DM to a meetup's organizer when someone changed its event in the Events tab."""
    title = f"**{echo(meetup.title)}**"
    if kind == "deleted" or fields is None:
        text = (
            f"Someone deleted the Events tab event of {title}, so I will not put that meetup in "
            "the Events tab again. The meetup itself, its card, answers and reminders go on."
        )
    else:
        text = (
            f"Someone changed the Events tab event of {title} (to "
            f"{discord.utils.format_dt(fields.starts_at, 'F')} at {echo(fields.location)}). "
            "I put it back as the meetup says, since the card is what members answer and "
            "reminders follow. To change the meetup, use `/meetup edit`; the Events tab follows."
        )
    return fit(text, MESSAGE_CONTENT)


def fields_of(event: discord.ScheduledEvent) -> EventFields:
    return EventFields(
        name=event.name,
        description=event.description or "",
        location=event.location or "",
        starts_at=event.start_time,
        ends_at=event.end_time or event.start_time,
    )


class MeetupEventsCog(commands.Cog, name="MeetupEvents"):
    """Listens to the scheduled events of the servers for edits and deletions of mirrors."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.service: MeetupEvents = bot.services.meetup_events

    @commands.Cog.listener()
    async def on_scheduled_event_update(
        self, before: discord.ScheduledEvent, after: discord.ScheduledEvent
    ) -> None:
        if await self.service.event_updated(after.guild_id, after.id, fields_of(after)):
            log.info("event %s was edited in the Events tab; putting it back", after.id)

    @commands.Cog.listener()
    async def on_scheduled_event_delete(self, event: discord.ScheduledEvent) -> None:
        if await self.service.event_deleted(event.guild_id, event.id):
            log.info("event %s was deleted in the Events tab; its meetup stays out", event.id)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(MeetupEventsCog(bot))
