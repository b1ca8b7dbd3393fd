"""RSVP with capacity: a member's Going, Maybe or Can't go for one occurrence, the guests and
truck they bring, the waitlist, and promotion from it.

Rules, each applied in one transaction:
- capacity counts the people going: each member plus the guests they bring; an optional truck
  capacity counts the trucks going (parking, show spots);
- first come, first served between parties that want the same limited thing: each waiting
  party, in click order, holds the people places it needs and, with a truck, a truck spot, so a
  later party goes ahead only with what is left beyond them. A party of one does not jump a
  party of three waiting for three places, nor a truck one waiting for the truck spot; but a
  party with no truck walks past trucks waiting for a spot while places are left beyond what
  the waiting parties need. Likewise a party going may add guests (or a truck) only out of what
  those waiting leave, else it is refused and keeps what it had, since one party cannot be part
  going and part waiting; but a truck added that fits so is taken with the guests that fit
  (`bot.meetups.growth`);
- when places free up (someone leaves, brings fewer guests, or capacity rises), each waiting
  party that fits beside those going and those waiting ahead of it is promoted, in order, and
  told by DM unless its own answer moved it;
- lowering capacity never bumps anyone already going;
- a party larger than the whole capacity is refused, since it could never be promoted, and so
  is a waiting party growing past it, which would hand its place to those told to wait for it;
- a capacity lowered below a waiting party's size leaves that party in its place in line, told
  once by DM that it cannot move up as it stands: bringing fewer guests keeps the place, and the
  party moves up when a place fits it; meanwhile it holds up nobody. A truck capacity is at
  least 1 and a party brings at most one truck, so a waiting truck always fits once enough
  trucks leave and needs no such notice;
- places freed by a party leaving or shrinking, or by a capacity raised, that the first party
  in line is too large for stay free, first come, first served; its member is told once by DM
  how few guests would take them now;
- answers to a cancelled or started occurrence are refused, and so are Going, Maybe and party
  changes once signup closed (the meetup's cutoff before each start); Can't go is always taken,
  so a place freed late still goes to the next in line.
For a series, an answer is for one occurrence: the next one by default.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Literal

from bot.clock import Clock, from_unix, unix
from bot.dates import length_words
from bot.delivery import DirectMessage, Outgoing
from bot.errors import UserError
from bot.invisible import require_seen
from bot.jobs import GiveUp, Job, JobQueue
from bot.limits import one_line
from bot.meetups.growth import taken_growth
from bot.meetups.model import Answer, Counts, Limit, Meetup, Occurrence, Party, Status
from bot.meetups.places import (
    BACK_OF_THE_LINE,
    LINE,
    POSITION,
    POSITION_WHEN_FULL,
    SHORT_OF_A_SPOT,
    SHORT_OF_PLACES,
    Taken,
    fits,
    line_parameters,
    room_left,
)
from bot.meetups.typed_dates import MeetupDates
from bot.meetups.values import GUESTS_MAX, TRUCK_MAX
from bot.numbers import counted
from bot.store import Store, from_row

PROMOTED_JOB = "meetups.promoted"
TOO_LARGE_JOB = "meetups.too_large"

# How the discord layer words the DM telling a member they moved up: (meetup, occurrence) -> text.
PromotionNotice = Callable[[Meetup, Occurrence], str]
# How it words the DM telling a waiting member that their party cannot move up as it stands:
# it outgrew a lowered capacity, or it is first in line and places are free, but fewer than it
# needs: (meetup, occurrence, party, whether signup closed, so the party can no longer shrink,
# the places free for the first in line, else None) -> text.
TooLargeNotice = Callable[[Meetup, Occurrence, Party, bool, int | None], str]


class MeetupRsvps(MeetupDates):
    """Members' answers for each occurrence; the layer of `MeetupService` over its dates."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        super().__init__(store, clock)
        self._jobs = jobs

    async def answer(
        self,
        guild_id: int,
        meetup_id: int,
        member_id: int,
        status: Literal["going", "maybe", "declined"],
        *,
        original_start: datetime | None = None,
    ) -> Answer:
        """A member's Going / Maybe / Can't go for one occurrence."""
        return await self._rsvp(guild_id, meetup_id, member_id, original_start, status=status)

    async def set_party(
        self,
        guild_id: int,
        meetup_id: int,
        member_id: int,
        *,
        guests: int,
        truck: str | None,
        original_start: datetime | None = None,
    ) -> Answer:
        """How many guests the member brings and which truck, if any; answers Going, since a
        party only matters to those going, and keeps a waiting member's place in line."""
        if not 0 <= guests <= GUESTS_MAX:
            raise UserError(f"Bring from 0 to {GUESTS_MAX} guests.")
        # Spaces alone are no truck, as an empty field is.
        truck = truck and require_seen("truck", one_line("The truck", truck, TRUCK_MAX, minimum=0))
        return await self._rsvp(
            guild_id, meetup_id, member_id, original_start, guests=guests, truck=truck or None
        )

    async def _rsvp(
        self,
        guild_id: int,
        meetup_id: int,
        member_id: int,
        original_start: datetime | None,
        *,
        status: Status | None = None,
        guests: int | None = None,
        truck: str | None = None,
    ) -> Answer:
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            occurrence = await self.answered_occurrence(meetup, original_start)
            if status != "declined" and self.signup_closed(meetup, occurrence):
                assert meetup.cutoff is not None
                raise UserError(
                    f"Signup for “{meetup.title}” closed {length_words(meetup.cutoff)} before "
                    "it starts. You can still press Can't go; ask the organizer about the rest."
                )
            occurrence_id = await self.date_id(occurrence)
            current = await self.party(occurrence_id, member_id)
            before = current
            if current is None:
                current = Party(member_id, "declined", 0, None)
            wanted = status or (
                "going" if current.status in ("maybe", "declined") else current.status
            )
            party = replace(
                current,
                guests=current.guests if guests is None else guests,
                truck=current.truck if guests is None else truck,
            )
            others = await self._going(occurrence_id, besides=member_id)
            grows = party.people > current.people or party.trucks > current.trucks
            if wanted in ("going", "waitlist") and (grows or wanted != current.status):
                # Joining, or growing while going or waiting: a waiting party grown past the
                # capacity would hold up nobody and hand the free place to those it was told
                # wait for it.
                _refuse_larger_than_capacity(meetup, current, party)
            if wanted == "going":
                if current.status == "going" and grows:
                    held = others + await self._waiting(meetup, occurrence_id)
                    party = taken_growth(meetup, current, party, others, held)
                goes = current.status == "going" or (
                    current.status != "waitlist"
                    and fits(meetup, others, party)
                    and fits(meetup, others + await self._waiting(meetup, occurrence_id), party)
                )
                party = replace(party, status="going" if goes else "waitlist")
            else:
                party = replace(party, status=wanted)
            leaves = current.status == "going" and party.status != "going"
            freed_full = _full_of(meetup, others, current) if leaves else None
            changed = party != before
            if changed:
                await self._save(
                    occurrence_id, party, requeue=before is None or before.status != party.status
                )
            promoted = await self._promote(meetup, occurrence_id, answering=member_id)
            if current.status == "going" and (
                party.status != "going" or party.people < current.people
            ):
                await self._tell_first_in_line(meetup, occurrence_id)
            if member_id in promoted:
                party = replace(party, status="going")
            # Going again now would wait behind those in line, even for a place nobody took (a
            # party waiting for more than was freed holds it up).
            rejoin_waits = leaves and not fits(
                meetup,
                await self._going(occurrence_id) + await self._waiting(meetup, occurrence_id),
                current,
            )
            position, room = None, None
            if party.status == "waitlist":
                going = await self._going(occurrence_id)
                position = await self._position(meetup, occurrence_id, member_id, going)
                ahead = await self._waiting(meetup, occurrence_id, before=member_id)
                room = room_left(meetup, going, ahead)
        return Answer(
            meetup,
            party,
            occurrence,
            position,
            tuple(p for p in promoted if p != member_id),
            changed,
            room,
            None if before is None else before.status,
            guests if guests is not None and party.guests < guests else None,
            freed_full,
            rejoin_waits,
        )

    async def _parties(self, occurrence_id: int) -> list[Party]:
        rows = await self._store.fetchall(
            "SELECT member_id, status, guests, truck FROM rsvps WHERE occurrence_id = ? "
            "ORDER BY queued_seq",
            (occurrence_id,),
        )
        return [from_row(Party, row) for row in rows]

    # The queries below read one party or a sum, so an answer costs the same however many
    # members answered before.

    async def party(self, occurrence_id: int, member_id: int) -> Party | None:
        """The member's answer for the date of that id; None when they gave none."""
        row = await self._store.fetchone(
            "SELECT member_id, status, guests, truck FROM rsvps "
            "WHERE occurrence_id = ? AND member_id = ?",
            (occurrence_id, member_id),
        )
        return None if row is None else from_row(Party, row)

    async def answered_besides(
        self, meetup: Meetup, member_id: int, shown: Occurrence
    ) -> list[tuple[Occurrence, Party]]:
        """The member's answers for the meetup's dates ahead other than `shown`, soonest first.
        A card shows only the next date, so a date moved past it (or one answered while an
        earlier date was off) holds an answer the card's buttons alone would not reach."""
        rows = await self._store.fetchall(
            "SELECT occurrences.original_start, occurrences.starts_at, rsvps.member_id, "
            "rsvps.status, rsvps.guests, rsvps.truck FROM rsvps "
            "JOIN occurrences ON occurrences.id = rsvps.occurrence_id "
            "WHERE occurrences.meetup_id = ? AND rsvps.member_id = ? "
            "AND occurrences.cancelled_at IS NULL AND occurrences.starts_at > ? "
            "AND occurrences.original_start != ? ORDER BY occurrences.starts_at",
            (meetup.id, member_id, unix(self._clock.now()), unix(shown.original_start)),
        )
        return [
            (
                Occurrence(
                    meetup.id, from_unix(row["original_start"]), from_unix(row["starts_at"])
                ),
                Party(row["member_id"], row["status"], row["guests"], row["truck"]),
            )
            for row in rows
        ]

    async def _going(self, occurrence_id: int, *, besides: int | None = None) -> Taken:
        row = await self._store.fetchone(
            "SELECT coalesce(sum(1 + guests), 0) AS people, count(truck) AS trucks FROM rsvps "
            "WHERE occurrence_id = ? AND status = 'going' AND member_id IS NOT ?",
            (occurrence_id, besides),
        )
        assert row is not None
        return Taken(row["people"], row["trucks"])

    async def _waiting(
        self, meetup: Meetup, occurrence_id: int, *, before: int | None = None
    ) -> Taken:
        """The people and trucks the parties waiting ask for (those ahead of `before`'s
        place in line, when given). A party larger than the whole capacity (lowered below it)
        keeps its place but holds up nobody."""
        row = await self._store.fetchone(
            "SELECT coalesce(sum(1 + guests), 0) AS people, count(truck) AS trucks FROM rsvps "
            "WHERE occurrence_id = ?1 AND status = 'waitlist' AND (?2 IS NULL OR 1 + guests <= ?2) "
            "AND (?3 IS NULL OR queued_seq < (SELECT queued_seq FROM rsvps "
            "WHERE occurrence_id = ?1 AND member_id = ?3))",
            (occurrence_id, meetup.capacity, before),
        )
        assert row is not None
        return Taken(row["people"], row["trucks"])

    async def _save(self, occurrence_id: int, party: Party, *, requeue: bool) -> None:
        # A new answer (or a change of answer) joins the back of the line; a change of guests
        # or truck keeps the member's place.
        await self._store.execute(
            "INSERT INTO rsvps (occurrence_id, member_id, status, guests, truck, queued_seq, "
            "updated_at) VALUES (?, ?, ?, ?, ?, "
            f"{BACK_OF_THE_LINE}, ?) "
            "ON CONFLICT (occurrence_id, member_id) DO UPDATE SET status = excluded.status, "
            "guests = excluded.guests, truck = excluded.truck, updated_at = excluded.updated_at"
            + (", queued_seq = excluded.queued_seq" if requeue else ""),
            (
                occurrence_id,
                party.member_id,
                party.status,
                party.guests,
                party.truck,
                occurrence_id,
                unix(self._clock.now()),
            ),
        )

    async def _promote(
        self, meetup: Meetup, occurrence_id: int, *, answering: int | None = None
    ) -> list[int]:
        """Move to Going, in order, each waiting party that fits beside those going and those
        waiting ahead of it; each is told by DM, but for `answering`, whose own answer moved
        them: the reply to it says so."""
        going = await self._going(occurrence_id)
        if meetup.capacity is not None and going.people >= meetup.capacity:
            return []  # every party needs a place: the common case of a full meetup, read fast
        # Whether each party fits needs only the sums of the line up to it: one query.
        rows = await self._store.fetchall(
            f"SELECT member_id FROM ({LINE}) "
            f"WHERE NOT {SHORT_OF_PLACES} AND NOT {SHORT_OF_A_SPOT} ORDER BY queued_seq",
            line_parameters(meetup, occurrence_id, going),
        )
        promoted = [row["member_id"] for row in rows]
        for member_id in promoted:
            seq = await self._store.fetchval(
                "UPDATE rsvps SET status = 'going', updated_at = ? "
                "WHERE occurrence_id = ? AND member_id = ? RETURNING queued_seq",
                (unix(self._clock.now()), occurrence_id, member_id),
            )
            if member_id == answering:
                continue
            # Keyed by the date, the member and their place in line, which the handler reads
            # back: a member promoted twice has a DM for each, and the one that stands is sent.
            await self._jobs.schedule(
                PROMOTED_JOB,
                f"{occurrence_id}:{member_id}:{seq}",
                self._clock.now(),
                payload={"meetup_id": meetup.id, "member_id": member_id},
                guild_id=meetup.guild_id,
            )
        return promoted

    async def _free_for_first(
        self, meetup: Meetup, occurrence_id: int
    ) -> tuple[int, int, int] | None:
        """The places free that the first party in line (of those the capacity can ever take)
        does not fit: its member, its place in line and the places free; None when no place is
        free, or the first party waits only for a truck spot."""
        if meetup.capacity is None:
            return None
        free = meetup.capacity - (await self._going(occurrence_id)).people
        row = await self._store.fetchone(
            "SELECT member_id, guests, queued_seq FROM rsvps WHERE occurrence_id = ? "
            "AND status = 'waitlist' AND 1 + guests <= ? ORDER BY queued_seq LIMIT 1",
            (occurrence_id, meetup.capacity),
        )
        if free <= 0 or row is None or 1 + row["guests"] <= free:
            return None
        return row["member_id"], row["queued_seq"], free

    async def _tell_first_in_line(self, meetup: Meetup, occurrence_id: int) -> None:
        """After places were freed (a party left Going or shrank) and given to those that fit:
        places free that the first party in line is too large for stay free, first come, first
        served (a party of one behind it does not jump it), so its member is told by DM how few
        guests would take them now, once for each place in line and number of places free."""
        first = await self._free_for_first(meetup, occurrence_id)
        if first is None:
            return
        member_id, seq, free = first
        await self._jobs.schedule(
            TOO_LARGE_JOB,
            f"{meetup.id}:{member_id}:first:{occurrence_id}:{seq}:{free}",
            self._clock.now(),
            payload={
                "meetup_id": meetup.id,
                "occurrence_id": occurrence_id,
                "member_id": member_id,
                "first_in_line": True,
            },
            guild_id=meetup.guild_id,
        )

    async def _position(
        self, meetup: Meetup, occurrence_id: int, member_id: int, going: Taken
    ) -> int:
        """A waiting member's place in line: behind the parties ahead that wait for what their
        party needs too, people places, or a truck spot for a party bringing a truck. A truck
        waiting only for its spot has its places held already and takes none freed, and a
        party larger than the capacity holds up nobody, so neither is ahead of a walk-up."""
        if meetup.capacity is not None and going.people >= meetup.capacity:
            # Full, the common case of a long line: every party ahead that could ever fit waits
            # for a place, so no running sums are needed to count them.
            full = (occurrence_id, meetup.capacity, occurrence_id, member_id)
            return await self._store.fetchval(POSITION_WHEN_FULL, full)
        line = line_parameters(meetup, occurrence_id, going)
        return await self._store.fetchval(POSITION, (*line, member_id))

    async def counts(self, occurrence: Occurrence) -> Counts:
        return (await self.counts_of([occurrence]))[0]

    async def counts_of(self, occurrences: Sequence[Occurrence]) -> list[Counts]:
        """The answers' counts of each occurrence, in order, read in one query (a page lists
        up to 200)."""
        wanted = [[o.meetup_id, unix(o.original_start)] for o in occurrences]
        rows = await self._store.fetchall(
            "SELECT occurrences.meetup_id, occurrences.original_start, "
            "coalesce(sum(CASE WHEN status = 'going' THEN 1 + guests END), 0) AS people, "
            "count(CASE WHEN status = 'going' THEN 1 END) AS parties, "
            "count(CASE WHEN status = 'going' AND truck IS NOT NULL THEN 1 END) AS trucks, "
            "count(CASE WHEN status = 'waitlist' THEN 1 END) AS waiting, "
            "count(CASE WHEN status = 'maybe' THEN 1 END) AS maybe, "
            "count(CASE WHEN status = 'waitlist' AND 1 + guests > meetups.capacity THEN 1 END) "
            "AS too_large "
            # Distinct: a date asked for twice must not count its answers twice.
            "FROM (SELECT DISTINCT value FROM json_each(?)) AS wanted "
            "JOIN occurrences ON occurrences.meetup_id = json_extract(wanted.value, '$[0]') "
            "AND occurrences.original_start = json_extract(wanted.value, '$[1]') "
            "JOIN rsvps ON rsvps.occurrence_id = occurrences.id "
            "JOIN meetups ON meetups.id = occurrences.meetup_id "
            "GROUP BY occurrences.id",
            (json.dumps(wanted),),
        )
        found = {(row["meetup_id"], row["original_start"]): from_row(Counts, row) for row in rows}
        nobody = Counts(people=0, parties=0, trucks=0, waiting=0, maybe=0)
        return [found.get((meetup_id, start), nobody) for meetup_id, start in wanted]

    async def parties(self, occurrence: Occurrence) -> list[Party]:
        """Everyone who answered for the occurrence, in the order they answered."""
        occurrence_id = await self._store.fetchval(
            "SELECT id FROM occurrences WHERE meetup_id = ? AND original_start = ?",
            (occurrence.meetup_id, unix(occurrence.original_start)),
        )
        return [] if occurrence_id is None else await self._parties(occurrence_id)

    async def promote_after_leave(self, guild_id: int, occurrence_id: int) -> None:
        """Give a place freed in `occurrence_id` to the waitlist, as a Can't go does, unless
        the occurrence was cancelled or has started."""
        occurrence = await self.occurrence_by_id(occurrence_id)
        assert occurrence is not None
        meetup = await self.get(guild_id, occurrence.meetup_id)
        if not (
            occurrence.cancelled or meetup.cancelled_at or occurrence.starts_at <= self._clock.now()
        ):
            await self._promote(meetup, occurrence_id)
            await self._tell_first_in_line(meetup, occurrence_id)

    async def occurrence_by_id(self, occurrence_id: int) -> Occurrence | None:
        """The date as it stands now (moved, cancelled or started alike); None once gone."""
        row = await self._store.fetchone(
            "SELECT meetup_id, original_start, starts_at, cancelled_at FROM occurrences "
            "WHERE id = ?",
            (occurrence_id,),
        )
        if row is None:
            return None
        return Occurrence(
            row["meetup_id"],
            from_unix(row["original_start"]),
            from_unix(row["starts_at"]),
            row["cancelled_at"] is not None,
        )

    async def _tell_too_large(
        self, meetup: Meetup, occurrence_id: int, *, capacity_before: int | None
    ) -> None:
        """Tell each waiting party that fitted `capacity_before` but is larger than the meetup's
        new capacity that it cannot move up as it stands; it keeps its place in line."""
        if meetup.capacity is None:
            return
        rows = await self._store.fetchall(
            "SELECT member_id FROM rsvps "
            "WHERE occurrence_id = ? AND status = 'waitlist' AND 1 + guests > ? "
            "AND (? IS NULL OR 1 + guests <= ?) ORDER BY queued_seq",
            (occurrence_id, meetup.capacity, capacity_before, capacity_before),
        )
        now = self._clock.now()
        for row in rows:
            # One DM a member for one edit, about the earliest date they wait for (dates are
            # told in order): a series would otherwise send one for each of its dates. Keyed by
            # the edit's second, so a party that outgrows a capacity raised and lowered again
            # is told again.
            await self._jobs.schedule(
                TOO_LARGE_JOB,
                f"{meetup.id}:{row['member_id']}:{unix(now)}",
                now,
                payload={
                    "meetup_id": meetup.id,
                    "occurrence_id": occurrence_id,
                    "member_id": row["member_id"],
                },
                guild_id=meetup.guild_id,
            )

    def promotion_handler(self, notice: PromotionNotice) -> Callable[[Job], Awaitable[Outgoing]]:
        """The job handler for PROMOTED_JOB, worded by the discord layer's `notice`."""

        async def compose(job: Job) -> Outgoing:
            meetup = await self._job_meetup(job, "a promotion")
            # The key names the date by its id, which a move keeps, where its start changes.
            occurrence_id, member_id, seq = (int(part) for part in job.key.split(":"))
            occurrence = await self.occurrence_by_id(occurrence_id)
            if occurrence is None:
                raise GiveUp("the date is gone")
            if meetup.cancelled_at is not None or occurrence.cancelled:
                raise GiveUp("the meetup was cancelled after the promotion")
            if occurrence.starts_at <= self._clock.now():
                raise GiveUp("the meetup started before the promotion could be told")
            # A DM that waited (Discord failed it for a while) may tell of a place the member
            # gave up since, or that a later promotion, told by a DM of its own, replaced.
            stands = await self._store.fetchval(
                "SELECT 1 FROM rsvps WHERE occurrence_id = ? AND member_id = ? "
                "AND status = 'going' AND queued_seq = ?",
                (occurrence_id, member_id, seq),
            )
            if stands is None:
                raise GiveUp("the member left Going since the promotion")
            return Outgoing(DirectMessage(member_id), content=notice(meetup, occurrence))

        return compose

    def too_large_handler(self, notice: TooLargeNotice) -> Callable[[Job], Awaitable[Outgoing]]:
        """The job handler for TOO_LARGE_JOB, worded by the discord layer's `notice`; nothing is
        sent when the party fits again or left the waitlist before the DM went out, nor, to the
        first in line, once no place it could take by shrinking is free, or signup closed."""

        async def compose(job: Job) -> Outgoing:
            meetup = await self._job_meetup(job, "a capacity notice")
            occurrence_id = job.payload["occurrence_id"]
            occurrence = await self.occurrence_by_id(occurrence_id)
            if occurrence is None:
                raise GiveUp("the date is gone")
            if meetup.cancelled_at is not None or occurrence.cancelled:
                raise GiveUp("the meetup was cancelled")
            if occurrence.starts_at <= self._clock.now():
                raise GiveUp("the meetup started")
            party = await self.party(occurrence_id, job.payload["member_id"])
            if party is None or party.status != "waitlist":
                raise GiveUp("the member no longer waits")
            closes = meetup.signup_closes(occurrence)
            closed = closes is not None and closes <= self._clock.now()
            free = None
            if job.payload.get("first_in_line"):
                first = await self._free_for_first(meetup, occurrence_id)
                if first is None or first[0] != party.member_id or closed:
                    raise GiveUp("no place the first in line could take is free now")
                free = first[2]
            elif meetup.capacity is None or party.people <= meetup.capacity:
                raise GiveUp("the party fits the capacity again")
            return Outgoing(
                DirectMessage(party.member_id),
                content=notice(meetup, occurrence, party, closed, free),
            )

        return compose


def _refuse_larger_than_capacity(meetup: Meetup, current: Party, party: Party) -> None:
    """Such a party would wait for ever: no place freed could ever fit it. A waiting member
    keeps their place as it was."""
    if meetup.capacity is None or party.people <= meetup.capacity:
        return
    kept = ""
    if current.status == "waitlist":
        guests = counted(current.guests, "guest") if current.guests else "no guests"
        kept = f": you keep your place in line with {guests}"
    raise UserError(
        f"Your party of {party.people} is larger than the capacity of “{meetup.title}”, "
        f"{meetup.capacity} in all, so it could never get a place. Bring fewer guests{kept}."
    )


def _full_of(meetup: Meetup, others: Taken, party: Party) -> Limit | None:
    """What `party`, going beside `others`, took the last of: the people places, or the truck
    spots its truck needs."""
    if meetup.capacity is not None and others.people + party.people >= meetup.capacity:
        return "places"
    if (
        meetup.truck_capacity is not None
        and party.trucks > 0
        and others.trucks + party.trucks >= meetup.truck_capacity
    ):
        return "truck spots"
    return None
