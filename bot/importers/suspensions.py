"""What a moderator's change to an importer tells its member: a suspension or its lifting, and
a feed removed or replaced. A DM scheduled in the transaction of the change and sent once by
the outbox, also across a restart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.clock import Clock
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import Handler, Job, JobQueue

IMPORTER_SUSPENSION_JOB = "importers.suspension_dm"
IMPORTER_FEED_CHANGED_JOB = "importers.feed_changed_dm"


@dataclass(frozen=True)
class SuspensionNews:
    """A suspension (with the moderator's reason) or its lifting, as the importer reads it."""

    importer_name: str
    suspended: bool
    reason: str | None
    server: str  # the server's name, as the moderator's command saw it


@dataclass(frozen=True)
class FeedNews:
    """A moderator removed the importer's feed (`feed_url` is None) or set it to `feed_url`."""

    importer_name: str
    old_feed_url: str | None
    feed_url: str | None
    server: str  # the server's name, as the moderator's command saw it


News = TypeVar("News", SuspensionNews, FeedNews)
SuspensionNotice = Callable[[SuspensionNews], str]
FeedNewsNotice = Callable[[FeedNews], str]


async def tell_member(
    jobs: JobQueue,
    clock: Clock,
    guild_id: int,
    importer_id: int,
    member_id: int,
    news: SuspensionNews | FeedNews,
) -> str:
    """Schedule the DM telling `member_id` of `news`, inside the caller's transaction; returns
    the job's key, for a caller who waits to say how it went. One job a change, numbered on
    from the importer's last (a finished one keeps its key for a while)."""
    kind = (
        IMPORTER_SUSPENSION_JOB if isinstance(news, SuspensionNews) else IMPORTER_FEED_CHANGED_JOB
    )
    prefix = f"{importer_id}:"
    numbers = [int(key.rsplit(":", 1)[1]) for key in await jobs.keys(kind, prefix)]
    key = f"{prefix}{max(numbers, default=0) + 1}"
    payload: dict[str, Any] = {"user_id": member_id, **vars(news)}
    await jobs.schedule(kind, key, clock.now(), payload=payload, guild_id=guild_id)
    return key


def suspension_handler(notice: SuspensionNotice) -> Handler:
    """The IMPORTER_SUSPENSION_JOB handler: the DM to the importer's member."""
    return _handler(notice, SuspensionNews)


def feed_changed_handler(notice: FeedNewsNotice) -> Handler:
    """The IMPORTER_FEED_CHANGED_JOB handler: the DM to the importer's member."""
    return _handler(notice, FeedNews)


def _handler(notice: Callable[[News], str], news: type[News]) -> Handler:
    async def tell(job: Job) -> Outgoing:
        fields = {key: value for key, value in job.payload.items() if key != "user_id"}
        return Outgoing(DirectMessage(job.payload["user_id"]), notice(news(**fields)))

    return tell
