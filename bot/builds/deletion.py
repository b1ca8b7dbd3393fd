"""One build deleted by its owner or a moderator (`/build delete`), as /privacy forget deletes a
member's builds: everything recorded about it, its place on the open Build of the Month ballots,
its nominations' queue posts, and, through the forget's follow-up job, its thread, card and
showcase post in Discord, which Keitora posted and so deletes. A moderator's deletion tells the
owner by DM, in the same transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.builds.model import Build
from bot.builds.moderated import BuildDeleted, ModeratorChange, tell_owner_of_change
from bot.clock import Clock, unix
from bot.errors import NotFound
from bot.jobs import JobQueue
from bot.modqueue import withdrawn_posts
from bot.privacy import Forgotten
from bot.privacy.posts import (
    FORGET_FOLLOW_UP_JOB,
    BuildThread,
    ShowcasePost,
    follow_up_payload,
)
from bot.store import Store


@dataclass(frozen=True)
class Contents:
    """What a build's deletion takes with it, as the question before it counts."""

    updates: int  # those posted or recorded; one held for an odometer question was never seen
    parts: int


@dataclass(frozen=True)
class BuildGone:
    contents: Contents
    ballots: frozenset[int]  # the open ballots it left


async def contents(store: Store, build: Build) -> Contents:
    updates = await store.fetchval(
        "SELECT count(*) FROM build_updates WHERE build_id = ? AND state = 'recorded'",
        (build.id,),
    )
    parts = await store.fetchval("SELECT count(*) FROM build_parts WHERE build_id = ?", (build.id,))
    return Contents(int(updates), int(parts))


async def delete_build(
    store: Store, clock: Clock, jobs: JobQueue, build: Build, by: ModeratorChange | None
) -> BuildGone:
    """Delete `build` for good (NotFound once it is gone already, a second click)."""
    # Imported here: the showcase imports bot.builds, whose package imports this module.
    from bot.showcase.values import NOMINATION_KIND
    from bot.showcase.withdrawals import BallotWithdrawals

    async with store.transaction():
        row = await store.fetchone(
            "SELECT channel_id, thread_id, starter_id, thread_deleted_at, (SELECT "
            "json_group_array(message_id) FROM build_updates WHERE build_id = builds.id AND "
            "message_id IS NOT NULL) AS update_ids FROM builds WHERE guild_id = ? AND id = ?",
            (build.guild_id, build.id),
        )
        if row is None:
            raise NotFound(f"There is no build #{build.id} in this server.")
        held = await contents(store, build)
        ballots = await store.fetchall(
            "SELECT c.ballot_id FROM showcase_candidates AS c JOIN showcase_ballots AS b "
            "ON b.id = c.ballot_id WHERE c.build_id = ? AND b.closed_at IS NULL "
            "AND b.message_id IS NOT NULL",
            (build.id,),
        )
        await BallotWithdrawals(store, clock, jobs).withdraw(build.guild_id, [build.id])
        # Votes for it on closed ballots refer to its candidacies, deleted with it.
        await store.execute("DELETE FROM showcase_votes WHERE build_id = ?", (build.id,))
        # Its nominations' queue posts (the waiting one, and decided ones naming it): their
        # buttons would name nominations that are gone.
        leads = await store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations WHERE build_id = ? "
            "GROUP BY status, decided_at",
            (build.id,),
        )
        queue_posts = await withdrawn_posts(
            store, build.guild_id, NOMINATION_KIND, (lead["lead"] for lead in leads)
        )
        posts = await store.fetchall(
            "SELECT build_id, channel_id, message_id FROM showcase_posts WHERE build_id = ? "
            "AND message_id IS NOT NULL",
            (build.id,),
        )
        threads: frozenset[BuildThread] = frozenset()
        if row["thread_id"] is not None and row["thread_deleted_at"] is None:
            update_ids = tuple(json.loads(row["update_ids"]))
            threads = frozenset(
                [BuildThread(row["channel_id"], row["thread_id"], row["starter_id"], update_ids)]
            )
        # Updates, parts, tags, nominations and the showcase post go with it (cascade).
        await store.execute(
            "DELETE FROM builds WHERE guild_id = ? AND id = ?", (build.guild_id, build.id)
        )
        now = clock.now()
        if by is not None:
            await tell_owner_of_change(jobs, build, by, BuildDeleted(build.truck), unix(now))
        done = Forgotten(
            showcase_posts=frozenset(ShowcasePost(*post) for post in posts),
            ballots=frozenset(ballot["ballot_id"] for ballot in ballots),
            queue_posts=queue_posts,
            build_threads=threads,
        )
        if done.names_in_discord():
            await jobs.schedule(
                FORGET_FOLLOW_UP_JOB,
                f"build:{build.id}",  # a build's number is never used again
                now,
                payload=follow_up_payload(done),
                guild_id=build.guild_id,
            )
    return BuildGone(held, done.ballots)
