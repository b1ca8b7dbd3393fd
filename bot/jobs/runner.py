"""The job runner: claims due jobs, runs their handlers, and hands what they compose to the
outbox, settling each job by how it went."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Hashable, KeysView
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from bot.clock import Clock, unix
from bot.jobs.queue import (
    PURGE_EVERY,
    Chore,
    GiveUp,
    Handler,
    Job,
    JobQueue,
    NotYet,
    TryAgain,
    WaitsForPost,
    default_worker_name,
)

if TYPE_CHECKING:
    from bot.delivery import Outbox, Outgoing, SentHook

log = logging.getLogger(__name__)
T = TypeVar("T")

# Seconds a stop gives a job that reached its time limit to be settled.
SETTLING = 5.0


class JobRunner:
    """Runs the handlers of due jobs until stopped; woken early when a job is scheduled."""

    def __init__(
        self,
        queue: JobQueue,
        clock: Clock,
        *,
        outbox: Outbox | None = None,
        worker: str | None = None,
        batch: int = 20,
        idle_wait: float = 30.0,
        parallel: int = 1,
        sends_at_once: int = 1,
    ) -> None:
        self._queue = queue
        self._clock = clock
        self._outbox = outbox
        # Well inside the lease: a job still running when its lease ends would be claimed and
        # run again by another worker.
        self.job_timeout = queue.lease.total_seconds() / 2
        self._handlers: dict[str, Handler] = {}
        self._sent_hooks: dict[str, SentHook] = {}
        self._chores: list[Chore] = []
        self.worker = worker or default_worker_name()
        self._batch = batch
        # Jobs that mostly wait on the network (feed polls) run this many at once; the rest
        # run one by one, in due order.
        self._parallel = asyncio.Semaphore(parallel) if parallel > 1 else None
        # Sends wait on Discord, so this many go at once while the jobs after them run: a
        # member's DMs, and a channel's posts, each still one at a time in due order (`_Lanes`).
        self._sends_at_once = sends_at_once
        if parallel > 1 and sends_at_once > 1:
            raise ValueError("a runner runs its jobs side by side, or its sends: not both")
        self._idle_wait = idle_wait
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._purged_at: datetime | None = None
        self._woken = queue.waker()

    @property
    def kinds(self) -> KeysView[str]:
        """The kinds of job this runner has handlers for: it claims no other."""
        return self._handlers.keys()

    def register(self, kind: str, handler: Handler) -> None:
        if kind in self._handlers:
            raise ValueError(f"a handler for {kind!r} is already registered")
        self._handlers[kind] = handler

    def when_sent(self, kind: str, hook: SentHook) -> None:
        """Run `hook` in the transaction that marks each `kind` job done, once its message's
        send is recorded; a retry runs a hook that failed again, without sending again."""
        if kind in self._sent_hooks:
            raise ValueError(f"a sent hook for {kind!r} is already registered")
        self._sent_hooks[kind] = hook

    def every_day(self, chore: Chore) -> None:
        """Run `chore` after each daily purge of finished jobs."""
        self._chores.append(chore)

    async def run_due(self) -> int:
        """Run every job that is due now; returns how many ran."""
        ran = 0
        while self._handlers:
            jobs = await self._queue.claim_due(self._batch, worker=self.worker, kinds=self.kinds)
            if not jobs:
                return ran
            if self._parallel is not None:
                await asyncio.gather(*(self._run_within(self._parallel, job) for job in jobs))
                ran += len(jobs)
                continue
            asked_again: list[Job] = []
            try:
                # Leaving the group waits for the batch's sends still on their way.
                async with asyncio.TaskGroup() as sending:
                    lanes = None
                    if self._sends_at_once > 1:
                        lanes = _Lanes(sending, self._sends_at_once, asked_again)
                    ran += await self._run_in_order(jobs, lanes)
            except asyncio.CancelledError:
                for waiting in asked_again:
                    await self._hand_back(waiting)
                raise
            # Told to wait while posts of the batch were on their way, perhaps for one of them
            # (a publish for its announcement): asked again now they are sent, not after the
            # wait each named, for work that no longer waits.
            await self._run_in_order(asked_again)
            if self._stopping.is_set():
                return ran
        return ran

    async def _run_in_order(self, jobs: list[Job], lanes: _Lanes | None = None) -> int:
        """Run `jobs` one after another (their sends in `lanes`, when given); returns how many
        ran before a stop, which hands the rest back."""
        for position, job in enumerate(jobs):
            if self._stopping.is_set():
                for unstarted in jobs[position:]:
                    await self._queue.release(unstarted)
                return position
            try:
                await self._run(job, lanes)
            except asyncio.CancelledError:
                # A stop's grace ran out: the jobs after this one never started, and wait for
                # no lease.
                for unstarted in jobs[position + 1 :]:
                    await self._hand_back(unstarted)
                raise
            except Exception:
                # Settling the job failed (the database): its lease hands it back. The batch's
                # sends on the wire are not cancelled with it, half sent.
                log.exception("job %s %s could not be settled", job.kind, job.key)
        return len(jobs)

    async def _run_within(self, slots: asyncio.Semaphore, job: Job) -> None:
        await _turn_or_hand_back(slots.acquire(), lambda: self._hand_back(job))
        try:
            if self._stopping.is_set():
                await self._queue.release(job)
                return
            await self._run(job)
        finally:
            slots.release()

    async def _run(self, job: Job, lanes: _Lanes | None = None) -> None:
        if not await self._queue.renew(job):
            log.info("job %s %s was taken over by another worker; skipping", job.kind, job.key)
            return
        # One deadline for composing and sending, well inside the lease.
        deadline = self._deadline()
        message = await self._settled(job, deadline, lambda: self._compose(job), lanes)
        outbox = self._outbox
        if message is None or outbox is None:  # done, settled, or given up for want of an outbox
            return
        if lanes is not None:
            lanes.start(
                message,
                lambda: self._send_in_turn(job, message, outbox),
                lambda: self._hand_back(job),
            )
        else:
            await self._send(job, message, outbox, deadline)

    async def _send(self, job: Job, message: Outgoing, outbox: Outbox, deadline: float) -> None:
        hook = self._sent_hooks.get(job.kind)
        await self._settled(job, deadline, lambda: outbox.send(job, message, on_sent=hook))

    async def _send_in_turn(self, job: Job, message: Outgoing, outbox: Outbox) -> None:
        """A send once its turn came: it may have waited for a slot, or for its lane, so it
        renews its lease and takes a deadline of its own; one still waiting when the runner
        stops is handed back unsent."""
        if self._stopping.is_set():
            await self._queue.release(job)
        elif await self._queue.renew(job):
            await self._send(job, message, outbox, self._deadline())
        else:
            log.info("job %s %s was taken over by another worker; skipping", job.kind, job.key)

    def _deadline(self) -> float:
        return asyncio.get_running_loop().time() + self.job_timeout

    async def _settled(
        self,
        job: Job,
        deadline: float,
        work: Callable[[], Awaitable[T]],
        lanes: _Lanes | None = None,
    ) -> T | None:
        """What `work` returned; None when it failed, and the job is settled by how (or, told
        to wait for a post while `lanes` hold posts on their way, is to be asked again once
        they are sent)."""
        try:
            async with asyncio.timeout_at(deadline):
                return await work()
        except GiveUp as exc:
            await self._queue.give_up(job, str(exc))
        except NotYet as wait:
            if isinstance(wait, WaitsForPost) and lanes and lanes.ask_again_once_posted(job):
                return None
            await self._queue.postpone(job, wait.until, str(wait))
        except TryAgain as passing:
            await self._queue.retry_later(job, str(passing))
        except TimeoutError:
            log.warning("job %s %s took over %.0f s", job.kind, job.key, self.job_timeout)
            await self._queue.retry_later(job, f"timed out after {self.job_timeout:.0f} s")
        except Exception as exc:
            log.exception("job %s %s raised", job.kind, job.key)
            await self._queue.retry_later(job, f"{type(exc).__name__}: {exc}")
        except asyncio.CancelledError:
            await self._hand_back(job)
            raise
        return None

    async def _hand_back(self, job: Job) -> None:
        """Hand back a job a stop cut short: due now, the attempt not counted, so the next
        start takes it at once wherever it runs, within Discord's nonce window for a send that
        may be out, not after the lease."""
        try:
            await asyncio.shield(self._queue.release(job))
        except Exception:  # its lease hands it back; the stop goes on
            log.exception("job %s %s could not be handed back", job.kind, job.key)

    async def _compose(self, job: Job) -> Outgoing | None:
        """The message the job is to send; None when it is done without one."""
        recorded = None if self._outbox is None else await self._outbox.recorded(job)
        if self._outbox is not None and recorded is not None:
            # An earlier try sent (or was refused) and died, or its sent hook failed, before
            # settling the job.
            sent = recorded.sent
            if sent is None:
                raise GiveUp(f"Discord refused the message: {recorded.refusal}")
            log.info("job %s %s was already delivered; not sending again", job.kind, job.key)
            await self._outbox.finish(job, sent, self._sent_hooks.get(job.kind))
            return None
        message = await self._handlers[job.kind](job)
        if message is None:
            await self._queue.done(job)
        elif self._outbox is None:
            raise GiveUp("this runner has no outbox to send the message through")
        return message

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="keitora-jobs")

    async def stop(self, grace: float | None = None) -> None:
        """Let the jobs in hand finish, sends on the wire included (a half-sent post is worse
        than a late one), then stop. By default they have until their own time limit: a send
        cut short is sent again by the next start, and Discord drops that repeat only if it
        comes within a few minutes."""
        if self._task is None:
            return
        self._stopping.set()
        if grace is None:
            grace = self.job_timeout + SETTLING
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            self._woken.clear()
            try:
                await self._purge_daily()
                await self.run_due()
                wait = await self._seconds_until_next()
            except Exception:
                log.exception("the job runner failed a round; trying again shortly")
                wait = self._idle_wait
            await _first_of(self._woken, self._stopping, within=wait)

    async def _purge_daily(self) -> None:
        now = self._clock.now()
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            purged = await self._queue.purge_finished()
            self._purged_at = now
            if purged:
                log.info("forgot %d finished jobs", purged)
            for chore in self._chores:
                await chore()

    async def _seconds_until_next(self) -> float:
        due = await self._queue.next_due_at(self.kinds)
        if due is None:
            return self._idle_wait
        return min(max(due - unix(self._clock.now()), 0.05), self._idle_wait)


class _Lanes:
    """Sends side by side in one batch while the runner goes on with the jobs after them: each
    waits for a free slot, and for the previous send of its lane (a member's DMs, a channel's
    posts), so each lane's messages arrive in the order their jobs fell due, and a lane Discord
    holds up (a channel past its 5 messages in 5 seconds) holds up only its own."""

    def __init__(self, group: asyncio.TaskGroup, at_once: int, asked_again: list[Job]) -> None:
        self._group = group
        self._slots = asyncio.Semaphore(at_once)
        self._latest: dict[Hashable, asyncio.Task[None]] = {}  # by lane
        self._posts: list[asyncio.Task[None]] = []
        self._asked_again = asked_again

    def start(
        self,
        message: Outgoing,
        send: Callable[[], Awaitable[None]],
        hand_back: Callable[[], Awaitable[None]],
    ) -> None:
        """Send `message` in its turn; `hand_back` gives its job back unsent when a stop
        cancels it before its turn came."""
        # A member's DMs share a lane whichever DM channel the outbox finds for each.
        member = message.recipient_id
        lane: Hashable = message.to if member is None else member
        earlier = self._latest.get(lane)
        task = self._group.create_task(self._send(earlier, send, hand_back))
        self._latest[lane] = task
        if member is None:
            self._posts.append(task)

    def ask_again_once_posted(self, job: Job) -> bool:
        """Keep `job`, told to wait for a post, to be asked again once the batch's posts are
        sent, when some are still on their way: it may be one of them. DMs are left out: no
        job waits for one."""
        if all(post.done() for post in self._posts):
            return False
        self._asked_again.append(job)
        return True

    async def _send(
        self,
        earlier: asyncio.Task[None] | None,
        send: Callable[[], Awaitable[None]],
        hand_back: Callable[[], Awaitable[None]],
    ) -> None:
        await _turn_or_hand_back(self._turn(earlier), hand_back)
        try:
            await send()
        except Exception:
            # A send settles its job however Discord answered; what fails here is the
            # settling itself (the database), and the lease hands that job back. The
            # batch's other sends must not be cancelled with it, half sent.
            log.exception("a send's job could not be settled")
        finally:
            self._slots.release()

    async def _turn(self, earlier: asyncio.Task[None] | None) -> None:
        """Wait for the previous send of the lane, then for a free slot."""
        if earlier is not None:
            await asyncio.wait([earlier])
        await self._slots.acquire()


async def _turn_or_hand_back(
    turn: Awaitable[object], hand_back: Callable[[], Awaitable[None]]
) -> None:
    """Wait for a job's `turn`; when a stop's grace runs out first, the job was never started,
    so `hand_back` makes it due again now instead of leaving it claimed until its lease ends."""
    try:
        await turn
    except asyncio.CancelledError:
        await hand_back()
        raise


async def _first_of(*events: asyncio.Event, within: float) -> None:
    """Wait until any of `events` is set, or `within` seconds pass."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
