"""The queue says in one question whether any job of some kinds is running."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.store import Store


async def test_any_running_is_true_only_for_a_claimed_job_of_the_kinds_asked(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule("reminder", "done", clock.now())
    await queue.schedule("digest", "claimed", clock.now())
    finished = await queue.claim_due(1, worker="w", kinds=["reminder"])
    await queue.done(finished[0])
    await queue.schedule("reminder", "pending", clock.now())
    assert not await queue.any_running(["reminder"])
    await queue.claim_due(1, worker="w", kinds=["digest"])
    assert await queue.any_running(["reminder", "digest"])
    assert not await queue.any_running(["reminder"])
    assert not await queue.any_running([])
