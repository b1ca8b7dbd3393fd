"""Meetup reminders, each sent exactly once, through the job queue and the outbox.

At each of the server's offsets (`/setup reminders`, 24h and 1h by default) before an
occurrence, a reminder job runs: it schedules one DM for each member going who has not turned
reminders off, and posts in the meetup's thread (the card's channel when it has none) mentioning
exactly those going, at most 60 to a post. A member who chose their own time
(`/meetup reminders before:`) gets their one DM at that time instead, from a reminder job at
that offset, which posts nothing in the thread unless the server's offsets include it; when
that time had passed before they answered Going, the first of the server's reminders still
ahead DMs them instead. Every one
of those is a job of its own with a key derived from the reminder's, so a crash part-way re-runs
only what is missing, and the outbox sends each once.

A server may turn reminders off (`/setup reminders offsets:off`): then nothing is sent, neither
posts nor DMs, members' own times included; pending reminders are dropped, and a DM or post
planned before, or waiting to be retried, gives up when its turn comes.

The pending reminders of a meetup are reconciled with its next occurrence whenever the meetup
changes, the server's offsets change, an occurrence of a series starts (the series rolls on to
the next), and at start-up. When a date starts, the meetup's card is rendered again by a job of
its own (`CARD_JOB`), once: a series' card shows the next date and its buttons answer for it, a
one-off's says it has started and loses its buttons; the job is retried while Discord refuses
the edit for a while. A reminder whose time passed while the
bot was down is sent late, marked as late, if the occurrence has not started; never after it
started. It gives way to the server's next reminder of the date when that one is due within
LATE_GIVES_WAY_WITHIN (or was missed too): the thread and those on the server's times get that
one alone, so not two an hour apart; a member's own time, their one DM of the date, still goes.

A reminder post already in the thread counts down to the start it was sent for. When its date
moves or is called off, that post is edited (`REMINDER_OUTDATED_JOB`) to be struck through and
say so, found when the meetup's reminders are next reconciled (on the change, or at start-up):
each edit is keyed by the post and by how many were made before it, queued only when the last
one says otherwise than the date now, so each change is made once whatever restarts; a date
moved back is shown as first posted. A date of a series moved after its reminder was due,
before its DMs and thread post went out, gets them at the new start's lead, showing it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock, from_unix, unix
from bot.dates import whole_minutes
from bot.delivery import DirectMessage, Outgoing
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.meetups import CARD_JOB, Meetup, MeetupService, Occurrence, discussion_post
from bot.retention import Departed
from bot.setup import SettingChange, SetupService

REMINDER_JOB = "meetups.reminder"
REMINDER_DM_JOB = "meetups.reminder.dm"
REMINDER_POST_JOB = "meetups.reminder.post"
ROLLOVER_JOB = "meetups.rollover"
REMINDER_OUTDATED_JOB = "meetups.reminder.outdated"
# What an outdated reminder's edit shows of a date called off (or gone), in its key and payload,
# where a date moved shows its new start.
CALLED_OFF = "off"
# A reminder run later than this after its time (the bot was down) says that it is late.
LATE_AFTER = timedelta(minutes=5)
# A late reminder is not sent to those whose next reminder of the same date is due within this
# (or is due already): it would read as the same reminder twice, and the next comes at the time
# the server chose, where the late one comes whenever the bot was back.
LATE_GIVES_WAY_WITHIN = timedelta(hours=1)
# Occurrences of a series looked at when planning, and again when a reminder is due (by then
# fewer come before its own): enough for a daily series and a 14-day offset, the longest
# /setup reminders allows.
PLAN_AHEAD = 16
# The times a member may choose for their own reminder DM: few, so the distinct offsets (and
# so the reminder jobs) of a meetup stay bounded however many members choose.
MEMBER_OFFSETS = tuple(
    timedelta(minutes=minutes) for minutes in (15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
)

# How the discord layer words a reminder: (meetup, occurrence, late, members to mention; none in
# a DM) -> text.
ReminderNotice = Callable[[Meetup, Occurrence, bool, tuple[int, ...]], str]


@dataclass(frozen=True)
class OutdatedReminder:
    """A reminder post whose date moved or was called off since it was posted: what it showed,
    and what the date is now."""

    channel_id: int
    message_id: int
    meetup: Meetup
    shown: Occurrence  # the date as the post showed it
    late: bool
    members: tuple[int, ...]  # those it mentioned
    moved_to: datetime | None  # the date's start now; None once called off or gone


class MeetupMessages(Protocol):
    """The meetup cards and reminder posts as the discord layer reaches them: a card rendered
    again from the database, a reminder post edited to say its date moved or was called off (or
    shown as first posted, moved back). A message gone is no error; anything raised means try
    again later."""

    async def refresh_meetup_card(self, guild_id: int, meetup_id: int) -> None: ...

    async def outdate_reminder_post(self, guild_id: int, post: OutdatedReminder) -> None: ...


def reminders_missed(
    offsets: Collection[timedelta], start: datetime, now: datetime
) -> list[timedelta]:
    """Which of `offsets` before `start` are past at `now`, longest first: `plan` schedules
    none of those for a date created or moved that close (a reminder late says the wrong lead
    time), so the organizer is told."""
    return sorted((offset for offset in offsets if start - offset <= now), reverse=True)


def reminder_key(meetup: Meetup, occurrence: Occurrence, offset: timedelta) -> str:
    minutes = whole_minutes(offset)
    return f"{meetup.id}:{unix(occurrence.original_start)}:{minutes}m"


class Reminders:
    def __init__(
        self,
        clock: Clock,
        jobs: JobQueue,
        setup: SetupService,
        meetups: MeetupService,
    ) -> None:
        self._clock = clock
        self._jobs = jobs
        self._setup = setup
        self._meetups = meetups

    async def plan(self, meetup: Meetup) -> int:
        """Make the meetup's pending reminders those of its next occurrence (and of any later
        one whose reminders fall before the next one starts, as in a daily series); returns
        how many are pending. A reminder already due but not sent (the bot was down) is kept."""
        now = self._clock.now()
        upcoming = (
            [] if meetup.cancelled_at else await self._meetups.occurrences(meetup, limit=PLAN_AHEAD)
        )
        kept: set[str] = set()
        # Reminders whose time is past: kept only if due already (the bot was down then), not
        # if a date moved closer than them, which would have them say the old lead time.
        passed: set[str] = set()
        offsets = await self._offsets(meetup.guild_id) if upcoming else set()
        if offsets:
            # The rollover at the next occurrence's start plans the ones after this window.
            window_end = upcoming[0].starts_at + max(offsets)
            for occurrence in (o for o in upcoming if o.starts_at <= window_end):
                for offset in offsets:
                    key = reminder_key(meetup, occurrence, offset)
                    due = occurrence.starts_at - offset
                    if due <= now:
                        passed.add(key)
                        continue
                    kept.add(key)
                    if not await self._jobs.reschedule(REMINDER_JOB, key, due):
                        await self._jobs.schedule(
                            REMINDER_JOB,
                            key,
                            due,
                            payload=_payload(meetup, occurrence, offset=offset),
                            guild_id=meetup.guild_id,
                        )
        await self._plan_rollover(meetup, upcoming[0] if upcoming else None)
        await self._outdate_posts(meetup)
        pending = await self._jobs.pending_keys(REMINDER_JOB, f"{meetup.id}:")
        for key in set(pending) - kept:
            await self._jobs.cancel(REMINDER_JOB, key, unless_due_by=now if key in passed else None)
        return len(await self._jobs.pending_keys(REMINDER_JOB, f"{meetup.id}:"))

    async def _plan_rollover(self, meetup: Meetup, occurrence: Occurrence | None) -> None:
        """When the next occurrence starts, a series' next one needs its reminders, and the
        card (a one-off's too) no longer invites answers for it. A rollover planned for a date
        that moved or went away is dropped, unless it is due (the bot was down at the start).
        The card is drawn again when the occurrence's signup closes, too."""
        # Cards drawn before they were drawn again at the cutoff have no such job until their
        # next change: start-up plans it. Keyed by date and time, it is planned once.
        await self._meetups.redraw_at_cutoff(meetup, occurrence)
        key = None
        if occurrence is not None:
            key = f"{meetup.id}:{unix(occurrence.original_start)}"
            if not await self._jobs.reschedule(ROLLOVER_JOB, key, occurrence.starts_at):
                await self._jobs.schedule(
                    ROLLOVER_JOB,
                    key,
                    occurrence.starts_at,
                    payload={"meetup_id": meetup.id},
                    guild_id=meetup.guild_id,
                )
        for stale in await self._jobs.pending_keys(ROLLOVER_JOB, f"{meetup.id}:"):
            if stale != key:
                await self._jobs.cancel(ROLLOVER_JOB, stale, unless_due_by=self._clock.now())

    async def _outdate_posts(self, meetup: Meetup) -> None:
        """Queue an edit of each reminder post of the meetup whose date is not as the post, or
        its last edit, says: moved, called off, or moved back. Posts of dates past are left as
        they are, as are posts sent before they recorded their date."""
        now = self._clock.now()
        edits: dict[str, list[str]] = {}
        for key in await self._jobs.keys(REMINDER_OUTDATED_JOB, f"{meetup.id}:"):
            post, said = key.split(">")
            edits.setdefault(post, []).append(said)
        for post in await self._meetups.sent_posts(REMINDER_POST_JOB, meetup.id, "occurrence_id"):
            shown = from_unix(post.payload["starts_at"])
            date = await self._date_now(meetup, post.payload["occurrence_id"])
            start = None if date is None else date.starts_at
            if shown <= now and (start is None or start <= now):
                continue
            made = edits.get(post.key, [])
            # Each edit's key is its number and what it says, "3:1796490000".
            said = max(made, key=lambda edit: int(edit.split(":")[0]), default=None)
            says = _said(shown) if said is None else said.split(":")[1]
            if says == _said(start):
                continue
            await self._jobs.schedule(
                REMINDER_OUTDATED_JOB,
                f"{post.key}>{len(made)}:{_said(start)}",
                now,
                payload={
                    **post.payload,
                    "channel_id": post.channel_id,
                    "message_id": post.message_id,
                    "now": _said(start),
                },
                guild_id=meetup.guild_id,
            )

    async def _date_now(self, meetup: Meetup, occurrence_id: int) -> Occurrence | None:
        """The date as it stands now; None when it, or the whole meetup, was called off."""
        date = await self._meetups.occurrence_by_id(occurrence_id)
        if meetup.cancelled_at is not None or date is None or date.cancelled:
            return None
        return date

    async def _offsets(self, guild_id: int) -> set[timedelta]:
        """Every time before a start something is sent: the server's offsets and the times
        members chose for their own DMs; none while the server has reminders off, which
        stops members' own DMs too (their choices are kept for when reminders are back on)."""
        server = (await self._setup.get(guild_id)).reminder_offsets
        if not server:
            return set()
        return {*server, *(await self._meetups.members.reminder_offsets(guild_id)).values()}

    async def set_member_offset(
        self, guild_id: int, member_id: int, offset: timedelta | None
    ) -> None:
        """The member's own time for reminder DMs (None: the server's), planned from now on."""
        if offset is not None and offset not in MEMBER_OFFSETS:
            raise UserError("Pick your reminder time from the list.")
        await self._meetups.members.set_reminder_offset(guild_id, member_id, offset)
        await self.plan_guild(guild_id)

    async def plan_all(self, departed: Departed | None = None) -> int:
        """Reconcile every upcoming meetup (at start-up); returns how many meetups. A meetup
        cancelled while its reminder posts were not yet struck (the bot stopped after the
        cancel was saved, before its reminders heard of it) is reconciled too: its posts are
        struck, once, as the cancel would have had them; one whose posts are struck is not
        looked at again. Servers `departed` says removed the bot are left out: their jobs
        wait for its return, when those due meanwhile run (a date's rollover plans the next)."""

        async def present(guild_id: int) -> bool:
            return departed is None or not await departed(guild_id)

        planned = 0
        for guild_id in await self._meetups.guilds_with_meetups():
            if await present(guild_id):
                planned += await self.plan_guild(guild_id)
        for cancelled in await self._meetups.cancelled_with_posts_ahead(
            REMINDER_POST_JOB, struck_by=REMINDER_OUTDATED_JOB, called_off=CALLED_OFF
        ):
            if await present(cancelled.guild_id):
                await self.plan(cancelled)
        return planned

    async def plan_guild(self, guild_id: int) -> int:
        # A one-off under way is planned too: its card is drawn again when it ends, to say it
        # took place (a card drawn by a release without that redraw gets it at start-up).
        upcoming = await self._meetups.upcoming(guild_id, limit=10_000, ongoing=True)
        for meetup, _ in upcoming:
            await self.plan(meetup)
        return len(upcoming)

    async def on_setting_changed(self, change: SettingChange) -> None:
        if change.setting == "reminder_offsets":
            await self.plan_guild(change.guild_id)

    # --- the jobs ------------------------------------------------------------------------------

    async def fan_out(self, job: Job) -> None:
        """A reminder's time: one DM job per member going who wants one now, and the posts
        when it is one of the server's offsets."""
        meetup, occurrence = await self._still_ahead(job)
        late = self._clock.now() - from_unix(job.due_at) > LATE_AFTER
        offset = timedelta(minutes=job.payload["offset_minutes"])
        server = offset in (await self._setup.get(meetup.guild_id)).reminder_offsets
        going = [
            p.member_id for p in await self._meetups.parties(occurrence) if p.status == "going"
        ]
        direct = await self._wanting_dm(meetup, occurrence, offset, going)
        mention = going if server else []
        if late and await self._next_due_soon(meetup, occurrence, offset):
            # The thread and those on the server's times get the next one instead. A member's
            # own time is their one DM of the date (or stands in for it): it goes, late.
            mention = []
            own = await self._meetups.members.reminder_offsets(meetup.guild_id)
            direct = [member_id for member_id in direct if member_id in own]
        # The posts record their date, by the id it keeps when moved, and the start they show,
        # so that a move after they are sent edits them (`_outdate_posts`).
        shown = {
            "occurrence_id": await self._meetups.date_id(occurrence),
            "starts_at": unix(occurrence.starts_at),
        }
        await self._meetups.schedule_notices(
            meetup,
            (REMINDER_DM_JOB, REMINDER_POST_JOB),
            key=job.key,
            payload={**job.payload, "late": late, **shown},
            mention=mention,
            direct=direct,
        )

    async def _next_due_soon(
        self, meetup: Meetup, occurrence: Occurrence, offset: timedelta
    ) -> bool:
        """Whether one of the server's reminders of the occurrence after the one `offset`
        before it is due within LATE_GIVES_WAY_WITHIN, or due already (both were missed), and
        planned: none is for a date moved closer than it. The answer only turns from no to yes
        as time goes on, so a fan-out run again after a crash never queues a DM it left out."""
        by = self._clock.now() + LATE_GIVES_WAY_WITHIN
        for lead in (await self._setup.get(meetup.guild_id)).reminder_offsets:
            if lead >= offset or occurrence.starts_at - lead > by:
                continue
            key = reminder_key(meetup, occurrence, lead)
            if await self._jobs.state(REMINDER_JOB, key) in ("pending", "claimed", "done"):
                return True
        return False

    async def _wanting_dm(
        self, meetup: Meetup, occurrence: Occurrence, offset: timedelta, members: list[int]
    ) -> list[int]:
        """Those of `members` who, as their settings stand now, want a reminder DM `offset`
        before the occurrence: not those who turned reminders off; at their own time, or at
        the server's when they chose none."""
        server = offset in (await self._setup.get(meetup.guild_id)).reminder_offsets
        opted_out = await self._meetups.members.without_reminders(meetup.guild_id)
        own = await self._meetups.members.reminder_offsets(meetup.guild_id)
        reminded = await self._reminded(meetup, occurrence, besides=offset)

        def wants(member_id: int) -> bool:
            chosen = own.get(member_id)
            if member_id in opted_out:
                return False
            if chosen is None:
                return server
            if chosen == offset:
                return True
            # Their own time came before they answered Going, so it reminded them of nothing:
            # the first of the server's reminders still ahead stands in for it.
            return server and chosen > offset and member_id not in reminded

        return [member_id for member_id in members if wants(member_id)]

    async def _reminded(
        self, meetup: Meetup, occurrence: Occurrence, *, besides: timedelta
    ) -> set[int]:
        """The members who had a reminder DM for the occurrence at an offset other than
        `besides` (the one asking: its own DMs, queued or put off, remind of nothing else)."""
        prefix = f"{meetup.id}:{unix(occurrence.original_start)}:"
        own = f"{prefix}{whole_minutes(besides)}m:"
        keys = [
            key for key in await self._jobs.keys(REMINDER_DM_JOB, prefix) if not key.startswith(own)
        ]
        # A DM put off to a moved date's lead is keyed `…:<member>@<new start>`.
        return {int(key.rsplit(":", 1)[1].split("@", 1)[0]) for key in keys}

    async def roll_over(self, job: Job) -> None:
        """A date started: plan a series' next one's reminders, and have the card, which still
        shows the started date, show the next one (a one-off's: that it has started)."""
        try:
            meetup = await self._meetups.get(job.guild_id or 0, job.payload["meetup_id"])
        except NotFound:
            return
        await self.plan(meetup)
        # Keyed by the date that started, so a rollover run again after a crash edits once.
        await self._jobs.schedule(
            CARD_JOB, job.key, self._clock.now(), payload=job.payload, guild_id=job.guild_id
        )

    def handlers(self, notice: ReminderNotice, messages: MeetupMessages) -> dict[str, Handler]:
        """Every reminder job kind with its handler, the messages worded by `notice`, and the
        cards and reminder posts edited through `messages`."""

        async def direct_message(job: Job) -> Outgoing | None:
            meetup, occurrence = await self._still_ahead(job)
            member_id = job.payload["member_id"]
            lead = timedelta(minutes=job.payload["offset_minutes"])
            if _moved_since_due(job, occurrence):
                await self._put_off_to_new_lead(REMINDER_DM_JOB, job, occurrence)
                return None
            if "occurrence_id" in job.payload:  # not in DMs planned before it was recorded
                party = await self._meetups.party(job.payload["occurrence_id"], member_id)
                if party is None or party.status != "going":
                    # They answered otherwise since their reminder's time: a DM put off to a
                    # moved date's lead may wait days.
                    raise GiveUp("the member is no longer going")
            if not await self._wanting_dm(meetup, occurrence, lead, [member_id]):
                # They turned reminders off, or chose another time, since: a DM retried or put
                # off to a moved date's lead may wait days.
                raise GiveUp("the member no longer wants a reminder DM at this time")
            text = notice(meetup, occurrence, job.payload["late"], ())
            return Outgoing(DirectMessage(member_id), content=text)

        async def channel_post(job: Job) -> Outgoing | None:
            meetup, occurrence = await self._still_ahead(job)
            if _moved_since_due(job, occurrence):
                # This post would also record a start it does not show; the one put off shows
                # the new start and records it, for `_outdate_posts`.
                await self._put_off_to_new_lead(REMINDER_POST_JOB, job, occurrence)
                return None
            members = tuple(job.payload["members"])
            text = notice(meetup, occurrence, job.payload["late"], members)
            return discussion_post(meetup, text, members)

        async def card_edit(job: Job) -> None:
            await messages.refresh_meetup_card(job.guild_id or 0, job.payload["meetup_id"])

        async def outdated_post(job: Job) -> None:
            try:
                meetup = await self._meetups.get(job.guild_id or 0, job.payload["meetup_id"])
            except NotFound:
                raise GiveUp("the meetup is gone") from None
            payload = job.payload
            date = await self._date_now(meetup, payload["occurrence_id"])
            start = None if date is None else date.starts_at
            if _said(start) != payload["now"]:
                raise GiveUp("the date changed again: the edit queued then says so")
            shown = Occurrence(
                meetup.id, from_unix(payload["original_start"]), from_unix(payload["starts_at"])
            )
            post = OutdatedReminder(
                payload["channel_id"],
                payload["message_id"],
                meetup,
                shown,
                payload["late"],
                tuple(payload["members"]),
                start,
            )
            await messages.outdate_reminder_post(job.guild_id or 0, post)

        return {
            CARD_JOB: card_edit,
            REMINDER_OUTDATED_JOB: outdated_post,
            REMINDER_JOB: self.fan_out,
            REMINDER_DM_JOB: direct_message,
            REMINDER_POST_JOB: channel_post,
            ROLLOVER_JOB: self.roll_over,
        }

    async def _put_off_to_new_lead(self, kind: str, job: Job, occurrence: Occurrence) -> None:
        """A reminder DM or post whose date moved since it was due: sent now, it would come at
        the old time's lead. It is put off to the new time's (now, once that has passed,
        rather than never), keyed by this one's, so it is queued once across restarts. It goes
        at its own time, so it is not late, however late this one was."""
        lead = timedelta(minutes=job.payload["offset_minutes"])
        await self._jobs.schedule(
            kind,
            f"{job.key}@{unix(occurrence.starts_at)}",
            max(self._clock.now(), occurrence.starts_at - lead),
            payload={**job.payload, "starts_at": unix(occurrence.starts_at), "late": False},
            guild_id=job.guild_id,
        )

    async def _still_ahead(self, job: Job) -> tuple[Meetup, Occurrence]:
        """The reminder's meetup and occurrence, or GiveUp: gone, cancelled or started, or the
        server turned reminders off."""
        try:
            meetup = await self._meetups.get(job.guild_id or 0, job.payload["meetup_id"])
        except NotFound:
            raise GiveUp("the meetup is gone") from None
        if meetup.cancelled_at is not None:
            raise GiveUp("the meetup was cancelled")
        if not (await self._setup.get(meetup.guild_id)).reminder_offsets:
            # Planned or retried before the server turned reminders off.
            raise GiveUp("the server turned meetup reminders off")
        original = from_unix(job.payload["original_start"])
        occurrence = next(
            (
                o
                for o in await self._meetups.occurrences(meetup, limit=PLAN_AHEAD)
                if o.original_start == original
            ),
            None,
        )
        if occurrence is None or occurrence.starts_at <= self._clock.now():
            raise GiveUp("the occurrence started, moved away or was cancelled; too late to remind")
        return meetup, occurrence


def _payload(meetup: Meetup, occurrence: Occurrence, *, offset: timedelta) -> dict[str, int]:
    return {
        "meetup_id": meetup.id,
        "original_start": unix(occurrence.original_start),
        "offset_minutes": whole_minutes(offset),
    }


def _moved_since_due(job: Job, occurrence: Occurrence) -> bool:
    """Whether the date of a reminder's DM or post, a series' (a one-off's move makes a date of
    its own, whose reminders are planned anew), moved after the reminder was due: the reminder
    of the new time has this one's key, spent, so none comes but what this one queues. False
    for those planned before they recorded the start."""
    starts_at = job.payload.get("starts_at")
    return starts_at is not None and occurrence.starts_at != from_unix(starts_at)


def _said(start: datetime | None) -> str:
    """What a reminder post says of its date, in an edit's key: its start, or called off."""
    return CALLED_OFF if start is None else str(unix(start))
