"""A thread takes a new name: at once when Discord allows, else once it does; for every sort of
thread Keitora names after what it is about (builds, meetups).

Discord renames one thread at most twice in ten minutes and answers a further rename with a 429
whose wait discord.py would sit out in full, minutes on end. So a rename is made only when this
process's own count allows it, and one Discord refuses all the same (renames by others, or before
a restart) is left at once to the thread-name job the change scheduled in its transaction
(bot/thread_names.py), due when Discord said the renames free up.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

import discord

from bot.client import KeitoraBot
from bot.client.adapters import answering_429s_at_once
from bot.delivery import Outgoing
from bot.errors import NotFound
from bot.jobs import GiveUp, Job
from bot.thread_names import LOCKED_RECHECK, Naming, locked_too_long

log = logging.getLogger(__name__)

T = TypeVar("T")

# Seconds a rename may take: longer is Discord holding it back for minutes, not the network.
RENAME_WAIT = 5.0
THREAD_ARCHIVED = 50083  # Discord's code for an edit of an archived thread


def spent_text(mention: str, until: datetime) -> str:
    """What a member is told of a rename waiting for Discord's renames to free up."""
    when = discord.utils.format_dt(until, "R")
    return (
        f"\nDiscord renames a thread at most twice in 10 minutes, so {mention} "
        f"takes the new name {when}, by itself."
    )


def failed_text(mention: str) -> str:
    """What a member is told of a rename Discord's servers failed, the change itself saved."""
    return (
        f"\nDiscord failed to rename {mention} just now; it takes the new name by itself shortly."
    )


class ThreadNamer:
    """Renames threads within Discord's renames, never waiting for Discord; what it knows of
    them is the bot's one count (`Services.thread_renames`), so a command's namer and a job's
    keep the same."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.renames = bot.services.thread_renames

    async def name(
        self,
        thread_id: int,
        thread_now: Callable[[], Awaitable[discord.Thread | None]],
        wanted: str,
        *,
        what: str,
        leave_open: bool = False,
        archive: bool = False,
    ) -> Naming:
        """Name the thread `wanted` (read by `thread_now`, None when there is none); `what`
        names it in logs. With `leave_open` (a post follows in the thread, which would reopen
        it), an archived thread is reopened by the rename itself and left open; with `archive`
        (what it is about is over), the thread is archived, by the rename's own PATCH when
        it is open, and alone when it carries its name already."""
        async with self.renames.turn(thread_id):
            try:
                thread = await thread_now()
                if thread is None:
                    return Naming()
                return await self._name(thread, wanted, what, leave_open, archive)
            except discord.Forbidden as refused:
                # Reading the thread too (out of the cache once archived): a channel the bot
                # may no longer view answers Missing Access, and the change is saved all the same.
                return Naming(refused=f"Discord said: {refused.text or 'missing permissions'}")
            except discord.DiscordServerError:
                # The change is stored with its thread-name job, which asks again.
                log.warning("Discord failed the rename of %s's thread", what, exc_info=True)
                return Naming(failed=True, mention=f"<#{thread_id}>")

    async def _name(
        self, thread: discord.Thread, wanted: str, what: str, leave_open: bool, archive: bool
    ) -> Naming:
        if thread.name == wanted:
            if archive and not (thread.archived or thread.locked):
                await self._archive(thread, what)  # no rename: Discord does not count it
            return Naming(mention=thread.mention)
        if thread.locked:
            # Before the renames left: a lock holds the name back whatever Discord's renames
            # allow. Unlocking it may wake the job; the wait covers an unlock unseen.
            locked = f"a moderator locked {thread.mention} in Discord"
            recheck = self.bot.clock.now() + LOCKED_RECHECK
            return Naming(until=recheck, refused=locked, mention=thread.mention)
        if (until := self.renames.free_at(thread.id)) is not None:
            return Naming(until=until, mention=thread.mention)
        # Discord changes an archived thread only along with reopening it: `archived: false`
        # goes in the rename's own PATCH, one request rather than two. A rename Discord holds
        # back changes nothing it carries, so the thread stays archived as it was (for the
        # post that follows to reopen, with `leave_open`). An open thread to be archived is
        # archived by the same PATCH.
        archived = {"archived": False} if thread.archived else {"archived": True} if archive else {}
        archive_again = thread.archived and not leave_open
        try:
            async with asyncio.timeout(RENAME_WAIT):
                impatient = answering_429s_at_once(self.bot.http)
                await impatient.edit_channel(thread.id, name=wanted, **archived)
        except TimeoutError:
            log.warning("the rename of %s's thread was held back by Discord", what)
            if archive_again:
                await self._archive(thread, what)  # a slow rename may land yet
            return Naming(until=self.renames.refused(thread.id), mention=thread.mention)
        except discord.RateLimited as limited:
            until = self.renames.refused(thread.id, timedelta(seconds=limited.retry_after))
            return Naming(until=until, mention=thread.mention)
        except discord.NotFound:
            return Naming(gone=True)
        self.renames.renamed(thread.id)
        if archive_again:
            await self._archive(thread, what)
        return Naming(mention=thread.mention)

    async def _archive(self, thread: discord.Thread, what: str) -> None:
        """An idle thread stays out of the way: archive the thread its rename reopened (or one
        whose item is over), within the rename's bound, as Discord may hold the thread's edits
        for minutes. Failing is only logged, not the rename's outcome: Discord archives an
        idle thread."""
        try:
            async with asyncio.timeout(RENAME_WAIT):
                await self.bot.http.edit_channel(thread.id, archived=True)
        except discord.HTTPException as failed:
            if failed.code != THREAD_ARCHIVED:  # a held rename never reopened it
                log.warning("%s's thread stays open: %r", what, failed)
        except TimeoutError:
            log.warning("%s's thread stays open: Discord held its archiving", what)


class TitledThreads(ABC, Generic[T]):
    """The threads of one sort of item (a build, a meetup), each named by its item's title,
    and the handler of their thread-name job; made by a cog for its commands and for each
    job alike, since what they know of Discord's renames is the bot's one count."""

    field: str  # the item's id in the job's payload

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.namer = ThreadNamer(bot)

    @abstractmethod
    async def item(self, guild_id: int, item_id: int) -> T:
        """The item as it is now; raises NotFound when it is gone."""

    @abstractmethod
    async def name(self, item: T) -> Naming:
        """Give the item's thread its title as its name, now or never waiting for Discord."""

    @abstractmethod
    async def given_up(self, job: Job, item: T, naming: Naming) -> Outgoing | None:
        """A thread locked in Discord since long before: its rename is let go."""

    async def handle(self, job: Job) -> Outgoing | None:
        """The thread-name job's handler: the thread takes the item's title, when the renames
        allow (its title read now, so renames in a row end in the last one)."""
        if job.guild_id is None:
            raise GiveUp("a thread name without a server")
        try:
            item = await self.item(job.guild_id, int(job.payload[self.field]))
        except NotFound:
            return None  # deleted meanwhile, thread and all
        naming = await self.name(item)
        # A job scheduled before renames were dated in its payload was scheduled with the
        # rename, so it is as old as that.
        renamed_at = int(job.payload.get("renamed_at", job.created_at))
        if naming.locked() and locked_too_long(renamed_at, self.bot.clock.now()):
            return await self.given_up(job, item, naming)
        naming.settle_job()
        return None
