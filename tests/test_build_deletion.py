"""A build's deletion without Discord: what shows the build elsewhere (`when_deleted`) lets go
of it inside the deletion's transaction, so a hook that fails leaves the build as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.builds import Build, BuildService
from bot.builds.model import Deletion
from bot.builds.moderated import ModeratorChange
from bot.builds.privacy import BuildMemberData
from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.privacy import FORMER_MEMBER, Forgotten
from bot.privacy.posts import (
    FORGET_FOLLOW_UP_JOB,
    BuildThread,
    follow_up_handler,
    follow_up_payload,
)
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, OWNER, MODERATOR = 1, 10, 20


class Refused(Exception):
    pass


async def test_a_failing_deletion_hook_leaves_the_build_and_its_updates(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    build = await builds.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    await builds.add_update(build, OWNER, "Lifted")
    seen: list[tuple[int, int, int]] = []

    async def leaving(guild_id: int, build_id: int) -> Forgotten:
        # The hook sees the build still there, as the transaction it runs in does.
        held = await store.fetchval("SELECT count(*) FROM builds WHERE id = ?", (build_id,))
        seen.append((guild_id, build_id, held))
        raise Refused

    builds.when_deleted(leaving)
    with pytest.raises(Refused):
        await builds.delete(build)

    assert seen == [(GUILD, build.id, 1)]
    assert (await builds.get(GUILD, build.id)).title == "Camper Carry"
    assert await store.fetchval("SELECT count(*) FROM build_updates") == 1


async def test_what_the_hook_names_in_discord_goes_in_the_follow_up(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    build = await builds.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)

    async def leaving(guild_id: int, build_id: int) -> Forgotten:
        return Forgotten(ballots=frozenset({7}))

    builds.when_deleted(leaving)
    gone = await builds.delete(build)

    assert gone.ballots == frozenset({7})
    assert await store.fetchval("SELECT count(*) FROM builds") == 0
    payload = await store.fetchval(
        "SELECT payload FROM jobs WHERE kind = ?", (FORGET_FOLLOW_UP_JOB,)
    )
    assert json.loads(payload)["ballots"] == [7]


async def test_a_follow_up_scheduled_before_threads_carried_a_reason_gives_a_forgets(
    store: Store, clock: ManualClock
) -> None:
    jobs = JobQueue(store, clock)
    old = [1, 2, 3, [4, 5]]  # as a forget's follow-up carried a thread before reasons
    new = [6, 7, None, [], "Build #9 was deleted with /build delete"]
    for key, thread in (("old", old), ("new", new)):
        payload = {"builds": [], "showcase_posts": [], "build_threads": [thread]}
        await jobs.schedule(FORGET_FOLLOW_UP_JOB, key, clock.now(), payload=payload, guild_id=GUILD)
    deleted: list[BuildThread] = []

    class Posts:
        async def delete_build_thread(self, guild_id: int, thread: BuildThread) -> None:
            deleted.append(thread)

    handler = follow_up_handler(Posts())  # type: ignore[arg-type]
    for job in await jobs.claim_due(2, worker="w", kinds=[FORGET_FOLLOW_UP_JOB]):
        await handler(job)

    assert sorted(deleted) == [
        BuildThread(1, 2, 3, (4, 5), "Its owner was forgotten"),
        BuildThread(6, 7, None, (), "Build #9 was deleted with /build delete"),
    ]


async def deleted_by_owner_and_moderator(builds: BuildService) -> tuple[Build, Build]:
    """Two builds of OWNER's, deleted: the first by them, the second by MODERATOR, with a
    reason."""
    mine = await builds.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    theirs = await builds.start(GUILD, OWNER, "Dump Hijet", "1999 Daihatsu Hijet S110P", None)
    await builds.delete(mine)
    await builds.delete(theirs, ModeratorChange(MODERATOR, "q", "Kei Club", "Plates shown"))
    return mine, theirs


async def test_who_deleted_a_build_outlives_its_owners_forget_and_is_in_their_export(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    mine, theirs = await deleted_by_owner_and_moderator(builds)
    data = BuildMemberData(store, clock).member_data()

    exported = (await data.export(OWNER))["builds_deleted"][GUILD]
    assert [(row["build_id"], row["deleted_by"]) for row in exported] == [
        (mine.id, "you"),
        (theirs.id, "a moderator"),
    ]
    assert exported[0]["deleted_at"] == "2026-11-25T12:00:00+00:00"
    assert "Camper Carry" not in json.dumps(exported)  # a number and who, no words of it

    async with store.transaction():
        await data.forget(GUILD, OWNER, False)
    assert (await data.export(OWNER))["builds_deleted"] == {}
    at = clock.now()
    assert await builds.deletion(GUILD, mine.id) == Deletion("owner", None, FORMER_MEMBER, at)
    assert await builds.deletion(GUILD, theirs.id) == Deletion(
        "moderator", None, FORMER_MEMBER, at, MODERATOR, "Plates shown"
    )
    assert await builds.deletion(GUILD, theirs.id + 1) is None


Job = tuple[str, str, dict[str, object]]  # kind, key, payload


async def kept_jobs(old: Store, jobs: list[Job]) -> None:
    """`jobs` as a database from before a migration kept them."""
    for kind, key, payload in jobs:
        await old.execute(
            "INSERT INTO jobs (guild_id, kind, key, payload, due_at, created_at) "
            "VALUES (?, ?, ?, ?, 100, 100)",
            (GUILD, kind, key, json.dumps(payload)),
        )


async def test_0051_records_the_moderators_deletions_its_kept_jobs_tell_of(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0050", 50)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        jobs: list[Job] = [
            ("builds.moderated", "4:deleted:q1", {"user_id": OWNER}),
            ("builds.moderated", "5:deleted:q2", {}),  # sent, its payload let go of
            ("builds.moderated", "6:renamed:q3", {"user_id": OWNER}),
            (FORGET_FOLLOW_UP_JOB, "build:7", {}),  # anyone's: nothing tells whose
        ]
        await kept_jobs(old, jobs)
    async with await Store.open(path) as migrated:
        rows = await migrated.fetchall(
            "SELECT build_id, guild_id, owner_id, deleted_by, deleted_at FROM build_deletions "
            "ORDER BY build_id"
        )
    assert [tuple(row) for row in rows] == [
        (4, GUILD, OWNER, "moderator", 100),
        (5, GUILD, FORMER_MEMBER, "moderator", 100),
    ]


async def test_a_deleted_builds_thread_is_known_as_one_started_after_or_before_it_went(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    posted = await builds.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    assert await builds.set_post(posted, 50, 51, 51, in_forum=True)
    await builds.delete(await builds.get(GUILD, posted.id))
    # Deleted as its thread was on its way: the thread started late is that build's too.
    late = await builds.start(GUILD, OWNER, "Dump Hijet", "1999 Daihatsu Hijet S110P", None)
    await builds.delete(late)
    assert not await builds.set_post(late, 50, 61, 61, in_forum=True)

    assert await builds.thread_was_deleted_builds(GUILD, 51)
    assert await builds.thread_was_deleted_builds(GUILD, 61)
    assert not await builds.thread_was_deleted_builds(GUILD, 71)  # a member's own post
    assert not await builds.thread_was_deleted_builds(GUILD + 1, 51)


async def test_0057_gives_deletions_from_before_the_thread_their_follow_up_deletes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0055", 55)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        for build_id in (4, 5):
            await old.execute(
                "INSERT INTO build_deletions (build_id, guild_id, owner_id, deleted_by, "
                "deleted_at) VALUES (?, ?, ?, 'owner', 100)",
                (build_id, GUILD, OWNER),
            )
        thread = BuildThread(6, 7, 7, (), "Build #4 was deleted with /build delete")
        payload = follow_up_payload(Forgotten(build_threads=frozenset({thread})))
        await old.execute(
            "INSERT INTO jobs (guild_id, kind, key, payload, due_at, created_at) "
            "VALUES (?, ?, 'build:4', ?, 100, 100)",
            (GUILD, FORGET_FOLLOW_UP_JOB, json.dumps(payload)),
        )
    async with await Store.open(path) as migrated:
        rows = await migrated.fetchall("SELECT build_id, thread_id FROM build_deletions")
    assert sorted(tuple(row) for row in rows) == [(4, 7), (5, None)]


async def test_a_forget_records_its_deletions_naming_nobody_with_the_threads_left(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    build = await builds.start(GUILD, OWNER, "Camper Carry", "1994 Suzuki Carry DA51T", None)
    await builds.set_post(build, 700, 701, 701, in_forum=True)
    data = BuildMemberData(store, clock).member_data()
    async with store.transaction():
        await data.forget(GUILD, OWNER, False)
    assert await builds.thread_was_deleted_builds(GUILD, 701)
    assert await builds.deletion(GUILD, build.id) == Deletion(
        "owner", None, FORMER_MEMBER, clock.now()
    )
    assert (await data.export(OWNER))["builds_deleted"] == {}


async def test_a_moderators_deletion_records_who_and_why_and_their_forget_keeps_only_why(
    store: Store, clock: ManualClock
) -> None:
    builds = BuildService(store, clock, JobQueue(store, clock))
    mine, theirs = await deleted_by_owner_and_moderator(builds)
    at = clock.now()
    assert await builds.deletion(GUILD, mine.id) == Deletion("owner", None, OWNER, at)
    assert await builds.deletion(GUILD, theirs.id) == Deletion(
        "moderator", None, OWNER, at, MODERATOR, "Plates shown"
    )
    data = BuildMemberData(store, clock).member_data()
    exported = (await data.export(MODERATOR))["builds_deleted_as_moderator"][GUILD]
    assert [(row["build_id"], row["reason"]) for row in exported] == [(theirs.id, "Plates shown")]

    async with store.transaction():
        await data.forget(GUILD, MODERATOR, False)
    assert await builds.deletion(GUILD, theirs.id) == Deletion(
        "moderator", None, OWNER, at, FORMER_MEMBER, "Plates shown"
    )
    assert (await data.export(MODERATOR))["builds_deleted_as_moderator"] == {}


async def test_0060_gives_a_moderators_deletions_from_before_the_reason_their_dm_gave(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0059", 59)) as old:
        await old.execute("INSERT INTO guilds (guild_id) VALUES (?)", (GUILD,))
        for build_id, by in ((4, "moderator"), (5, "moderator"), (6, "owner")):
            await old.execute(
                "INSERT INTO build_deletions (build_id, guild_id, owner_id, deleted_by, "
                "deleted_at) VALUES (?, ?, ?, ?, 100)",
                (build_id, GUILD, OWNER, by),
            )
        jobs: list[Job] = [
            ("builds.moderated", "4:deleted:q1", {"user_id": OWNER, "reason": "Plates shown"}),
            ("builds.moderated", "4:renamed:q0", {"user_id": OWNER, "reason": "Rude title"}),
            ("builds.moderated", "5:deleted:q2", {}),  # sent, its payload let go of
        ]
        await kept_jobs(old, jobs)
    async with await Store.open(path) as migrated:
        rows = await migrated.fetchall(
            "SELECT build_id, moderator_id, reason FROM build_deletions ORDER BY build_id"
        )
    assert [tuple(row) for row in rows] == [
        (4, None, "Plates shown"),
        (5, None, None),
        (6, None, None),
    ]
