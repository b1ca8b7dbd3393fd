"""What a moderator's change to an importer tells its member: a suspension or its lifting, a
feed removed or replaced, a new name or trust, and the importer's removal. A DM scheduled in the
transaction of the change and sent once by the outbox, also across a restart."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from bot.clock import Clock
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import Handler, Job, JobQueue

IMPORTER_SUSPENSION_JOB = "importers.suspension_dm"
IMPORTER_FEED_CHANGED_JOB = "importers.feed_changed_dm"
IMPORTER_PROFILE_CHANGED_JOB = "importers.profile_changed_dm"
IMPORTER_REMOVED_JOB = "importers.removed_dm"


@dataclass(frozen=True)
class SuspensionNews:
    """A suspension (with the moderator's reason) or its lifting, as the importer reads it."""

    importer_name: str
    suspended: bool
    reason: str | None
    server: str  # the server's name, as the moderator's command saw it
    # What a lifted suspension held back: waiting for a moderator again, and on its way now
    # (none told for a DM scheduled before these were counted).
    waiting: int = 0
    on_the_way: int = 0


@dataclass(frozen=True)
class ProfileNews:
    """A moderator renamed the importer (`new_name`), or changed whether its announcements are
    posted without review (`trusted`); None for what did not change."""

    importer_name: str  # the name it had
    new_name: str | None
    trusted: bool | None
    server: str


@dataclass(frozen=True)
class FeedNews:
    """A moderator removed the importer's feed (`feed_url` is None) or set it to `feed_url`,
    and in the same edit maybe renamed it or changed its trust (`also`, told in the same DM)."""

    importer_name: str  # as the edit calls it
    old_feed_url: str | None
    feed_url: str | None
    server: str  # the server's name, as the moderator's command saw it
    also: ProfileNews | None = None


@dataclass(frozen=True)
class RemovalNews:
    """The moderators removed the importer: what of it will never be posted (by title) and how
    many posted announcements stay up, naming a former importer."""

    importer_name: str
    server: str
    waited: Sequence[str]  # waited for a moderator
    on_the_way: Sequence[str]  # approved (or trusted), not sent yet
    kept: int


News = TypeVar("News", SuspensionNews, FeedNews, ProfileNews, RemovalNews)
SuspensionNotice = Callable[[SuspensionNews], str]
FeedNewsNotice = Callable[[FeedNews], str]
ProfileNewsNotice = Callable[[ProfileNews], str]
RemovalNotice = Callable[[RemovalNews], str]
_KINDS: dict[type, str] = {
    SuspensionNews: IMPORTER_SUSPENSION_JOB,
    FeedNews: IMPORTER_FEED_CHANGED_JOB,
    ProfileNews: IMPORTER_PROFILE_CHANGED_JOB,
    RemovalNews: IMPORTER_REMOVED_JOB,
}


async def tell_member(
    jobs: JobQueue,
    clock: Clock,
    guild_id: int,
    importer_id: int,
    member_id: int,
    news: SuspensionNews | FeedNews | ProfileNews | RemovalNews,
) -> str:
    """Schedule the DM telling `member_id` of `news`, inside the caller's transaction; returns
    the job's key, for a caller who waits to say how it went. One job a change, numbered on
    from the importer's last (a finished one keeps its key for a while)."""
    kind = _KINDS[type(news)]
    prefix = f"{importer_id}:"
    numbers = [int(key.rsplit(":", 1)[1]) for key in await jobs.keys(kind, prefix)]
    key = f"{prefix}{max(numbers, default=0) + 1}"
    payload: dict[str, Any] = {"user_id": member_id, **asdict(news)}
    await jobs.schedule(kind, key, clock.now(), payload=payload, guild_id=guild_id)
    return key


def suspension_handler(notice: SuspensionNotice) -> Handler:
    """The IMPORTER_SUSPENSION_JOB handler: the DM to the importer's member."""
    return _handler(notice, SuspensionNews)


def feed_changed_handler(notice: FeedNewsNotice) -> Handler:
    """The IMPORTER_FEED_CHANGED_JOB handler: the DM to the importer's member."""
    return _handler(notice, FeedNews)


def profile_changed_handler(notice: ProfileNewsNotice) -> Handler:
    """The IMPORTER_PROFILE_CHANGED_JOB handler: the DM to the importer's member."""
    return _handler(notice, ProfileNews)


def removed_handler(notice: RemovalNotice) -> Handler:
    """The IMPORTER_REMOVED_JOB handler: the DM to the removed importer's member."""
    return _handler(notice, RemovalNews)


def _handler(notice: Callable[[News], str], news: type[News]) -> Handler:
    async def tell(job: Job) -> Outgoing:
        fields = {key: value for key, value in job.payload.items() if key != "user_id"}
        if fields.get("also") is not None:  # stored as its fields
            fields["also"] = ProfileNews(**fields["also"])
        return Outgoing(DirectMessage(job.payload["user_id"]), notice(news(**fields)))

    return tell
