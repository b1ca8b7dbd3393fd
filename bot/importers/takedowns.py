"""What a moderator's take-down tells the importer: their announcement came down, and who took
it down. A DM scheduled in the take-down's transaction and sent once by the outbox, also
across a restart; worded by the discord layer when it is scheduled, since the words are the
moderator's command's to choose."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import Clock
from bot.delivery import DirectMessage, Outgoing
from bot.importers.values import Announcement
from bot.jobs import Job, JobQueue

IMPORTER_TAKEN_DOWN_JOB = "importers.taken_down_dm"

# The announcement a moderator took down, and whether it had been posted (else it was on its
# way) -> the DM to its importer's member.
TakenDownNotice = Callable[[Announcement, bool], str]


async def tell_importer(
    jobs: JobQueue, clock: Clock, announcement: Announcement, notice: str
) -> None:
    """Schedule the DM (`notice`) telling the importer's member that a moderator took
    `announcement` down, inside the caller's transaction (one a take-down: an announcement
    comes down once)."""
    await jobs.schedule(
        IMPORTER_TAKEN_DOWN_JOB,
        f"{announcement.guild_id}:{announcement.id}",
        clock.now(),
        payload={"user_id": announcement.importer_member_id, "content": notice},
        guild_id=announcement.guild_id,
    )


async def taken_down_dm(job: Job) -> Outgoing:
    """The IMPORTER_TAKEN_DOWN_JOB handler: the DM to the importer's member."""
    return Outgoing(DirectMessage(job.payload["user_id"]), job.payload["content"])
