from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, unix
from bot.jobs import GiveUp, Job, JobQueue, JobRunner, NotYet, default_worker_name, worker_name
from bot.jobs.queue import FORGIVEN_LOST_CLAIMS
from bot.store import Params, Store


async def test_schedule_is_idempotent_per_key(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    assert await queue.schedule("reminder", "m1:24h", clock.now(), guild_id=1)
    assert not await queue.schedule("reminder", "m1:24h", clock.now() + timedelta(hours=1))
    assert await store.fetchval("SELECT count(*) FROM jobs") == 1


async def test_claiming_leaves_other_writers_free_between_its_statements(
    store: Store, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the event loop runs between claim_due's statements (a restarting bot's start-up
    work took seconds) must not find the database locked."""
    queue = JobQueue(store, clock)
    await queue.schedule("k", "due", clock.now())
    statement = store.execute
    written = []

    async def statement_then_another_writer(sql: str, params: Params = ()) -> int:
        changed = await statement(sql, params)
        with contextlib.closing(sqlite3.connect(store.path, timeout=0)) as other:
            other.execute(
                "INSERT INTO bot_state (key, value) VALUES (?, 'x')", (str(len(written)),)
            )
            other.commit()
        written.append(sql)
        return changed

    monkeypatch.setattr(store, "execute", statement_then_another_writer)
    assert [job.key for job in await queue.claim_due(10, worker="w")] == ["due"]
    assert written


async def test_only_due_jobs_are_claimed_in_due_order(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule("k", "later", clock.now() + timedelta(minutes=5))
    await queue.schedule("k", "second", clock.now() - timedelta(minutes=1))
    await queue.schedule("k", "first", clock.now() - timedelta(minutes=2))
    claimed = await queue.claim_due(10, worker="w")
    assert [job.key for job in claimed] == ["first", "second"]
    assert all(job.attempts == 1 for job in claimed)
    assert await queue.claim_due(10, worker="w") == []
    for job in claimed:
        await queue.done(job)
    clock.advance(timedelta(minutes=5))
    assert [job.key for job in await queue.claim_due(10, worker="w")] == ["later"]


async def test_two_concurrent_claimers_never_share_a_row(db_path: Path, clock: ManualClock) -> None:
    first, second = await Store.open(db_path), await Store.open(db_path)
    try:
        queue_a, queue_b = JobQueue(first, clock), JobQueue(second, clock)
        for n in range(300):
            await queue_a.schedule("k", f"job{n}", clock.now(), payload={"n": n})

        async def drain(queue: JobQueue, worker: str) -> list[int]:
            taken: list[int] = []
            while batch := await queue.claim_due(7, worker=worker):
                taken += [job.id for job in batch]
                await asyncio.sleep(0.002)  # the work itself, during which the other claims
            return taken

        taken_a, taken_b = await asyncio.gather(drain(queue_a, "a"), drain(queue_b, "b"))
        assert taken_a, "both workers should have had a share"
        assert taken_b, "both workers should have had a share"
        assert not set(taken_a) & set(taken_b)
        assert len(taken_a) + len(taken_b) == 300
    finally:
        await first.close()
        await second.close()


async def test_a_dead_workers_claim_is_reclaimed_after_its_lease(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock, lease=timedelta(minutes=2))
    await queue.schedule("k", "x", clock.now())
    [job] = await queue.claim_due(1, worker="dead")
    clock.advance(timedelta(minutes=1))
    assert await queue.claim_due(1, worker="alive") == []
    clock.advance(timedelta(minutes=1, seconds=1))
    [again] = await queue.claim_due(1, worker="alive")
    assert again.id == job.id
    assert again.attempts == 1  # a lost worker is not the job's failure


def ended_process_worker() -> str:
    """The worker name a process of this machine had, once that process has ended."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return worker_name(int(ended.stdout))


async def test_a_restarted_bot_takes_back_at_once_the_claims_of_workers_that_died(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock, lease=timedelta(minutes=2))
    starting = default_worker_name()
    claimers = {
        "ended": ended_process_worker(),
        "same name": starting,  # a predecessor that had this process id in this namespace
        "alive": worker_name(os.getppid()),
        "elsewhere": "another-machine:4026531836:1",
        # A container sharing this host name and this process id, alive for all one knows.
        "another container": f"{socket.gethostname()}:1:{os.getpid()}",
        "unreadable": "crashed",
    }
    for key, worker in claimers.items():
        await queue.schedule("k", key, clock.now())
        await queue.claim_due(1, worker=worker)

    assert await queue.release_lost_claims(starting) == 2
    again = await queue.claim_due(10, worker=starting)
    assert sorted(job.key for job in again) == ["ended", "same name"]
    assert all(job.attempts == 1 for job in again)  # a crash is not the job's failure
    assert await queue.claim_due(10, worker="another") == []  # the rest wait for their lease


def test_a_worker_is_named_by_its_process_id_namespace_too() -> None:
    # Two containers sharing a host name both run the bot as process 1: without the namespace
    # each would take the other, alive, for its own dead predecessor.
    namespace = os.readlink("/proc/self/ns/pid").strip("pid:[]")
    assert default_worker_name() == f"{socket.gethostname()}:{namespace}:{os.getpid()}"


async def test_a_job_on_its_last_attempt_is_tried_again_when_its_worker_died(
    store: Store, clock: ManualClock
) -> None:
    # A restart while the last try sent its message must not leave the message unsent.
    queue = JobQueue(store, clock, max_attempts=1)
    await queue.schedule("k", "last", clock.now())
    await queue.claim_due(1, worker=ended_process_worker())

    assert await queue.release_lost_claims(default_worker_name()) == 1
    [job] = await queue.claim_due(1, worker="w")
    assert job.attempts == 1
    await queue.done(job)
    assert await store.fetchval("SELECT state FROM jobs") == "done"


async def test_a_job_whose_tries_keep_dying_with_the_bot_uses_up_its_attempts(
    store: Store, clock: ManualClock
) -> None:
    # A job that kills the bot must not run at every start: only its first few lost claims
    # are forgiven, whether a restart or a lease found them lost, and each one after counts.
    queue = JobQueue(store, clock, max_attempts=2, lease=timedelta(seconds=10))
    await queue.schedule("k", "poison", clock.now())
    attempts = []
    for crash in range(FORGIVEN_LOST_CLAIMS + 1):
        [job] = await queue.claim_due(1, worker=ended_process_worker())
        attempts.append(job.attempts)
        if crash == 1:
            clock.advance(timedelta(seconds=11))  # seen lost by its lease instead
        else:
            await queue.release_lost_claims(default_worker_name())
    assert attempts == [1] * (FORGIVEN_LOST_CLAIMS + 1)

    [job] = await queue.claim_due(1, worker=ended_process_worker())
    assert job.attempts == 2
    assert await queue.release_lost_claims(default_worker_name()) == 0  # failed, not due again
    assert await queue.claim_due(1, worker="w") == []
    row = await store.fetchone("SELECT state, last_error FROM jobs")
    assert tuple(row) == ("failed", "worker lost")


async def test_a_last_try_whose_lease_ran_out_is_tried_again(
    store: Store, clock: ManualClock
) -> None:
    # A crash on another machine or in another container: nobody can tell its worker is dead,
    # so the lease decides, and the message of a last try must not be left unsent.
    queue = JobQueue(store, clock, max_attempts=1, lease=timedelta(seconds=10))
    await queue.schedule("k", "last", clock.now())
    await queue.claim_due(1, worker="elsewhere:1:1")
    clock.advance(timedelta(seconds=11))

    [job] = await queue.claim_due(1, worker="w")
    assert job.attempts == 1
    await queue.done(job)
    assert await store.fetchval("SELECT state FROM jobs") == "done"


async def test_a_crash_after_a_failed_try_is_forgiven_again(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock, max_attempts=2, base_backoff=timedelta(seconds=1))
    await queue.schedule("k", "x", clock.now())
    await queue.claim_due(1, worker=ended_process_worker())
    await queue.release_lost_claims(default_worker_name())
    [job] = await queue.claim_due(1, worker="w")
    await queue.retry_later(job, "429")
    clock.advance(timedelta(minutes=1))
    [job] = await queue.claim_due(1, worker=ended_process_worker())
    assert job.attempts == 2

    assert await queue.release_lost_claims(default_worker_name()) == 1
    [job] = await queue.claim_due(1, worker="w")
    assert job.attempts == 2


async def test_retry_backs_off_exponentially(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock, base_backoff=timedelta(seconds=30))
    await queue.schedule("k", "x", clock.now())
    waits = []
    for _ in range(3):
        [job] = await queue.claim_due(1, worker="w")
        await queue.retry_later(job, "429")
        due = await queue.next_due_at()
        waits.append(due - unix(clock.now()))
        clock.advance(timedelta(seconds=due - unix(clock.now())))
    assert waits == [30, 60, 120]


async def test_gives_up_after_max_attempts(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock, max_attempts=3, base_backoff=timedelta(seconds=1))
    await queue.schedule("k", "x", clock.now())
    for _ in range(3):
        [job] = await queue.claim_due(1, worker="w")
        await queue.retry_later(job, "still failing")
        clock.advance(timedelta(minutes=10))
    assert await queue.claim_due(1, worker="w") == []
    row = await store.fetchone("SELECT state, last_error, attempts FROM jobs")
    assert tuple(row) == ("failed", "still failing", 3)


async def test_a_job_whose_worker_keeps_dying_is_given_up(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock, max_attempts=2, lease=timedelta(seconds=10))
    await queue.schedule("k", "poison", clock.now())
    claims = 0
    while await queue.claim_due(1, worker="elsewhere:1:1"):
        claims += 1
        clock.advance(timedelta(seconds=11))
    assert claims == FORGIVEN_LOST_CLAIMS + 2  # the forgiven lost claims, then its attempts
    row = await store.fetchone("SELECT state, last_error, attempts FROM jobs")
    assert tuple(row) == ("failed", "worker lost", 2)


async def test_runner_runs_handlers_and_records_outcomes(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock)
    seen: list[str] = []

    async def handler(job: Job) -> None:
        seen.append(job.key)
        if job.key == "flaky":
            raise ConnectionError("discord said 503")
        if job.key == "hopeless":
            raise GiveUp("channel deleted")

    runner.register("post", handler)
    for key in ("ok", "flaky", "hopeless"):
        await queue.schedule("post", key, clock.now())
    await queue.schedule("unhandled", "other", clock.now())
    assert await runner.run_due() == 3
    assert sorted(seen) == ["flaky", "hopeless", "ok"]
    states = dict(await store.fetchall("SELECT key, state FROM jobs"))
    assert states == {"ok": "done", "flaky": "pending", "hopeless": "failed", "other": "pending"}


async def test_runner_loop_wakes_when_a_job_is_scheduled(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock, idle_wait=30)
    done = asyncio.Event()

    async def handler(job: Job) -> None:
        done.set()

    runner.register("post", handler)
    runner.start()
    try:
        await asyncio.sleep(0.05)
        await queue.schedule("post", "now", clock.now())
        await asyncio.wait_for(done.wait(), timeout=2)
    finally:
        await runner.stop()


async def test_daily_chores_run_with_the_purge_of_finished_jobs(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock, idle_wait=30)
    posted, chored = asyncio.Event(), asyncio.Event()
    chores: list[int] = []

    async def post(job: Job) -> None:
        posted.set()

    async def chore() -> None:  # what a service keeps tidy: jobs of 60 days ago are gone first
        chores.append(await store.fetchval("SELECT count(*) FROM jobs"))
        chored.set()

    runner.register("post", post)
    runner.every_day(chore)
    await queue.schedule("post", "old", clock.now())
    await runner.run_due()
    posted.clear()
    runner.start()
    try:
        await asyncio.wait_for(chored.wait(), timeout=2)
        chored.clear()
        clock.advance(timedelta(days=61))
        queue.wake()
        await asyncio.wait_for(chored.wait(), timeout=2)
        await queue.schedule("post", "new", clock.now())  # a round, not a day after the last
        await asyncio.wait_for(posted.wait(), timeout=2)
    finally:
        await runner.stop()
    assert chores == [1, 0]


async def test_a_late_worker_cannot_settle_a_job_claimed_again(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock, lease=timedelta(seconds=10))
    await queue.schedule("k", "x", clock.now())
    [late] = await queue.claim_due(1, worker="slow")
    clock.advance(timedelta(seconds=11))
    [current] = await queue.claim_due(1, worker="fast")
    assert not await queue.done(late)
    await queue.retry_later(late, "stale")
    assert tuple(await store.fetchone("SELECT state, claimed_by FROM jobs")) == ("claimed", "fast")
    assert await queue.done(current)
    assert await store.fetchval("SELECT state FROM jobs") == "done"


async def test_cancel_can_spare_a_job_already_due(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule("k", "due", clock.now() - timedelta(minutes=1))
    await queue.schedule("k", "later", clock.now() + timedelta(hours=1))
    assert not await queue.cancel("k", "due", unless_due_by=clock.now())
    assert await queue.cancel("k", "later", unless_due_by=clock.now())
    assert await store.fetchval("SELECT group_concat(key) FROM jobs") == "due"


async def test_stopping_lets_the_job_in_hand_finish(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock)
    started, release = asyncio.Event(), asyncio.Event()

    async def slow_post(job: Job) -> None:
        started.set()
        await release.wait()

    runner.register("post", slow_post)
    await queue.schedule("post", "one", clock.now())
    await queue.schedule("post", "two", clock.now())
    runner.start()
    await asyncio.wait_for(started.wait(), 2)
    stopping = asyncio.create_task(runner.stop())
    await asyncio.sleep(0.01)
    assert not stopping.done()
    release.set()
    await stopping
    states = dict(await store.fetchall("SELECT key, state FROM jobs"))
    assert states == {"one": "done", "two": "pending"}  # handed back for the next start
    assert await store.fetchval("SELECT attempts FROM jobs WHERE key = 'two'") == 0


async def test_a_slow_worker_skips_jobs_taken_over_by_another(
    db_path: Path, clock: ManualClock
) -> None:
    first, second = await Store.open(db_path), await Store.open(db_path)
    try:
        lease = timedelta(seconds=30)
        queue_a, queue_b = JobQueue(first, clock, lease=lease), JobQueue(second, clock, lease=lease)
        runner_a = JobRunner(queue_a, clock, worker="A")
        runner_b = JobRunner(queue_b, clock, worker="B")
        ran: list[tuple[str, str]] = []

        async def slow_a(job: Job) -> None:
            ran.append(("A", job.key))
            clock.advance(timedelta(seconds=15))  # each job takes a while
            if job.key == "k1":  # by now the batch's lease ran out for k2, still waiting
                clock.advance(timedelta(seconds=5))
                await runner_b.run_due()

        async def quick_b(job: Job) -> None:
            ran.append(("B", job.key))

        runner_a.register("post", slow_a)
        runner_b.register("post", quick_b)
        for n in range(3):
            await queue_a.schedule("post", f"k{n}", clock.now())
        await runner_a.run_due()
        assert ran == [("A", "k0"), ("A", "k1"), ("B", "k2")]
    finally:
        await first.close()
        await second.close()


async def test_the_runner_forgets_long_finished_jobs(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    for key, then_wait in (("old", timedelta(days=61)), ("recent", timedelta(0))):
        await queue.schedule("post", key, clock.now())
        [job] = await queue.claim_due(1, worker="w")
        await queue.done(job)
        clock.advance(then_wait)
    runner = JobRunner(queue, clock)
    runner.start()
    try:
        for _ in range(100):
            if await store.fetchval("SELECT count(*) FROM jobs") == 1:
                break
            await asyncio.sleep(0.01)
    finally:
        await runner.stop()
    assert await store.fetchval("SELECT key FROM jobs") == "recent"


async def test_reschedule_moves_only_a_job_that_has_not_run(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule("k", "x", clock.now() + timedelta(hours=1))
    assert await queue.reschedule("k", "x", clock.now() - timedelta(minutes=1))
    [job] = await queue.claim_due(1, worker="w")
    assert not await queue.reschedule("k", "x", clock.now() + timedelta(days=1))  # running
    await queue.done(job)
    assert not await queue.reschedule("k", "x", clock.now() + timedelta(days=1))  # ran
    assert not await queue.reschedule("k", "missing", clock.now())


async def test_a_job_that_must_wait_is_put_back_without_using_up_its_attempts(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock, max_attempts=2)
    runner = JobRunner(queue, clock)
    runs = 0

    async def budget_spent(job: Job) -> None:
        nonlocal runs
        runs += 1
        if runs <= 5:
            raise NotYet(clock.now() + timedelta(minutes=10), "publish budget spent")

    runner.register("publish", budget_spent)
    await queue.schedule("publish", "a", clock.now())
    for _ in range(5):
        assert await runner.run_due() == 1
        assert await runner.run_due() == 0  # waits its ten minutes
        clock.advance(timedelta(minutes=10))
    assert await runner.run_due() == 1
    row = await store.fetchone("SELECT state, attempts FROM jobs")
    assert tuple(row) == ("done", 1)


async def test_two_runners_on_one_queue_are_each_woken(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    posts, polls = JobRunner(queue, clock, idle_wait=30), JobRunner(queue, clock, idle_wait=30)
    ran: dict[str, asyncio.Event] = {"post": asyncio.Event(), "poll": asyncio.Event()}

    async def handler(job: Job) -> None:
        ran[job.kind].set()

    posts.register("post", handler)
    polls.register("poll", handler)
    posts.start()
    polls.start()
    try:
        await asyncio.sleep(0.05)
        await queue.schedule("poll", "a", clock.now())
        await asyncio.wait_for(ran["poll"].wait(), timeout=2)
        # The poll runner cleared its own wake-up when it went round; the post runner, busy or
        # not, still hears of the next job.
        await queue.schedule("post", "b", clock.now())
        await asyncio.wait_for(ran["post"].wait(), timeout=2)
    finally:
        await posts.stop()
        await polls.stop()


async def test_parallel_runner_runs_a_batch_side_by_side(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock, parallel=4, batch=10)
    running, most = 0, 0

    async def slow(job: Job) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.05)
        running -= 1

    runner.register("poll", slow)
    for n in range(8):
        await queue.schedule("poll", str(n), clock.now())
    assert await runner.run_due() == 8
    assert most == 4
    assert await store.fetchval("SELECT count(*) FROM jobs WHERE state = 'done'") == 8


async def test_keys_lists_finished_jobs_too_and_pending_keys_only_waiting_ones(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    for key in ("m1:a", "m1:b", "m2:a"):
        await queue.schedule("dm", key, clock.now())
    [first] = await queue.claim_due(1, worker="w")
    await queue.done(first)
    assert first.key == "m1:a"
    assert await queue.keys("dm", "m1:") == ["m1:a", "m1:b"]
    assert await queue.pending_keys("dm", "m1:") == ["m1:b"]


async def test_run_now_moves_only_the_waiting_jobs_asked_for(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    later = clock.now() + timedelta(hours=1)
    for guild_id, key in ((1, "glossary:1"), (2, "glossary:2"), (1, "nomination:1")):
        await queue.schedule("post", key, later, guild_id=guild_id)
    await queue.schedule("edit", "glossary:1", later, guild_id=1)

    async def due_now() -> list[str]:
        rows = await store.fetchall(
            "SELECT kind || ' ' || key AS job FROM jobs WHERE due_at <= ? ORDER BY job",
            (unix(clock.now()),),
        )
        return [row["job"] for row in rows]

    assert await queue.run_now("post", "", guild_id=1) == 2
    assert await due_now() == ["post glossary:1", "post nomination:1"]
    assert await queue.run_now("post", "glossary:", guild_id=2) == 1
    assert await due_now() == ["post glossary:1", "post glossary:2", "post nomination:1"]
    assert await queue.run_now("post", "") == 3  # of every server
    assert await due_now() == ["post glossary:1", "post glossary:2", "post nomination:1"]


async def test_a_job_woken_early_starts_its_attempts_afresh(
    store: Store, clock: ManualClock
) -> None:
    # What it waited for has come (a thread unlocked, a permission granted): the tries spent
    # while it could not succeed, early wakes among them, do not bring it nearer giving up.
    queue = JobQueue(store, clock, max_attempts=3, base_backoff=timedelta(seconds=1))
    await queue.schedule("k", "x", clock.now())
    for _ in range(5):
        [job] = await queue.claim_due(1, worker="w")
        await queue.retry_later(job, "refused")
        assert await queue.run_now("k", "") == 1
    [job] = await queue.claim_due(1, worker="w")
    assert job.attempts == 1


async def test_a_job_is_running_only_while_claimed(store: Store, clock: ManualClock) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule("post", "glossary:1", clock.now())
    assert not await queue.running("post", "glossary:1")  # waiting
    [job] = await queue.claim_due(1, worker="w")
    assert await queue.running("post", "glossary:1")
    await queue.done(job)
    assert not await queue.running("post", "glossary:1")
    assert not await queue.running("post", "missing")


@pytest.mark.parametrize("parallel", [1, 2])
async def test_a_stop_whose_grace_runs_out_hands_back_the_batchs_jobs_not_yet_started(
    store: Store, clock: ManualClock, parallel: int
) -> None:
    queue = JobQueue(store, clock)
    runner = JobRunner(queue, clock, parallel=parallel)
    started = asyncio.Event()

    async def hangs(job: Job) -> None:
        started.set()
        await asyncio.Event().wait()

    runner.register("post", hangs)
    for n in range(3):
        await queue.schedule("post", str(n), clock.now() + timedelta(seconds=n - 3))
    runner.start()
    await asyncio.wait_for(started.wait(), 2)

    await runner.stop(grace=0.05)

    # Due again at once for the next start, their attempts not counted, not after the lease.
    rows = await store.fetchall("SELECT state, attempts FROM jobs ORDER BY key")
    assert [tuple(row) for row in rows] == [("pending", 0)] * 3
