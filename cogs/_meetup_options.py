"""The options of `/meetup`: what their autocomplete suggests (meetups, dates, regions,
templates) and how a picked value is read back, checked again since autocomplete is only a
suggestion; the reminder times `/meetup reminders` offers.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import discord
from discord import app_commands

from bot.client import KeitoraBot, choices_or_none
from bot.clock import from_unix, unix
from bot.dates import length_words
from bot.limits import AUTOCOMPLETE_CHOICES
from bot.meetups import Meetup, Occurrence, local_text, refuse_cancelled
from bot.meetups.occurrences import holds_typed
from bot.numbers import whole_number
from bot.reminders import MEMBER_OFFSETS
from bot.setup import format_offset
from cogs.checks import guild_id_of, is_moderator
from cogs.meetups_views import choice_name, clock_of, service_of

log = logging.getLogger(__name__)


async def meetup_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The server's upcoming meetups whose title holds what was typed (or whose number it is),
    soonest first; never raises, since Discord shows nothing on an error."""
    return await _meetup_choices(interaction, current, organizer_id=None)


ATTENDEES_CANCELLED_KEPT = timedelta(days=7)  # how long past its date a cancelled one is offered


async def attendees_meetup_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """As `meetup_autocomplete`, then the meetups cancelled as a whole whose date is ahead or
    less than a week past, marked so: `/meetup attendees` still lists who had answered."""
    service = service_of(interaction)

    async def listed() -> list[app_commands.Choice[str]]:
        guild_id, typed = guild_id_of(interaction), current.strip()
        ahead = await service.upcoming(guild_id, matching=typed, limit=AUTOCOMPLETE_CHOICES)
        cancelled = await service.cancelled_lately(
            guild_id,
            kept=ATTENDEES_CANCELLED_KEPT,
            limit=AUTOCOMPLETE_CHOICES - len(ahead),
            matching=typed,
        )
        now = clock_of(interaction).now()
        return [
            app_commands.Choice(
                name=choice_name(meetup, date, now, cancelled=meetup.cancelled_at is not None),
                value=str(meetup.id),
            )
            for meetup, date in [*ahead, *cancelled]
        ]

    return await choices_or_none("meetup", current, listed())


async def own_meetup_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """As `meetup_autocomplete`, of the meetups the member may change (see `changeable_by`)."""
    organizer_id = await changeable_by(interaction)
    return await _meetup_choices(interaction, current, organizer_id=organizer_id)


async def changeable_by(interaction: discord.Interaction) -> int | None:
    """Whose meetups the member may change: their own (their id), or any for a moderator
    (None); offering others' only leads to a refusal."""
    return None if await is_moderator(interaction) else interaction.user.id


async def _meetup_choices(
    interaction: discord.Interaction,
    current: str,
    *,
    organizer_id: int | None,
    restorable: bool = False,
) -> list[app_commands.Choice[str]]:
    """The meetups `upcoming` finds (or, `restorable`, those with a cancel to undo), each named
    by the date it is chosen for."""
    service = service_of(interaction)
    find = service.restorable if restorable else service.upcoming

    async def listed() -> list[app_commands.Choice[str]]:
        found = await find(
            guild_id_of(interaction),
            matching=current.strip(),
            organizer_id=organizer_id,
            limit=AUTOCOMPLETE_CHOICES,
        )
        now = clock_of(interaction).now()
        return [
            app_commands.Choice(name=choice_name(meetup, date, now), value=str(meetup.id))
            for meetup, date in found
        ]

    return await choices_or_none("meetup", current, listed())


async def region_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Regions already used in the server, so members spell them one way."""

    async def listed() -> list[app_commands.Choice[str]]:
        regions = await service_of(interaction).regions(
            guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES
        )
        return [app_commands.Choice(name=region, value=region) for region in regions]

    return await choices_or_none("region", current, listed())


async def template_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The server's meetup templates whose name holds what was typed."""

    async def listed() -> list[app_commands.Choice[str]]:
        bot: KeitoraBot = interaction.client  # type: ignore[assignment]
        found = await bot.services.meetup_templates.named(
            guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES
        )
        return [app_commands.Choice(name=t.name, value=t.name) for t in found]

    return await choices_or_none("template", current, listed())


async def occurrence_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The dates left to call off of the meetup chosen in the same command (the one under way,
    those ahead over the next two years, not only those shown) that hold what was typed."""

    async def listed() -> list[app_commands.Choice[str]]:
        meetup = await meetup_named(interaction, str(interaction.namespace.meetup or ""))
        found = await service_of(interaction).dates_typed(
            meetup, current, limit=AUTOCOMPLETE_CHOICES, typing=True
        )
        now = clock_of(interaction).now()
        return [
            app_commands.Choice(
                name=local_text(meetup, occurrence, now=now),
                value=str(unix(occurrence.original_start)),
            )
            for occurrence in found
        ]

    return await choices_or_none("occurrence", current, listed())


async def listed_date_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The dates of the meetup chosen in the same command whose answers `/meetup attendees`
    lists (see `dates_listed`) that hold what was typed, a date cancelled on its own so
    marked."""

    async def listed() -> list[app_commands.Choice[str]]:
        meetup = await meetup_named(
            interaction, str(interaction.namespace.meetup or ""), cancelled=True
        )
        found = await service_of(interaction).listed_dates_typed(
            meetup, current, limit=AUTOCOMPLETE_CHOICES, typing=True
        )
        now = clock_of(interaction).now()
        return [
            app_commands.Choice(
                name=local_text(meetup, date, now=now) + (" (cancelled)" if date.cancelled else ""),
                value=str(unix(date.original_start)),
            )
            for date in found
        ]

    return await choices_or_none("occurrence", current, listed())


async def listed_date_named(
    interaction: discord.Interaction, meetup: Meetup, value: str
) -> Occurrence:
    """The date whose answers an option names: as a choice gives it (any date of the meetup),
    or typed as `occurrence_named` reads it, among the dates `dates_listed` holds."""
    service = service_of(interaction)
    start = picked_start(value)
    if start is None:
        return await service.listed_date_typed(meetup, value)
    return await service.listed_date(meetup, start)


async def restorable_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The server's meetups with a cancel to undo before its date ends (a one-off cancelled, a
    series with a date off) whose title holds what was typed (or whose number it is), soonest
    first: those the member may change (see `changeable_by`)."""

    organizer_id = await changeable_by(interaction)
    return await _meetup_choices(interaction, current, organizer_id=organizer_id, restorable=True)


async def date_off_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The dates off of the series chosen in the same command that have not ended (a restore
    holds them again until then) and hold what was typed; to its organizer, only those they
    cancelled themselves (a moderator's cancel is a moderator's to undo)."""

    async def listed() -> list[app_commands.Choice[str]]:
        meetup = await meetup_named(interaction, str(interaction.namespace.meetup or ""))
        service = service_of(interaction)
        own_only = await changeable_by(interaction) is not None
        now = clock_of(interaction).now()
        return [
            app_commands.Choice(
                name=local_text(meetup, date, now=now), value=str(unix(date.original_start))
            )
            for date in await service.dates_off(meetup)
            if holds_typed(local_text(meetup, date, now=now), current, typing=True)
            and not (own_only and await service.cancelled_by_other(meetup, date.original_start))
        ][:AUTOCOMPLETE_CHOICES]

    return await choices_or_none("occurrence", current, listed())


async def date_off_named(interaction: discord.Interaction, meetup: Meetup, value: str) -> datetime:
    """The date off an option names, as its original start: as a choice gives it, or typed (as
    the choices read, or a day: 2026-12-19); the service checks it is off and not over."""
    start = picked_start(value)
    if start is None:
        return await service_of(interaction).date_off_typed(meetup, value)
    return start


SERVER_TIMES = "server"
REMINDER_TIMES = [
    app_commands.Choice(name="The server's reminder times", value=SERVER_TIMES),
    *(
        app_commands.Choice(name=f"{length_words(offset)} before", value=format_offset(offset))
        for offset in MEMBER_OFFSETS
    ),
]

# The `when` options have room for a few forms; /help meetup lists them all, in words too.
MORE_FORMS = "every form, in words too: /help meetup"
# What `repeat` takes, and how `/meetup edit` changes a series (in `/help topic:meetup`).
REPEAT_HELP = (
    "weekly, every 2 weeks, every weekday, monthly on the first saturday, for 8 weeks, an RRULE…"
)
SERIES_EDIT_HELP = (
    "Changing a series: `/meetup edit when:` moves its next date only (a time of day alone, "
    "`8pm`, keeps that date's day; name a day, `sat 8pm`, to move it there). To re-time every date "
    "from now on, add `dates:Every date from now on` (a new time of day, each date keeping its "
    "day, or a new next date the series goes on from), or give a new `repeat:` in the words "
    "`/meetup create` takes. Past dates stay as they were. Answers move with their dates: the "
    "first date ahead to the new first date, the second to the second, and so on; a date "
    "cancelled on its own stays cancelled (`/meetup restore` holds it again), and one moved on "
    "its own takes the new time (on its own day when the time names none), or stays put under a "
    "new `repeat:` alone. Everyone going, waiting or maybe gets one DM with their date's old "
    "and new time."
)

NEXT_DATE, EVERY_DATE = "next", "every"
# Which dates of a series `/meetup edit when:` moves; a new `repeat` implies every date.
EDITED_DATES = [
    app_commands.Choice(name="The next date only", value=NEXT_DATE),
    app_commands.Choice(name="Every date from now on", value=EVERY_DATE),
]


async def occurrence_named(
    interaction: discord.Interaction, meetup: Meetup, value: str
) -> datetime:
    """The date an option names, as its original start: as a choice gives it, or typed (as the
    choices read, `Sat Jun 5`, or a day: 2026-12-19); the service checks it is one under way or
    still ahead."""
    start = picked_start(value)
    if start is None:
        return await service_of(interaction).date_typed(meetup, value)
    return start


SQLITE_INTEGER_MAX = 2**63 - 1
LATEST_START = 9_999_999_999  # unix seconds in 2286: any date a meetup may have, and a datetime
# Unix seconds have had ten digits since 2001: a shorter number is a day typed (`12` for the
# 12th), never a choice's value.
EARLIEST_START = 1_000_000_000


def picked_start(value: str) -> datetime | None:
    """The original start a date option's choice gives (its unix seconds); None for a date
    typed, which the service reads as its plain text or its day."""
    start = whole_number(value, LATEST_START)
    return None if start is None or start < EARLIEST_START else from_unix(start)


async def meetup_named(
    interaction: discord.Interaction, value: str, *, cancelled: bool = False
) -> Meetup:
    """The meetup an option names, checked again since autocomplete is only a suggestion: its
    number, as a choice gives it, or its title as typed. A cancelled one is refused, saying so,
    unless the command shows `cancelled` meetups too."""
    service, guild_id = service_of(interaction), guild_id_of(interaction)
    meetup_id = whole_number(value, SQLITE_INTEGER_MAX)
    if meetup_id is None:
        meetup = await service.titled(guild_id, value)
    else:
        meetup = await service.get(guild_id, meetup_id)
    return meetup if cancelled else refuse_cancelled(meetup)
