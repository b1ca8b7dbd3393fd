"""Meetups created and edited: the top layer of `MeetupService`, over the layer that moves and
cancels their dates."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot import recurrence
from bot.clock import Clock, from_unix, unix
from bot.dates import length_words, whole_minutes
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.meetups.counted_weekday import counted_weekday_repeat, same_day_hint
from bot.meetups.model import (
    Changed,
    Created,
    Details,
    Edited,
    Meetup,
    MeetupDraft,
    meetup_from_row,
)
from bot.meetups.moderated import Acting, moderated_dm_key, tell_organizer
from bot.meetups.moves import MeetupMoves
from bot.meetups.schedule import refuse_cancelled
from bot.meetups.values import (
    TimeKept,
    checked_capacity,
    checked_description,
    checked_duration,
    checked_location,
    checked_region,
    checked_title,
    details_changed,
    minutes_given,
    new_length,
    nothing_changed,
    parse_cutoff,
    refuse_closed_signup,
    refuse_unreachable_trucks,
    typed_cutoff,
    typed_or_cleared,
)
from bot.setup import SetupService
from bot.store import Store
from bot.when import When, parse_when
from bot.zones import load_zone

_EPSILON = timedelta(seconds=1)


class MeetupService(MeetupMoves):
    """Meetups and everything members do with them; `members` holds their own settings."""

    def __init__(self, store: Store, clock: Clock, setup: SetupService, jobs: JobQueue) -> None:
        super().__init__(store, clock, jobs)
        self._setup = setup

    # --- meetups -------------------------------------------------------------------------------

    async def create(self, guild_id: int, organizer_id: int, draft: MeetupDraft) -> Created:
        """Read and check what the organizer typed, and store the meetup."""
        title = checked_title(draft.title)
        location = checked_location(draft.location)
        # `none` or `-` is empty, as an edit reads it: not a word shown on the card.
        description = checked_description(typed_or_cleared(draft.description) or "")
        region = checked_region(typed_or_cleared(draft.region))
        capacity = checked_capacity("Capacity", draft.capacity)
        truck_capacity = checked_capacity("Truck capacity", draft.truck_capacity)
        refuse_unreachable_trucks(capacity, truck_capacity)
        cutoff = parse_cutoff(draft.cutoff)
        config = await self._setup.get(guild_id)
        when = parse_when(
            draft.when,
            now=self._clock.now(),
            zone_option=draft.zone_option,
            template_zone=draft.template_zone,
            member_zone=await self.members.member_zone(guild_id, organizer_id),
            server_zone=config.timezone,
        )
        minutes = minutes_given(when.duration, draft.duration_minutes)
        if minutes is None:
            minutes = draft.template_duration
        duration = checked_duration(minutes)
        start_local = when.local.replace(tzinfo=None)
        rrule, repeat_description, starts_at = None, None, when.instant_utc
        if draft.repeat:
            if not isinstance(load_zone(when.zone_name), ZoneInfo):
                # A fixed offset has no daylight saving, so a series in it would drift an hour
                # from the local time twice a year.
                raise UserError(
                    f"A repeating meetup needs a named zone (PT, Central, America/Denver), not "
                    f"{when.zone_name}, so it keeps its local time across daylight saving."
                )
            counted = counted_weekday_repeat(draft.repeat, draft.when, start_local.date())
            repeat = recurrence.parse_repeat(counted or draft.repeat, start_local, when.zone_name)
            rrule, repeat_description = repeat.rrule, repeat.description
            if counted is not None:
                repeat_description += (
                    f", as the date was typed ({same_day_hint(start_local.date())})"
                )
            start_local = repeat.first
            starts_at = recurrence.to_instant(start_local, when.zone_name)
        refuse_closed_signup(cutoff, starts_at, self._clock.now())
        async with self._store.transaction():
            meetup_id = await self._store.insert(
                "INSERT INTO meetups (guild_id, organizer_id, title, description, location, "
                "region, zone, start_local, starts_at, duration_minutes, length_given, rrule, "
                "capacity, truck_capacity, cutoff_minutes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    organizer_id,
                    title,
                    description,
                    location,
                    region,
                    when.zone_name,
                    start_local.isoformat(),
                    unix(starts_at),
                    whole_minutes(duration),
                    minutes is not None,
                    rrule,
                    capacity,
                    truck_capacity,
                    None if cutoff is None else whole_minutes(cutoff),
                    unix(self._clock.now()),
                ),
            )
            meetup = await self.get(guild_id, meetup_id)
            # In one transaction with the insert, which a refusal takes back: of two creates
            # sent at once, the second sees the first.
            await self.refuse_twin(meetup, await self.dates_ahead(meetup))
        created = Created(meetup, when, repeat_description)
        await self._announce(created.meetup)
        return created

    async def set_card(self, meetup_id: int, channel_id: int, message_id: int) -> None:
        await self._store.execute(
            "UPDATE meetups SET channel_id = ?, message_id = ? WHERE id = ?",
            (channel_id, message_id, meetup_id),
        )

    async def set_thread(self, meetup_id: int, thread_id: int | None) -> None:
        """The discussion thread started on the card, where notices go from now on; None for
        one deleted in Discord, when they go beside the card."""
        await self._store.execute(
            "UPDATE meetups SET thread_id = ? WHERE id = ?", (thread_id, meetup_id)
        )

    async def in_thread(self, guild_id: int, thread_id: int) -> Meetup | None:
        """The meetup whose card's thread this is, if any."""
        row = await self._store.fetchone(
            "SELECT * FROM meetups WHERE guild_id = ? AND thread_id = ?", (guild_id, thread_id)
        )
        return None if row is None else meetup_from_row(row)

    async def thread_deleted(self, guild_id: int, thread_id: int) -> Meetup | None:
        """Discord deleted a meetup's thread: notices go beside its card from now on."""
        meetup = await self.in_thread(guild_id, thread_id)
        if meetup is not None:
            await self.set_thread(meetup.id, None)
        return meetup

    async def thread_names_due(self, guild_id: int, meetup_id: int | None = None) -> None:
        """What kept the server's (or one meetup's) threads from their names may be gone (a
        thread unlocked, a role given to the bot): their pending renames run now."""
        await self.thread_names.due(guild_id, meetup_id)

    # --- edits ---------------------------------------------------------------------------------

    async def set_capacity(
        self, guild_id: int, meetup_id: int, capacity: int | None, truck_capacity: int | None
    ) -> list[int]:
        """New capacities; raising one promotes waiting parties in order (returns who), telling
        the first in line when it is too large for the places freed, and lowering one below a
        waiting party's size tells that party by DM (it keeps its place)."""
        async with self._store.transaction():
            return await self._capacity_set(guild_id, meetup_id, capacity, truck_capacity)

    async def _capacity_set(
        self,
        guild_id: int,
        meetup_id: int,
        capacity: int | None,
        truck_capacity: int | None,
        *,
        kept: str | None = None,
    ) -> list[int]:
        """`set_capacity`, in the transaction the caller holds; `kept` names the limit left as
        stored, when only the other was typed (see `refuse_unreachable_trucks`)."""
        capacity = checked_capacity("Capacity", capacity)
        truck_capacity = checked_capacity("Truck capacity", truck_capacity)
        refuse_unreachable_trucks(capacity, truck_capacity, kept=kept)
        promoted: list[int] = []
        before = await self.get(guild_id, meetup_id)
        if before.cancelled_at is not None:
            raise UserError("That meetup was cancelled; its capacity no longer matters.")
        await self._store.execute(
            "UPDATE meetups SET capacity = ?, truck_capacity = ? WHERE guild_id = ? AND id = ?",
            (capacity, truck_capacity, guild_id, meetup_id),
        )
        meetup = await self.get(guild_id, meetup_id)
        # Only places raised are places new to the line: one left as it was (a truck limit
        # changed) or lowered frees nothing to tell the first in line of.
        raised = before.capacity is not None and (
            meetup.capacity is None or meetup.capacity > before.capacity
        )
        for stored in await self._dates_waited_for(meetup):  # earliest first
            promoted += await self._promote(meetup, stored)
            # Places raised that the first in line is too large for stay free, first come,
            # first served, as places freed by a member leaving do: it is told so.
            if raised:
                await self._tell_first_in_line(meetup, stored)
            await self._tell_too_large(meetup, stored, capacity_before=before.capacity)
        return promoted

    async def _dates_waited_for(self, meetup: Meetup) -> list[int]:
        """The ids of the meetup's dates ahead that someone waits for, earliest first: every
        one of a series, however far ahead, in one query and one pass over its rule (a date
        the rule no longer holds, or one started, is left out as `occurrences` leaves it)."""
        rows = await self._store.fetchall(
            "SELECT id, original_start, starts_at FROM occurrences WHERE meetup_id = ? "
            "AND cancelled_at IS NULL AND starts_at > ? AND id IN "
            "(SELECT occurrence_id FROM rsvps WHERE status = 'waitlist') ORDER BY starts_at",
            (meetup.id, unix(self._clock.now())),
        )
        if not rows:
            return []
        waited = {from_unix(row["original_start"]): row["id"] for row in rows}
        last = from_unix(rows[-1]["starts_at"])
        # `before` ends the dates read, so the limit is none of its own.
        ahead = await self.occurrences_of([meetup], limit=sys.maxsize, before=last + _EPSILON)
        return [waited[d.original_start] for d in ahead[meetup.id] if d.original_start in waited]

    async def edit(
        self,
        guild_id: int,
        meetup_id: int,
        *,
        title: str | None = None,
        location: str | None = None,
        description: str | None = None,
        capacity: int | None = None,
        truck_capacity: int | None = None,
        duration_minutes: int | None = None,
        region: str | None = None,
        cutoff: str | None = None,
        when: str | None = None,
        zone_option: str | None = None,
        repeat: str | None = None,
        every_date: bool = False,
        by: int | None = None,
        thread_behind: bool = False,
        acting: Acting | None = None,
    ) -> Edited:
        """Every change is saved in one transaction, so a refusal (or a failure) part way
        changes nothing; a new time or place (which tells everyone answering) is saved last.
        A capacity of 0 removes the limit, and `none` a description or region (0 a cutoff:
        see `typed_cutoff`). `when` moves the next date only, unless
        `every_date` or a new `repeat` re-times the whole series from its next date on. The
        member who edits (`by`) is not told of it. A new title of a meetup with a thread also
        schedules the thread's new name (MEETUP_THREAD_NAME_JOB): the caller renames it at once
        and settles the job, and should it never get there, the job renames it all the same.
        What the meetup has already is left out, the title unless its thread is named
        otherwise (`thread_behind`: it asks for the rename again), and so is a time or rule it
        has already beside another change; an edit that changes nothing is refused. Returns
        the move, who moved up from the waitlist, and the details changed. Its organizer is
        told by DM when someone else (`acting`) edits it."""
        typed = Details(
            title,
            location,
            typed_or_cleared(description),
            capacity,
            truck_capacity,
            duration_minutes,
            typed_or_cleared(region),
            typed_cutoff(cutoff),
        )
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            refuse_cancelled(meetup)
            kept = details_changed(meetup, typed, thread_behind=thread_behind)
            whole_series = every_date or bool(repeat)
            # Told before a time every date already has is left out: a range there still gives
            # every date its length.
            one_date = (
                meetup.rrule is not None and not whole_series and kept.duration_minutes is None
            )
            read: When | None = None
            try:
                if whole_series:
                    _, read = await self._read_retiming(
                        meetup, when or None, repeat or None, zone_option, by
                    )
                elif when:
                    _, read = await self._read_move(meetup, when, zone_option, by)
            except TimeKept as same:
                read = same.read  # its range may give a new length: that is a change
                if kept == Details() and not new_length(read, meetup):
                    raise
                when, repeat, whole_series = None, None, False
            if kept == Details() and not (whole_series or when or new_length(read, meetup)):
                raise nothing_changed(meetup, typed)
            title, location, description = kept.title, kept.location, kept.description
            capacity, truck_capacity = kept.capacity, kept.truck_capacity
            duration_minutes = kept.duration_minutes
            range_length = read and read.duration
            if one_date and range_length and range_length != meetup.duration:
                # Moving one date must not change how long every other date lasts.
                raise UserError(
                    f"Every date of a series lasts the same, {length_words(meetup.duration)}: "
                    "give `duration` to change them all, or leave the range out of `when`."
                )
            duration_minutes = minutes_given(range_length, duration_minutes)
            if not when and new_length(read, meetup):
                # No move says so: the new length is a detail changed, as a duration typed is.
                kept = replace(kept, duration_minutes=duration_minutes)
            if location is not None and not await self._dates_left(meetup):
                raise UserError(f"“{meetup.title}” has no date still ahead.")
            reworded = (title, description, duration_minutes) != (None, None, None) or (
                kept.region,
                kept.cutoff,
            ) != (None, None)
            if reworded:
                await self._details_set(
                    meetup,
                    replace(kept, title=title, description=description),
                    duration_minutes=duration_minutes,
                )
            if title is not None and meetup.thread_id is not None:
                # The title as it was is asked for too: it renames a thread left behind.
                await self.thread_names.schedule(meetup.id, guild_id, self._clock.now())
            promoted: list[int] = []
            if (capacity, truck_capacity) != (None, None):
                promoted = await self._capacity_set(
                    guild_id,
                    meetup_id,
                    meetup.capacity if capacity is None else capacity,
                    meetup.truck_capacity if truck_capacity is None else truck_capacity,
                    kept="capacity"
                    if capacity is None
                    else "trucks"
                    if truck_capacity is None
                    else None,
                )
            changed = None
            if whole_series:
                changed = await self._retimed(
                    guild_id,
                    meetup_id,
                    when or None,
                    repeat or None,
                    zone_option=zone_option,
                    location=location,
                    held_as=meetup,
                    by=by,
                    organizer_dm=moderated_dm_key(meetup, acting),
                )
            elif when or location is not None:
                changed = await self._moved(
                    guild_id,
                    meetup_id,
                    when or None,
                    zone_option=zone_option,
                    location=location,
                    by=by,
                    organizer_dm=moderated_dm_key(meetup, acting),
                    title_from=meetup.title if title not in (None, meetup.title) else None,
                )
            edited = await self.get(guild_id, meetup_id)
            # As a create is: a new title may meet another meetup at any date, a move at its own.
            if title is not None or whole_series:
                await self.refuse_twin(edited, await self.dates_ahead(edited))
            elif changed is not None and changed.moved_from is not None:
                await self.refuse_twin(edited, changed.occurrences[:1])
            if kept.cutoff or when or whole_series:
                # Checked on the dates as saved (a move or a re-time included): the transaction
                # takes the whole edit back.
                following = await self.next_occurrence(edited)
                if following is not None:
                    refuse_closed_signup(edited.cutoff, following.starts_at, self._clock.now())
            await tell_organizer(
                self._jobs,
                edited,
                acting,
                _edit_changes(meetup, kept, moved=bool(when), whole_series=whole_series),
                at=unix(self._clock.now()),
                moved=_next_moved(changed),
                place=None if kept.location is None else edited.location,  # as it is kept
                title_from=meetup.title,
            )
        if reworded or changed is not None:
            await self._announce(edited)
        return Edited(changed, tuple(promoted), kept)

    async def _details_set(
        self, meetup: Meetup, typed: Details, *, duration_minutes: int | None
    ) -> None:
        """New wording, region or cutoff for the card, or a new length, in the transaction the
        caller holds; nobody is told (the card, the Events tab and calendar files show it). A
        new place is a move: those going are told."""
        refuse_cancelled(meetup)
        duration = (
            meetup.duration if duration_minutes is None else checked_duration(duration_minutes)
        )
        region = meetup.region if typed.region is None else checked_region(typed.region)
        cutoff = meetup.cutoff if typed.cutoff is None else parse_cutoff(typed.cutoff)
        await self._store.execute(
            "UPDATE meetups SET title = ?, description = ?, duration_minutes = ?, "
            "length_given = length_given OR ?, region = ?, cutoff_minutes = ? WHERE id = ?",
            (
                meetup.title if typed.title is None else checked_title(typed.title),
                meetup.description
                if typed.description is None
                else checked_description(typed.description),
                whole_minutes(duration),
                duration_minutes is not None,
                region,
                None if cutoff is None else whole_minutes(cutoff),
                meetup.id,
            ),
        )


def _edit_changes(meetup: Meetup, kept: Details, *, moved: bool, whole_series: bool) -> list[str]:
    """What an edit changed, as its organizer's DM names it (bot.meetups.moderated.CHANGES)."""
    details = [
        ("title", kept.title not in (None, meetup.title)),
        ("description", kept.description is not None),
        ("capacity", kept.capacity is not None),
        ("trucks", kept.truck_capacity is not None),
        ("length", kept.duration_minutes is not None),
        ("region", kept.region is not None),
        ("cutoff", kept.cutoff is not None),
        ("dates" if whole_series else "time" if meetup.rrule else "start", whole_series or moved),
        ("place", kept.location is not None),
    ]
    return [change for change, made in details if made]


def _next_moved(changed: Changed | None) -> tuple[int, int] | None:
    """The start of the next date before and after a move, in unix seconds, if it moved."""
    if changed is None or changed.moved_from is None:
        return None
    return unix(changed.moved_from), unix(changed.occurrences[0].starts_at)
