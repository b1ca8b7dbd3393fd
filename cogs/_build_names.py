"""A renamed build's thread takes its new name, through the renames every sort of thread takes
(cogs/_thread_names.py): at once when Discord allows, else by the thread-name job
(BUILD_THREAD_NAME_JOB) the rename scheduled in its transaction."""

from __future__ import annotations

import logging

from bot.builds import Build, BuildService
from bot.client import KeitoraBot
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import Job
from bot.privacy import FORMER_MEMBER
from bot.thread_names import LOCKED_GIVE_UP, Naming, thread_name
from cogs._build_posts import BuildPosts
from cogs._text import quoted
from cogs._thread_names import TitledThreads, failed_text, spent_text

log = logging.getLogger(__name__)


class ThreadNames(TitledThreads[Build]):
    """Gives builds' threads their titles, within Discord's renames (BUILD_THREAD_NAME_JOB)."""

    field = "build_id"

    def __init__(self, bot: KeitoraBot, posts: BuildPosts) -> None:
        super().__init__(bot)
        self.posts = posts
        self.service: BuildService = bot.services.builds

    async def item(self, guild_id: int, item_id: int) -> Build:
        return await self.service.get(guild_id, item_id)

    async def follow(self, build: Build) -> str:
        """Rename the build's thread after its title changed, and settle the thread-name job;
        returns what the member is told about the thread."""
        naming = await self.name(build)
        await self.service.thread_names.settled(build.id, naming.retry_at(self.bot.clock.now()))
        if naming.locked():
            return (
                f"\nIts thread keeps its name while {naming.refused}; it takes the new title "
                "by itself once it is unlocked. The card shows it already."
            )
        if naming.refused is not None:
            return (
                f"\nIts thread could not be renamed ({naming.refused}); the card shows the new "
                "title. Keitora tries again for a while, and at once when the builds forum's "
                "permissions change; after that, `/build rename` with the same title asks again."
            )
        if naming.until is not None:
            return spent_text(naming.mention, naming.until)
        if naming.failed:
            return failed_text(naming.mention)
        return f"\nIts thread is {naming.mention}." if naming.mention else ""

    async def name(self, build: Build) -> Naming:
        if build.thread_id is None:
            return Naming()
        naming = await self.namer.name(
            build.thread_id,
            lambda: self.posts.thread_of(build),
            thread_name(build.title),
            what=f"build {build.id}",
        )
        if naming.gone:
            await self.service.thread_deleted(build.guild_id, build.thread_id)
        return naming

    async def given_up(self, job: Job, build: Build, naming: Naming) -> Outgoing | None:
        """Its owner is told once (by the job of the build's latest rename, the older ones
        letting go silently)."""
        log.info("build %s's thread stays locked in Discord: its rename is given up", build.id)
        if build.owner_id == FORMER_MEMBER or not await self.service.thread_names.is_latest(
            build.id, job.key
        ):
            return None
        days = LOCKED_GIVE_UP.days
        told = (
            f"The thread of your build {quoted(build.title)} (#{build.id}), {naming.mention}, is "
            f"still locked in Discord {days} days after you renamed the build, so it keeps its "
            "old name; Keitora has stopped waiting for it to be unlocked. Once it is, "
            "`/build rename` with the same title renames it."
        )
        return Outgoing(DirectMessage(build.owner_id), told)
