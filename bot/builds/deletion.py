"""One build deleted by its owner or a moderator (`/build delete`), as /privacy forget deletes a
member's builds: everything recorded about it; what shows it elsewhere (its place on the open
Build of the Month ballots, its nominations' queue posts) lets go of it through the hooks
(`BuildService.when_deleted`); and, through the forget's follow-up job, its thread, card and
showcase post in Discord, which Keitora posted and so deletes. A moderator's deletion tells the
owner by DM, in the same transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.builds.model import Asker, Build, DeletedBy, Deletion, SinceScheduled
from bot.builds.moderated import (
    BuildDeleted,
    ModeratorChange,
    tell_owner_of_change,
)
from bot.builds.privacy import standing_threads
from bot.clock import Clock, from_unix, unix
from bot.errors import NotFound
from bot.jobs import JobQueue
from bot.privacy import Forgotten
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB, BuildThread, follow_up_payload
from bot.store import Store

# Run inside a build's deletion, before the build goes, with its server and number: what
# shows the build elsewhere (a ballot, a showcase post, a queue post) lets go of it, and says
# what of it in Discord the deletion's follow-up changes.
DeletedHook = Callable[[int, int], Awaitable[Forgotten]]


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


def why(build: Build, by: ModeratorChange | None) -> str:
    """Why the build's thread goes, as Discord's audit log shows it beside the deletion (which
    names Keitora, not who asked it to): a moderator's reason, when one deleted it."""
    if by is None:
        return f"Build #{build.id} was deleted with /build delete"
    given = f": {by.reason}" if by.reason else ""
    return f"Build #{build.id} was deleted by a moderator with /build delete{given}"


async def delete_build(
    store: Store,
    clock: Clock,
    jobs: JobQueue,
    build: Build,
    by: ModeratorChange | None,
    hooks: Sequence[DeletedHook],
    thread_kept: bool = False,
    question_id: int | None = None,
) -> BuildGone:
    """Delete `build` for good (NotFound once it is gone already, a second click);
    `thread_kept`, its thread stays, as Keitora may not delete it; `question_id`, the question
    whose click deletes it."""
    async with store.transaction():
        where = (build.guild_id, build.id)
        if not await store.fetchval("SELECT 1 FROM builds WHERE guild_id = ? AND id = ?", where):
            raise NotFound(f"There is no build #{build.id} in this server.")
        held = await contents(store, build)
        threads = await standing_threads(store, "guild_id = ? AND id = ?", where, why(build, by))
        done = Forgotten(build_threads=threads)
        # Before the build goes: what shows it elsewhere reads its rows there to let go of it.
        for hook in hooks:
            done = done.plus(await hook(build.guild_id, build.id))
        # Updates, parts, tags, nominations and the showcase post go with it (cascade).
        await store.execute("DELETE FROM builds WHERE guild_id = ? AND id = ?", where)
        now = clock.now()
        await store.execute(
            "INSERT INTO build_deletions "
            "(build_id, guild_id, owner_id, deleted_by, deleted_at, question, thread_id, "
            "moderator_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                build.id,
                build.guild_id,
                build.owner_id,
                _deleted_by(by),
                unix(now),
                question_id,
                build.thread_id,
                None if by is None else by.moderator_id,
                None if by is None else by.reason,
            ),
        )
        if by is not None:
            change = BuildDeleted(build.truck, build.has_thread and not thread_kept)
            await tell_owner_of_change(jobs, build, by, change, unix(now))
        if done.names_in_discord():
            await jobs.schedule(
                FORGET_FOLLOW_UP_JOB,
                f"build:{build.id}",  # a build's number is never used again
                now,
                payload=follow_up_payload(done),
                guild_id=build.guild_id,
            )
    return BuildGone(held, done.ballots)


async def since_scheduled(
    store: Store, guild_id: int, build_id: int, thread_id: int | None
) -> SinceScheduled:
    """What became of build `build_id` since a DM linking its thread `thread_id` (None: none)
    was scheduled."""
    row = await store.fetchone(
        "SELECT thread_deleted_at, locked_at FROM builds WHERE guild_id = ? AND id = ?",
        (guild_id, build_id),
    )
    if row is None:
        gone = await deletion(store, guild_id, build_id)
        return SinceScheduled(deleted=True, deleted_by=gone.by if gone else None)
    # Deleted before the DM was scheduled too (it then had no thread to link): said all the same.
    return SinceScheduled(
        thread_deleted=row["thread_deleted_at"] is not None, locked=row["locked_at"] is not None
    )


class BuildNotHere(NotFound):
    """A build named that this server no longer has: deleted (`deletion`, None when it never
    was one of this server's), worded as `asker` may be told it. The discord layer words a
    moderator's with who and when (cogs/_build_gone.py)."""

    def __init__(self, build_id: int, deletion: Deletion | None, asker: Asker | None) -> None:
        super().__init__(_gone_text(build_id, deletion, asker))
        self.build_id = build_id
        self.deletion = deletion


async def build_not_here(
    store: Store, guild_id: int, build_id: int, asker: Asker | None
) -> BuildNotHere:
    """Why the server has no build `build_id`: deleted (by whom as its deletion recorded it,
    to those it may be told, `Deletion.told_to`), or never one of this server's."""
    return BuildNotHere(build_id, await deletion(store, guild_id, build_id), asker)


def _gone_text(build_id: int, gone: Deletion | None, asker: Asker | None) -> str:
    if gone is None:
        return f"There is no build #{build_id} in this server."
    if not gone.told_to(asker):
        return f"Build #{build_id} was deleted."
    by = "a moderator" if gone.by == "moderator" else "its owner"
    return f"Build #{build_id} was deleted by {by}."


async def thread_was_deleted_builds(store: Store, guild_id: int, thread_id: int) -> bool:
    """Whether thread `thread_id` was the thread of a build deleted with /build delete or by
    its owner's forget (one left standing where Keitora may not delete threads)."""
    return bool(
        await store.fetchval(
            "SELECT 1 FROM build_deletions WHERE guild_id = ? AND thread_id = ?",
            (guild_id, thread_id),
        )
    )


def _deleted_by(by: ModeratorChange | None) -> DeletedBy:
    return "owner" if by is None else "moderator"


async def deletion(store: Store, guild_id: int, build_id: int) -> Deletion | None:
    """Who deleted build `build_id` of the server (with /build delete, or its owner's forget,
    recorded as the owner's), why, and through which question, as it went; None when nothing
    recorded it (one from before deletions were recorded that no kept job told of, or a
    forget's from before its deletions were)."""
    row = await store.fetchone(
        "SELECT deleted_by, question, owner_id, deleted_at, moderator_id, reason "
        "FROM build_deletions "
        "WHERE guild_id = ? AND build_id = ?",
        (guild_id, build_id),
    )
    if row is None:
        return None
    return Deletion(
        row["deleted_by"],
        row["question"],
        row["owner_id"],
        from_unix(row["deleted_at"]),
        row["moderator_id"],
        row["reason"],
    )


async def record_post(
    store: Store,
    clock: Clock,
    jobs: JobQueue,
    build: Build,
    posted: BuildThread,
    card_in_thread: bool,
) -> bool:
    """Record where the card and thread of `build` were posted (`card_in_thread`, a forum
    post's, whose card goes with its thread); False when the build was deleted while they
    were on their way (/build delete, /privacy forget), finding no thread to delete: they are
    deleted then, through the follow-up job its deletion schedules."""
    async with store.transaction():
        if await store.execute(
            "UPDATE builds SET channel_id = ?, thread_id = ?, starter_id = ?, card_in_thread = ? "
            "WHERE guild_id = ? AND id = ?",
            (
                posted.channel_id,
                posted.thread_id,
                posted.starter_id,
                int(card_in_thread),
                build.guild_id,
                build.id,
            ),
        ):
            return True
        # A thread that Keitora may not delete stays: its commands are refused as a deleted
        # build's, as the deletion would have recorded it had the thread been started first.
        await store.execute(
            "UPDATE build_deletions SET thread_id = ? "
            "WHERE guild_id = ? AND build_id = ? AND thread_id IS NULL",
            (posted.thread_id, build.guild_id, build.id),
        )
        late = posted._replace(
            reason=f"Build #{build.id} was deleted before its thread was started"
        )
        await jobs.schedule(
            FORGET_FOLLOW_UP_JOB,
            f"build:{build.id}:late",  # beside its deletion's own job, `build:{id}`, if any
            clock.now(),
            payload=follow_up_payload(Forgotten(build_threads=frozenset({late}))),
            guild_id=build.guild_id,
        )
    return False
