"""Renaming a build without Discord: the record, its spec read again, the thread's new name
scheduled in the same transaction, the name a title gives its thread, and the wait Discord's
two renames in ten minutes impose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.builds import BUILD_THREAD_NAME_JOB, Build, BuildService
from bot.clock import ManualClock
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.store import Store
from bot.thread_names import THREAD_NAME, THREAD_NAME_FOLLOW_UP, ThreadRenames, thread_name

GUILD, OWNER = 1, 10


@pytest.fixture
def jobs(store: Store, clock: ManualClock) -> JobQueue:
    return JobQueue(store, clock)


@pytest.fixture
def service(store: Store, clock: ManualClock, jobs: JobQueue) -> BuildService:
    return BuildService(store, clock, jobs)


@pytest.mark.parametrize(
    "title",
    [
        "#1 Camper Carry",
        "Camper Carry",
        "軽トラ キャンパー 🚚",
        "@everyone look",
        "C" * 100,
    ],
)
def test_a_thread_is_named_as_the_title_was_typed(title: str) -> None:
    assert thread_name(title) == title


def test_a_thread_name_never_passes_discords_limit() -> None:
    assert len(thread_name("x" * 150)) == THREAD_NAME


def test_a_third_rename_in_ten_minutes_waits_for_the_first_to_age_out(
    clock: ManualClock,
) -> None:
    renames = ThreadRenames(clock)
    assert renames.free_at(5) is None
    first = clock.now()
    renames.renamed(5)
    clock.advance(timedelta(minutes=4))
    renames.renamed(5)
    assert renames.free_at(5) == first + timedelta(minutes=10)
    assert renames.free_at(6) is None  # each thread has its own two

    clock.advance(timedelta(minutes=6))
    assert renames.free_at(5) is None


def test_a_rename_discord_held_back_waits_the_window(clock: ManualClock) -> None:
    renames = ThreadRenames(clock)
    until = renames.refused(5)
    assert until == clock.now() + timedelta(minutes=10)
    assert renames.free_at(5) == until
    clock.advance(timedelta(minutes=10))
    assert renames.free_at(5) is None


async def posted_build(service: BuildService) -> Build:
    """A build "Camper" posted, with a thread (100 the channel, 200 the thread and card)."""
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    await service.set_post(build, 100, 200, 200, in_forum=True)
    return await service.get(GUILD, build.id)


async def test_a_rename_changes_title_and_truck_and_reads_the_truck_again(
    service: BuildService, jobs: JobQueue, clock: ManualClock
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    await service.set_post(build, 100, 200, 200, in_forum=True)
    build = await service.set_spec(await service.get(GUILD, build.id), {"lift": "2 in"})

    renamed = await service.rename(build, "#1 Camper Carry", "1996 Honda Acty HA4")
    assert (renamed.title, renamed.truck) == ("#1 Camper Carry", "1996 Honda Acty HA4")
    assert (renamed.spec.make, renamed.spec.model_code, renamed.spec.year) == (
        "Honda",
        "HA4",
        1996,
    )
    assert renamed.spec.lift == "2 in"  # the rest of the spec stays
    [key] = await jobs.pending_keys(BUILD_THREAD_NAME_JOB, f"{build.id}:")
    due = await jobs.next_due_at([BUILD_THREAD_NAME_JOB])
    assert due == int((clock.now() + THREAD_NAME_FOLLOW_UP).timestamp())

    clock.advance(THREAD_NAME_FOLLOW_UP)
    [job] = await jobs.claim_due(1, worker="test", kinds=[BUILD_THREAD_NAME_JOB])
    await jobs.done(job)

    # A second rename gets a job of its own, though the first one's is finished.
    again = await service.rename(renamed, "Camper Carry v2", None)
    assert again.truck == "1996 Honda Acty HA4"
    [second] = await jobs.pending_keys(BUILD_THREAD_NAME_JOB, f"{build.id}:")
    assert second != key
    await service.thread_names.settled(again.id, None)
    assert await jobs.pending_keys(BUILD_THREAD_NAME_JOB, f"{build.id}:") == []

    third = await service.rename(again, "Camper Carry v3", None)
    later = clock.now() + timedelta(minutes=9)
    await service.thread_names.settled(third.id, later)
    assert await jobs.next_due_at([BUILD_THREAD_NAME_JOB]) == int(later.timestamp())


async def test_a_new_truck_alone_leaves_the_thread_name_alone(
    service: BuildService, jobs: JobQueue
) -> None:
    build = await posted_build(service)
    renamed = await service.rename(build, None, "Suzuki Carry DA63T")
    assert renamed.spec.year == 1994  # the new text names no year; the old one stays
    assert renamed.spec.model_code == "DA63T"
    assert await jobs.pending_keys(BUILD_THREAD_NAME_JOB, "") == []


async def test_the_same_title_renames_again_a_thread_named_otherwise(
    service: BuildService, jobs: JobQueue
) -> None:
    build = await posted_build(service)
    with pytest.raises(UserError, match="called that already"):
        await service.rename(build, "Camper", None, "Camper")
    again = await service.rename(build, "Camper", None, "Old name Discord kept")
    assert again == build
    assert len(await jobs.pending_keys(BUILD_THREAD_NAME_JOB, f"{build.id}:")) == 1


@pytest.mark.parametrize(
    ("title", "truck", "refusal"),
    [
        (None, None, "new title, a new truck, or both"),
        ("   ", None, "title cannot be empty"),
        ("x" * 101, None, "limit is 100"),
        (None, "y" * 101, "limit is 100"),
        ("Camper", None, "called that already"),
        ("Camper", "1994 Suzuki Carry DA51T", "called that already"),
    ],
)
async def test_bad_renames_are_refused_and_change_nothing(
    service: BuildService, jobs: JobQueue, title: str | None, truck: str | None, refusal: str
) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    with pytest.raises(UserError, match=refusal):
        await service.rename(build, title, truck)
    assert await service.get(GUILD, build.id) == build
    assert await jobs.pending_keys(BUILD_THREAD_NAME_JOB, "") == []


async def test_closed_and_locked_builds_are_not_renamed(service: BuildService) -> None:
    build = await service.start(GUILD, OWNER, "Camper", "1994 Suzuki Carry DA51T", None)
    closed = await service.close(build)
    with pytest.raises(UserError, match="closed; reopen it"):
        await service.rename(closed, "Other", None)
    locked = await service.lock(await service.reopen(closed), 99, "spam")
    with pytest.raises(UserError, match="locked by a moderator"):
        await service.rename(locked, "Other", None)
