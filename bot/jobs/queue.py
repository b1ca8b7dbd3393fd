"""The jobs table: scheduling, claiming with a lease, settling, retention, and what it keeps
about a member."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import Clock, unix
from bot.jobs import lost
from bot.jobs.lost import FORGIVEN_LOST_CLAIMS as FORGIVEN_LOST_CLAIMS
from bot.jobs.lost import default_worker_name as default_worker_name
from bot.jobs.lost import worker_name as worker_name
from bot.privacy import Forgotten, MemberData, Sections, counted, member_rows
from bot.store import Store

if TYPE_CHECKING:
    from bot.delivery import Outgoing

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_BASE_BACKOFF = timedelta(seconds=30)
DEFAULT_MAX_BACKOFF = timedelta(hours=1)
FINISHED_RETENTION = timedelta(days=60)
PURGE_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    key: str
    guild_id: int | None
    payload: Mapping[str, Any]
    due_at: int
    attempts: int
    created_at: int  # when it was scheduled, for a handler whose payload does not say
    # With `attempts`, tells this claim from a later one: a lost claim taken again keeps its
    # attempt count while it is forgiven.
    lost_claims: int = 0


class GiveUp(Exception):
    """Raised by a handler when retrying cannot help (the channel is gone, the input is bad)."""


class TryAgain(Exception):
    """Raised when the failure will pass (Discord's rate limit outlasting the client's own
    waits, a 5xx): the job is retried with back-off, a warning rather than an error."""


class NotYet(Exception):
    """Raised by a handler whose work must wait until `until` (a budget is spent, what it
    follows is not done yet): the job is put back without counting an attempt, so waiting
    never uses up its retries."""

    def __init__(self, until: datetime, reason: str) -> None:
        super().__init__(reason)
        self.until = until


class WaitsForPost(NotYet):
    """A `NotYet` whose wait is for a post of Keitora's own, perhaps one on its way in the same
    batch of sends (a publish waits for its announcement's post): the runner asks again once
    the batch's posts are sent, not only at `until`. Any other wait (Discord's `retry_after`,
    a suspension) is kept as it was told."""


# What a handler returns is sent through the outbox; None means the job is done as it is.
Handler = Callable[[Job], Awaitable["Outgoing | None"]]
# Housekeeping a service owns, run with the daily purge of finished jobs.
Chore = Callable[[], Awaitable[object]]


def _job(row: Any) -> Job:
    return Job(
        id=row["id"],
        kind=row["kind"],
        key=row["key"],
        guild_id=row["guild_id"],
        payload=json.loads(row["payload"]),
        due_at=row["due_at"],
        attempts=row["attempts"],
        created_at=row["created_at"],
        lost_claims=row["lost_claims"],
    )


class JobQueue:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        lease: timedelta = DEFAULT_LEASE,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        base_backoff: timedelta = DEFAULT_BASE_BACKOFF,
        max_backoff: timedelta = DEFAULT_MAX_BACKOFF,
    ) -> None:
        self._store = store
        self._clock = clock
        self.lease = lease
        self.max_attempts = max_attempts
        self._base_backoff = base_backoff
        self._max_backoff = max_backoff
        self._wakers: list[asyncio.Event] = []
        # Servers whose jobs wait, as if the bot were down for them: those that removed it
        # (bot.retention). Their reminders, daily words, feed polls and alert DMs would reach
        # members of a server that let the bot go, or fail there with Missing Access.
        self._paused: set[int] = set()
        self._forgetful: set[str] = set()
        self._told_as: dict[str, str] = {}

    def forget_payload_when_finished(self, kind: str) -> None:
        """Keep no payload of a finished `kind` job: one naming a forgotten member (what a
        forget changes in Discord) must not outlive its work by the 60 days a finished job's
        row is kept for."""
        self._forgetful.add(kind)

    def tells_members_as(self, kind: str, words: str) -> None:
        """Name a `kind` that DMs a member, in a member's export, by what it tells them ("a
        meetup reminder"): the kind is Keitora's code."""
        self._told_as[kind] = words

    @property
    def told_as(self) -> dict[str, str]:
        """The words of each kind that DMs a member, as `tells_members_as` gave them."""
        return dict(self._told_as)

    def waker(self) -> asyncio.Event:
        """An event set whenever a job is scheduled or moved earlier: one per runner, since a
        runner clears its own before each round and must not clear another's wake-up."""
        event = asyncio.Event()
        self._wakers.append(event)
        return event

    def wake(self) -> None:
        """Wake every runner to look for due jobs now."""
        for event in self._wakers:
            event.set()

    def pause_servers(self, guild_ids: Iterable[int]) -> None:
        """Run none of these servers' jobs until each is resumed."""
        self._paused.update(guild_ids)

    def resume_server(self, guild_id: int) -> None:
        """Run the server's jobs again; those that fell due meanwhile run now, late, as after
        a time the bot was down."""
        if guild_id in self._paused:
            self._paused.discard(guild_id)
            self.wake()

    async def release_lost_claims(self, starting: str) -> int:
        """Hand back, due now, the jobs claimed by workers that died (`lost.release_lost_claims`),
        as a restarted bot starts; returns how many."""
        return await lost.release_lost_claims(self._store, self._clock, self.max_attempts, starting)

    async def schedule(
        self,
        kind: str,
        key: str,
        due_at: datetime,
        *,
        payload: Mapping[str, Any] | None = None,
        guild_id: int | None = None,
    ) -> bool:
        """Add a job unless (kind, key) already exists; returns whether it was added."""
        added = await self._store.execute(
            "INSERT INTO jobs (guild_id, kind, key, payload, due_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, key) DO NOTHING",
            (guild_id, kind, key, json.dumps(payload or {}), unix(due_at), unix(self._clock.now())),
        )
        if added:
            self.wake()
        return bool(added)

    async def reschedule(self, kind: str, key: str, due_at: datetime) -> bool:
        """Move a job that has not run yet; returns False when it already ran or is running."""
        moved = await self._store.execute(
            "UPDATE jobs SET due_at = ? WHERE kind = ? AND key = ? AND state = 'pending'",
            (unix(due_at), kind, key),
        )
        if moved:
            self.wake()
        return bool(moved)

    async def run_now(self, kind: str, prefix: str, *, guild_id: int | None = None) -> int:
        """Make `kind`'s jobs not yet run whose keys start with `prefix` (of one server's jobs
        only, with `guild_id`) due now: what they waited for has come. Returns how many.
        Their attempts start afresh: the tries spent while they could not succeed (and early
        wakes, when a change is not the one they wait for) must not use up their last."""
        narrowed, params = self._narrowed(kind, prefix, guild_id)
        moved = await self._store.execute(
            f"UPDATE jobs SET due_at = ?, attempts = 0 WHERE {narrowed} AND state = 'pending'",
            (unix(self._clock.now()), *params),
        )
        if moved:
            self.wake()
        return moved

    async def cancel(self, kind: str, key: str, *, unless_due_by: datetime | None = None) -> bool:
        """Drop a job that has not run yet (with `unless_due_by`: only one due after it)."""
        not_due = " AND due_at > ?" if unless_due_by is not None else ""
        removed = await self._store.execute(
            f"DELETE FROM jobs WHERE kind = ? AND key = ? AND state = 'pending'{not_due}",
            (kind, key) if unless_due_by is None else (kind, key, unix(unless_due_by)),
        )
        return bool(removed)

    async def running(self, kind: str, key: str) -> bool:
        """Whether the job is claimed by a worker now: a message it sends may be on its way."""
        return await self.state(kind, key) == "claimed"

    async def any_running(self, kinds: Collection[str]) -> bool:
        """Whether a worker has claimed a job of `kinds` now, asked at once however many
        finished jobs the table keeps."""
        # Kinds as one JSON parameter: SQLite caps the variables of a statement.
        found = await self._store.fetchval(
            "SELECT 1 FROM jobs WHERE state = 'claimed' "
            "AND kind IN (SELECT value FROM json_each(?)) LIMIT 1",
            (json.dumps(sorted(kinds)),),
        )
        return found is not None

    async def state(self, kind: str, key: str) -> str | None:
        """The job's state (pending, claimed, done, failed); None when there is no such job, or
        it finished longer ago than FINISHED_RETENTION."""
        return await self._store.fetchval(
            "SELECT state FROM jobs WHERE kind = ? AND key = ?", (kind, key)
        )

    async def pending_keys(self, kind: str, prefix: str) -> list[str]:
        """The keys of `kind`'s jobs not yet run that start with `prefix`."""
        return await self.keys(kind, prefix, pending_only=True)

    async def keys(self, kind: str, prefix: str, *, pending_only: bool = False) -> list[str]:
        """The keys of `kind`'s jobs that start with `prefix`: run or not, unless `pending_only`
        (finished ones are kept for FINISHED_RETENTION)."""
        narrowed, params = self._narrowed(kind, prefix, None)
        pending = " AND state = 'pending'" if pending_only else ""
        rows = await self._store.fetchall(
            f"SELECT key FROM jobs WHERE {narrowed}{pending} ORDER BY key", params
        )
        return [row["key"] for row in rows]

    @staticmethod
    def _narrowed(kind: str, prefix: str, guild_id: int | None) -> tuple[str, tuple[object, ...]]:
        """The condition, and its parameters, for `kind`'s jobs with keys that start with
        `prefix`, of one server's only with `guild_id`."""
        condition = "kind = ? AND key >= ? AND key < ?"
        params: tuple[object, ...] = (kind, prefix, prefix + "\U0010ffff")
        if guild_id is None:
            return condition, params
        return f"{condition} AND guild_id = ?", (*params, guild_id)

    async def claim_due(
        self, limit: int, *, worker: str, kinds: Collection[str] | None = None
    ) -> list[Job]:
        """Claim up to `limit` due jobs for `worker`, with the jobs whose lease ran out handed
        back first (`lost.hand_back_lost`): a worker on another machine or in another container
        cannot be seen to be dead, so its lease running out is taken as its loss.

        Statements each atomic alone, and no transaction around them: one held across the
        awaits between them kept every other write waiting for whatever the event loop ran
        meanwhile (0.6-3.9 s while a restarting bot started up).
        """
        now = unix(self._clock.now())
        kind_filter, kind_params = self._filter(kinds)
        await lost.hand_back_lost(
            self._store,
            self._clock,
            self.max_attempts,
            f"lease_until <= ?{kind_filter}",
            (now, *kind_params),
        )
        rows = await self._store.fetchall(
            "UPDATE jobs SET state = 'claimed', claimed_by = ?, lease_until = ?, "
            "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' "
            f"AND due_at <= ?{kind_filter} ORDER BY due_at, id LIMIT ?) RETURNING id, kind, "
            "key, guild_id, payload, due_at, attempts, created_at, lost_claims",
            (worker, now + int(self.lease.total_seconds()), now, *kind_params, limit),
        )
        return sorted((_job(row) for row in rows), key=lambda job: (job.due_at, job.id))

    async def done(self, job: Job) -> bool:
        """Mark the job's claim done; False when its lease ran out and another worker took the
        job over, whose claim settles it instead."""
        return await self._finish(job, "done", None)

    async def give_up(self, job: Job, error: str) -> None:
        log.warning(
            "giving up on job %s %s after %d attempts: %s", job.kind, job.key, job.attempts, error
        )
        await self._finish(job, "failed", error)

    async def retry_later(self, job: Job, error: str) -> None:
        """Put the job back with an exponential back-off, or give up after `max_attempts`."""
        if job.attempts >= self.max_attempts:
            await self.give_up(job, error)
            return
        delay = self.backoff(job.attempts)
        log.warning(
            "job %s %s failed (attempt %d), retrying in %s: %s",
            job.kind,
            job.key,
            job.attempts,
            delay,
            error,
        )
        await self._store.execute(
            "UPDATE jobs SET state = 'pending', due_at = ?, lease_until = NULL, claimed_by = NULL, "
            f"last_error = ? WHERE {_THIS_CLAIM}",
            (unix(self._clock.now() + delay), error, *_claim(job)),
        )

    async def renew(self, job: Job) -> bool:
        """Extend the claim's lease; False when the job was claimed again by another worker.

        A batch is claimed under one lease; a worker slow on its first jobs may find the rest
        taken over, and must not run them a second time.
        """
        renewed = await self._store.execute(
            f"UPDATE jobs SET lease_until = ? WHERE {_THIS_CLAIM}",
            (unix(self._clock.now() + self.lease), *_claim(job)),
        )
        return bool(renewed)

    async def postpone(self, job: Job, until: datetime, reason: str) -> None:
        """Put the job back until `until` without counting this attempt."""
        log.info("job %s %s waits until %s: %s", job.kind, job.key, until, reason)
        await self._store.execute(
            "UPDATE jobs SET state = 'pending', due_at = ?, lease_until = NULL, claimed_by = NULL, "
            f"attempts = attempts - 1 WHERE {_THIS_CLAIM}",
            (unix(until), *_claim(job)),
        )

    async def release(self, job: Job) -> None:
        """Hand back a claim that was never started, as if it had not been claimed."""
        await self._store.execute(
            "UPDATE jobs SET state = 'pending', lease_until = NULL, claimed_by = NULL, "
            f"attempts = attempts - 1 WHERE {_THIS_CLAIM}",
            _claim(job),
        )

    def _filter(self, kinds: Collection[str] | None) -> tuple[str, tuple[object, ...]]:
        """SQL (and its parameters) keeping the jobs of `kinds` (all when None) whose server
        is not paused."""
        sql = ""
        params: tuple[object, ...] = ()
        if kinds is not None:
            kinds = tuple(kinds)
            sql, params = f" AND kind IN ({', '.join('?' * len(kinds))})", kinds
        if self._paused:
            # One parameter however many servers: SQLite caps the variables of a statement.
            sql += " AND (guild_id IS NULL OR guild_id NOT IN (SELECT value FROM json_each(?)))"
            params += (json.dumps(sorted(self._paused)),)
        return sql, params

    def backoff(self, attempts: int) -> timedelta:
        """The wait before the next try after `attempts` failed ones: 1×, 2×, 4×… the base."""
        return min(self._base_backoff * 2 ** max(attempts - 1, 0), self._max_backoff)

    async def next_due_at(self, kinds: Collection[str] | None = None) -> int | None:
        """When the earliest pending job (or running lease) falls due, as unix seconds."""
        kind_filter, kind_params = self._filter(kinds)
        return await self._store.fetchval(
            "SELECT min(t) FROM ("
            f"SELECT min(due_at) AS t FROM jobs WHERE state = 'pending'{kind_filter} UNION ALL "
            f"SELECT min(lease_until) FROM jobs WHERE state = 'claimed'{kind_filter})",
            (*kind_params, *kind_params),
        )

    async def purge_finished(self) -> int:
        """Forget finished jobs old enough that nobody will schedule their key again."""
        cutoff = unix(self._clock.now() - FINISHED_RETENTION)
        return await self._store.execute(
            "DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < ?", (cutoff,)
        )

    def member_data(self) -> MemberData:
        """Messages sent to a member by DM, as the outbox recorded them, and DMs still to be
        sent (a promotion, a reminder, an alert): forgetting a member deletes both, so nothing
        more reaches them about what they left behind."""
        return MemberData({"deliveries": ("user_id",)}, self._export_member, self._forget_member)

    async def _export_member(self, member_id: int) -> Sections:
        sql = (
            "SELECT jobs.guild_id, jobs.kind, deliveries.at AS sent_at, "
            "deliveries.dm_channel_id, "
            "deliveries.refusal IS NOT NULL AS refused FROM deliveries "
            "JOIN jobs ON jobs.id = deliveries.job_id "
            "WHERE deliveries.user_id = ? AND jobs.guild_id IS NOT NULL ORDER BY deliveries.at"
        )
        # A DM still to come is the member's data as much as one sent: a member whose only
        # trace is a pending DM can see it, and have it forgotten.
        to_come = (
            "SELECT guild_id, kind, due_at FROM jobs WHERE state = 'pending' AND guild_id IS NOT "
            f"NULL AND {_NAMES_MEMBER} ORDER BY due_at, id"
        )
        words = {"kind": self._told_as}
        return {
            "direct_messages": await member_rows(
                self._store, sql, (member_id,), yes_no=("refused",), words=words
            ),
            "direct_messages_to_come": await member_rows(
                self._store, to_come, (member_id,), words=words
            ),
        }

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        # A claimed job is being sent right now; its delivery row is deleted by the next forget.
        sent = await self._store.execute(
            "DELETE FROM jobs WHERE guild_id = ? AND state <> 'claimed' AND id IN "
            "(SELECT job_id FROM deliveries WHERE user_id = ?)",
            (guild_id, member_id),
        )
        to_come = await self._store.execute(
            f"DELETE FROM jobs WHERE guild_id = ? AND state = 'pending' AND {_NAMES_MEMBER}",
            (guild_id, member_id),
        )
        # One that finished sending nothing (a "vote free" DM skipped, the voter having voted
        # again; one given up) names them still, by its payload or by its key (its payload
        # let go of, `forget_payload_when_finished`), for the FINISHED_RETENTION it is kept.
        unsent = await self._store.execute(
            "DELETE FROM jobs WHERE guild_id = ? AND state IN ('done', 'failed') "
            f"AND ({_NAMES_MEMBER} OR {_KEY_NAMES_MEMBER})",
            (guild_id, member_id, member_id),
        )
        # Posts still to come mention the members they list: the member leaves the list.
        await self._store.execute(
            "UPDATE jobs SET payload = json_set(payload, '$.members', json((SELECT "
            "json_group_array(value) FROM json_each(payload, '$.members') WHERE value <> ?2))) "
            "WHERE guild_id = ?1 AND state = 'pending' AND EXISTS "
            "(SELECT 1 FROM json_each(payload, '$.members') WHERE value = ?2)",
            (guild_id, member_id),
        )
        return Forgotten(
            deleted=counted(
                [
                    ("records of direct messages", sent),
                    ("direct messages still to be sent", to_come),
                    ("records of direct messages not sent", unsent),
                ]
            )
        )

    async def _finish(self, job: Job, state: str, error: str | None) -> bool:
        forget = job.kind in self._forgetful
        finished = await self._store.execute(
            "UPDATE jobs SET state = ?, finished_at = ?, lease_until = NULL, last_error = ?, "
            f"payload = CASE WHEN ? THEN '{{}}' ELSE payload END WHERE {_THIS_CLAIM}",
            (state, unix(self._clock.now()), error, forget, *_claim(job)),
        )
        if not finished:
            log.warning("job %s %s was claimed again before it finished", job.kind, job.key)
        return bool(finished)


# A job whose payload names the member (the one parameter) DMs them: a reminder, an alert, a
# promotion, a rejection.
_NAMES_MEMBER = "? IN (json_extract(payload, '$.member_id'), json_extract(payload, '$.user_id'))"
# A job whose key holds the member's id (the one parameter) as one of its parts: a DM to them
# keyed by it ("3:freed:2:<member id>"). An id is a snowflake, never another's.
_KEY_NAMES_MEMBER = "instr(':' || key || ':', ':' || ? || ':')"

# A worker may only settle its own claim: when its lease ran out and another worker claimed the
# job, `attempts` or `lost_claims` moved on and the late worker's update matches nothing.
_THIS_CLAIM = "id = ? AND state = 'claimed' AND attempts = ? AND lost_claims = ?"


def _claim(job: Job) -> tuple[int, int, int]:
    """The parameters of `_THIS_CLAIM` for `job`'s claim."""
    return job.id, job.attempts, job.lost_claims
