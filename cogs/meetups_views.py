"""How meetups read in Discord: the words the cog and the views share, the messages sent later
(a place opened up, a date cancelled or moved, a reminder), and the coalesced edits of a card.

The card with its buttons and form is in cogs/meetups_card_views.py, the pages of `/meetup list`
and `/meetup attendees` in cogs/meetups_list_views.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

import discord

from bot.client import KeitoraBot
from bot.clock import Clock
from bot.dates import length_words
from bot.limits import CHOICE_NAME, MESSAGE_CONTENT, fit
from bot.meetups import (
    LATER_DATES_OFF,
    Change,
    Counts,
    Meetup,
    MeetupService,
    Occurrence,
    Party,
    local_text,
)
from bot.reminders import OutdatedReminder
from bot.when import When
from bot.zones import load_zone, zone_label
from cogs._text import counted, echo, quoted

log = logging.getLogger(__name__)

COLOUR = discord.Colour.from_rgb(46, 139, 87)  # a field green, apart from the glossary's red
# How long a card waits to gather more clicks before it is edited: Discord allows a channel
# about five message edits every five seconds, and a burst of clicks should cost one or two.
EDIT_DELAY = 1.0


def service_of(interaction: discord.Interaction) -> MeetupService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.meetups


def clock_of(interaction: discord.Interaction) -> Clock:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.clock


def when_text(occurrence: Occurrence) -> str:
    """The occurrence's start in each reader's own zone, and how far off it is."""
    return when_text_at(occurrence.starts_at)


def when_text_at(start: datetime) -> str:
    """An instant in each reader's own zone, and how far off it is."""
    return f"{discord.utils.format_dt(start, 'F')} ({discord.utils.format_dt(start, 'R')})"


def span_text(meetup: Meetup, occurrence: Occurrence) -> str:
    """The occurrence's start as `when_text` gives it, and on a line of its own when it ends
    and how long it lasts, when the organizer gave a length: the default one is no word of
    theirs to show (see `end_text`)."""
    if not meetup.length_given:
        return when_text(occurrence)
    return f"{when_text(occurrence)}\nUntil {end_text(meetup, occurrence)} " + (
        f"({length_words(meetup.duration)})"
    )


def end_text(meetup: Meetup, occurrence: Occurrence) -> str:
    """When the occurrence ends, with its date only once it falls on another day on the
    meetup's clock: "Until 02:40" after a 10 AM start reads as the same afternoon's."""
    zone = load_zone(meetup.zone)
    ends_at = occurrence.starts_at + meetup.duration
    same_day = ends_at.astimezone(zone).date() == occurrence.starts_at.astimezone(zone).date()
    return discord.utils.format_dt(ends_at, "t" if same_day else "f")


def counted_people(count: int) -> str:
    return counted(count, "person", "people")


def going_text(counts: Counts, capacity: int | None, truck_capacity: int | None) -> str:
    """Those going against the limits, one way on the card, the list and the attendees:
    `4 people of 5 (2 guests) · 1 truck`; a count over a limit lowered below it reads full,
    `3 people (capacity 1: full)`, never "3 of 1"."""
    guests = counts.people - counts.parties
    people = _against(
        counted_people(counts.people),
        counts.people,
        capacity,
        [counted(guests, "guest")] if guests else [],
    )
    return f"{people} · {_against(counted(counts.trucks, 'truck'), counts.trucks, truck_capacity)}"


def _against(text: str, count: int, limit: int | None, notes: Sequence[str] = ()) -> str:
    if limit is not None and count > limit:
        notes = [f"capacity {limit:,}: full", *notes]
    elif limit is not None:
        text += f" of {limit:,}"
    return text + (f" ({'; '.join(notes)})" if notes else "")


def told_text(count: int, declined: int = 0, unmoved: int = 0) -> str:
    """Who the organizer's change is told to: `count` going, waiting or maybe, and `declined`
    who said Can't go (of a new time, or a date back on); and of a re-time, `unmoved` going,
    waiting or maybe for a date it left as it was, who need no telling."""
    if not count and not declined:
        if unmoved:
            return (
                f"{counted(unmoved, 'member')} going, waiting or maybe answered for a date that "
                "keeps its time, so nobody needs telling."
            )
        return "Nobody else was going, waiting or maybe, so nobody gets a DM."
    gets = "gets a DM" if count + declined == 1 else "get a DM"
    if not declined:
        said = f"{counted(count, 'member')} going, waiting or maybe {gets}."
    else:
        parts = ([f"{count:,} going, waiting or maybe"] if count else []) + [
            f"{declined:,} who said Can't go"
        ]
        said = f"{counted(count + declined, 'member')} {gets}: {' and '.join(parts)}."
    if not unmoved:
        return said
    gets_none = "gets no DM" if unmoved == 1 else "get no DM"
    return f"{said} {unmoved:,} more answered for a date that keeps its time and {gets_none}."


def promoted_text(count: int) -> str:
    """Who moved up from the waitlist when a capacity was raised."""
    gets = "gets a DM" if count == 1 else "get a DM"
    return f"{counted(count, 'member')} moved up from the waitlist and {gets}."


def read_as(when: When) -> str:
    """How a typed time was read: the instant, its zone and where the zone came from."""
    return (
        f"Read as {when.understood}: zone **{zone_label(when.zone_name)}**, "
        f"{when.zone_source.phrase}."
    )


def reminders_reply(on: bool, own: timedelta | None, *, server_on: bool) -> str:
    """What a member is told of `/meetup reminders`: with their own time before (`own`, else
    the server's), and whether the server sends reminders at all."""
    if not on:
        thread = (
            "reminders in the meetup's thread still name you"
            if server_on
            else "this server has meetup reminders off for now, in threads too"
        )
        return f"No more reminder DMs; {thread}."
    times = length_words(own) if own is not None else "at the server's reminder times"
    dm = f"a DM {times} before each meetup you're going to"
    if server_on:
        return f"You'll get {dm}."
    return (
        f"Saved: {dm}. This server has turned meetup reminders off, though, so none are sent "
        "until its admins turn them back on."
    )


def choice_name(
    meetup: Meetup, occurrence: Occurrence, now: datetime, *, cancelled: bool = False
) -> str:
    """An autocomplete label: the title, then the number and date (its year when not this
    year's), and whether it was `cancelled`, which are kept whole, so two meetups of one title
    at one time can be told apart."""
    mark = " (cancelled)" if cancelled else ""
    tail = f" (#{meetup.id}) — {local_text(meetup, occurrence, now=now)}{mark}"
    return fit(meetup.title, CHOICE_NAME - len(tail)) + tail


def promotion_notice(meetup: Meetup, occurrence: Occurrence) -> str:
    """The DM a member gets when a place opened up and they moved from the waitlist to Going."""
    return fit(
        f"You're in! A place opened up at **{echo(meetup.title)}**, {when_text(occurrence)}, "
        f"at {echo(meetup.location)}: you moved from the waitlist to Going. "
        "If you can't make it after all, press Can't go on the meetup's card so the next "
        "person gets your place.",
        MESSAGE_CONTENT,
    )


def too_large_notice(
    meetup: Meetup, occurrence: Occurrence, party: Party, signup_closed: bool, free: int | None
) -> str:
    """The DM a waiting member gets when the capacity was lowered below their party's size;
    once signup closed, the party can no longer shrink, and the DM does not suggest it. With
    `free`, the places free that the party, first in line, is too large for."""
    capacity = meetup.capacity
    assert capacity is not None
    until = (
        f" before signup closes, {length_words(meetup.cutoff)} before the start"
        if meetup.cutoff is not None
        else ""
    )
    if free is not None:
        come = "Come without guests" if free == 1 else f"Bring at most {counted(free - 1, 'guest')}"
        return fit(
            f"{counted(free, 'place')} {'is' if free == 1 else 'are'} free at "
            f"**{echo(meetup.title)}**, {when_text(occurrence)}. Your party of {party.people:,} "
            f"is first in line but does not fit {'it' if free == 1 else 'them'}. {come} (the "
            f"Guests & truck button on the meetup's card{until}) and you move to Going at once; "
            "or keep your place in line: first come, first served, nobody behind you takes "
            f"{'it' if free == 1 else 'them'} before you.",
            MESSAGE_CONTENT,
        )
    allowed = "no guests" if capacity == 1 else f"at most {counted(capacity - 1, 'guest')}"
    what_now = (
        "Signup has closed, so your party can't change any more: ask the organizer, or press "
        "Can't go on the meetup's card so you're not left waiting."
        if signup_closed
        else "You keep your place in line: bring fewer guests with the Guests & truck button "
        f"on the meetup's card{until} ({allowed}), and you move to Going when a place opens "
        "up for you. Press Can't go if you'd rather not wait."
    )
    return fit(
        f"The organizer lowered the capacity of **{echo(meetup.title)}**, "
        f"{when_text(occurrence)}, to {counted_people(capacity)} in all, guests included. "
        f"Your party of {party.people:,} on the waitlist can't move up as it stands. {what_now}",
        MESSAGE_CONTENT,
    )


def change_notice(
    meetup: Meetup, occurrence: Occurrence, change: Change, members: tuple[int, ...]
) -> str:
    """What members going, waiting or maybe are told when an occurrence is cancelled, restored
    or moved, and those who said Can't go when it moved in time or was restored: by DM (no
    `members`), or in the meetup's thread mentioning exactly `members`. A title the same edit
    changed is named too: members answered for that one."""
    was = f" (was {quoted(change.title_from)})" if change.title_from else ""
    title = f"**{echo(meetup.title)}**{was}"
    if change.kind == "cancelled":
        start = discord.utils.format_dt(occurrence.starts_at, "F")
        reason = f": {echo(change.reason)}" if change.reason else ""
        one_date = bool(meetup.rrule and not meetup.cancelled_at)
        if change.under_way:
            # Those there or on the road: not "will not take place", but it stops now.
            text = f"{title}, under way since {start}, was called off{reason}."
            if meetup.rrule and not one_date:
                text += f" {LATER_DATES_OFF}"
        elif one_date:
            text = f"{title} on {start} is cancelled{reason}."
        else:
            what = "The whole series" if meetup.rrule else "It"
            text = f"{title} on {start} is cancelled{reason}. {what} will not take place."
        if one_date:
            before = " the dates before it stay on," if change.dates_before else ""
            if change.next_start and before:
                text += (
                    f" Only that date: the series goes on,{before} and the one after it is "
                    f"{when_text_at(change.next_start)}."
                )
            elif change.next_start:
                text += (
                    " Only that date: the series goes on, and its next date is "
                    f"{when_text_at(change.next_start)}."
                )
            elif before:
                text += f" Only that date:{before} and it was the series' last."
            else:
                text += " It was the last date of the series still ahead."
            if change.next_start and not change.posted:
                # Answers are per date: the card shows none of theirs for the next one.
                text += (
                    " Your answer was for the cancelled date only: if you're coming on "
                    f"{'another' if before else 'the next'} date, answer again on the card."
                )
    elif change.kind == "restored":
        text = f"{title} on {when_text(occurrence)} is on again: its cancel was undone. " + (
            # The thread is everyone's: waiting, Can't go, or never answered.
            "Answers given before the cancel stand: press Can't go on the card if you can no "
            "longer come, or Going if it suits you now."
            if change.posted
            else "You said you can't go: if it suits you now, answer Going or Maybe on the card."
            if change.declined
            else "You are still on the waitlist: if a place opens up for you, you move to Going "
            "and I'll send you a DM. Press Can't go on the card if you can no longer come."
            if change.waiting
            else "Your answer stands; press Can't go on the card if you can no longer come."
        )
    else:
        text = _moved_text(title, occurrence, change)
    return mentioning(members, text)


def _moved_text(title: str, occurrence: Occurrence, change: Change) -> str:
    """A date moved in time, in place, or both: the new time and place, and what was before."""
    place = (
        f"a new place: **{echo(change.location)}**"
        + (f" (it was {echo(change.location_from)})" if change.location_from else "")
        if change.location
        else ""
    )
    if change.moved_from is None and change.location:
        text = f"{title} on {when_text(occurrence)} moved to {place}."
        changed = "place"
    else:
        before = discord.utils.format_dt(change.moved_from or occurrence.original_start, "F")
        to = f"to {when_text(occurrence)}" + (f", and to {place}." if place else ".")
        if not change.series:
            text = f"{title} moved from {before} {to}"
        else:
            if change.posted:
                # The thread's readers answered for other dates, or for none.
                which = f"of {before} moved"
            else:
                answered = "said you can't go to" if change.declined else "answered for"
                which = f"you {answered} moved from {before}"
            text = (
                f"{title} has a new schedule from now on: {echo(change.series)}. The date "
                f"{which} {to}"
            )
        changed = "time or place" if place else "time"
    if change.declined:
        # Told only of a new time: it may suit them now.
        offer = f"the new {changed} suits you, answer Going or Maybe on the card."
        return (
            f"{text} If {offer}" if change.series else f"{text} You said you can't go: if {offer}"
        )
    if change.posted:
        return (
            f"{text} Answers given stand: press Can't go on the card if the new {changed} does "
            "not suit you, or Going if it suits you now."
        )
    stands = (
        "You are still on the waitlist: if a place opens up for you, you move to Going and "
        "I'll send you a DM. Press"
        if change.waiting
        else "Your answer stands; press"
    )
    return f"{text} {stands} Can't go on the card if the new {changed} does not suit you."


def reminder_notice(
    meetup: Meetup, occurrence: Occurrence, late: bool, members: tuple[int, ...]
) -> str:
    """A reminder before an occurrence: by DM (no `members`), or in the meetup's thread
    mentioning exactly the members going. How soon is the timestamp's, not the reminder's
    offset, which a reminder sent even a minute late no longer tells truly."""
    text = _reminder_line(meetup, occurrence, late)
    if not members:
        text += (
            " If you can't make it, press Can't go on the card so someone else gets your place."
            " Turn these DMs off with `/meetup reminders state:off`."
        )
    return mentioning(members, text)


def _reminder_line(meetup: Meetup, occurrence: Occurrence, late: bool) -> str:
    # The date before how soon, so a reminder read after the date still reads true.
    return (
        f"{'Reminder, sent late' if late else 'Reminder'}: **{echo(meetup.title)}** starts "
        f"{when_text(occurrence)}, at {echo(meetup.location)}."
    )


def outdated_reminder_text(post: OutdatedReminder) -> str:
    """A reminder post whose date moved or was called off since it was posted: struck through,
    so it counts down to nothing, and saying what became of the date; as first posted when the
    date moved back."""
    if post.moved_to == post.shown.starts_at:
        return reminder_notice(post.meetup, post.shown, post.late, post.members)
    struck = f"~~{_reminder_line(post.meetup, post.shown, post.late)}~~"
    if post.moved_to is None:
        return mentioning(post.members, f"{struck} This date was called off.")
    new = discord.utils.format_dt(post.moved_to, "F")
    soon = discord.utils.format_dt(post.moved_to, "R")
    return mentioning(post.members, f"{struck} Moved to {new} ({soon}).")


def mentioning(members: tuple[int, ...], text: str) -> str:
    """`text` after a mention of each member: the mentions are kept whole, the text is cut."""
    mentions = " ".join(f"<@{member_id}>" for member_id in members)
    lead = f"{mentions}\n" if mentions else ""
    return lead + fit(text, MESSAGE_CONTENT - len(lead))


# --- coalesced card edits ------------------------------------------------------------------------


# The name a card edit's task starts with, by which the sandbox knows the bot is still gathering.
CARD_EDIT_TASK_PREFIX = "meetup-card-"


class CardRefresher(Protocol):
    def touch(self, guild_id: int, meetup_id: int) -> None: ...

    async def edit_card(self, guild_id: int, meetup_id: int) -> None: ...

    async def keep_card(self, guild_id: int, meetup_id: int, message: discord.Message) -> None: ...


# The name the meetup cog registers under, so buttons can ask it to refresh a card.
MEETUP_COG = "Meetups"


def refresh_card(interaction: discord.Interaction, meetup_id: int) -> None:
    cog: CardRefresher | None = interaction.client.get_cog(MEETUP_COG)  # type: ignore[attr-defined]
    if cog is not None and interaction.guild_id is not None:
        cog.touch(interaction.guild_id, meetup_id)


async def keep_card(
    interaction: discord.Interaction, meetup_id: int, message: discord.Message
) -> None:
    """A click on a card the meetup has none recorded for may record it (MeetupCards)."""
    cog: CardRefresher | None = interaction.client.get_cog(MEETUP_COG)  # type: ignore[attr-defined]
    if cog is not None and interaction.guild_id is not None:
        await cog.keep_card(interaction.guild_id, meetup_id, message)


class CardEdits:
    """Edits of meetup cards after changes, coalesced per meetup.

    A change marks the card stale. One task per meetup waits `delay` to gather more changes,
    clears the mark and edits the card from the database, and goes round again while changes
    arrived meanwhile: at most one edit is in flight per card, a burst of clicks costs a few
    edits, and the last edit starts after the last change, so it shows the final counts.
    """

    def __init__(
        self, edit: Callable[[int, int], Awaitable[None]], *, delay: float = EDIT_DELAY
    ) -> None:
        self._edit = edit
        self._delay = delay
        self._stale: set[int] = set()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._hurry = asyncio.Event()  # set when shutting down: no more gathering

    def touch(self, guild_id: int, meetup_id: int) -> None:
        self._stale.add(meetup_id)
        if meetup_id not in self._running:
            self._running[meetup_id] = asyncio.create_task(
                self._refresh(guild_id, meetup_id), name=f"{CARD_EDIT_TASK_PREFIX}{meetup_id}"
            )

    async def _refresh(self, guild_id: int, meetup_id: int) -> None:
        try:
            while meetup_id in self._stale:
                await self._gather()
                self._stale.discard(meetup_id)
                try:
                    await self._edit(guild_id, meetup_id)
                except discord.NotFound:
                    # Deleted by hand: every later click would trace the same 404 again.
                    log.warning("the card of meetup %d is gone; not edited", meetup_id)
                except Exception:
                    # The next change tries again; a card deleted by hand stays deleted.
                    log.warning("could not edit the card of meetup %d", meetup_id, exc_info=True)
        finally:
            self._running.pop(meetup_id, None)

    async def _gather(self) -> None:
        try:
            await asyncio.wait_for(self._hurry.wait(), self._delay)
        except TimeoutError:
            return

    async def flush(self, within: float) -> None:
        """Make the pending edits now and wait for them, for at most `within` seconds; an
        edit still unfinished then is cancelled."""
        self._hurry.set()
        running = list(self._running.values())
        if not running:
            return
        _, unfinished = await asyncio.wait(running, timeout=within)
        for task in unfinished:
            task.cancel()
        if unfinished:
            log.warning("%d meetup cards were left unedited at shutdown", len(unfinished))
