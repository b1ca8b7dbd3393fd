"""The glossary's word of the day: every term shown before one repeats, and its daily job
following the server's hour and zone (across a DST switch), kept when the hour moves after it
was due, and a day over in the server's zone counted as past."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.glossary import DAILY_WORD_JOB, DailyWordSchedule, GlossaryService, daily_due, entry_key
from bot.jobs import JobQueue
from bot.setup import SetupService
from bot.store import Store
from tests.glossary_terms import HOME, OTHER


async def test_word_of_the_day_shows_every_term_before_repeating(
    glossary: GlossaryService,
) -> None:
    total = len(await glossary.entries(HOME))
    first_day = date(2026, 1, 1)
    days = [first_day + timedelta(days=n) for n in range(total + 1)]
    picks = []
    for day in days:
        picks.append((await glossary.word_of_the_day(HOME, day)).entry)
        # Asking again for the day (a retried post) gives that day's term, not a new one.
        assert (await glossary.word_of_the_day(HOME, day)).entry == picks[-1]
    assert len({entry_key(p.headword) for p in picks[:total]}) == total
    assert picks[-1] in picks[:total]  # then a new cycle begins


async def test_the_daily_job_follows_the_server_hour_and_zone(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    assert await schedule.plan(HOME) is None  # no glossary channel: nothing to post
    await setup.set_channel(HOME, "glossary", 555)
    await setup.set_timezone(HOME, "America/Denver")
    clock.set(datetime(2026, 3, 6, 20, 0, tzinfo=UTC))  # 13:00 in Denver, after 9:00
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 16, tzinfo=UTC)
    await setup.set_daily_word_hour(HOME, 10)
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 17, tzinfo=UTC)

    clock.set(datetime(2026, 3, 7, 17, 0, 1, tzinfo=UTC))
    [job] = await jobs.claim_due(5, worker="test")
    assert (job.kind, job.key) == (DAILY_WORD_JOB, f"{HOME}:2026-03-07")
    await jobs.done(job)
    # 8 March 2026 is the DST switch: 10:00 local is 16:00 UTC from then on, not 17:00.
    assert await schedule.plan(HOME) == datetime(2026, 3, 8, 16, tzinfo=UTC)
    assert daily_due(date(2026, 3, 8), 2, ZoneInfo("America/Denver")).hour == 9  # 03:00 MDT
    assert await schedule.plan_all() == 1
    assert await jobs.claim_due(5, worker="test") == []


async def test_moving_the_hour_keeps_todays_job_that_is_already_due(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    await setup.set_channel(HOME, "glossary", 555)
    clock.set(datetime(2026, 3, 6, 8, 0, tzinfo=UTC))
    assert await schedule.plan(HOME) == datetime(2026, 3, 6, 9, tzinfo=UTC)

    clock.set(datetime(2026, 3, 6, 9, 30, tzinfo=UTC))  # due, but the runner has not run it
    await setup.set_daily_word_hour(HOME, 8)
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 8, tzinfo=UTC)
    [job] = await jobs.claim_due(5, worker="test")
    assert job.key == f"{HOME}:2026-03-06"  # today's word still goes out


async def test_a_day_that_is_over_in_the_server_zone_is_past(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    await setup.set_timezone(HOME, "Asia/Tokyo")
    clock.set(datetime(2026, 3, 6, 16, 0, tzinfo=UTC))  # 01:00 on 7 March in Tokyo
    assert await schedule.is_past(HOME, date(2026, 3, 6))
    assert not await schedule.is_past(HOME, date(2026, 3, 7))
    assert not await schedule.is_past(OTHER, date(2026, 3, 6))  # UTC: still 6 March
