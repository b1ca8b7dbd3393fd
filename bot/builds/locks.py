"""Moderators lock a build and unlock it; what a lock tells the build's owner is a DM, scheduled
in the transaction of the lock (or the unlock) and sent once by the outbox."""

from __future__ import annotations

import logging

from bot.builds.model import (
    BUILD_LOCK_JOB,
    BUILD_THREAD_NAME_JOB,
    Build,
    LockHook,
    LockNews,
    LockNotice,
    SinceReader,
)
from bot.builds.values import moderator_reason
from bot.clock import Clock, from_unix, unix
from bot.delivery import DirectMessage, Outgoing
from bot.errors import UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy import FORMER_MEMBER
from bot.store import Store

log = logging.getLogger(__name__)


class BuildLocks:
    """Locking and unlocking builds; `BuildService` is one, and gives it `get` and `_set`."""

    _store: Store
    _clock: Clock
    _jobs: JobQueue
    _lock_hooks: list[LockHook]  # `BuildService.when_lock_changes`

    async def lock(
        self, build: Build, moderator_id: int, reason: str | None, server: str | None = None
    ) -> Build:
        """Lock the build, once however many moderators click; its owner is told by DM (naming
        `server`) and the hooks (`when_lock_changes`) run, both in the lock's transaction."""
        text = moderator_reason(reason)
        now = unix(self._clock.now())
        async with self._store.transaction():
            if (await self.get(build.guild_id, build.id)).locked:
                raise UserError(f"Build #{build.id} is locked already.")
            await self._set(
                build,
                "locked_at = ?, locked_by = ?, lock_reason = ?, lock_changes = lock_changes + 1",
                now,
                moderator_id,
                text,
            )
            locked = await self.get(build.guild_id, build.id)
            await self._told_and_hooked(locked, now, server)
        log.info("build %s locked by %s: %s", build.id, moderator_id, text)
        return locked

    async def unlock(self, build: Build, server: str | None = None) -> Build:
        """Unlock the build, once; its owner is told by DM (naming `server`) and the hooks run,
        in the same transaction."""
        now = unix(self._clock.now())
        async with self._store.transaction():
            if not (await self.get(build.guild_id, build.id)).locked:
                raise UserError(f"Build #{build.id} is not locked.")
            await self._set(
                build,
                "locked_at = NULL, locked_by = NULL, lock_reason = NULL, "
                "lock_changes = lock_changes + 1",
            )
            unlocked = await self.get(build.guild_id, build.id)
            await self._told_and_hooked(unlocked, now, server)
        return unlocked

    async def _told_and_hooked(self, build: Build, now: int, server: str | None) -> None:
        """The owner's DM and the hooks of the lock or unlock that left `build` as it is."""
        # How many times the build was locked or unlocked: what tells one change's DM (and
        # ballot refresh) from the next, however close together they come.
        change = int(
            await self._store.fetchval("SELECT lock_changes FROM builds WHERE id = ?", (build.id,))
        )
        # A rename waiting for Discord then waits for the unlock too (its thread is locked).
        renaming = build.locked and bool(
            await self._jobs.pending_keys(BUILD_THREAD_NAME_JOB, f"{build.id}:")
        )
        await tell_owner(self._jobs, build, change, now, server, renaming=renaming)
        for hook in self._lock_hooks:
            await hook(build, change)


async def tell_owner(
    jobs: JobQueue,
    build: Build,
    change: int,
    at: int,
    server: str | None,
    *,
    renaming: bool = False,
) -> None:
    """Schedule the DM telling the owner of `build`, as just locked or unlocked at `at` (its
    `change`-th lock or unlock) by a moderator of `server` (its name), inside the caller's
    transaction: who owns it is read there, so a member forgotten before is not told, and one
    forgotten after has the DM deleted unsent. `renaming`: its thread's new name waits for the
    unlock."""
    if build.owner_id == FORMER_MEMBER:
        return
    await jobs.schedule(
        BUILD_LOCK_JOB,
        f"{build.id}:{change}",
        from_unix(at),
        payload={
            "user_id": build.owner_id,
            "build_id": build.id,
            "title": build.title,
            "locked": build.locked,
            "reason": build.lock_reason,
            "closed": build.closed,
            "server": server,
            "thread_id": build.thread_id if build.has_thread else None,
            "renaming": renaming,
        },
        guild_id=build.guild_id,
    )


def lock_handler(notice: LockNotice, since: SinceReader) -> Handler:
    """The BUILD_LOCK_JOB handler: the DM telling an owner their build was locked or unlocked,
    and, read by `since` (`BuildService.since_scheduled`) as it goes, whether its thread or
    the build went meanwhile: a thread deleted is not linked."""

    async def tell(job: Job) -> Outgoing | None:
        if job.guild_id is None:
            raise GiveUp("a lock without a server")
        payload = job.payload
        thread_id = payload.get("thread_id")
        became = await since(job.guild_id, payload["build_id"], thread_id)
        news = LockNews(
            job.guild_id,
            payload["build_id"],
            payload["title"],
            payload["locked"],
            payload["reason"],
            payload["closed"],
            payload.get("server"),
            became.linking(thread_id),
            became,
            payload.get("renaming", False),  # none in DMs scheduled before it was said
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
