"""The Events tab mirror: each meetup shown as a Discord scheduled event, kept in step by jobs.

Each upcoming meetup is mirrored as an external scheduled event (title, description, location,
start and end) showing one date: a one-off meetup's, or a series' next one, rolled on to the
following date when that one ends or is cancelled. Discord holds at most 100 scheduled events
per server: the nearest 100 meetups are mirrored, and the later ones wait until room frees.

The mirror is reconciled per server by a job (`EVENTS_JOB`) whenever a meetup changes, at each
mirrored date's end, and at start-up: the events the bot made are compared with what the
meetups say now, and only the difference is sent. Every call's outcome is stored at once: the
event's id and its fields. The fields of a call in flight are stored before it is made, so that
Discord's echo of the bot's own change (which may arrive before its answer) is told apart from
an edit someone made in the Events tab, and so that a create that was sent but not recorded (a
crash) is found again by the marker at the end of the event's description instead of made twice.

The meetup is what members answer and what reminders follow, so it wins:
- an event edited in the Events tab by someone else is put back, and the organizer is told by
  DM what was changed and to use /meetup edit (the gateway does not say who edited it, so the
  bot cannot check that they may change the meetup);
- an event deleted there is taken as "not in the Events tab, please": the meetup is no longer
  mirrored, and the organizer is told by DM.
When the bot lacks Create Events, nothing is mirrored and the meetup works as ever; the
organizer is told once, in the reply to /meetup create.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from bot.clock import Clock, from_unix, unix
from bot.delivery import DirectMessage, Outgoing, Refused
from bot.errors import NotFound
from bot.jobs import GiveUp, Job, JobQueue
from bot.limits import fit
from bot.meetups import Meetup, MeetupService, Occurrence
from bot.store import Store

log = logging.getLogger(__name__)

EVENTS_JOB = "meetups.events"
EVENT_NOTE_JOB = "meetups.events.note"
MAX_EVENTS = 100  # Discord's cap on scheduled and active events per server
NAME_MAX, DESCRIPTION_MAX, LOCATION_MAX = 100, 1000, 100
EXTERNAL, GUILD_ONLY = 3, 2
# Discord's answers the mirror acts on.
MISSING_PERMISSIONS, UNKNOWN_EVENT, NO_ROOM, FINISHED = 50013, 10070, 30038, 180000
MARKER = "Keitora meetup #{}"
_MARKER = re.compile(r"Keitora meetup #(\d+)\s*$")
NOT_AN_RSVP = (
    "Answer Going, Maybe or Can't go on the meetup's card in Discord: "
    "“Interested” here is not an RSVP, and reminders go to those going."
)
_DELETE = "delete"

NoteKind = Literal["edited", "deleted"]
# How the discord layer words the DM to the organizer: (meetup, what happened, the event's
# fields as someone left them; None when deleted) -> text.
EventNote = Callable[[Meetup, NoteKind, "EventFields | None"], str]


@dataclass(frozen=True)
class EventFields:
    """What a mirrored event shows: the fields the bot sets and watches."""

    name: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime

    def to_json(self) -> str:
        values = asdict(self) | {"starts_at": unix(self.starts_at), "ends_at": unix(self.ends_at)}
        return json.dumps(values, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> EventFields | None:
        values = None if text is None else json.loads(text)
        if not isinstance(values, dict):
            return None  # nothing stored, or a deletion in flight
        instants = {key: from_unix(values[key]) for key in ("starts_at", "ends_at")}
        return cls(**values | instants)

    def body(self, since: EventFields | None = None) -> dict[str, Any]:
        """The request body Discord takes: every field, or those that differ from `since`."""
        full = {
            "name": self.name,
            "description": self.description,
            "entity_metadata": {"location": self.location},
            "scheduled_start_time": self.starts_at.isoformat(),
            "scheduled_end_time": self.ends_at.isoformat(),
        }
        if since is None:
            return full | {"entity_type": EXTERNAL, "privacy_level": GUILD_ONLY}
        return {key: value for key, value in full.items() if since.body().get(key) != value}


def event_fields(meetup: Meetup, occurrence: Occurrence) -> EventFields:
    """How a meetup's date shows in the Events tab, within Discord's limits."""
    footer = f"{NOT_AN_RSVP}\n{MARKER.format(meetup.id)}"
    room = DESCRIPTION_MAX - len(footer) - 2
    text = fit(meetup.description, room) if meetup.description else ""
    return EventFields(
        name=fit(meetup.title, NAME_MAX),
        description=f"{text}\n\n{footer}" if text else footer,
        location=fit(meetup.location, LOCATION_MAX),
        starts_at=occurrence.starts_at,
        ends_at=occurrence.starts_at + meetup.duration,
    )


def marked_meetup(description: str | None) -> int | None:
    """The meetup an event's description names with the mirror's marker, if any."""
    found = _MARKER.search(description or "")
    return None if found is None else int(found[1])


class EventsTab(Protocol):
    """A server's scheduled events, as the discord layer reaches them. Each call raises
    `Refused` when Discord will not take it as it is (missing permission, unknown event, no
    room, a bad body); any other exception means try again later."""

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int: ...

    async def edit_event(self, guild_id: int, event_id: int, body: Mapping[str, Any]) -> None: ...

    async def delete_event(self, guild_id: int, event_id: int) -> None: ...

    async def own_events(self, guild_id: int) -> dict[int, str]:
        """The events the bot made in the server: id -> description."""
        ...


@dataclass(frozen=True)
class _Mirror:
    meetup_id: int
    event_id: int | None
    original_start: int | None
    shown: EventFields | None
    sending: str | None  # JSON: fields in flight, or "delete"
    stopped: bool


class _NoPermission(Exception):
    """The bot may not create events in the server: nothing more is tried this round."""


class MeetupEvents:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue, meetups: MeetupService) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._meetups = meetups
        self._syncing: dict[int, asyncio.Lock] = {}

    # --- when to reconcile ---------------------------------------------------------------------

    async def on_meetup_changed(self, meetup: Meetup) -> None:
        """A meetup was created, moved, edited or cancelled: bring its server's mirror in step."""
        await self.request_sync(meetup.guild_id)

    async def request_sync(self, guild_id: int) -> None:
        # One waiting run reads everything afresh; a run already under way may have read the
        # meetups before this change, so only a waiting one makes another unnecessary.
        if await self._jobs.pending_keys(EVENTS_JOB, f"{guild_id}:now:"):
            return
        key = f"{guild_id}:now:{secrets.token_hex(6)}"
        await self._jobs.schedule(EVENTS_JOB, key, self._clock.now(), guild_id=guild_id)

    async def plan_all(self) -> int:
        """At start-up, reconcile every server with meetups or mirrored events, first checking
        that the events recorded still exist (one deleted while the bot was away is made
        again: who deleted it, and why, cannot be known)."""
        rows = await self._store.fetchall("SELECT DISTINCT guild_id FROM meetup_events")
        guilds = {row["guild_id"] for row in rows} | set(await self._meetups.guilds_with_meetups())
        for guild_id in sorted(guilds):
            key = f"{guild_id}:start:{secrets.token_hex(6)}"
            await self._jobs.schedule(
                EVENTS_JOB, key, self._clock.now(), payload={"check": True}, guild_id=guild_id
            )
        return len(guilds)

    # --- reconciling ---------------------------------------------------------------------------

    def handlers(
        self, tab: EventsTab, note: EventNote
    ) -> dict[str, Callable[[Job], Awaitable[Any]]]:
        """The job kinds of the mirror with their handlers."""

        async def sync(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("a mirror run without a server")
            await self.sync(tab, job.guild_id, check=bool(job.payload.get("check")))

        async def tell_organizer(job: Job) -> Outgoing:
            try:
                meetup = await self._meetups.get(job.guild_id or 0, job.payload["meetup_id"])
            except NotFound:
                raise GiveUp("the meetup is gone") from None
            fields = EventFields.from_json(job.payload.get("fields"))
            text = note(meetup, job.payload["kind"], fields)
            return Outgoing(DirectMessage(meetup.organizer_id), content=text)

        return {EVENTS_JOB: sync, EVENT_NOTE_JOB: tell_organizer}

    async def sync(self, tab: EventsTab, guild_id: int, *, check: bool = False) -> None:
        """Make the server's Events tab show its nearest meetups as they are now; with `check`,
        first forget recorded events Discord no longer has."""
        # Two runs for one server at once (a change and a date's end) would both create.
        async with self._syncing.setdefault(guild_id, asyncio.Lock()):
            try:
                if check:
                    await self._forget_missing(tab, guild_id)
                shown = await self._reconcile(tab, guild_id)
            except _NoPermission:
                log.warning("no Create Events in server %s: no meetups are mirrored", guild_id)
                return
        ends = [occurrence.starts_at + meetup.duration for meetup, occurrence in shown]
        if ends:
            # When the nearest mirrored date ends, a series rolls on and room frees.
            end = min(ends)
            key = f"{guild_id}:at:{unix(end)}"
            await self._jobs.schedule(EVENTS_JOB, key, end, guild_id=guild_id)

    async def _reconcile(self, tab: EventsTab, guild_id: int) -> list[tuple[Meetup, Occurrence]]:
        """Delete the events no longer wanted, then show the nearest meetups; returns those
        that have (or wanted) a place."""
        mirrors = {m.meetup_id: m for m in await self._mirrors(guild_id)}
        shown = (await self._wanted(guild_id, mirrors))[:MAX_EVENTS]
        kept = {meetup.id for meetup, _ in shown}
        # Events no longer wanted go first, so their room serves the nearer meetups.
        for mirror in mirrors.values():
            if mirror.event_id is not None and mirror.meetup_id not in kept:
                await self._delete(tab, guild_id, mirror)
        for position, (meetup, occurrence) in enumerate(shown):
            while not await self._show(tab, meetup, occurrence, await self._mirror(meetup.id)):
                # Discord counts the server's other events too: the farthest meetup shown
                # gives its place to this nearer one, else this one and the rest wait.
                if not await self._make_room(tab, guild_id, shown[position + 1 :]):
                    log.info("the Events tab of server %s is full; later meetups wait", guild_id)
                    return shown
        return shown

    async def _forget_missing(self, tab: EventsTab, guild_id: int) -> None:
        # Discord replays no deletion to a bot that was away; only a listing shows it.
        try:
            existing = await tab.own_events(guild_id)
        except Refused as refusal:
            log.warning("could not list the events of server %s: %s", guild_id, refusal)
            return
        for mirror in await self._mirrors(guild_id):
            if mirror.event_id is not None and mirror.event_id not in existing:
                await self._forget_event(mirror.meetup_id)

    async def _make_room(
        self, tab: EventsTab, guild_id: int, later: list[tuple[Meetup, Occurrence]]
    ) -> bool:
        """Delete the event of the farthest meetup in `later` that has one; False if none."""
        for meetup, _ in reversed(later):
            mirror = await self._mirror(meetup.id)
            if mirror is not None and mirror.event_id is not None:
                await self._delete(tab, guild_id, mirror)
                return True
        return False

    async def _wanted(
        self, guild_id: int, mirrors: Mapping[int, _Mirror]
    ) -> list[tuple[Meetup, Occurrence]]:
        """Every meetup to mirror with the date to show, nearest first: a date under way stays
        shown (if it is) until it ends, for an event cannot be made in the past."""
        now = self._clock.now()
        wanted = []
        for meetup, first in await self._meetups.upcoming(guild_id, limit=100_000, ongoing=True):
            mirror = mirrors.get(meetup.id)
            if mirror is not None and mirror.stopped:
                continue
            showing = mirror.original_start if mirror is not None else None
            if first.starts_at > now or unix(first.original_start) == showing:
                wanted.append((meetup, first))
                continue
            # Under way and not the date shown: the next date to start, if there is one.
            later = await self._meetups.occurrences(meetup, limit=1, after=now)
            if later:
                wanted.append((meetup, later[0]))
        # `upcoming` lists by the next date to start; a date under way comes before them.
        wanted.sort(key=lambda pair: (pair[1].starts_at, pair[0].id))
        return wanted

    async def _show(
        self, tab: EventsTab, meetup: Meetup, occurrence: Occurrence, mirror: _Mirror | None
    ) -> bool:
        """Create or edit the meetup's event; False when the server has no room for it."""
        fields = event_fields(meetup, occurrence)
        # A one-off meetup has one date, named by its start: a move keeps its event.
        same_date = mirror is not None and (
            meetup.rrule is None or mirror.original_start == unix(occurrence.original_start)
        )
        if mirror is not None and mirror.event_id is not None:
            if not same_date:
                await self._delete(tab, meetup.guild_id, mirror)  # the series rolled on
            elif mirror.shown == fields or await self._edit(tab, meetup, mirror, fields):
                return True
        if occurrence.starts_at <= self._clock.now():
            return True  # under way without an event: Discord takes no event in the past
        return await self._create(tab, meetup, occurrence, fields, mirror)

    async def _create(
        self,
        tab: EventsTab,
        meetup: Meetup,
        occurrence: Occurrence,
        fields: EventFields,
        mirror: _Mirror | None,
    ) -> bool:
        maybe_sent = mirror is not None and mirror.event_id is None and mirror.sending is not None
        await self._store.execute(
            "INSERT INTO meetup_events (meetup_id, guild_id, sending, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (meetup_id) DO UPDATE SET "
            "event_id = NULL, original_start = NULL, shown = NULL, sending = excluded.sending, "
            "updated_at = excluded.updated_at",
            (meetup.id, meetup.guild_id, fields.to_json(), unix(self._clock.now())),
        )
        # A create sent before a crash, but never recorded, left an event with our marker.
        found = await self._find_made(tab, meetup) if maybe_sent else None
        try:
            if found is not None:
                await tab.edit_event(meetup.guild_id, found, fields.body())
                event_id = found
            else:
                event_id = await tab.create_event(meetup.guild_id, fields.body())
        except Refused as refusal:
            # Discord answered: nothing was made, so there is nothing to look for next time.
            await self._set_sending(meetup.id, None)
            if refusal.code == NO_ROOM:
                return False
            self._refused(refusal, meetup.id)
            return True
        await self._store.execute(
            "UPDATE meetup_events SET event_id = ?, original_start = ?, shown = ?, sending = NULL, "
            "updated_at = ? WHERE meetup_id = ?",
            (
                event_id,
                unix(occurrence.original_start),
                fields.to_json(),
                unix(self._clock.now()),
                meetup.id,
            ),
        )
        return True

    async def _find_made(self, tab: EventsTab, meetup: Meetup) -> int | None:
        events = await tab.own_events(meetup.guild_id)
        return next(
            (event_id for event_id, text in events.items() if marked_meetup(text) == meetup.id),
            None,
        )

    async def _edit(
        self, tab: EventsTab, meetup: Meetup, mirror: _Mirror, fields: EventFields
    ) -> bool:
        """Send what changed; False when the event is over or gone, so a new one is due."""
        assert mirror.event_id is not None
        await self._set_sending(meetup.id, fields.to_json())
        try:
            await tab.edit_event(meetup.guild_id, mirror.event_id, fields.body(mirror.shown))
        except Refused as refusal:
            if refusal.code in (UNKNOWN_EVENT, FINISHED):
                await self._forget_event(meetup.id)
                return False
            await self._set_sending(meetup.id, None)
            self._refused(refusal, meetup.id)
            return True
        await self._store.execute(
            "UPDATE meetup_events SET shown = ?, sending = NULL, updated_at = ? "
            "WHERE meetup_id = ?",
            (fields.to_json(), unix(self._clock.now()), meetup.id),
        )
        return True

    async def _delete(self, tab: EventsTab, guild_id: int, mirror: _Mirror) -> None:
        assert mirror.event_id is not None
        await self._set_sending(mirror.meetup_id, json.dumps(_DELETE))
        try:
            await tab.delete_event(guild_id, mirror.event_id)
        except Refused as refusal:
            if refusal.code != UNKNOWN_EVENT:  # gone already is as good as deleted
                await self._set_sending(mirror.meetup_id, None)
                self._refused(refusal, mirror.meetup_id)
                return
        await self._forget_event(mirror.meetup_id)

    def _refused(self, refusal: Refused, meetup_id: int) -> None:
        if refusal.code == MISSING_PERMISSIONS:
            raise _NoPermission from None
        log.warning("Discord refused the Events tab mirror of meetup %d: %s", meetup_id, refusal)

    async def _forget_event(self, meetup_id: int) -> None:
        await self._store.execute(
            "UPDATE meetup_events SET event_id = NULL, original_start = NULL, shown = NULL, "
            "sending = NULL, updated_at = ? WHERE meetup_id = ?",
            (unix(self._clock.now()), meetup_id),
        )

    async def _set_sending(self, meetup_id: int, sending: str | None) -> None:
        await self._store.execute(
            "UPDATE meetup_events SET sending = ?, updated_at = ? WHERE meetup_id = ?",
            (sending, unix(self._clock.now()), meetup_id),
        )

    # --- what happens in the Events tab --------------------------------------------------------

    async def event_updated(self, guild_id: int, event_id: int, fields: EventFields) -> bool:
        """An event changed in Discord; returns whether it was someone else's edit of a mirror,
        which is put back and told to the organizer. The bot's own changes echo back here."""
        mirror = await self._mirror_of_event(guild_id, event_id)
        if mirror is None or fields == mirror.shown:
            return False
        if mirror.sending is not None and EventFields.from_json(mirror.sending) == fields:
            return False
        async with self._store.transaction():
            # The event shows this now: the next run compares with it, and puts it back.
            await self._store.execute(
                "UPDATE meetup_events SET shown = ?, updated_at = ? WHERE meetup_id = ?",
                (fields.to_json(), unix(self._clock.now()), mirror.meetup_id),
            )
            await self._note(guild_id, mirror.meetup_id, "edited", fields)
        await self.request_sync(guild_id)
        return True

    async def event_deleted(self, guild_id: int, event_id: int) -> bool:
        """An event was deleted in Discord; returns whether someone deleted a mirror, which
        stops mirroring that meetup (the organizer is told)."""
        mirror = await self._mirror_of_event(guild_id, event_id)
        if mirror is None:
            await self.request_sync(guild_id)  # another event made room for a waiting meetup
            return False
        if mirror.sending == json.dumps(_DELETE):
            return False
        async with self._store.transaction():
            await self._store.execute(
                "UPDATE meetup_events SET event_id = NULL, original_start = NULL, shown = NULL, "
                "sending = NULL, stopped_at = ?, updated_at = ? WHERE meetup_id = ?",
                (unix(self._clock.now()), unix(self._clock.now()), mirror.meetup_id),
            )
            await self._note(guild_id, mirror.meetup_id, "deleted", None)
        await self.request_sync(guild_id)  # a waiting meetup may take the room
        return True

    async def _note(
        self, guild_id: int, meetup_id: int, kind: NoteKind, fields: EventFields | None
    ) -> None:
        # Keyed by what the event was changed to: each distinct edit is told once.
        digest = "" if fields is None else hashlib.sha256(fields.to_json().encode()).hexdigest()
        detail = "" if fields is None else f":{unix(self._clock.now())}:{digest[:16]}"
        await self._jobs.schedule(
            EVENT_NOTE_JOB,
            f"{meetup_id}:{kind}{detail}",
            self._clock.now(),
            payload={"meetup_id": meetup_id, "kind": kind, "fields": fields and fields.to_json()},
            guild_id=guild_id,
        )

    # --- reading -------------------------------------------------------------------------------

    async def _mirrors(self, guild_id: int) -> list[_Mirror]:
        rows = await self._store.fetchall(
            "SELECT * FROM meetup_events WHERE guild_id = ? ORDER BY meetup_id", (guild_id,)
        )
        return [_mirror(row) for row in rows]

    async def _mirror(self, meetup_id: int) -> _Mirror | None:
        row = await self._store.fetchone(
            "SELECT * FROM meetup_events WHERE meetup_id = ?", (meetup_id,)
        )
        return None if row is None else _mirror(row)

    async def _mirror_of_event(self, guild_id: int, event_id: int) -> _Mirror | None:
        row = await self._store.fetchone(
            "SELECT * FROM meetup_events WHERE guild_id = ? AND event_id = ?", (guild_id, event_id)
        )
        return None if row is None else _mirror(row)


def _mirror(row: Any) -> _Mirror:
    return _Mirror(
        meetup_id=row["meetup_id"],
        event_id=row["event_id"],
        original_start=row["original_start"],
        shown=EventFields.from_json(row["shown"]),
        sending=row["sending"],
        stopped=row["stopped_at"] is not None,
    )
