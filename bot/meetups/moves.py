"""One meetup, or a series' next date, moved, and a new place for its dates: the layer of
`MeetupService` over the one that re-times a series, which tells the attendees (going, waiting or
maybe) of each change and, once it is written, the subscribers."""

from __future__ import annotations

from dataclasses import replace

from bot.clock import unix
from bot.meetups.model import Change, Changed, Meetup, Occurrence
from bot.meetups.retimes import MeetupRetimes
from bot.meetups.schedule import refuse_cancelled
from bot.meetups.values import new_place
from bot.when import When


class MeetupMoves(MeetupRetimes):
    """Changes to when and where a meetup's dates are, told to those they concern."""

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
        organizer_dm: str | None = None,
        title_from: str | None = None,
    ) -> Changed | None:
        """`move`, in the transaction the caller holds, telling the subscribers nothing; an
        organizer told of it by a DM of its own (`organizer_dm`, its key) gets no second one as an
        attendee. `title_from` is the title before the edit renamed it, which members are told
        too."""
        meetup = await self.get(guild_id, meetup_id)
        refuse_cancelled(meetup)
        place = new_place(location, meetup)
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
        told, declined = await self._tell(
            meetup, changes, by=by, organizer_dm=organizer_dm, title_from=title_from
        )
        return Changed(
            await self.get(guild_id, meetup_id),
            tuple(occurrence for occurrence, _ in changes),
            told,
            moved_from=moved_from,
            when=read,
            declined=declined,
        )

    async def _move_time(
        self, meetup: Meetup, when_text: str, zone_option: str | None, by: int | None
    ) -> tuple[Occurrence, Occurrence, When]:
        """Save the new time of the next occurrence; returns it before and after, and how the
        time was read."""
        occurrence, when = await self._read_move(meetup, when_text, zone_option, by)
        occurrence_id = await self.date_id(occurrence)
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
