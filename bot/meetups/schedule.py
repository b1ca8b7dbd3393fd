"""Stored meetups and the dates they fall on: a one-off's start, or a series' rule with its
moved and cancelled dates, as stored; which are still ahead, and which a member may still answer
for. How the dates follow from a meetup and its stored ones is `bot.meetups.occurrences`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.clock import Clock, from_unix, unix
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Job
from bot.limits import fit
from bot.meetups.model import EarlierRule, Meetup, Occurrence, meetup_from_row
from bot.meetups.occurrences import (
    cancelled_under_way,
    date_cancelled,
    dates_from,
    falls_on,
    under_way_on_earlier_rule,
)
from bot.meetups.values import region_meant
from bot.store import Store

TITLE_TWINS_NAMED = 10  # numbers listed when several meetups ahead have the title typed
CANCELLED_SERIES_NEWS = timedelta(days=365)  # how long a series' cancellation is still listed
# A meetup whose title holds what was typed (any case), or whose number it is (`#12` or `12`);
# its parameters are `title_or_number`'s.
TITLE_OR_NUMBER = "(instr(lower(meetups.title), lower(?)) > 0 OR CAST(meetups.id AS TEXT) = ?)"


def title_or_number(typed: str) -> list[object]:
    """The parameters of `TITLE_OR_NUMBER` for what was typed."""
    return [typed, typed.lstrip("#")]


def with_date_off(row: sqlite3.Row) -> tuple[Meetup, Occurrence]:
    """A meetup's row with one of its dates off, as `lost_original`, `lost_start` and
    `lost_reason`."""
    date = Occurrence(
        row["id"],
        from_unix(row["lost_original"]),
        from_unix(row["lost_start"]),
        cancelled=True,
        cancel_reason=row["lost_reason"],
    )
    return meetup_from_row(row), date


class MeetupSchedule:
    """Reads meetups and their occurrences; the first layer of `MeetupService`."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def get(self, guild_id: int, meetup_id: int) -> Meetup:
        row = await self._store.fetchone(
            "SELECT * FROM meetups WHERE guild_id = ? AND id = ?", (guild_id, meetup_id)
        )
        if row is None:
            raise NotFound(f"There is no meetup #{meetup_id} in this server.")
        return meetup_from_row(row)

    async def _job_meetup(self, job: Job, what: str) -> Meetup:
        """The meetup a job is about; GiveUp when the job has no server or the meetup is gone."""
        if job.guild_id is None:
            raise GiveUp(f"{what} without a server")
        try:
            return await self.get(job.guild_id, job.payload["meetup_id"])
        except NotFound:
            raise GiveUp("the meetup is gone") from None

    async def titled(self, guild_id: int, typed: str) -> Meetup:
        """The meetup whose title is what was typed (any case): the one not cancelled with a
        date ahead, else the one that ended or was cancelled last, so the member hears what
        became of it; refuses when several are ahead (they differ by number) or none has the
        title."""
        title = " ".join(typed.split())  # as titles are stored
        found = await self._titled(guild_id, title)
        if found is None and typed.strip() != title:
            # A title stored before titles kept one space, as typed then.
            found = await self._titled(guild_id, typed.strip())
        if found is None:
            raise UserError(
                f"Pick a meetup from the list as you type; “{fit(title, 60)}” is not one."
            )
        return found

    async def _titled(self, guild_id: int, title: str) -> Meetup | None:
        """`titled` for the title spelt one way; None when no meetup has it."""
        ahead = [
            meetup
            for meetup, _ in await self.upcoming(guild_id, matching=title, ongoing=True)
            if meetup.title.casefold() == title.casefold()
        ]
        if len(ahead) > 1:
            numbers = ", ".join(f"#{meetup.id}" for meetup in ahead[:TITLE_TWINS_NAMED])
            raise UserError(
                f"{len(ahead)} meetups are called “{ahead[0].title}” ({numbers}"
                + (", …" if len(ahead) > TITLE_TWINS_NAMED else "")
                + "): pick one from the list as you type, where each shows its number, or type "
                f"its number, like #{ahead[0].id}."
            )
        if ahead:
            return ahead[0]
        row = await self._store.fetchone(
            "SELECT * FROM meetups WHERE guild_id = ? AND title = ? COLLATE NOCASE "
            "ORDER BY coalesce(cancelled_at, starts_at) DESC, id DESC LIMIT 1",
            (guild_id, title),
        )
        return None if row is None else meetup_from_row(row)

    async def guilds_with_meetups(self) -> list[int]:
        rows = await self._store.fetchall(
            "SELECT DISTINCT guild_id FROM meetups WHERE cancelled_at IS NULL ORDER BY guild_id"
        )
        return [row["guild_id"] for row in rows]

    async def upcoming(
        self,
        guild_id: int,
        *,
        region: str | None = None,
        organizer_id: int | None = None,
        involving: int | None = None,
        matching: str | None = None,
        limit: int = 100,
        ongoing: bool = False,
    ) -> list[tuple[Meetup, Occurrence]]:
        """Meetups not cancelled with an occurrence still ahead, soonest first; `matching`
        keeps those whose title holds it (any case) or whose number it is, `involving` those
        the member organizes or answered Going, Maybe or waitlist for a date ahead. With
        `ongoing`, a date under way counts as ahead until it ends."""
        filters: list[str] = ["guild_id = ?", "cancelled_at IS NULL"]
        params: list[object] = [guild_id]
        if matching:
            # In SQL, so an autocomplete keystroke expands only the series it may show.
            filters.append(TITLE_OR_NUMBER)
            params += title_or_number(matching)
        if region:
            filters.append("region = ? COLLATE NOCASE")
            params.append(region.strip())
        if organizer_id is not None:
            filters.append("organizer_id = ?")
            params.append(organizer_id)
        answered: dict[int, Occurrence] = {}
        if involving is not None:
            answered = await self._first_answered(involving, ongoing=ongoing)
            filters.append("(organizer_id = ? OR id IN (SELECT value FROM json_each(?)))")
            params += [involving, json.dumps(list(answered))]
        # A series' first start may be long past while later ones are ahead.
        filters.append("(rrule IS NOT NULL OR starts_at + duration_minutes * 60 > ?)")
        params.append(unix(self._clock.now()))
        rows = await self._store.fetchall(
            f"SELECT * FROM meetups WHERE {' AND '.join(filters)} ORDER BY starts_at, id",
            params,
        )
        meetups = [meetup_from_row(row) for row in rows]
        stored = await self._stored_occurrences_of([meetup.id for meetup in meetups])
        under_way = await self._under_way_on_earlier_rules(meetups, stored) if ongoing else {}
        found = []
        now = self._clock.now()
        for meetup in meetups:
            after = now - meetup.duration if ongoing else now
            dates = dates_from(meetup, stored.get(meetup.id, {}), after=after, limit=1)
            if meetup.id in under_way:  # it started before any date of the rule that follows
                dates = [under_way[meetup.id]]
            if meetup.id in answered and meetup.organizer_id != involving:
                # The member's own date, which a date moved past the next one is not; an
                # organizer's own meetup is theirs at every date, so it lists its next one.
                dates = [answered[meetup.id]]
            if dates:
                found.append((meetup, dates[0]))
        found.sort(key=lambda pair: (pair[1].starts_at, pair[0].id))
        return found[:limit]

    async def _first_answered(self, member_id: int, *, ongoing: bool) -> dict[int, Occurrence]:
        """The first date ahead (with `ongoing`, not ended: a date answered for is the
        member's until it ends) each meetup has that the member answered Going, Maybe or
        waitlist for, by meetup id."""
        ends = "meetups.duration_minutes * 60" if ongoing else "0"
        rows = await self._store.fetchall(
            # SQLite gives the other columns of the row min() picks.
            "SELECT occurrences.meetup_id, occurrences.original_start, "
            "min(occurrences.starts_at) AS starts_at FROM rsvps "
            "JOIN occurrences ON occurrences.id = rsvps.occurrence_id "
            "JOIN meetups ON meetups.id = occurrences.meetup_id "
            "WHERE rsvps.member_id = ? AND rsvps.status IN ('going', 'maybe', 'waitlist') "
            f"AND occurrences.cancelled_at IS NULL AND occurrences.starts_at + {ends} > ? "
            "GROUP BY occurrences.meetup_id",
            (member_id, unix(self._clock.now())),
        )
        return {
            row["meetup_id"]: Occurrence(
                row["meetup_id"], from_unix(row["original_start"]), from_unix(row["starts_at"])
            )
            for row in rows
        }

    async def any_posted(self, guild_id: int) -> bool:
        """Whether the server ever had a meetup posted, held or cancelled alike."""
        found = await self._store.fetchone(
            "SELECT 1 FROM meetups WHERE guild_id = ? AND message_id IS NOT NULL LIMIT 1",
            (guild_id,),
        )
        return found is not None

    async def cancelled_lately(
        self, guild_id: int, *, kept: timedelta, limit: int, matching: str = ""
    ) -> list[tuple[Meetup, Occurrence]]:
        """Cancelled meetups, each with the date it would next have had when it was cancelled,
        while that date is less than `kept` past; soonest first; `matching` as in `upcoming`.
        A meetup cancelled once its dates were over is left out, and so is one whose card was
        never posted (the bot cancels those itself): nobody was told of it."""
        now = self._clock.now()
        typed = f"AND {TITLE_OR_NUMBER} " if matching else ""
        # A series' first start may be long past while the date it lost is not. Its dates are
        # worked out for each listing, so only series cancelled within a year are looked at: a
        # cancellation older than that is no news, whenever the date it lost falls.
        rows = await self._store.fetchall(
            "SELECT * FROM meetups WHERE guild_id = ? AND cancelled_at IS NOT NULL "
            f"AND message_id IS NOT NULL {typed}"
            "AND (starts_at > ? OR (rrule IS NOT NULL AND cancelled_at > ?))",
            (
                guild_id,
                *(title_or_number(matching) if matching else ()),
                unix(now - kept),
                unix(now - CANCELLED_SERIES_NEWS),
            ),
        )
        meetups = [meetup_from_row(row) for row in rows]
        stored = await self._stored_occurrences_of([meetup.id for meetup in meetups])
        found = []
        for meetup in meetups:
            assert meetup.cancelled_at is not None  # as selected
            lost = dates_from(meetup, stored.get(meetup.id, {}), after=meetup.cancelled_at, limit=1)
            if lost and lost[0].starts_at + kept > now:
                found.append((meetup, lost[0]))
        found.sort(key=lambda pair: (pair[1].starts_at, pair[0].id))
        return found[:limit]

    async def cancelled_dates(
        self,
        guild_id: int,
        *,
        after: datetime,
        before: datetime | None = None,
        meetup_id: int | None = None,
        limit: int,
    ) -> list[tuple[Meetup, Occurrence]]:
        """Dates cancelled one by one (a series keeps its other dates; a one-off cancelled by
        its date keeps nothing) that start after `after` (and before `before`), soonest first.
        A date off stays listed even once another date is moved onto its hour: each date is
        listed as what it is, and those told it is off must not read it as held. With
        `meetup_id`, of that meetup only."""
        end = None if before is None else unix(before)
        rows = await self._store.fetchall(
            "SELECT meetups.*, occurrences.original_start AS lost_original, "
            "occurrences.starts_at AS lost_start, occurrences.cancel_reason AS lost_reason "
            "FROM meetups "
            "JOIN occurrences ON occurrences.meetup_id = meetups.id "
            "WHERE meetups.guild_id = ? AND meetups.cancelled_at IS NULL "
            "AND meetups.message_id IS NOT NULL "
            "AND occurrences.cancelled_at IS NOT NULL "
            "AND occurrences.starts_at > ? AND (? IS NULL OR occurrences.starts_at < ?) "
            "AND (? IS NULL OR meetups.id = ?) "
            "ORDER BY occurrences.starts_at, meetups.id LIMIT ?",
            (guild_id, unix(after), end, end, meetup_id, meetup_id, limit),
        )
        return [with_date_off(row) for row in rows]

    async def regions(self, guild_id: int, typed: str, limit: int) -> list[str]:
        """Regions already used in the server that contain what was typed."""
        rows = await self._store.fetchall(
            "SELECT DISTINCT region FROM meetups WHERE guild_id = ? AND region IS NOT NULL "
            "AND instr(lower(region), lower(?)) > 0 ORDER BY region LIMIT ?",
            (guild_id, typed.strip(), limit),
        )
        return [row["region"] for row in rows]

    async def region_named(self, guild_id: int, typed: str) -> str:
        """The region of the server's meetups that `typed` means (see `region_meant`)."""
        rows = await self._store.fetchall(
            "SELECT DISTINCT region FROM meetups WHERE guild_id = ? AND region IS NOT NULL "
            "ORDER BY region COLLATE NOCASE",
            (guild_id,),
        )
        return region_meant(typed, [row["region"] for row in rows])

    # --- occurrences ---------------------------------------------------------------------------

    async def called_off(self, meetup: Meetup) -> bool:
        """Whether the meetup was cancelled as a whole while one of its dates was under way
        (see `bot.meetups.occurrences.cancelled_under_way`)."""
        if meetup.cancelled_at is None:
            return False  # live: nothing to read
        earlier = (await self._earlier_rules_of([meetup.id])).get(meetup.id, [])
        return cancelled_under_way(
            replace(meetup, earlier_rules=tuple(earlier)),
            await self._stored_occurrences(meetup.id),
        )

    async def date_cancelled(self, meetup: Meetup) -> datetime:
        """The start of the date a cancel of the whole meetup took away (see
        `bot.meetups.occurrences.date_cancelled`)."""
        earlier = (await self._earlier_rules_of([meetup.id])).get(meetup.id, [])
        return date_cancelled(
            replace(meetup, earlier_rules=tuple(earlier)),
            await self._stored_occurrences(meetup.id),
        )

    def signup_closed(self, meetup: Meetup, occurrence: Occurrence) -> bool:
        """Whether the meetup's cutoff before `occurrence` has passed: Going, Maybe and a new
        party are refused from then on, and Can't go still taken."""
        closes = meetup.signup_closes(occurrence)
        return closes is not None and closes <= self._clock.now()

    async def next_occurrence(self, meetup: Meetup) -> Occurrence | None:
        """The occurrence a card shows and a click answers for: the next one not yet started."""
        upcoming = await self.occurrences(meetup, limit=1)
        return upcoming[0] if upcoming else None

    async def date_under_way(self, meetup: Meetup) -> Occurrence | None:
        """The date that has started and not yet ended, if one has."""
        now = self._clock.now()
        ending = await self.occurrences(meetup, limit=1, after=now - meetup.duration)
        if ending and ending[0].starts_at <= now:
            return ending[0]
        stored = await self._stored_occurrences_of([meetup.id])
        return (await self._under_way_on_earlier_rules([meetup], stored)).get(meetup.id)

    async def _under_way_on_earlier_rules(
        self, meetups: Sequence[Meetup], stored: dict[int, dict[datetime, Occurrence]]
    ) -> dict[int, Occurrence]:
        """By meetup id, a date under way that a series' rule before its last re-time holds:
        re-timed during one of its dates, a series goes on from its next date, and the date
        under way stays under way (for its attendees list and the Events tab) until it ends.
        Unlike the rule's dates before it, it shows the series' title, place and length as
        they are now: it is still going on, and a change made meanwhile reaches it (those
        there are told of a new place)."""
        now = self._clock.now()
        # The re-time came during that date, so the current rule's first date is later than
        # its start: only series whose first date is less than a length ago can have one.
        recent = [m for m in meetups if m.rrule is not None and m.starts_at > now - m.duration]
        if not recent:
            return {}
        earlier = await self._earlier_rules_of([meetup.id for meetup in recent])
        found = {}
        for meetup in recent:
            rules = earlier.get(meetup.id)
            if not rules:
                continue
            date = under_way_on_earlier_rule(meetup, rules[-1], stored.get(meetup.id, {}), now)
            if date is not None:
                found[meetup.id] = date
        return found

    async def occurrences(
        self, meetup: Meetup, *, limit: int, after: datetime | None = None
    ) -> list[Occurrence]:
        """The next `limit` occurrences that have not started (by `after`, else now), moved
        ones at their new times."""
        return (await self.occurrences_of([meetup], limit=limit, after=after))[meetup.id]

    async def occurrences_of(
        self,
        meetups: Sequence[Meetup],
        *,
        limit: int,
        after: datetime | None = None,
        before: datetime | None = None,
    ) -> dict[int, list[Occurrence]]:
        """`occurrences` of each meetup (those starting before `before`, when given), by
        meetup id, read in one query."""
        now = self._clock.now() if after is None else after
        stored = await self._stored_occurrences_of([meetup.id for meetup in meetups])
        return {
            meetup.id: dates_from(
                meetup, stored.get(meetup.id, {}), after=now, before=before, limit=limit
            )
            for meetup in meetups
        }

    async def occurrence(self, meetup: Meetup, original_start: datetime | None) -> Occurrence:
        """The named occurrence (or the next one), refusing a cancelled or started one."""
        refuse_cancelled(meetup)
        if original_start is None:
            occurrence = await self.next_occurrence(meetup)
            if occurrence is None:
                raise UserError(f"“{meetup.title}” has no date still ahead.")
            return occurrence
        stored = (await self._stored_occurrences(meetup.id)).get(original_start)
        if stored is not None:
            occurrence = stored
        elif falls_on(meetup, original_start):
            occurrence = Occurrence(meetup.id, original_start, original_start)
        else:
            raise NotFound(f"“{meetup.title}” has no meetup at that time.")
        if occurrence.cancelled:
            raise UserError(f"That “{meetup.title}” was cancelled.")
        if occurrence.starts_at <= self._clock.now():
            raise StartedAlready(meetup, occurrence)
        return occurrence

    async def answered_occurrence(
        self, meetup: Meetup, original_start: datetime | None
    ) -> Occurrence:
        """The date a button or its form answers for, by the start it names. A one-off has one
        date, which its buttons mean even when shown before its time moved (a card not edited
        yet, the copy /meetup info showed)."""
        if meetup.rrule is None and original_start is not None:
            original_start = meetup.starts_at
        return await self.occurrence(meetup, original_start)

    async def with_exceptions(
        self, meetups: Sequence[Meetup]
    ) -> list[tuple[Meetup, list[Occurrence]]]:
        """Each meetup with its stored occurrences (moved, cancelled or answered for) and the
        rules it followed before a re-time, as a calendar file needs them."""
        ids = [meetup.id for meetup in meetups]
        stored = await self._stored_occurrences_of(ids)
        earlier = await self._earlier_rules_of(ids)
        return [
            (
                replace(meetup, earlier_rules=tuple(earlier.get(meetup.id, ()))),
                list(stored.get(meetup.id, {}).values()),
            )
            for meetup in meetups
        ]

    async def _earlier_rules_of(self, meetup_ids: Sequence[int]) -> dict[int, list[EarlierRule]]:
        """The rules each series followed before its re-times, oldest first, by meetup id."""
        earlier: dict[int, list[EarlierRule]] = {}
        for row in await self._store.fetchall(
            "SELECT meetup_id, rrule, start_local, replaced_at, title, location, description, "
            "duration_minutes FROM meetup_earlier_rules "
            "WHERE meetup_id IN (SELECT value FROM json_each(?)) ORDER BY meetup_id, id",
            (json.dumps(list(meetup_ids)),),
        ):
            earlier.setdefault(row["meetup_id"], []).append(
                EarlierRule(
                    row["rrule"],
                    datetime.fromisoformat(row["start_local"]),
                    from_unix(row["replaced_at"]),
                    row["title"],
                    row["location"],
                    row["description"],
                    timedelta(minutes=row["duration_minutes"]),
                )
            )
        return earlier

    async def _stored_occurrences(self, meetup_id: int) -> dict[datetime, Occurrence]:
        return (await self._stored_occurrences_of([meetup_id])).get(meetup_id, {})

    async def _stored_occurrences_of(
        self, meetup_ids: Sequence[int]
    ) -> dict[int, dict[datetime, Occurrence]]:
        """The stored occurrences (moved, cancelled or answered for) of each meetup, by meetup
        and original start: one query for a whole listing, not one per meetup."""
        rows = await self._store.fetchall(
            "SELECT meetup_id, original_start, starts_at, cancelled_at, cancel_reason "
            "FROM occurrences WHERE meetup_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(meetup_ids)),),
        )
        stored: dict[int, dict[datetime, Occurrence]] = {}
        for row in rows:
            original = from_unix(row["original_start"])
            stored.setdefault(row["meetup_id"], {})[original] = Occurrence(
                row["meetup_id"],
                original,
                from_unix(row["starts_at"]),
                row["cancelled_at"] is not None,
                row["cancel_reason"],
            )
        return stored

    async def date_id(self, occurrence: Occurrence) -> int:
        """The id of the date's row, made now if it has none: a date keeps it when moved or
        re-timed, where its original start changes with a one-off's or a re-timed series'."""
        await self._store.execute(
            "INSERT INTO occurrences (meetup_id, original_start, starts_at) VALUES (?, ?, ?) "
            "ON CONFLICT (meetup_id, original_start) DO NOTHING",
            (occurrence.meetup_id, unix(occurrence.original_start), unix(occurrence.starts_at)),
        )
        return await self._store.fetchval(
            "SELECT id FROM occurrences WHERE meetup_id = ? AND original_start = ?",
            (occurrence.meetup_id, unix(occurrence.original_start)),
        )


class StartedAlready(UserError):
    """A date that has started takes no more answers: a card still showing it (its edit on the
    way) says so, and which date it shows now."""

    def __init__(self, meetup: Meetup, occurrence: Occurrence) -> None:
        super().__init__(f"That “{meetup.title}” has already started.")
        self.meetup = meetup
        self.occurrence = occurrence


def refuse_cancelled(meetup: Meetup) -> Meetup:
    """The meetup, unless it was cancelled: then the member reads so, and why."""
    if meetup.cancelled_at is None:
        return meetup
    # In quotes, as all member text in a refusal: the reply shows it inert (no @everyone).
    reason = f": “{meetup.cancel_reason}”" if meetup.cancel_reason else ""
    raise UserError(f"“{meetup.title}” was cancelled{reason}.")
