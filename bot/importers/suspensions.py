"""What a suspension, or its lifting, tells the importer's member: a DM scheduled in the
transaction of the change and sent once by the outbox, also across a restart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import Handler, Job, JobQueue

IMPORTER_SUSPENSION_JOB = "importers.suspension_dm"


@dataclass(frozen=True)
class SuspensionNews:
    """A suspension (with the moderator's reason) or its lifting, as the importer reads it."""

    importer_name: str
    suspended: bool
    reason: str | None
    server: str  # the server's name, as the moderator's command saw it


SuspensionNotice = Callable[[SuspensionNews], str]


async def tell_member(
    jobs: JobQueue,
    clock: Clock,
    guild_id: int,
    importer_id: int,
    member_id: int,
    news: SuspensionNews,
) -> str:
    """Schedule the DM telling `member_id` of `news`, inside the caller's transaction; returns
    the job's key, for a caller who waits to say how it went. One job a change, numbered on
    from the importer's last (a finished one keeps its key for a while)."""
    prefix = f"{importer_id}:"
    numbers = [
        int(key.rsplit(":", 1)[1]) for key in await jobs.keys(IMPORTER_SUSPENSION_JOB, prefix)
    ]
    key = f"{prefix}{max(numbers, default=0) + 1}"
    await jobs.schedule(
        IMPORTER_SUSPENSION_JOB,
        key,
        clock.now(),
        payload={
            "user_id": member_id,
            "importer_name": news.importer_name,
            "suspended": news.suspended,
            "reason": news.reason,
            "server": news.server,
        },
        guild_id=guild_id,
    )
    return key


def suspension_handler(notice: SuspensionNotice) -> Handler:
    """The IMPORTER_SUSPENSION_JOB handler: the DM to the importer's member."""

    async def tell(job: Job) -> Outgoing:
        payload = job.payload
        news = SuspensionNews(
            payload["importer_name"], payload["suspended"], payload["reason"], payload["server"]
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
