"""A renamed build's thread takes its new name: at once when Discord allows, else once it does.

Discord renames one thread at most twice in ten minutes and answers a further rename with a 429
whose wait discord.py would sit out in full, minutes on end. So a rename is made only when this
process's own count allows it, and one Discord refuses all the same (renames by others, or before
a restart) is left at once to the thread-name job (BUILD_THREAD_NAME_JOB), which the rename
scheduled in its transaction, due when Discord said the renames free up.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord

from bot.builds import Build, BuildService
from bot.builds.names import (
    LOCKED_GIVE_UP,
    LOCKED_RECHECK,
    REFUSED_RETRY,
    ThreadRenames,
    locked_too_long,
    thread_name,
)
from bot.client import KeitoraBot
from bot.delivery import DirectMessage, Outgoing
from bot.errors import NotFound
from bot.jobs import GiveUp, Job, NotYet, TryAgain
from bot.privacy import FORMER_MEMBER
from bot.turns import Turns
from cogs._build_posts import BuildPosts
from cogs._text import quoted

log = logging.getLogger(__name__)

# Seconds a rename may take: longer is Discord holding it back for minutes, not the network.
RENAME_WAIT = 5.0


def answering_429s_at_once(http: discord.http.HTTPClient) -> discord.http.HTTPClient:
    """The bot's HTTP client (its session, login and global limit), but raising
    `discord.RateLimited` on a 429 instead of sleeping it out. Its own buckets: one of the bot's
    buckets made by it would make the bot's other calls raise too."""
    impatient = copy.copy(http)
    impatient.max_ratelimit_timeout = sys.float_info.min
    impatient._buckets = {}
    return impatient


@dataclass(frozen=True)
class Naming:
    """How a rename of a thread went: done (or nothing to do); to wait `until` (Discord's
    renames spent; with `refused`, the thread locked in Discord); or `refused` outright."""

    until: datetime | None = None
    refused: str | None = None
    mention: str = ""


class ThreadNames:
    """Gives builds' threads their titles, within Discord's renames; one per bot."""

    def __init__(self, bot: KeitoraBot, posts: BuildPosts) -> None:
        self.bot = bot
        self.posts = posts
        self.service: BuildService = bot.services.builds
        self.renames = ThreadRenames(bot.clock)
        self._turns: Turns[int] = Turns()

    async def follow(self, build: Build) -> str:
        """Rename the build's thread after its title changed, and settle the thread-name job;
        returns what the member is told about the thread."""
        naming = await self.name(build)
        retry = naming.until
        if naming.refused is not None and retry is None:
            retry = self.bot.clock.now() + REFUSED_RETRY  # the job asks again, backing off
        await self.service.thread_name_settled(build, retry)
        if naming.refused is not None and naming.until is not None:
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
            when = discord.utils.format_dt(naming.until, "R")
            return (
                f"\nDiscord renames a thread at most twice in 10 minutes, so {naming.mention} "
                f"takes the new name {when}, by itself."
            )
        return f"\nIts thread is {naming.mention}." if naming.mention else ""

    async def name(self, build: Build) -> Naming:
        """Give the build's thread its title as its name, now or never waiting for Discord."""
        if build.thread_id is None:
            return Naming()
        # One rename of a thread at a time: a member's rename and a due job (or two quick
        # renames) would each find a rename free and spend both of Discord's together.
        async with self._turns.turn(build.thread_id):
            return await self._name(build)

    async def _name(self, build: Build) -> Naming:
        thread = await self.posts.thread_of(build)
        if thread is None:
            return Naming()
        wanted = thread_name(build.title)
        if thread.name == wanted:
            return Naming(mention=thread.mention)
        if (until := self.renames.free_at(thread.id)) is not None:
            return Naming(until=until, mention=thread.mention)
        if thread.locked:
            # Unlocking it wakes the job (BuildEventsCog); the wait covers an unlock unseen.
            locked = f"a moderator locked {thread.mention} in Discord"
            recheck = self.bot.clock.now() + LOCKED_RECHECK
            return Naming(until=recheck, refused=locked, mention=thread.mention)
        was_archived = thread.archived
        try:
            if was_archived:
                thread = await thread.edit(archived=False)  # read-only while archived
            # Apart from reopening: a rename Discord holds back changes nothing it carries.
            async with asyncio.timeout(RENAME_WAIT):
                await answering_429s_at_once(self.bot.http).edit_channel(thread.id, name=wanted)
        except TimeoutError:
            log.warning("the rename of build %s's thread was held back by Discord", build.id)
            return Naming(until=self.renames.refused(thread.id), mention=thread.mention)
        except discord.RateLimited as limited:
            wait = timedelta(seconds=limited.retry_after)
            return Naming(until=self.renames.refused(thread.id, wait), mention=thread.mention)
        except discord.NotFound:
            await self.service.thread_deleted(build.guild_id, thread.id)
            return Naming()
        except discord.Forbidden as refused:
            return Naming(refused=f"Discord said: {refused.text or 'missing permissions'}")
        finally:
            if was_archived and not thread.archived:
                await self._archive_again(build, thread)
        self.renames.renamed(thread.id)
        return Naming(mention=thread.mention)

    async def _archive_again(self, build: Build, thread: discord.Thread) -> None:
        """Idle builds stay out of the way: archive the thread reopened for its rename, within
        the rename's bound, as a 429 on the rename may hold the thread's edits for minutes.
        Failing is only logged, not the rename's outcome: Discord archives an idle thread."""
        try:
            async with asyncio.timeout(RENAME_WAIT):
                await thread.edit(archived=True)
        except (TimeoutError, discord.HTTPException) as failed:
            log.warning("build %s's thread stays open after its rename: %r", build.id, failed)

    async def _given_up(self, job: Job, build: Build, naming: Naming) -> Outgoing | None:
        """A thread locked in Discord since long before: the rename is let go, its owner told
        once (by the job of the build's latest rename, the older ones letting go silently)."""
        log.info("build %s's thread stays locked in Discord: its rename is given up", build.id)
        if build.owner_id == FORMER_MEMBER or not await self.service.is_latest_thread_name(
            build, job.key
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

    async def handle(self, job: Job) -> Outgoing | None:
        """The BUILD_THREAD_NAME_JOB handler: the thread takes the build's title, when the
        renames allow (its title read now, so renames in a row end in the last one)."""
        if job.guild_id is None:
            raise GiveUp("a thread name without a server")
        try:
            build = await self.service.get(job.guild_id, int(job.payload["build_id"]))
        except NotFound:
            return None  # deleted meanwhile, thread and all
        naming = await self.name(build)
        if naming.refused is not None and naming.until is not None:
            # A job scheduled before renames were dated in its payload: it was scheduled with
            # the rename, so it is as old as that.
            renamed_at = int(job.payload.get("renamed_at", job.created_at))
            if locked_too_long(renamed_at, self.bot.clock.now()):
                return await self._given_up(job, build, naming)
        if naming.until is not None:
            spent = "Discord's renames of the thread are spent for now"
            raise NotYet(naming.until, naming.refused or spent)
        if naming.refused is not None:
            raise TryAgain(naming.refused)  # permissions may be granted: ask again, backing off
        return None
