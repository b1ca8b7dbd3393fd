"""What a lock tells the build's owner: a DM, scheduled in the transaction of the lock (or the
unlock) and sent once by the outbox."""

from __future__ import annotations

from bot.builds.model import BUILD_LOCK_JOB, Build, LockNews, LockNotice
from bot.clock import from_unix
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy import FORMER_MEMBER


async def tell_owner(
    jobs: JobQueue, build: Build, change: int, at: int, server: str | None
) -> None:
    """Schedule the DM telling the owner of `build`, as just locked or unlocked at `at` (its
    `change`-th lock or unlock) by a moderator of `server` (its name), inside the caller's
    transaction: who owns it is read there, so a member forgotten before is not told, and one
    forgotten after has the DM deleted unsent."""
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
            "thread_id": None if build.thread_deleted else build.thread_id,
        },
        guild_id=build.guild_id,
    )


def lock_handler(notice: LockNotice) -> Handler:
    """The BUILD_LOCK_JOB handler: the DM telling an owner their build was locked or unlocked."""

    async def tell(job: Job) -> Outgoing | None:
        if job.guild_id is None:
            raise GiveUp("a lock without a server")
        payload = job.payload
        news = LockNews(
            job.guild_id,
            payload["build_id"],
            payload["title"],
            payload["locked"],
            payload["reason"],
            payload["closed"],
            payload.get("server"),
            payload.get("thread_id"),
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
