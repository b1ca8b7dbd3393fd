"""A server that removes the bot keeps its data 30 days, then a job purges it; adding the bot back
before then keeps everything."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.client import Services
from bot.clock import ManualClock
from bot.importers.values import Announcement
from bot.jobs import Job, JobQueue, JobRunner
from bot.retention import PURGE_JOB, RETAIN_FOR, ServerRetention
from bot.store import Store
from tests.privacy_seed import seed_server

GUILD, OTHER_GUILD = 1001, 1002
MEMBER, OTHER = 501, 502


@pytest.fixture
def runner(services: Services, clock: ManualClock) -> JobRunner:
    running = JobRunner(services.jobs, clock)
    running.register(PURGE_JOB, services.retention.purge)
    return running


async def rows_of(store: Store, guild: int, *, jobs: bool = True) -> int:
    """The server's rows in a table of each part; `jobs=False` leaves its jobs out, which a
    return adds to (it plans reminders and checks the Events tab: see job_ids)."""
    tables = ("guilds", "builds", "rsvps", "glossary_history", "alerts") + (
        ("jobs",) if jobs else ()
    )
    total = 0
    for table in tables:
        if table == "rsvps":
            total += await store.fetchval(
                "SELECT count(*) FROM rsvps JOIN occurrences ON occurrences.id = occurrence_id "
                "JOIN meetups ON meetups.id = meetup_id WHERE meetups.guild_id = ?",
                (guild,),
            )
        else:
            total += await store.fetchval(
                f"SELECT count(*) FROM {table} WHERE guild_id = ?", (guild,)
            )
    return total


async def job_ids(store: Store, guild: int) -> set[int]:
    rows = await store.fetchall("SELECT id FROM jobs WHERE guild_id = ?", (guild,))
    return {row["id"] for row in rows}


async def test_a_removed_servers_data_is_purged_after_30_days_and_only_its_own(
    services: Services,
    store: Store,
    clock: ManualClock,
    runner: JobRunner,
) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await seed_server(store, guild, MEMBER, OTHER)
    kept = await rows_of(store, OTHER_GUILD)
    await services.retention.left(GUILD)
    await services.retention.left(GUILD)  # Discord may tell twice; one purge is planned

    clock.advance(RETAIN_FOR - timedelta(seconds=1))
    assert await runner.run_due() == 0
    assert await rows_of(store, GUILD) == kept

    clock.advance(timedelta(seconds=1))
    assert await runner.run_due() == 1
    assert await rows_of(store, GUILD) == 0
    assert await rows_of(store, OTHER_GUILD) == kept
    assert await store.fetchval("SELECT state FROM jobs WHERE kind = ?", (PURGE_JOB,)) == "done"


async def test_adding_the_bot_back_within_30_days_keeps_everything(
    services: Services,
    store: Store,
    clock: ManualClock,
    runner: JobRunner,
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    before, jobs_before = await rows_of(store, GUILD, jobs=False), await job_ids(store, GUILD)
    await services.retention.left(GUILD)
    clock.advance(timedelta(days=29))

    assert await services.retention.returned([GUILD, OTHER_GUILD]) == 1
    assert await services.retention.purge_due_at(GUILD) is None
    clock.advance(timedelta(days=2))
    await runner.run_due()

    assert await rows_of(store, GUILD, jobs=False) == before
    assert jobs_before <= await job_ids(store, GUILD)  # kept; the return plans more


async def test_lookups_counted_before_the_purge_do_not_bring_the_server_back(
    services: Services,
    store: Store,
    clock: ManualClock,
    runner: JobRunner,
) -> None:
    await services.setup.set_timezone(GUILD, "America/Denver")
    await services.glossary.lookup(GUILD, "keitora")  # counted in memory, written later
    await services.retention.left(GUILD)
    clock.advance(RETAIN_FOR)

    assert await runner.run_due() == 1
    await services.glossary.settle()  # the flush that would have written the count

    assert await store.fetchval("SELECT count(*) FROM guilds WHERE guild_id = ?", (GUILD,)) == 0
    assert await store.fetchval("SELECT count(*) FROM glossary_lookups") == 0


async def test_a_lookup_while_the_purge_runs_leaves_nothing_of_the_server_behind(
    services: Services,
    store: Store,
    clock: ManualClock,
    runner: JobRunner,
) -> None:
    """A member's lookup may land between the caches letting the server go and its rows going:
    the server read back into memory then would outlive the purge (a count written later, a
    save checked against entries deleted)."""
    await services.setup.set_timezone(GUILD, "America/Denver")
    await services.retention.left(GUILD)
    clock.advance(RETAIN_FOR)

    looked_up: list[int] = []

    async def looked_up_meanwhile(guild_id: int) -> None:
        if not looked_up:  # once, as the rows are about to go
            looked_up.append(guild_id)
            await services.glossary.lookup(guild_id, "keitora")

    services.retention.before_purge(looked_up_meanwhile)
    assert await runner.run_due() == 1
    await services.glossary.settle()

    assert await store.fetchval("SELECT count(*) FROM guilds WHERE guild_id = ?", (GUILD,)) == 0
    assert await store.fetchval("SELECT count(*) FROM glossary_lookups") == 0


async def test_alerts_matched_before_the_purge_match_nothing_after_it(
    services: Services, clock: ManualClock, runner: JobRunner
) -> None:
    await services.alerts.add(GUILD, MEMBER, "hijet")
    hijet = Announcement(
        1, GUILD, 1, "Kei Imports", "member", "Hijet arrived", "", None, None, "posting",
        clock.now(),
    )  # fmt: skip
    assert [alert.member_id for alert in await services.alerts.matching(hijet)] == [MEMBER]
    await services.retention.left(GUILD)
    clock.advance(RETAIN_FOR)

    assert await runner.run_due() == 1
    assert await services.alerts.matching(hijet) == []


async def test_a_removal_right_after_a_return_still_starts_the_30_days(
    services: Services, store: Store
) -> None:
    await seed_server(store, GUILD, MEMBER, OTHER)
    await services.retention.left(GUILD)

    # Added back, then removed again at once: Discord's events run as tasks side by side.
    await asyncio.gather(services.retention.returned([GUILD]), services.retention.left(GUILD))

    assert await services.retention.purge_due_at(GUILD) is not None


async def test_at_start_up_a_server_missing_from_discords_list_starts_its_30_days(
    services: Services, store: Store, clock: ManualClock, runner: JobRunner
) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await seed_server(store, guild, MEMBER, OTHER)

    seeded = await job_ids(store, GUILD)

    await services.retention.reconcile({OTHER_GUILD})  # removed while the bot was offline
    assert await services.retention.purge_due_at(GUILD) is not None
    assert await services.retention.purge_due_at(OTHER_GUILD) is None

    await services.retention.reconcile({GUILD, OTHER_GUILD})  # and added back
    assert await services.retention.purge_due_at(GUILD) is None
    clock.advance(RETAIN_FOR)
    await runner.run_due()
    assert await rows_of(store, GUILD, jobs=False) == await rows_of(store, OTHER_GUILD, jobs=False)
    assert seeded <= await job_ids(store, GUILD)  # kept; the return plans more


async def test_a_removed_servers_jobs_wait_for_its_return_also_across_a_restart(
    services: Services, store: Store, clock: ManualClock
) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await seed_server(store, guild, MEMBER, OTHER)
    ran: list[int | None] = []

    async def work(job: Job) -> None:
        ran.append(job.guild_id)

    def runner_of(jobs: JobQueue) -> JobRunner:
        running = JobRunner(jobs, clock)
        running.register("test.work", work)
        return running

    for guild in (GUILD, OTHER_GUILD, None):
        await services.jobs.schedule("test.work", str(guild), clock.now(), guild_id=guild)
    await services.retention.left(GUILD)
    clock.advance(timedelta(hours=1))
    assert await runner_of(services.jobs).run_due() == 2
    assert sorted(ran, key=str) == [OTHER_GUILD, None]
    await services.jobs.schedule("test.work", "later", clock.now(), guild_id=GUILD)
    assert await services.jobs.next_due_at(["test.work"]) is None  # no waking for them

    # A restart: the new queue learns of the departure before its runner starts.
    jobs = JobQueue(store, clock)
    retention = ServerRetention(store, clock, jobs)
    assert await retention.pause_departed() == 1
    assert await runner_of(jobs).run_due() == 0

    await retention.returned([GUILD])
    assert await runner_of(jobs).run_due() == 2  # late, as after the bot was down
    assert ran.count(GUILD) == 2


async def test_any_number_of_paused_servers_leaves_the_others_jobs_running(
    services: Services, clock: ManualClock
) -> None:
    ran: list[int | None] = []

    async def work(job: Job) -> None:
        ran.append(job.guild_id)

    runner = JobRunner(services.jobs, clock)
    runner.register("test.work", work)
    # More servers than SQLite allows variables in one statement (250,000 in this build).
    services.jobs.pause_servers(range(10_000_000, 10_300_000))
    await services.jobs.schedule("test.work", "other", clock.now(), guild_id=OTHER_GUILD)
    assert await services.jobs.next_due_at(["test.work"]) is not None
    assert await runner.run_due() == 1
    assert ran == [OTHER_GUILD]


async def test_a_return_hook_failing_for_one_server_keeps_the_others_and_the_departures(
    services: Services, store: Store
) -> None:
    for guild in (GUILD, OTHER_GUILD):
        await seed_server(store, guild, MEMBER, OTHER)
    await services.retention.reconcile(set())  # removed from both while the bot was offline
    planned: list[int] = []

    async def plan(guild_id: int) -> None:
        if guild_id == GUILD:
            raise RuntimeError("Discord was unreachable")
        planned.append(guild_id)

    services.retention.on_return(plan)
    # Back in both: the hook's failure for one is logged, and the other is kept and planned.
    assert await services.retention.returned([GUILD, OTHER_GUILD]) == 2
    assert planned == [OTHER_GUILD]
    assert await services.retention.purge_due_at(GUILD) is None
    assert await services.retention.purge_due_at(OTHER_GUILD) is None
