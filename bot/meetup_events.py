"""The Events tab mirror: each meetup shown as a Discord scheduled event, kept in step by jobs.

Each upcoming meetup is mirrored as an external scheduled event (title, description, location,
start and end) showing one date: a one-off meetup's, or a series' next one, rolled on to the
following date when that one ends or is cancelled (a new event), and moved with it when the
series is re-timed (the same event, so those "Interested" stay). Discord holds at most 100
scheduled events per server: the nearest 100 meetups are mirrored, and the later ones wait until
room frees. Discord itself starts an external event at its start and completes it at its end.

The mirror is reconciled per server by a job (`EVENTS_JOB`) whenever a meetup changes, at each
mirrored date's end, and at start-up: the events the bot made are compared with what the
meetups say now, and only the difference is sent. Every call's outcome is stored at once: the
event's id and its fields (bot/meetup_event_records.py). The fields of a call in flight are stored
before it is made, so that Discord's echo of the bot's own change (which may arrive before its
answer) is told apart from an edit someone made in the Events tab, and so that a create that was
sent but not recorded (a crash) is found again by the marker at the end of the event's
description (bot/meetup_event_fields.py) instead of made twice.

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
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal

from bot.clock import Clock, from_unix, unix
from bot.delivery import DirectMessage, Outgoing, Refused
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Job, JobQueue
from bot.meetup_event_fields import EventFields, EventsTab, event_fields, marked_meetup
from bot.meetup_event_records import DELETING, Mirror, MirrorRecords
from bot.meetups import Meetup, MeetupService, Occurrence
from bot.retention import Departed
from bot.store import Store

log = logging.getLogger(__name__)

EVENTS_JOB = "meetups.events"
EVENT_NOTE_JOB = "meetups.events.note"
MAX_EVENTS = 100  # Discord's cap on scheduled and active events per server
# Discord's answers the mirror acts on.
MISSING_PERMISSIONS, UNKNOWN_EVENT, NO_ROOM, FINISHED = 50013, 10070, 30038, 180000

NoteKind = Literal["edited", "deleted"]
# How the discord layer words the DM to the organizer: (meetup, what happened, the event's
# fields as someone left them; None when deleted) -> text.
EventNote = Callable[[Meetup, NoteKind, "EventFields | None"], str]


class _NoPermission(Exception):
    """The bot may not create events in the server: nothing more is tried this round."""


class MeetupEvents:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue, meetups: MeetupService) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._meetups = meetups
        self._records = MirrorRecords(store, clock)
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

    async def plan_all(self, departed: Departed | None = None) -> int:
        """At start-up, reconcile every server with meetups or mirrored events, first checking
        that the events recorded still exist (one deleted while the bot was away is made
        again: who deleted it, and why, cannot be known). Servers `departed` says removed the
        bot are left out: a run for one only waits, paused, and each start-up would add one."""
        guilds = set(await self._records.guilds()) | set(await self._meetups.guilds_with_meetups())
        if departed is not None:
            guilds = {guild_id for guild_id in guilds if not await departed(guild_id)}
        for guild_id in sorted(guilds):
            await self.check(guild_id)
        return len(guilds)

    async def check(self, guild_id: int) -> None:
        """Reconcile the server's mirror, first checking that the events recorded still exist:
        at start-up, and when the bot is back in a server it was removed from."""
        key = f"{guild_id}:start:{secrets.token_hex(6)}"
        await self._jobs.schedule(
            EVENTS_JOB, key, self._clock.now(), payload={"check": True}, guild_id=guild_id
        )

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
            # Planned under the lock, from what this run read: a run that read a meetup just
            # before it was cancelled planned its end, and the run after must drop that.
            await self._plan_next_end(guild_id, shown)

    async def _plan_next_end(self, guild_id: int, shown: list[tuple[Meetup, Occurrence]]) -> None:
        """When the nearest mirrored date ends, a series rolls on and room frees: a run then,
        and at no other end planned before."""
        ends = [occurrence.starts_at + meetup.duration for meetup, occurrence in shown]
        key = None
        if ends:
            end = min(ends)
            key = f"{guild_id}:at:{unix(end)}"
            await self._jobs.schedule(EVENTS_JOB, key, end, guild_id=guild_id)
        for stale in await self._jobs.pending_keys(EVENTS_JOB, f"{guild_id}:at:"):
            if stale != key:
                await self._jobs.cancel(EVENTS_JOB, stale)

    async def _reconcile(self, tab: EventsTab, guild_id: int) -> list[tuple[Meetup, Occurrence]]:
        """Delete the events no longer wanted, then show the nearest meetups; returns those
        that have (or wanted) a place."""
        mirrors = {m.meetup_id: m for m in await self._records.of_guild(guild_id)}
        shown = (await self._wanted(guild_id, mirrors))[:MAX_EVENTS]
        kept = {meetup.id for meetup, _ in shown}
        # Events no longer wanted go first, so their room serves the nearer meetups.
        for mirror in mirrors.values():
            if mirror.event_id is not None and mirror.meetup_id not in kept:
                await self._delete(tab, guild_id, mirror)
        for position, (meetup, occurrence) in enumerate(shown):
            while not await self._show(tab, meetup, occurrence):
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
        for mirror in await self._records.of_guild(guild_id):
            if mirror.event_id is not None and mirror.event_id not in existing:
                await self._records.forget_event(mirror.meetup_id)

    async def _make_room(
        self, tab: EventsTab, guild_id: int, later: list[tuple[Meetup, Occurrence]]
    ) -> bool:
        """Delete the event of the farthest meetup in `later` that has one; False if none."""
        for meetup, _ in reversed(later):
            mirror = await self._records.of_meetup(meetup.id)
            if mirror is not None and mirror.event_id is not None:
                await self._delete(tab, guild_id, mirror)
                return True
        return False

    async def _wanted(
        self, guild_id: int, mirrors: Mapping[int, Mirror]
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

    async def _show(self, tab: EventsTab, meetup: Meetup, occurrence: Occurrence) -> bool:
        """Create or edit the meetup's event, as its record stands now; False when the server
        has no room for it."""
        mirror = await self._records.of_meetup(meetup.id)
        fields = event_fields(meetup, occurrence)
        if mirror is not None and mirror.event_id is not None:
            if not await self._shows_date(meetup, mirror, occurrence):
                await self._delete(tab, meetup.guild_id, mirror)  # the series rolled on
            elif await self._edit(tab, meetup, mirror, occurrence, fields):
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
        mirror: Mirror | None,
    ) -> bool:
        maybe_sent = mirror is not None and mirror.event_id is None and mirror.sending is not None
        await self._records.creating(meetup.id, meetup.guild_id, fields)
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
            await self._records.set_sending(meetup.id, None)
            if refusal.code == NO_ROOM:
                return False
            self._refused(refusal, meetup.id)
            return True
        await self._records.created(meetup.id, event_id, unix(occurrence.original_start), fields)
        return True

    async def _find_made(self, tab: EventsTab, meetup: Meetup) -> int | None:
        events = await tab.own_events(meetup.guild_id)
        return next(
            (event_id for event_id, text in events.items() if marked_meetup(text) == meetup.id),
            None,
        )

    async def _shows_date(self, meetup: Meetup, mirror: Mirror, occurrence: Occurrence) -> bool:
        """Whether the meetup's event stands for `occurrence`, the date it is to show: a
        one-off's single date wherever it moved; a series' date it showed; or the series' next
        date when the one it showed, not yet started, is no longer a date of the series. A
        re-time carried that one to the new rule with its answers, and the members
        "Interested" in it go along. A date cancelled, ended or moved past the next one is
        still the series', and is not the date now shown: a new event stands for that."""
        if meetup.rrule is None or mirror.original_start == unix(occurrence.original_start):
            return True
        if mirror.shown is None or mirror.original_start is None:
            return False
        if mirror.shown.starts_at <= self._clock.now():
            return False  # under way or over: an event can only be moved while ahead
        try:
            await self._meetups.occurrence(meetup, from_unix(mirror.original_start))
        except NotFound:
            return True
        except UserError:
            pass  # cancelled, or moved to a time that has begun
        return False

    async def _edit(
        self,
        tab: EventsTab,
        meetup: Meetup,
        mirror: Mirror,
        occurrence: Occurrence,
        fields: EventFields,
    ) -> bool:
        """Send what changed and record the date shown; False when the event is over or
        gone, so a new one is due."""
        assert mirror.event_id is not None
        body = fields.body(mirror.shown)
        if body:
            await self._records.set_sending(meetup.id, fields.to_json())
            try:
                await tab.edit_event(meetup.guild_id, mirror.event_id, body)
            except Refused as refusal:
                if refusal.code in (UNKNOWN_EVENT, FINISHED):
                    await self._records.forget_event(meetup.id)
                    return False
                await self._records.set_sending(meetup.id, None)
                self._refused(refusal, meetup.id)
                return True
        if body or mirror.original_start != unix(occurrence.original_start):
            await self._records.edited(meetup.id, unix(occurrence.original_start), fields)
        return True

    async def _delete(self, tab: EventsTab, guild_id: int, mirror: Mirror) -> None:
        assert mirror.event_id is not None
        await self._records.set_sending(mirror.meetup_id, DELETING)
        try:
            await tab.delete_event(guild_id, mirror.event_id)
        except Refused as refusal:
            if refusal.code != UNKNOWN_EVENT:  # gone already is as good as deleted
                await self._records.set_sending(mirror.meetup_id, None)
                self._refused(refusal, mirror.meetup_id)
                return
        await self._records.forget_event(mirror.meetup_id)

    def _refused(self, refusal: Refused, meetup_id: int) -> None:
        if refusal.code == MISSING_PERMISSIONS:
            raise _NoPermission from None
        log.warning("Discord refused the Events tab mirror of meetup %d: %s", meetup_id, refusal)

    # --- what happens in the Events tab --------------------------------------------------------

    async def event_updated(self, guild_id: int, event_id: int, fields: EventFields) -> bool:
        """An event changed in Discord; returns whether it was someone else's edit of a mirror,
        which is put back and told to the organizer. The bot's own changes echo back here."""
        mirror = await self._records.of_event(guild_id, event_id)
        if mirror is None or fields == mirror.shown:
            return False
        if mirror.sending is not None and EventFields.from_json(mirror.sending) == fields:
            return False
        async with self._store.transaction():
            # The event shows this now: the next run compares with it, and puts it back.
            await self._records.seen(mirror.meetup_id, fields)
            await self._note(guild_id, mirror.meetup_id, "edited", fields)
        await self.request_sync(guild_id)
        return True

    async def event_deleted(self, guild_id: int, event_id: int) -> bool:
        """An event was deleted in Discord; returns whether someone deleted a mirror, which
        stops mirroring that meetup (the organizer is told)."""
        mirror = await self._records.of_event(guild_id, event_id)
        if mirror is None:
            await self.request_sync(guild_id)  # another event made room for a waiting meetup
            return False
        if mirror.sending == DELETING:
            return False
        async with self._store.transaction():
            await self._records.stop(mirror.meetup_id)
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
