"""A series re-timed from its next date on, its dates carried over (see `bot.meetups.series` for
where each goes) and their attendees told: the layer of `MeetupService` that writes it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot import recurrence
from bot.clock import unix
from bot.dates import whole_minutes
from bot.meetups.model import Change, Changed, Meetup, Occurrence
from bot.meetups.new_times import MeetupNewTimes
from bot.meetups.notices import TOLD_STATUSES
from bot.meetups.schedule import refuse_cancelled
from bot.meetups.values import new_place


class MeetupRetimes(MeetupNewTimes):
    """Every date of a series from its next one on given a new time or rule."""

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
        organizer_dm: str | None = None,
    ) -> Changed:
        """In the transaction the caller holds, and telling the subscribers nothing: re-time a
        series from its next date on: a new time of day, a new rule, or both (see
        `bot.meetups.series` for where each date's answers go), and a new place when given.
        Every attendee of a date ahead (going, waiting or maybe) is told once, by one DM naming
        their date's old and new time, but the member who re-times it (`by`), and an organizer
        told of it by a DM of its own (`organizer_dm`, its key). The dates before
        keep the title, place, description and length of the series as it is, or as `held_as`
        (the series before the edit that re-times it changed them). The dates it names are the
        series' new next date, then the others moved or given a new place."""
        meetup = await self.get(guild_id, meetup_id)
        refuse_cancelled(meetup)
        place = new_place(location, meetup)
        retiming, read = await self._read_retiming(meetup, when_text, repeat_text, zone_option, by)
        under_way = None if place is None else await self.date_under_way(meetup)
        ids = [await self.date_id(occurrence) for occurrence, _, _ in retiming.moves]
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
        # The title members answered for, when the edit re-timing it renamed it too.
        title_from = None if held_as is None or held_as.title == meetup.title else held_as.title
        told, declined = await self._tell(
            meetup, changes, by=by, organizer_dm=organizer_dm, title_from=title_from
        )
        unmoved = await self._answered_unmoved(
            meetup, retiming.moves, besides={*told, by}, place_changed=place is not None
        )
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
            declined=declined,
            unmoved=unmoved,
            moved_alone=tuple(
                (old.starts_at, on_rule, new_start)
                for old, on_rule, new_start in sorted(retiming.moves, key=lambda move: move[2])
                if not old.cancelled and old.starts_at not in (old.original_start, new_start)
            ),
            kept_alone=tuple(
                sorted(
                    new_start
                    for old, on_rule, new_start in retiming.moves
                    if not old.cancelled and new_start == old.starts_at != old.original_start
                )
            ),
            # A date off keeps its place in the series, not its time: the organizer reads
            # where it went, or would take the old day as the one still off.
            moved_off=tuple(
                (old.starts_at, new_start)
                for old, _, new_start in sorted(retiming.moves, key=lambda move: move[2])
                if old.cancelled and new_start != old.starts_at
            ),
        )

    async def _answered_unmoved(
        self,
        meetup: Meetup,
        moves: Sequence[tuple[Occurrence, datetime, datetime]],
        *,
        besides: set[int | None],
        place_changed: bool,
    ) -> tuple[int, ...]:
        """Who answered (going, waiting or maybe) for a date the re-time left at its time and
        place, and so is not told: the organizer reads why nobody, or not everyone, is."""
        if place_changed:
            return ()
        kept: dict[int, None] = {}
        for old, on_rule, new_start in moves:
            if old.cancelled or new_start != old.starts_at:
                continue
            for party in await self.parties(Occurrence(meetup.id, on_rule, new_start)):
                if party.status in TOLD_STATUSES and party.member_id not in besides:
                    kept[party.member_id] = None
        return tuple(kept)

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
