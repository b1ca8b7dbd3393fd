"""What a meetup's attendees (going, waiting or maybe) are told when it or one of its dates is
moved, cancelled or restored: a DM each, and a post in the meetup's thread that mentions only
those whose DM Discord refused, so each is told once; sent later as jobs (reminders are
scheduled the same way)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import takewhile
from typing import Any, NamedTuple

from bot.clock import Clock, from_unix, unix
from bot.delivery import Channel, DirectMessage, Outgoing
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.meetups.members import MemberSettings
from bot.meetups.model import Change, Meetup, Occurrence, meetup_from_row
from bot.meetups.moderated import MEETUP_MODERATED_JOB
from bot.meetups.rsvp import MeetupRsvps
from bot.store import Store
from bot.thread_names import THREAD_NAME_FOLLOW_UP

CHANGED_DM_JOB = "meetups.changed.dm"
CHANGED_POST_JOB = "meetups.changed.post"
# The job that draws a meetup's card again, whose handler `bot.reminders` registers: named here,
# as `bot.reminders` imports this package and not the other way.
CARD_JOB = "meetups.card"
# The attendees, as SPEC.md and `/meetup attendees` name them: a Maybe may well come, so a new
# time, place or a cancel is news to them too.
TOLD_STATUSES = ("going", "waitlist", "maybe")
# Can't go is told of a new time, or a date back on, by DM, since it may suit them now; not of
# a new place or a cancel, which change nothing for them.
# A mention is at most 22 characters: 60 of them and the notice stay under 2,000.
MENTIONS_PER_POST = 60
# In the keys of the posts after a whole cancel's notice that mention those its DMs did not
# reach (`thread_first`): posted after the thread is archived, if at all.
FOLLOW_UP = "unreached"
# How long a thread post waits for the DMs of its change to settle, so as to mention only those
# they did not reach; past it, it mentions whoever's DM is still not through too.
DMS_AWAITED = timedelta(minutes=10)
# How often it looks again while a DM waits out a back-off (Discord failed it for a while).
DMS_LOOKED_AT = timedelta(seconds=30)
# How long the DMs of a whole cancel wait for its thread's notice and archive (`thread_first`),
# which let them go as soon as they are done; past it, they go all the same.
THREAD_FIRST_AWAITED = timedelta(minutes=10)
# In the payload of a whole cancel's notice, which is posted first (`thread_first`).
THREAD_FIRST = "thread_first"

# How the discord layer words a change notice: (meetup, occurrence, change, members to mention;
# none in a DM) -> text.
ChangeNotice = Callable[[Meetup, Occurrence, Change, tuple[int, ...]], str]


class SentPost(NamedTuple):
    """A post a job sent: its job's key and payload, and where Discord put it."""

    key: str
    payload: dict[str, Any]
    channel_id: int
    message_id: int


class MeetupNotices(MeetupRsvps):
    """Schedules DMs and thread posts, and reads change notices back for sending; the layer of
    `MeetupService` over RSVP."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        super().__init__(store, clock, jobs)
        self.members = MemberSettings(store)
        # The change DMs this process took up to send, and when: one of them claimed is on its
        # way here, through within a lease; any other claim is another worker's, perhaps one
        # that died and holds it until its lease runs out.
        self._sending_here: dict[tuple[str, str], datetime] = {}
        # Posts asked again at once for a DM claimed later in their batch (the organizer's, that
        # names the moderator): claimed still, it is another worker's. By job id, with when the
        # post was scheduled: past `DMS_AWAITED` it waits no more, so it is forgotten then, also
        # when it was given up or sent elsewhere while it waited and is never asked again here.
        self._looked_again: dict[int, int] = {}

    async def _tell(
        self,
        meetup: Meetup,
        changes: Sequence[tuple[Occurrence, Change]],
        *,
        by: int | None = None,
        organizer_dm: str | None = None,
        posted_alone: bool = False,
        title_from: str | None = None,
        thread_first: bool = False,
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Schedule the DMs and the posts in the meetup's thread (mentioning exactly them) for
        every attendee (going, waiting or maybe) of the changed occurrences but the member who
        made the change (`by`), who knows: one DM a member for one change, about the first of
        its occurrences they answered for (so list the moved date first); the post mentions
        only those whose DM Discord refused (closed DMs), so each member is told once. Those
        who said Can't go to a date moved in time, or restored, get the DM too (unless they
        turned reminder DMs off), worded for them, and no mention. An organizer told by a DM of
        its own who changed what (bot.meetups.moderated; `organizer_dm`, its key) gets no
        second one as an attendee, nor a mention unless that DM was refused. With
        `posted_alone`, the thread reads of a change nobody answered for too, mentioning
        nobody. `title_from` is the title members answered for, when the same edit renamed
        the meetup. With `thread_first`, the thread's notice goes first (see
        `schedule_notices`). Returns the attendees told, and those who said Can't go told."""
        # Keyed by the meetup's revision, which moves with each change a member is told of, so
        # two changes, even in one second or back to an earlier time or place, are both told.
        revision = await self._store.fetchval(
            "SELECT revision FROM meetups WHERE id = ?", (meetup.id,)
        )
        told: dict[int, None] = {} if by is None else {by: None}
        answered = []
        for occurrence, change in changes:
            parties = await self.parties(occurrence)
            members = [
                p.member_id
                for p in parties
                if p.status in TOLD_STATUSES and p.member_id not in told
            ]
            told.update(dict.fromkeys(members))
            answered.append((occurrence, change, parties, members))
        attendees = tuple(member for member in told if member != by)
        told_declined: list[int] = []
        # Can't go after every attendee: one who goes to another date changed hears of that one.
        quiet = await self.members.without_reminders(meetup.guild_id)
        no_dm = None if organizer_dm is None else meetup.organizer_id
        for occurrence, change, parties, members in answered:
            declined = [
                party.member_id
                for party in parties
                if party.status == "declined"
                and (change.moved_from is not None or change.kind == "restored")
                and party.member_id not in told
                and party.member_id not in quiet
            ]
            told.update(dict.fromkeys(declined))
            told_declined += declined
            payload = {
                "meetup_id": meetup.id,
                "original_start": unix(occurrence.original_start),
                "starts_at": unix(occurrence.starts_at),
                "kind": change.kind,
                "reason": change.reason,
                "moved_from": None if change.moved_from is None else unix(change.moved_from),
                "location": change.location,
                "location_from": change.location_from,
                "series": change.series,
                "under_way": change.under_way,
                "title_from": title_from,
            }
            key = f"{meetup.id}:{unix(occurrence.original_start)}:{change.kind}:r{revision}"
            await self.schedule_notices(
                meetup,
                (CHANGED_DM_JOB, CHANGED_POST_JOB),
                key=key,
                payload=payload,
                mention=members,
                direct=[member for member in members if member != no_dm],
                posted_alone=posted_alone,
                mention_unreached=True,
                organizer_dm=None if no_dm is None else (no_dm, organizer_dm),
                thread_first=thread_first,
            )
            await self.schedule_notices(
                meetup,
                (CHANGED_DM_JOB, CHANGED_POST_JOB),
                key=key,
                payload={**payload, "declined": True},
                mention=(),
                direct=[member for member in declined if member != no_dm],
            )
        return attendees, tuple(told_declined)

    async def schedule_notices(
        self,
        meetup: Meetup,
        kinds: tuple[str, str],
        *,
        key: str,
        payload: Mapping[str, Any],
        mention: Sequence[int],
        direct: Iterable[int],
        posted_alone: bool = False,
        mention_unreached: bool = False,
        organizer_dm: tuple[int, str | None] | None = None,
        thread_first: bool = False,
    ) -> None:
        """A DM job (first of `kinds`) for each member in `direct`, and post jobs (second) in the
        meetup's thread mentioning those in `mention`, 60 to a post (one mentioning nobody
        when there are none and `posted_alone`); with `mention_unreached`, only those of them
        their DM did not reach (`unreached`), the organizer of `organizer_dm` by the key of
        the DM naming the moderator (bot.meetups.moderated), if known. Keys derive from `key`,
        so running this again schedules only what is missing.
        With `thread_first` (a whole cancel, whose thread is archived after its notice), the
        notice mentions nobody and goes once the thread is renamed (`notice_due`), the DMs
        once it is archived (`thread_told`, at most `THREAD_FIRST_AWAITED`): those whose DMs do
        not reach them are mentioned in posts after them (`FOLLOW_UP` in their keys), as
        `mention_unreached` has them, which wait for the DMs."""
        dm_kind, post_kind = kinds
        direct = list(direct)
        dmed = set(direct)
        now = self._clock.now()
        thread_first = thread_first and meetup.thread_id is not None and bool(mention)
        dms_due = now + THREAD_FIRST_AWAITED if thread_first else now
        waits = {THREAD_FIRST: True} if thread_first else {}
        for member_id in direct:
            await self._jobs.schedule(
                dm_kind,
                f"{key}:{member_id}",
                dms_due,
                payload={**payload, "member_id": member_id, **waits},
                guild_id=meetup.guild_id,
            )
        if meetup.discussion_id is None:
            return
        post = "post"
        if thread_first:
            await self._jobs.schedule(
                post_kind,
                f"{key}:post0",
                now + THREAD_NAME_FOLLOW_UP,  # the command renames it at once, and says so
                payload={**payload, "members": [], THREAD_FIRST: True},
                guild_id=meetup.guild_id,
            )
            post = FOLLOW_UP
        starts = range(0, len(mention), MENTIONS_PER_POST) or range(int(posted_alone))
        for number, start in enumerate(starts):
            members = list(mention[start : start + MENTIONS_PER_POST])
            # Its own members DMed only: every post naming all of them grew with the square.
            told: dict[str, Any] = {}
            if mention_unreached:
                told["direct"] = [member for member in members if member in dmed]
            if mention_unreached and organizer_dm is not None and organizer_dm[0] in members:
                told["organizer_dm"] = list(organizer_dm)
            await self._jobs.schedule(
                post_kind,
                f"{key}:{post}{number}",
                dms_due,  # after a whole cancel's notice, with its DMs
                payload={**payload, **told, "members": members},
                guild_id=meetup.guild_id,
            )

    async def notice_due(self, meetup_id: int) -> None:
        """The thread of a whole cancel (`thread_first`) is renamed (or its rename waits on
        Discord): its notice waits no more; the posts after it still wait for its DMs."""
        for key in await self._jobs.pending_keys(CHANGED_POST_JOB, f"{meetup_id}:"):
            if not follows_notice(key):
                await self._jobs.reschedule(CHANGED_POST_JOB, key, self._clock.now())

    async def thread_told(self, meetup_id: int) -> None:
        """The thread of a whole cancel (`thread_first`) has its notice and is archived (or its
        archive waits on Discord): its DMs wait no more, nor the posts after them, which look
        at once for those the DMs did not reach. Only the cancel's own, keyed by its revision
        (`_tell`): another change's DM waiting out a back-off is left to it, as each run
        starts the tries afresh and it runs whenever the thread's rename job is handled."""
        revision = await self._store.fetchval(
            "SELECT revision FROM meetups WHERE id = ?", (meetup_id,)
        )
        cancel = ["cancelled", f"r{revision}"]
        for kind in (CHANGED_DM_JOB, CHANGED_POST_JOB):
            pending = await self._jobs.pending_keys(kind, f"{meetup_id}:")
            # Keyed `<meetup>:<date>:<kind>:r<revision>:<member or post>`, one change a date.
            changes = {key.rsplit(":", 1)[0] for key in pending if key.split(":")[2:4] == cancel}
            for change in changes:
                await self._jobs.run_now(kind, f"{change}:")

    async def sent_posts(self, kind: str, meetup_id: int, recorded: str) -> list[SentPost]:
        """The meetup's posts of `kind` (keyed by the meetup first) that Discord accepted,
        of those whose payload holds `recorded` (posts scheduled before it was recorded hold
        none)."""
        prefix = f"{meetup_id}:"
        rows = await self._store.fetchall(
            "SELECT jobs.key, jobs.payload, deliveries.channel_id, deliveries.message_id "
            "FROM jobs JOIN deliveries ON deliveries.job_id = jobs.id "
            "WHERE jobs.kind = ? AND jobs.key >= ? AND jobs.key < ? "
            "AND deliveries.message_id IS NOT NULL "
            "AND json_extract(jobs.payload, '$.' || ?) IS NOT NULL",
            (kind, prefix, prefix + "\U0010ffff", recorded),
        )
        return [
            SentPost(row["key"], json.loads(row["payload"]), row["channel_id"], row["message_id"])
            for row in rows
        ]

    async def cancelled_with_posts_ahead(
        self, kind: str, *, struck_by: str, called_off: str
    ) -> list[Meetup]:
        """Meetups cancelled as a whole with a post of `kind` (keyed by the meetup first) that
        Discord accepted showing a start still ahead (its payload's `starts_at`), in every
        server, and not struck since the cancel: no edit of it (a job of `struck_by` keyed by
        the post's key, then '>') queued since then saying its date is `called_off` (its
        payload's `now`). Those are the posts a cancel the bot stopped before acting on may
        have left standing; one struck needs nothing more."""
        rows = await self._store.fetchall(
            "SELECT * FROM meetups WHERE cancelled_at IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM jobs AS post JOIN deliveries ON deliveries.job_id = post.id "
            "WHERE post.kind = ? AND post.key >= meetups.id || ':' "
            "AND post.key < meetups.id || ':' || char(1114111) "
            "AND deliveries.message_id IS NOT NULL "
            "AND json_extract(post.payload, '$.starts_at') > ? "
            "AND NOT EXISTS (SELECT 1 FROM jobs AS edit WHERE edit.kind = ? "
            "AND edit.key >= post.key || '>' AND edit.key < post.key || '>' || char(1114111) "
            "AND edit.created_at >= meetups.cancelled_at "
            "AND json_extract(edit.payload, '$.now') = ?)) ORDER BY id",
            (kind, unix(self._clock.now()), struck_by, called_off),
        )
        return [meetup_from_row(row) for row in rows]

    async def unreached(self, job: Job, dm_kind: str) -> tuple[int, ...]:
        """The members a post job is to mention: of those scheduled as `mention_unreached`,
        the ones whose DM (a `dm_kind` job beside it) Discord refused, or that was given up;
        not those it reached, nor those left out of the DMs; an organizer told of a moderator's
        change by the DM naming the moderator when that one was not. It waits while their DMs
        are on their way, or wait out a back-off, for at most `DMS_AWAITED`; then mentions
        those too. A post scheduled otherwise mentions every member it names."""
        members: list[int] = job.payload["members"]
        now = self._clock.now()
        self._looked_again = {
            post: created
            for post, created in self._looked_again.items()
            if now - from_unix(created) < DMS_AWAITED
        }
        if "direct" not in job.payload:
            return tuple(members)
        # Its own members DMed; a post queued before names every member DMed.
        sent = set(job.payload["direct"])
        organizer, moderated = job.payload.get("organizer_dm") or (None, None)
        base = job.key.rsplit(":", 1)[0]  # the key its DMs' keys derive from
        unreached, unsettled = [], []
        sending = False
        for member_id in members:
            if member_id == organizer:
                dm: tuple[str, str | None] = (MEETUP_MODERATED_JOB, moderated)
            elif member_id in sent:
                dm = (dm_kind, f"{base}:{member_id}")
            else:
                continue
            # A DM whose key is not known is as one that is missing.
            state = None if dm[1] is None else await self._jobs.state(dm[0], dm[1])
            if state in ("pending", "claimed"):
                unsettled.append(member_id)
                sending = sending or (
                    state == "claimed"
                    and (dm in self._sending_here or job.id not in self._looked_again)
                )
            elif state != "done":
                unreached.append(member_id)
        if unsettled and now - from_unix(job.created_at) < DMS_AWAITED:
            # One on its way here is through once its batch is: ask again then, not in a while
            # (as for one another worker holds, whose lease may take minutes to run out).
            if sending:
                self._looked_again[job.id] = job.created_at
            else:
                self._looked_again.pop(job.id, None)
            raise NotYet(now if sending else now + DMS_LOOKED_AT, "its DMs are not through")
        self._looked_again.pop(job.id, None)
        return tuple(member for member in members if member in {*unreached, *unsettled})

    async def redraw_at_cutoff(self, meetup: Meetup, occurrence: Occurrence | None) -> None:
        """Have the card that shows `occurrence` drawn again when its signup closes, so it
        stops saying signup is still to close, and a one-off's card drawn again when it ends, so
        it says it took place rather than that it goes on: one job per date and time, which runs
        once however often the card is drawn, and across restarts. One planned for a time the
        card no longer shows (the date moved, or the card moved on) is dropped."""
        closes = None if occurrence is None else meetup.signup_closes(occurrence)
        await self._redraw_at(meetup, "signup", occurrence, closes)
        ends = None if meetup.rrule is not None else meetup.starts_at + meetup.duration
        await self._redraw_at(meetup, "ended", occurrence, None if meetup.cancelled_at else ends)

    async def _redraw_at(
        self, meetup: Meetup, why: str, occurrence: Occurrence | None, at: datetime | None
    ) -> None:
        """The card redraw for `why` planned `at` (none when None or past), and any other
        planned for it dropped."""
        now = self._clock.now()
        prefix = f"{meetup.id}:{why}:"
        key = None
        if at is not None and at > now:
            shown = meetup.starts_at if occurrence is None else occurrence.original_start
            key = f"{prefix}{unix(shown)}:{unix(at)}"
            await self._jobs.schedule(
                CARD_JOB, key, at, payload={"meetup_id": meetup.id}, guild_id=meetup.guild_id
            )
        for stale in await self._jobs.pending_keys(CARD_JOB, prefix):
            if stale != key:
                await self._jobs.cancel(CARD_JOB, stale, unless_due_by=now)

    def change_handlers(
        self, notice: ChangeNotice
    ) -> tuple[Callable[[Job], Awaitable[Outgoing]], Callable[[Job], Awaitable[Outgoing | None]]]:
        """The job handlers for CHANGED_DM_JOB and CHANGED_POST_JOB, worded by `notice`."""

        async def read(job: Job) -> tuple[Meetup, Occurrence, Change]:
            meetup = await self._job_meetup(job, "a meetup notice")
            payload = job.payload
            waited = payload.get(THREAD_FIRST) or follows_notice(job.key)
            if waited and not await self._still_cancelled(
                meetup, from_unix(payload["original_start"])
            ):
                # A whole cancel's notices wait for its thread; restored meanwhile, its
                # members are told it is on, which a late "cancelled" would contradict.
                raise GiveUp("the cancel was undone before its notice went")
            occurrence = Occurrence(
                meetup.id,
                from_unix(payload["original_start"]),
                from_unix(payload["starts_at"]),
                cancelled=payload["kind"] == "cancelled",
            )
            moved_from = payload["moved_from"]
            next_start, dates_before = await self._dates_around(meetup, occurrence)
            change = Change(
                payload["kind"],
                reason=payload["reason"],
                moved_from=None if moved_from is None else from_unix(moved_from),
                # Notices scheduled before places were told carry no location.
                location=payload.get("location"),
                location_from=payload.get("location_from"),
                series=payload.get("series"),
                next_start=next_start,
                dates_before=dates_before,
                declined=payload.get("declined", False),
                under_way=payload.get("under_way", False),
                title_from=payload.get("title_from"),
            )
            return meetup, occurrence, change

        async def direct_message(job: Job) -> Outgoing:
            self._taken_up(job)
            meetup, occurrence, change = await read(job)
            member_id = job.payload["member_id"]
            if change.kind != "cancelled" and not change.declined:
                # As the answer stands when the DM goes: a place may have opened up since.
                parties = await self.parties(occurrence)
                waiting = any(p.member_id == member_id and p.status == "waitlist" for p in parties)
                change = replace(change, waiting=waiting)
            return Outgoing(
                DirectMessage(member_id),
                content=notice(meetup, occurrence, change, ()),
            )

        async def channel_post(job: Job) -> Outgoing | None:
            meetup, occurrence, change = await read(job)
            members = await self.unreached(job, CHANGED_DM_JOB)
            if not members and not job.key.endswith(":post0"):
                # The thread read the notice in the first post; these had nobody left to ping.
                return None
            said = notice(meetup, occurrence, replace(change, posted=True), members)
            return discussion_post(meetup, said, members)

        return direct_message, channel_post

    def noting_sends(self, handler: Handler) -> Handler:
        """`handler` (the organizer's DM of a moderator's change, which a thread post may wait
        on) noting each DM it takes up here, as this class's own DMs are: a post asks again at
        once for a DM on its way here, and in a while for one another worker holds."""

        async def noted(job: Job) -> Outgoing | None:
            self._taken_up(job)
            return await handler(job)

        return noted

    def _taken_up(self, job: Job) -> None:
        """Note that this process takes up `job`'s DM to send, forgetting those taken up a lease
        ago or more: the runner settled them by then, or another worker took them over."""
        now = self._clock.now()
        self._sending_here.pop((job.kind, job.key), None)  # kept oldest first
        self._sending_here[(job.kind, job.key)] = now
        lease = self._jobs.lease
        old = [
            dm
            for dm, _ in takewhile(lambda kept: now - kept[1] >= lease, self._sending_here.items())
        ]
        for dm in old:
            del self._sending_here[dm]

    async def _still_cancelled(self, meetup: Meetup, original_start: datetime) -> bool:
        """Whether the meetup, or its date starting at `original_start`, is cancelled now."""
        if meetup.cancelled_at is not None:
            return True
        stored = (await self._stored_occurrences(meetup.id)).get(original_start)
        return stored is not None and stored.cancelled

    async def _dates_around(
        self, meetup: Meetup, occurrence: Occurrence
    ) -> tuple[datetime | None, bool]:
        """`Change.next_start` and `dates_before` of a series that goes on without
        `occurrence`, when that one was cancelled on its own; read when the notice is sent, so
        they are still true."""
        if not occurrence.cancelled or meetup.rrule is None or meetup.cancelled_at is not None:
            return None, False
        later = await self.occurrences(meetup, limit=1, after=occurrence.starts_at)
        following = await self.next_occurrence(meetup)
        before = following is not None and following.starts_at < occurrence.starts_at
        return (later[0].starts_at if later else None), before


def follows_notice(key: str) -> bool:
    """Whether the post job `key` is one after a whole cancel's notice (`thread_first`), which
    mentions those its DMs did not reach."""
    return FOLLOW_UP in key.rsplit(":", 1)[1]


def discussion_post(meetup: Meetup, text: str, members: tuple[int, ...]) -> Outgoing:
    """A post in the meetup's thread (or beside its card) that may ping exactly `members`."""
    if meetup.discussion_id is None:
        raise GiveUp("the meetup has no thread nor card to post beside")
    return Outgoing(Channel(meetup.discussion_id), content=text, mention_user_ids=members)
