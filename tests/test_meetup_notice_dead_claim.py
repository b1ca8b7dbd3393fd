"""A change notice's thread post waits for the DMs of its change without spinning: a DM another
worker holds (one that died keeps it claimed until its lease runs out) is looked at again in a
while, as one backing off is, not at once and without end."""

from __future__ import annotations

import asyncio
import contextlib

from bot.clock import ManualClock, unix
from bot.jobs import Job, JobQueue, JobRunner
from bot.meetups.notices import CHANGED_DM_JOB, CHANGED_POST_JOB, DMS_LOOKED_AT, MeetupNotices
from bot.store import Store


async def test_a_post_waiting_on_a_dead_workers_dm_waits_a_while(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule(CHANGED_DM_JOB, "k:42", clock.now(), payload={"member_id": 42})
    # The bot died mid-send: the DM stays claimed by the old worker until its lease runs out.
    claimed = await queue.claim_due(1, worker="dead", kinds=[CHANGED_DM_JOB])
    assert [j.key for j in claimed] == ["k:42"]
    await queue.schedule(
        CHANGED_POST_JOB, "k:post0", clock.now(), payload={"members": [42], "direct": [42]}
    )
    notices = MeetupNotices(store, clock, queue)
    runs = 0

    async def post(job: Job) -> None:
        nonlocal runs
        runs += 1
        await notices.unreached(job, CHANGED_DM_JOB)

    runner = JobRunner(queue, clock, worker="new")
    runner.register(CHANGED_POST_JOB, post)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(runner.run_due(), 2)
    # Asked again once at once (its DM might have been later in its batch), then in a while.
    assert runs == 2, f"the post job was run {runs} times in 2 s without the clock moving"
    assert await queue.next_due_at([CHANGED_POST_JOB]) == unix(clock.now() + DMS_LOOKED_AT)
