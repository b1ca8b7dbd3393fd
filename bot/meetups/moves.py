"""Dates moved, a series re-timed, meetups and dates cancelled: the layer of `MeetupService`
over its notices, which tells the attendees (going, waiting or maybe) of each change and, once
it is written, the subscribers (reminders, the Events tab)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import recurrence
from bot.clock import Clock, from_unix, unix
from bot.dates import length_words, whole_minutes
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.limits import one_line, require_length
from bot.meetups.members import MemberSettings
from bot.meetups.model import Change, Changed, Meetup, Occurrence
from bot.meetups.notices import MeetupNotices
from bot.meetups.occurrences import local_text
from bot.meetups.schedule import refuse_cancelled
from bot.meetups.series import Retiming, read_on_own_day, read_retiming, refuse_gone_by
from bot.meetups.threads import MEETUP_THREAD_NAME_JOB
from bot.meetups.values import LOCATION_MAX, REASON_MAX, TimeKept
from bot.store import Store
from bot.thread_names import ThreadNameJobs
from bot.when import When, ZoneSource, parse_when

log = logging.getLogger(__name__)

AFFECTED_MAX = 100  # upcoming occurrences of a cancelled series whose members are told
MOVE_LOOKAHEAD = 10  # dates of a series a moved date could overlap (a daily series: 3 at most)

MeetupSubscriber = Callable[[Meetup], Awaitable[None]]


class MeetupMoves(MeetupNotices):
    """Changes to when and where a meetup's dates are, told to those they concern."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        super().__init__(store, clock, jobs)
        self.members = MemberSettings(store)
        self._subscribers: list[MeetupSubscriber] = []
        self.thread_names = ThreadNameJobs(jobs, MEETUP_THREAD_NAME_JOB, "meetup_id")

    def subscribe(self, subscriber: MeetupSubscriber) -> None:
        """Be told (after the write) of every meetup created, edited, moved or cancelled."""
        self._subscribers.append(subscriber)

    async def _announce(self, meetup: Meetup) -> None:
        # The change is committed; a subscriber that fails must not turn it into an error.
        # Subscribers catch up from the stored meetups at start-up.
        for subscriber in self._subscribers:
            try:
                await subscriber(meetup)
            except Exception:
                log.exception("a subscriber failed to take in meetup %s", meetup.id)

    async def cancel(
        self,
        guild_id: int,
        meetup_id: int,
        *,
        reason: str | None = None,
        original_start: datetime | None = None,
        by: int | None = None,
    ) -> Changed:
        """Cancel the whole meetup (or series), or one occurrence of a series (the only one of a
        one-off meetup is the whole meetup); every attendee (going, waiting or maybe) is told,
        in the meetup's thread (else the card's channel) and by DM, but the member who cancels
        (`by`). A whole cancel schedules the thread's new name, as a new title does (see `edit`)."""
        reason = require_length("The reason", reason, REASON_MAX, minimum=0) if reason else None
        change = Change("cancelled", reason=reason or None)
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            if meetup.cancelled_at is not None:
                raise UserError(f"“{meetup.title}” was cancelled already.")
            now = unix(self._clock.now())
            if original_start is not None and meetup.rrule is None:
                # A one-off meetup's only date is the meetup: cancelling it cancels the meetup,
                # so its card, calendar and Events tab say "cancelled", not "no dates ahead".
                await self.occurrence(meetup, original_start)
                original_start = None
            if original_start is None:
                affected = await self._dates_left(meetup)
                if not affected:
                    # Marking a meetup that took place as cancelled would only mislead: its
                    # card and calendars would say it never happened.
                    raise UserError(
                        f"“{meetup.title}” has no date still ahead, so there is nothing to cancel."
                    )
                await self._store.execute(
                    "UPDATE meetups SET cancelled_at = ?, cancel_reason = ? WHERE id = ?",
                    (now, change.reason, meetup.id),
                )
                if meetup.thread_id is not None:
                    # Its thread says so too; the caller renames it at once and settles the job.
                    await self.thread_names.schedule(meetup.id, guild_id, self._clock.now())
            else:
                occurrence = await self.occurrence(meetup, original_start)
                occurrence_id = await self._occurrence_id(occurrence)
                await self._store.execute(
                    "UPDATE occurrences SET cancelled_at = ? WHERE id = ?", (now, occurrence_id)
                )
                affected = [occurrence]
            told = await self._tell(
                meetup, [(occurrence, change) for occurrence in affected], by=by
            )
        changed = Changed(await self.get(guild_id, meetup_id), tuple(affected), told)
        await self._announce(changed.meetup)
        return changed

    async def _read_new_time(
        self,
        meetup: Meetup,
        when_text: str,
        zone_option: str | None,
        by: int | None,
        *,
        own_day: date | None = None,
    ) -> tuple[When, bool]:
        """The new time typed, or a refusal; and whether it was read on `own_day` (the day of
        the date moved, or of a series' next date when every date is re-timed): a time of day that
        names no day ("8pm") is, so every date keeps its day, rather than the next 8 PM to
        come, whatever day that is."""
        # A new time is read in the meetup's own zone, not the editor's: an organizer in Tokyo
        # moving a meetup in LA means LA time, unless the text or the option names a zone
        # ("my time": the editor's own). That zone takes the place a template's would, above
        # the member's and the server's.
        member_zone = None if by is None else await self.members.member_zone(meetup.guild_id, by)

        def read(now: datetime) -> When:
            return parse_when(
                when_text,
                now=now,
                zone_option=zone_option,
                template_zone=meetup.zone,
                member_zone=member_zone,
            )

        when = read(self._clock.now())
        on_day = None if own_day is None else read_on_own_day(read, own_day, ZoneInfo(meetup.zone))
        when = on_day or when
        if when.zone_source is ZoneSource.TEMPLATE:
            when = replace(when, zone_source=ZoneSource.MEETUP)
        return when, on_day is not None

    async def _read_move(
        self, meetup: Meetup, when_text: str, zone_option: str | None, by: int | None
    ) -> tuple[Occurrence, When]:
        """The occurrence a move applies to (the next one) and its new time, or a refusal. A
        time of day alone keeps the date's day, as a re-time of every date does."""
        occurrence = await self.occurrence(meetup, None)
        day = occurrence.starts_at.astimezone(ZoneInfo(meetup.zone)).date()
        when, own = await self._read_new_time(meetup, when_text, zone_option, by, own_day=day)
        if own:
            refuse_gone_by(meetup.title, when, when_text, now=self._clock.now())
        if when.instant_utc == occurrence.starts_at:
            raise TimeKept("That is the time it already has: nothing changed.", when)
        # The series' dates whose hours the new ones would share, however far ahead.
        near = await self.occurrences_of(
            [meetup],
            limit=MOVE_LOOKAHEAD,
            after=when.instant_utc - meetup.duration,
            before=when.instant_utc + meetup.duration,
        )
        others = [o for o in near[meetup.id] if o.original_start != occurrence.original_start]
        if any(other.starts_at == when.instant_utc for other in others):
            # Two dates at one instant could not be told apart by their start.
            raise UserError(
                f"Another date of “{meetup.title}” is at that time already; cancel one of "
                "them instead."
            )
        if others:
            raise UserError(
                f"That time would overlap the date of “{meetup.title}” on "
                f"{local_text(meetup, others[0], now=self._clock.now())}, which lasts "
                f"{length_words(meetup.duration)}: choose a time clear of it, or cancel one of "
                "them."
            )
        return occurrence, when

    async def _read_retiming(
        self,
        meetup: Meetup,
        when_text: str | None,
        repeat_text: str | None,
        zone_option: str | None,
        by: int | None,
    ) -> tuple[Retiming, When | None]:
        """What the series becomes from its next date on (a new time of day from
        `when_text`, a new rule from `repeat_text`), and how the time was read; or a refusal."""
        if meetup.rrule is None:
            raise UserError(
                f"“{meetup.title}” is a single meetup, not a series: give it a new time with "
                "`when` alone (leave out `repeat` and `dates`)."
            )
        if not when_text and not repeat_text:
            raise UserError(
                "Say what every date from now on changes to: a new time with `when`, a new "
                "repeat rule with `repeat`, or both."
            )
        next_date = await self.occurrence(meetup, None)
        now = self._clock.now()
        zone = ZoneInfo(meetup.zone)
        kept = next_date.original_start  # the next date's place on the rule
        when, own_days = None, False
        if when_text is not None:
            # A time of day alone keeps each date's day; the rule's day, while it is ahead.
            own_day = kept.astimezone(zone).date() if kept > now else None
            when, own_days = await self._read_new_time(
                meetup, when_text, zone_option, by, own_day=own_day
            )
        if when is not None:
            anchor = when.instant_utc.astimezone(zone)
        else:
            # The rule's own time of day, unless that date was moved on its own to later.
            anchor = (kept if kept > now else next_date.starts_at).astimezone(zone)
        ahead = [
            occurrence
            for occurrence in (await self._stored_occurrences(meetup.id)).values()
            if occurrence.starts_at > now
        ]
        retiming = read_retiming(
            meetup,
            next_date=next_date,
            ahead=ahead,
            anchor_local=anchor.replace(tzinfo=None),
            repeat_text=repeat_text,
            now=now,
            when_text=when_text,
            own_days=own_days,
        )
        return retiming, when

    async def _retimed(
        self,
        guild_id: int,
        meetup_id: int,
        when_text: str | None,
        repeat_text: str | None,
        *,
        zone_option: str | None,
        location: str | None,
        held_as: Meetup | None,
        by: int | None,
    ) -> Changed:
        """In the transaction the caller holds, and telling the subscribers nothing: re-time a
        series from its next date on: a new time of day, a new rule, or both (see
        `bot.meetups.series` for where each date's answers go), and a new place when given.
        Every attendee of a date ahead (going, waiting or maybe) is told once, by one DM naming
        their date's old and new time, but the member who re-times it (`by`). The dates before
        keep the title, place, description and length of the series as it is, or as `held_as`
        (the series before the edit that re-times it changed them). The dates it names are the
        series' new next date, then the others moved or given a new place."""
        meetup = await self.get(guild_id, meetup_id)
        refuse_cancelled(meetup)
        place = _new_place(location, meetup)
        retiming, read = await self._read_retiming(meetup, when_text, repeat_text, zone_option, by)
        under_way = None if place is None else await self.date_under_way(meetup)
        ids = [await self._occurrence_id(occurrence) for occurrence, _, _ in retiming.moves]
        # In two steps, so no date takes a start another one still holds for a moment.
        for occurrence_id in ids:
            await self._store.execute(
                "UPDATE occurrences SET original_start = -id WHERE id = ?", (occurrence_id,)
            )
        for occurrence_id, (_, on_rule, new_start) in zip(ids, retiming.moves, strict=True):
            await self._store.execute(
                "UPDATE occurrences SET original_start = ?, starts_at = ? WHERE id = ?",
                (unix(on_rule), unix(new_start), occurrence_id),
            )
        # The old rule's dates before the first one carried over stay where they were (that
        # one and those after it move to the new rule): kept for the calendar file, if any was
        # held.
        if await self._held_before(meetup, retiming.since):
            held = held_as or meetup
            await self._store.execute(
                "INSERT INTO meetup_earlier_rules (meetup_id, rrule, start_local, "
                "replaced_at, title, location, description, duration_minutes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meetup.id,
                    meetup.rrule,
                    meetup.start_local.isoformat(),
                    unix(retiming.since),
                    held.title,
                    held.location,
                    held.description,
                    whole_minutes(held.duration),
                ),
            )
        await self._store.execute(
            "UPDATE meetups SET rrule = ?, start_local = ?, starts_at = ?, "
            "location = coalesce(?, location) WHERE id = ?",
            (
                retiming.rrule,
                retiming.first_local.isoformat(),
                unix(retiming.first),
                place,
                meetup.id,
            ),
        )
        location_from = None if place is None else meetup.location
        changes = [
            (
                Occurrence(meetup.id, on_rule, new_start),
                Change(
                    "moved",
                    moved_from=old.starts_at,
                    location=place,
                    location_from=location_from,
                    series=retiming.description,
                ),
            )
            for old, on_rule, new_start in sorted(retiming.moves, key=lambda move: move[2])
            # A date left where it was is no news, unless its place changed.
            if not old.cancelled and (new_start != old.starts_at or place is not None)
        ]
        if under_way is not None:
            changes.append(
                (under_way, Change("moved", location=place, location_from=location_from))
            )
        told = await self._tell(meetup, changes, by=by)
        retimed = await self.get(guild_id, meetup_id)
        # The new rule may start on a date that stays off: the organizer reads of the next date
        # the card shows, which comes first.
        new_next = await self.occurrence(retimed, None)
        return Changed(
            retimed,
            (new_next, *(o for o, _ in changes if o.original_start != new_next.original_start)),
            told,
            moved_from=retiming.next_from,
            when=read,
            series=retiming.description,
            moved_alone=tuple(
                (old.starts_at, new_start)
                for old, _, new_start in sorted(retiming.moves, key=lambda move: move[2])
                if not old.cancelled and old.starts_at not in (old.original_start, new_start)
            ),
            kept_alone=tuple(
                sorted(
                    new_start
                    for old, on_rule, new_start in retiming.moves
                    if not old.cancelled and new_start == old.starts_at != old.original_start
                )
            ),
        )

    async def _held_before(self, meetup: Meetup, cut: datetime) -> bool:
        """Whether the series had a date before `cut` that was not cancelled."""
        assert meetup.rrule is not None  # only a series is re-timed
        called_off = {
            occurrence.original_start
            for occurrence in (await self._stored_occurrences(meetup.id)).values()
            if occurrence.cancelled and occurrence.original_start < cut
        }
        dates = recurrence.occurrences(
            meetup.start_local,
            meetup.zone,
            meetup.rrule,
            after=meetup.starts_at - timedelta(seconds=1),
            before=cut,
            limit=len(called_off) + 1,
        )
        return any(date not in called_off for date in dates)

    async def dates_off_over(self, meetup: Meetup, date: Occurrence) -> list[Occurrence]:
        """The meetup's dates cancelled on their own whose hours `date` overlaps."""
        rows = await self._store.fetchall(
            "SELECT original_start, starts_at FROM occurrences WHERE meetup_id = ? "
            "AND cancelled_at IS NOT NULL AND starts_at > ? AND starts_at < ? "
            "ORDER BY starts_at",
            (
                meetup.id,
                unix(date.starts_at - meetup.duration),
                unix(date.starts_at + meetup.duration),
            ),
        )
        return [
            Occurrence(
                meetup.id, from_unix(row["original_start"]), from_unix(row["starts_at"]), True
            )
            for row in rows
        ]

    async def _dates_left(self, meetup: Meetup) -> list[Occurrence]:
        """The dates a new place or a cancel is for: the one under way, if any (those on their
        way there need to know), and those ahead."""
        under_way = await self.date_under_way(meetup)
        ahead = await self.occurrences(meetup, limit=AFFECTED_MAX)
        return ([under_way] if under_way is not None else []) + ahead

    async def move(
        self,
        guild_id: int,
        meetup_id: int,
        when_text: str | None,
        *,
        zone_option: str | None = None,
        location: str | None = None,
        by: int | None = None,
    ) -> Changed | None:
        """A new time for a one-off meetup, or for the next occurrence of a series (the rest of
        the series keeps its rule), and a new place for all its dates; every attendee (going,
        waiting or maybe) of a changed date is told, by one DM naming the new time and place,
        but the member who moves it (`by`). None when neither changed."""
        async with self._store.transaction():
            changed = await self._moved(
                guild_id, meetup_id, when_text, zone_option=zone_option, location=location, by=by
            )
        if changed is not None:
            await self._announce(changed.meetup)
        return changed

    async def _moved(
        self,
        guild_id: int,
        meetup_id: int,
        when_text: str | None,
        *,
        zone_option: str | None,
        location: str | None,
        by: int | None,
    ) -> Changed | None:
        """`move`, in the transaction the caller holds, telling the subscribers nothing."""
        meetup = await self.get(guild_id, meetup_id)
        refuse_cancelled(meetup)
        place = _new_place(location, meetup)
        changes: list[tuple[Occurrence, Change]] = []
        moved_from, read = None, None
        if when_text:
            occurrence, moved, read = await self._move_time(meetup, when_text, zone_option, by)
            moved_from = occurrence.starts_at
            changes.append((moved, Change("moved", moved_from=moved_from)))
        if place is not None:
            await self._store.execute(
                "UPDATE meetups SET location = ? WHERE id = ?", (place, meetup.id)
            )
            relocated = Change("moved", location=place, location_from=meetup.location)
            moved_dates = {occurrence.original_start for occurrence, _ in changes}
            # The moved date first, so those going to it hear of both changes in one DM.
            changes = [
                (occurrence, replace(relocated, moved_from=change.moved_from))
                for occurrence, change in changes
            ] + [
                (later, relocated)
                for later in await self._dates_left(await self.get(guild_id, meetup_id))
                if later.original_start not in moved_dates
            ]
        if not changes:
            return None
        told = await self._tell(meetup, changes, by=by)
        return Changed(
            await self.get(guild_id, meetup_id),
            tuple(occurrence for occurrence, _ in changes),
            told,
            moved_from=moved_from,
            when=read,
        )

    async def _move_time(
        self, meetup: Meetup, when_text: str, zone_option: str | None, by: int | None
    ) -> tuple[Occurrence, Occurrence, When]:
        """Save the new time of the next occurrence; returns it before and after, and how the
        time was read."""
        occurrence, when = await self._read_move(meetup, when_text, zone_option, by)
        occurrence_id = await self._occurrence_id(occurrence)
        new_start = unix(when.instant_utc)
        if meetup.rrule is None:
            # A one-off meetup's only occurrence is named by the meetup's start.
            await self._store.execute(
                "UPDATE meetups SET starts_at = ?, start_local = ? WHERE id = ?",
                (new_start, when.local.replace(tzinfo=None).isoformat(), meetup.id),
            )
            await self._store.execute(
                "UPDATE occurrences SET original_start = ?, starts_at = ? WHERE id = ?",
                (new_start, new_start, occurrence_id),
            )
        else:
            await self._store.execute(
                "UPDATE occurrences SET starts_at = ? WHERE id = ?", (new_start, occurrence_id)
            )
        moved = Occurrence(
            meetup.id,
            when.instant_utc if meetup.rrule is None else occurrence.original_start,
            when.instant_utc,
        )
        return occurrence, moved, when


def _new_place(location: str | None, meetup: Meetup) -> str | None:
    """The place typed, on one line; None when none was typed or it is where the meetup is
    already (a place stored before runs of spaces were made one is compared as it reads)."""
    if location is None:
        return None
    place = one_line("The location", location, LOCATION_MAX)
    return None if place == " ".join(meetup.location.split()) else place
