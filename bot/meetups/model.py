"""What a meetup is, as the service hands it out: plain frozen values, and a stored row read
back as a `Meetup`."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from bot.clock import from_unix
from bot.links import message_link
from bot.store import from_row
from bot.when import When

Status = Literal["going", "waitlist", "maybe", "declined"]
# A meetup's limit that may be full: its people places, or its truck spots.
Limit = Literal["places", "truck spots"]


@dataclass(frozen=True)
class EarlierRule:
    """A rule a series followed from `start_local` (naive, on the meetup's clock) until it was
    re-timed from its date `replaced_at`, which moved to the new rule with every later one: the
    dates it kept are those before. They keep the title, place, description and length the
    series had when it was re-timed: what later edits change is the dates ahead."""

    rrule: str
    start_local: datetime
    replaced_at: datetime
    title: str
    location: str
    description: str
    duration: timedelta


@dataclass(frozen=True)
class Meetup:
    id: int
    guild_id: int
    organizer_id: int
    title: str
    description: str
    location: str
    region: str | None
    zone: str
    start_local: datetime  # the first occurrence on the zone's clock, naive
    starts_at: datetime
    duration: timedelta
    rrule: str | None
    capacity: int | None
    truck_capacity: int | None
    channel_id: int | None
    message_id: int | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    thread_id: int | None = None  # the discussion thread started on the card
    cutoff: timedelta | None = None  # signup closes this long before each start
    revision: int = 0  # moves with each change a calendar shows (migration 0019)
    # Whether the organizer gave `duration` (as such, or as a range typed for the time), not
    # the default: only then does the card say when a date ends.
    length_given: bool = False
    # The rules a series followed before it was re-timed, oldest first: only a calendar file
    # reads them (`with_exceptions`), to keep the dates already held.
    earlier_rules: tuple[EarlierRule, ...] = ()

    @property
    def discussion_id(self) -> int | None:
        """Where notices about the meetup are posted: its thread, else the card's channel."""
        return self.thread_id or self.channel_id

    def signup_closes(self, occurrence: Occurrence) -> datetime | None:
        return None if self.cutoff is None else occurrence.starts_at - self.cutoff

    @property
    def called_off(self) -> bool:
        """Whether a one-off was cancelled while under way: those there read it "called off"
        (it stopped, rather than "will not take place"), and it may be restored until it ends.
        A whole series cancelled is cancelled, whatever date was on."""
        return (
            self.cancelled_at is not None
            and self.rrule is None
            and self.cancelled_at >= self.starts_at
        )


# What a series called off while one of its dates was under way means for its dates after it,
# wherever that cancel is told (card, attendees, DMs, replies, calendar notes).
LATER_DATES_OFF = "The whole series is cancelled: its later dates will not take place."


def card_link(meetup: Meetup) -> str | None:
    """The link to the meetup's card in Discord, for calendar apps and the public page."""
    if meetup.channel_id is None or meetup.message_id is None:
        return None
    return message_link(meetup.guild_id, meetup.channel_id, meetup.message_id)


@dataclass(frozen=True)
class Occurrence:
    meetup_id: int
    original_start: datetime  # where the meetup or its series put it: the occurrence's name
    starts_at: datetime
    cancelled: bool = False
    # Why a date cancelled on its own is off, as its organizer gave it; not part of which date
    # it is, so two reads of one date compare equal whatever they loaded.
    cancel_reason: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Counts:
    people: int  # going, guests included
    parties: int  # going members
    trucks: int
    waiting: int  # waitlisted parties
    maybe: int
    too_large: int = 0  # waitlisted parties larger than the whole capacity, which cannot move up


@dataclass(frozen=True)
class Party:
    member_id: int
    status: Status
    guests: int
    truck: str | None

    @property
    def people(self) -> int:
        return 1 + self.guests

    @property
    def trucks(self) -> int:
        return 0 if self.truck is None else 1


@dataclass(frozen=True)
class Room:
    """What was left beside those going when a party waits: places for people and spots for
    trucks (None: no limit), so the member reads which limit held them back, if either did;
    else which of them the parties waiting ahead of it need."""

    places: int | None
    trucks: int | None
    places_ahead: int = 0  # the people of the parties waiting ahead
    trucks_ahead: int = 0  # and their trucks


@dataclass(frozen=True)
class Answer:
    """What an RSVP did: the member's party now, their waitlist place, and who moved up."""

    meetup: Meetup
    party: Party
    occurrence: Occurrence
    position: int | None  # 1-based place on the waitlist, when waiting
    promoted: tuple[int, ...]
    changed: bool
    room: Room | None = None  # when waiting
    was: Status | None = None  # the member's answer before this one, if any
    # The guests a going member asked for, when their truck was taken with fewer: the rest did
    # not fit (`bot.meetups.growth.taken_growth`).
    guests_asked: int | None = None
    # What was full when the member left Going, its people places or (with their truck) its
    # truck spots, so that anyone may take the one freed before they answer Going again.
    freed_full: Limit | None = None
    # Whether, when the member left Going, answering Going again would put them at the end of
    # the waitlist at once, behind parties the place freed could not fit.
    rejoin_waits: bool = False


@dataclass(frozen=True)
class MeetupDraft:
    """What an organizer typed for a new meetup, before it is read and checked."""

    title: str
    when: str
    location: str
    description: str = ""
    zone_option: str | None = None
    template_zone: str | None = None  # the zone of the template it comes from, if any
    repeat: str | None = None
    capacity: int | None = None
    truck_capacity: int | None = None
    region: str | None = None
    duration_minutes: int | None = None
    cutoff: str | None = None  # how long before each start signup closes: `2h`, `90m`, `1d`
    # The length the template it comes from was given, if any: a time typed as a range
    # overrides it.
    template_duration: int | None = None


@dataclass(frozen=True)
class Created:
    meetup: Meetup
    when: When
    repeat_description: str | None


@dataclass(frozen=True)
class Change:
    """What happened to an occurrence, for the members going, waiting or maybe: cancelled,
    restored (its cancel undone), or moved in time (`moved_from` is where it started before), in
    place (`location` is the new one), or both by one edit."""

    kind: Literal["cancelled", "moved", "restored"]
    reason: str | None = None
    moved_from: datetime | None = None
    location: str | None = None
    location_from: str | None = None
    # A series' date after the one cancelled on its own, and whether dates still ahead come
    # before that one (it was not the next): the notice names the date after it, not before.
    next_start: datetime | None = None
    dates_before: bool = False
    series: str | None = None  # a series' new schedule in words, when every date ahead moved
    declined: bool = False  # told to a member who said Can't go to the date
    waiting: bool = False  # told to a member on the date's waitlist, of a restore or a move
    under_way: bool = False  # cancelled once it had started: those there are told it ends
    posted: bool = False  # in the meetup's thread, for all who read it: not one member's DM
    # The title members answered for, when the edit that moved it renamed it too.
    title_from: str | None = None


@dataclass(frozen=True)
class Changed:
    meetup: Meetup
    occurrences: tuple[Occurrence, ...]
    told: tuple[int, ...]  # members going, waiting or maybe who are told
    moved_from: datetime | None = None  # where a moved occurrence started before
    when: When | None = None  # how a new time was read, to echo to the organizer
    series: str | None = None  # a series' new schedule in words, when every date ahead moved
    # Dates moved on their own before that a re-time put on its new schedule: (from, where the
    # new rule falls for it, to).
    moved_alone: tuple[tuple[datetime, datetime, datetime], ...] = ()
    # Dates moved on their own before that a new rule alone left at their time.
    kept_alone: tuple[datetime, ...] = ()
    # Dates cancelled on their own that a re-time carried to a new time, still off: (from, to).
    moved_off: tuple[tuple[datetime, datetime], ...] = ()
    declined: tuple[int, ...] = ()  # members who said Can't go told too (of a new time)
    # Members going, waiting or maybe for a date a re-time left at its time: not told.
    unmoved: tuple[int, ...] = ()


@dataclass(frozen=True)
class Details:
    """What an edit types for a meetup's details; None is left out, and "" for a description,
    a region or a cutoff clears it."""

    title: str | None = None
    location: str | None = None
    description: str | None = None
    capacity: int | None = None
    truck_capacity: int | None = None
    duration_minutes: int | None = None
    region: str | None = None
    cutoff: str | None = None  # as typed: `2h`, `90m`, `1d`


@dataclass(frozen=True)
class Edited:
    """What an edit did that others are told of: a new time or place, and who moved up from
    the waitlist when the capacity rose or was removed; and the details it changed (those
    typed that the meetup did not have already)."""

    changed: Changed | None
    promoted: tuple[int, ...] = ()
    details: Details = Details()


def meetup_from_row(row: sqlite3.Row) -> Meetup:
    cancelled = row["cancelled_at"]
    return from_row(
        Meetup,
        row,
        start_local=datetime.fromisoformat(row["start_local"]),
        starts_at=from_unix(row["starts_at"]),
        duration=timedelta(minutes=row["duration_minutes"]),
        cancelled_at=None if cancelled is None else from_unix(cancelled),
        cutoff=None if row["cutoff_minutes"] is None else timedelta(minutes=row["cutoff_minutes"]),
        length_given=bool(row["length_given"]),
    )
