"""What a moderator's take-down tells the importer: their announcement came down, and who took
it down. A DM scheduled in the take-down's transaction and sent once by the outbox, also
across a restart; the job keeps the facts, worded by the discord layer when it is sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock, from_unix
from bot.delivery import DirectMessage, Outgoing
from bot.importers.values import REPEAT_WINDOW, Announcement
from bot.jobs import Handler, Job, JobQueue

IMPORTER_TAKEN_DOWN_JOB = "importers.taken_down_dm"


@dataclass(frozen=True)
class TakenDownNews:
    """An announcement a moderator took down, as its importer reads it."""

    title: str
    importer_name: str
    counts_toward_limit: bool  # a feed's polled item does not; a new address's newest does
    posted: bool  # else it was on its way, so never shown
    server: str  # the server's name, as the moderator's command saw it
    # Until when the same announcement is refused (typed again, or repeated by the feed).
    repeats_refused_until: datetime


TakenDownNotice = Callable[[TakenDownNews], str]


async def tell_importer(
    jobs: JobQueue, clock: Clock, announcement: Announcement, *, posted: bool, server: str
) -> None:
    """Schedule the DM telling the importer's member that a moderator took `announcement` down,
    inside the caller's transaction (one a take-down: an announcement comes down once, so its
    job is keyed by it: `dm_key`)."""
    await jobs.schedule(
        IMPORTER_TAKEN_DOWN_JOB,
        dm_key(announcement),
        clock.now(),
        payload={
            "user_id": announcement.importer_member_id,
            "title": announcement.title,
            "importer_name": announcement.importer_name,
            "counts_toward_limit": announcement.counts_toward_limit,
            "posted": posted,
            "server": server,
        },
        guild_id=announcement.guild_id,
    )


def dm_key(announcement: Announcement) -> str:
    """The key of the DM about `announcement`'s take-down, for a caller who waits to say how
    it went."""
    return f"{announcement.guild_id}:{announcement.id}"


def taken_down_handler(notice: TakenDownNotice) -> Handler:
    """The IMPORTER_TAKEN_DOWN_JOB handler: the DM to the importer's member."""

    async def tell(job: Job) -> Outgoing:
        payload = job.payload
        news = TakenDownNews(
            payload["title"],
            payload["importer_name"],
            # Scheduled before this was kept, it named the source: then no feed item counted.
            payload.get("counts_toward_limit", payload.get("source") != "feed"),
            payload["posted"],
            payload["server"],
            # Scheduled in the take-down's transaction, at the time its record keeps.
            from_unix(job.created_at) + REPEAT_WINDOW,
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
