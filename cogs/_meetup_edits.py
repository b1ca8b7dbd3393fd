"""What `/meetup edit` checks of its options before changing anything, and what else it tells
the organizer after the change: the dates where more are going (or waiting) than a lowered
capacity lets in, and the dates cancelled on their own that a date moved alone lands on."""

from __future__ import annotations

import discord

from bot.dates import length_words
from bot.errors import UserError
from bot.limits import listed
from bot.meetups import Counts, Meetup, MeetupService, Occurrence
from cogs._meetup_options import NEXT_DATE
from cogs._text import counted
from cogs.meetups_views import counted_people

# How far ahead a lowered capacity is checked: as far as the service re-checks the waitlists.
DATES_CHECKED = 50
# How many dates over a lowered capacity the reply names, so it stays one short message.
DATES_NAMED = 5


def refuse_unclear_edit(
    *,
    changes: tuple[object, ...],
    when: str | None,
    repeat: str | None,
    zone: str | None,
    dates: str | None,
) -> None:
    """Options that change nothing, or that only make sense with another one, are refused
    before anything is read or saved."""
    if repeat and dates == NEXT_DATE:
        raise UserError(
            "A new repeat rule is for every date from now on: choose “Every date from now "
            "on” in dates, or leave dates out."
        )
    if zone is not None and not when:
        # A meetup keeps the zone it was created in; the option only reads a new time.
        raise UserError(
            "The timezone option says which zone a new `when` is in, so give `when` with it."
        )
    if dates is not None and not (when or repeat):
        raise UserError(
            "The dates option says which dates a new `when` moves, so give `when` (or a new "
            "`repeat`) with it."
        )
    if all(change is None for change in changes):
        raise UserError(
            "Say what to change: title, when (and its timezone), repeat, location, "
            "description, capacity, trucks, duration, region or cutoff."
        )


async def dates_off_over(service: MeetupService, meetup: Meetup, moved: Occurrence) -> list[str]:
    """A date of a series moved alone over the hours of one cancelled on its own ("sat
    11am" naming the Saturday that is off): its attendees hear nothing of this one."""
    return [
        f"The {discord.utils.format_dt(off.starts_at, 'F')} date was cancelled on its own "
        "and stays so: those told it is off are not told of this one."
        for off in await service.dates_off_over(meetup, moved)
    ]


def raised(before: int | None, typed: int | None) -> bool:
    """Whether a limit typed in `/meetup edit` lets more in than `before` (0 lifts it)."""
    return typed is not None and before is not None and (typed == 0 or typed > before)


async def signup_closed_to_more(service: MeetupService, edited: Meetup) -> list[str]:
    """More places after signup closed for the next date let nobody in: the organizer reads
    so, and how to open signup again, rather than wait for answers Going refuses."""
    meetup = await service.get(edited.guild_id, edited.id)
    upcoming = await service.next_occurrence(meetup)
    if upcoming is None or not service.signup_closed(meetup, upcoming):
        return []
    assert meetup.cutoff is not None
    return [
        f"Signup{' for its next date' if meetup.rrule else ''} closed "
        f"{length_words(meetup.cutoff)} before it starts, so "
        "nobody can take the new places: to open it again, shorten the cutoff "
        "(`/meetup edit cutoff:`, 0 for none)."
    ]


async def over_capacity(service: MeetupService, edited: Meetup) -> list[str]:
    """Say so when more are going to (or waiting for) any date still ahead than the new
    capacity lets in: a one-off's only date, or every date of a series, not just its next."""
    meetup = await service.get(edited.guild_id, edited.id)
    dates = await service.occurrences(meetup, limit=DATES_CHECKED)
    if meetup.rrule is None:
        return over_capacity_text(meetup, await service.counts(dates[0])) if dates else []
    return series_over_capacity_text(
        meetup, list(zip(dates, await service.counts_of(dates), strict=True))
    )


def over_capacity_text(meetup: Meetup, counts: Counts) -> list[str]:
    """A one-off's capacity lowered below those going: nobody was bumped, and new answers
    wait; and below waiting parties: they keep their place, and were told how to move up."""
    over = _going_over(meetup, counts)
    said = (
        [
            f"{over} are already going to the next date: nobody was moved to the waitlist, "
            "and new answers wait until enough places free up."
        ]
        if over
        else []
    )
    if counts.too_large:
        parties = counted(counts.too_large, "waiting party", "waiting parties")
        # Only a party that fitted the capacity before this edit is told (once) by DM.
        outcome = (
            "is larger than the whole capacity of {0:,} and cannot move up as it stands: it "
            "keeps its place in line, and was told by DM to bring fewer guests when this edit "
            "made it too large."
            if counts.too_large == 1
            else "are larger than the whole capacity of {0:,} and cannot move up as they stand: "
            "they keep their place in line, and each was told by DM to bring fewer guests when "
            "an edit made it too large."
        )
        said.append(f"{parties} at the next date {outcome.format(meetup.capacity)}")
    return said


def series_over_capacity_text(meetup: Meetup, dated: list[tuple[Occurrence, Counts]]) -> list[str]:
    """`over_capacity_text` for a series, naming each date still ahead that is over."""
    going = [
        f"{over} to the {_date(occurrence)} date"
        for occurrence, counts in dated
        if (over := _going_over(meetup, counts))
    ]
    waiting = [
        f"{counts.too_large:,} at the {_date(occurrence)} date"
        for occurrence, counts in dated
        if counts.too_large
    ]
    said = []
    if going:
        said.append(
            f"Already going over the new capacity: {_first_named(going)}. Nobody was moved to "
            "the waitlist, and new answers wait until enough places free up."
        )
    if waiting:
        # A member waiting at several dates is told once, for the first (bot/meetups/rsvp.py).
        said.append(
            f"Waiting parties larger than the whole capacity of {meetup.capacity:,}: "
            f"{_first_named(waiting)}. They cannot move up as they stand: they keep their place "
            "in line, and each member was told once by DM to bring fewer guests when an edit "
            "made their party too large."
        )
    return said


def _going_over(meetup: Meetup, counts: Counts) -> str:
    """What is going beyond the capacities, e.g. `4 people (the capacity is 3)`; empty when
    nothing is."""
    over = []
    if meetup.capacity is not None and counts.people > meetup.capacity:
        over.append(f"{counted_people(counts.people)} (the capacity is {meetup.capacity:,})")
    if meetup.truck_capacity is not None and counts.trucks > meetup.truck_capacity:
        over.append(
            f"{counted(counts.trucks, 'truck')} (the truck capacity is {meetup.truck_capacity:,})"
        )
    return " and ".join(over)


def _date(occurrence: Occurrence) -> str:
    return discord.utils.format_dt(occurrence.starts_at, "F")


def _first_named(items: list[str]) -> str:
    """The first DATES_NAMED items as a sentence lists them, and how many more there are."""
    if len(items) <= DATES_NAMED:
        return listed(items)
    rest = len(items) - DATES_NAMED
    return listed([*items[:DATES_NAMED], counted(rest, "later date")])
