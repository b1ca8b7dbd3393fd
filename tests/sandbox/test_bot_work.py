"""Whether the bot has work in hand is asked by the bot's own clock, the one the jobs are
scheduled by, however far it stands from the wall clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.client import KeitoraBot, create_bot
from bot.clock import ManualClock
from bot.config import Settings
from bot.modqueue import MODQUEUE_REFRESH_JOB, REFRESH_AFTER
from bot.store import Store
from sandbox.bot_work import in_hand


@pytest.fixture(params=[datetime(2001, 1, 1, tzinfo=UTC), datetime(2101, 1, 1, tzinfo=UTC)])
def far_clock(request: pytest.FixtureRequest) -> ManualClock:
    return ManualClock(request.param)


@pytest.fixture
async def idle_bot(store: Store, far_clock: ManualClock) -> AsyncIterator[KeitoraBot]:
    bot = create_bot(Settings.from_env({}), store, far_clock)
    yield bot
    await bot.close()


async def test_a_job_due_by_the_bots_clock_is_work_in_hand(
    idle_bot: KeitoraBot, far_clock: ManualClock
) -> None:
    kind = next(iter(idle_bot.job_runner.kinds))
    await idle_bot.services.jobs.schedule(kind, "now", far_clock.now())
    assert await in_hand(idle_bot)


async def test_a_job_due_later_by_the_bots_clock_is_not_work_in_hand(
    idle_bot: KeitoraBot, far_clock: ManualClock
) -> None:
    kind = next(iter(idle_bot.job_runner.kinds))
    await idle_bot.services.jobs.schedule(kind, "later", far_clock.now() + timedelta(hours=1))
    assert not await in_hand(idle_bot)


async def test_a_job_the_runner_claimed_is_work_in_hand_until_it_is_done(
    idle_bot: KeitoraBot, far_clock: ManualClock
) -> None:
    kind = next(iter(idle_bot.job_runner.kinds))
    jobs = idle_bot.services.jobs
    await jobs.schedule(kind, "claimed", far_clock.now())
    (claimed,) = await jobs.claim_due(1, worker="test", kinds=[kind])
    assert await in_hand(idle_bot)
    await jobs.done(claimed)
    assert not await in_hand(idle_bot)


async def test_a_queue_card_edit_gathering_changes_is_work_in_hand(
    idle_bot: KeitoraBot, far_clock: ManualClock
) -> None:
    await idle_bot.services.jobs.schedule(
        MODQUEUE_REFRESH_JOB, "gathering", far_clock.now() + REFRESH_AFTER
    )
    assert await in_hand(idle_bot)


async def test_a_queue_card_edit_retried_later_is_not_work_in_hand(
    idle_bot: KeitoraBot, far_clock: ManualClock
) -> None:
    retry = far_clock.now() + REFRESH_AFTER + timedelta(seconds=1)
    await idle_bot.services.jobs.schedule(MODQUEUE_REFRESH_JOB, "retried", retry)
    assert not await in_hand(idle_bot)
