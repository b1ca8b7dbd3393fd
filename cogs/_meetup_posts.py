"""Where meetups live in Discord: the card in the server's meetups channel, and the card's
thread where notices about the meetup go, named by the meetup's title through the renames every
sort of thread takes (cogs/_thread_names.py).
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.client import KeitoraBot
from bot.clock import from_unix
from bot.delivery import Outgoing
from bot.errors import NotFound, UserError
from bot.jobs import Job, WaitsForPost
from bot.meetups import Meetup, MeetupService
from bot.meetups.threads import (
    LEAVE_OPEN,
    NOTICE_ON_ITS_WAY,
    NOTICE_ON_ITS_WAY_PAUSE,
    NOTICES_AWAITED,
    NOTICES_FIRST,
    archived_when_named,
    notices_on_their_way,
    notices_pending,
)
from bot.thread_names import Naming
from cogs._setup_access import channel_deleted, channel_gone
from cogs._thread_names import TitledThreads, failed_text, spent_text

log = logging.getLogger(__name__)

NO_CHANNEL = (
    "This server has no meetups channel yet, so there is nowhere to post the card. "
    "A server admin can choose one with `/setup channel kind:meetups`."
)
NOT_POSTABLE = (
    "I cannot post the card in <#{channel}>: I need to see the channel, send messages and "
    "embed links there. A server admin can fix that, or choose another channel with "
    "`/setup channel kind:meetups`."
)
CARD_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)
# A card's thread shows in the channel's thread list for a week without messages, the longest
# Discord allows; the bot reopens it whenever it posts there later.
THREAD_ARCHIVE_MINUTES = 10080


class MeetupPosts:
    """Finds the channel a meetup's card goes in and starts the card's thread."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: MeetupService = bot.services.meetups

    async def channel(self, guild_id: int) -> discord.TextChannel:
        """The server's meetups channel, when the bot may post cards there."""
        channel_id = await self.channel_id(guild_id)
        if channel_id is None:
            raise UserError(NO_CHANNEL)
        channel = self.bot.get_channel(channel_id)
        if channel is None and await channel_deleted(self.bot.get_guild(guild_id), channel_id):
            raise UserError(channel_gone("meetups", "to post the card"))
        if not isinstance(channel, discord.TextChannel):
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        me = channel.guild.me
        if me is not None and not channel.permissions_for(me) >= CARD_PERMISSIONS:
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        return channel

    async def channel_id(self, guild_id: int) -> int | None:
        """The id of the server's meetups channel, if it has one."""
        config = await self.bot.services.setup.get(guild_id)
        return config.channels.get("meetups")

    async def start_thread(self, meetup: Meetup, card: discord.Message) -> None:
        """The meetup's discussion thread, on its card; without one (no permission to start
        threads there) notices go to the card's channel."""
        try:
            # A thread's name renders no Markdown and pings nobody, so the title goes as typed.
            thread = await card.create_thread(
                name=await self.service.thread_name(meetup),
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
            )
        except discord.HTTPException:
            log.warning("could not start a thread on meetup %s's card", meetup.id, exc_info=True)
            return
        await self.service.set_thread(meetup.id, thread.id)


class MeetupThreadNames(TitledThreads[Meetup]):
    """Gives meetups' threads their titles (marked once cancelled), within Discord's renames
    (MEETUP_THREAD_NAME_JOB)."""

    field = "meetup_id"

    def __init__(self, bot: KeitoraBot) -> None:
        super().__init__(bot)
        self.service: MeetupService = bot.services.meetups
        # Whether the job this handles asks its rename to leave the thread open (`LEAVE_OPEN`).
        self._job_leaves_open = False

    async def item(self, guild_id: int, item_id: int) -> Meetup:
        return await self.service.get(guild_id, item_id)

    async def handle(self, job: Job) -> Outgoing | None:
        """As every thread-name job; a cancelled meetup's, whose thread is archived once
        named, once the notices of its changes are posted (each reopens an archived thread),
        or `NOTICES_AWAITED` has passed."""
        now = self.bot.clock.now()
        meetup_id = int(job.payload[self.field])
        if (
            job.guild_id is not None
            and now - from_unix(job.created_at) < NOTICES_AWAITED
            and await self._archived_when_named(job.guild_id, meetup_id)
            and not await self._notices_through(meetup_id)
        ):
            raise WaitsForPost(now + NOTICES_FIRST, "its notices are not posted yet")
        # A job scheduled before it carried `LEAVE_OPEN` archives again, as it did then.
        self._job_leaves_open = bool(job.payload.get(LEAVE_OPEN, False))
        try:
            return await super().handle(job)
        finally:
            # Its notice is out, and the thread archived, or its archive waits on Discord:
            # a whole cancel's DMs, which waited for them, go now.
            if job.guild_id is not None and await self._archived_when_named(
                job.guild_id, meetup_id
            ):
                await self.service.thread_told(meetup_id)

    async def _notices_through(self, meetup_id: int) -> bool:
        """Whether every notice of the meetup is posted in its thread. A notice being sent at
        this moment (by this worker's batch or by another worker) is waited for here, checked
        every `NOTICE_ON_ITS_WAY_PAUSE` for at most `NOTICE_ON_ITS_WAY`: its sent hook
        (`MeetupCancels.notice_sent`) wakes only a rename already put off, not this one while
        it runs, so without the wait the thread's rename and archive would wait for the next
        retry, `NOTICES_FIRST` later. A notice slower than the wait wakes the rename put off."""
        jobs = self.bot.services.jobs
        pause = NOTICE_ON_ITS_WAY_PAUSE.total_seconds()
        for _ in range(int(NOTICE_ON_ITS_WAY / NOTICE_ON_ITS_WAY_PAUSE)):
            if not await notices_on_their_way(jobs, meetup_id):
                break
            await asyncio.sleep(pause)
        return not await notices_pending(jobs, meetup_id)

    async def _archived_when_named(self, guild_id: int, meetup_id: int) -> bool:
        try:
            return archived_when_named(await self.item(guild_id, meetup_id))
        except NotFound:
            return False  # deleted meanwhile: the job settles itself

    async def follow(self, guild_id: int, meetup_id: int, *, notice_follows: bool = False) -> str:
        """Rename the meetup's thread after its title changed or it was cancelled, and settle
        the thread-name job; returns what the organizer is told about the thread. When a notice
        follows in the thread (a cancel told to those going), an archived thread is left open
        for it: archiving it again would only have the notice reopen it. A cancelled meetup's
        thread is archived after the notice, by the thread-name job the cancel scheduled."""
        meetup = await self.item(guild_id, meetup_id)
        naming = await self.name(meetup, leave_open=notice_follows)
        until = naming.retry_at(self.bot.clock.now())
        if until is not None or not (notice_follows and archived_when_named(meetup)):
            await self.service.thread_names.settled(meetup.id, until)
            if notice_follows and archived_when_named(meetup):
                # Discord holds the rename back: a whole cancel's DMs wait for no archive.
                await self.service.thread_told(meetup.id)
        if notice_follows and archived_when_named(meetup):
            # Renamed, or its rename waits on Discord: the cancel's notice goes now.
            await self.service.notice_due(meetup.id)
        if naming.locked():
            return (
                f"Its thread keeps its name while {naming.refused}; it takes the new name by "
                "itself once it is unlocked."
            )
        if naming.refused is not None:
            # A cancelled meetup takes no edit: its rename is only tried again for a while.
            again = ", and `/meetup edit` with the same title asks again after that"
            if meetup.cancelled_at is not None:
                again = ""
            return (
                f"Its thread could not be renamed ({naming.refused}); Keitora tries again for "
                f"a while{again}."
            )
        if naming.until is not None:
            return spent_text(naming.mention, naming.until).strip()
        if naming.failed:
            return failed_text(naming.mention).strip()
        return ""

    async def name(self, meetup: Meetup, *, leave_open: bool | None = None) -> Naming:
        """The meetup's thread named, and left open with `leave_open` (by default, as the job
        handled asks: a cancel after a restore has a job of its own, which archives the thread)."""
        if meetup.thread_id is None:
            return Naming()
        if leave_open is None:
            leave_open = self._job_leaves_open
        naming = await self.namer.name(
            meetup.thread_id,
            lambda: self._thread_of(meetup),
            await self.service.thread_name(meetup),
            what=f"meetup {meetup.id}",
            leave_open=leave_open,
            archive=archived_when_named(meetup) and not leave_open,
        )
        if naming.gone:
            await self._thread_deleted(meetup)
        return naming

    async def named_behind(self, meetup: Meetup) -> bool:
        """Whether the meetup's thread carries another name than its title gives (a rename
        still owed): the same title again then asks for it. Only asks: a thread deleted in
        Discord is forgotten by the rename, not here, as the edit may yet be refused."""
        if meetup.thread_id is None:
            return False
        try:
            thread = await self._thread_of(meetup, forget_deleted=False)
        except discord.HTTPException:
            return True  # the rename asked for says what Discord answers
        return thread is not None and thread.name != await self.service.thread_name(meetup)

    async def _thread_of(
        self, meetup: Meetup, *, forget_deleted: bool = True
    ) -> discord.Thread | None:
        """The meetup's thread, or None when a moderator deleted it in Discord (forgotten,
        unless not to `forget_deleted`)."""
        assert meetup.thread_id is not None
        channel = self.bot.get_channel(meetup.thread_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(meetup.thread_id)
            except discord.NotFound:
                if forget_deleted:
                    await self._thread_deleted(meetup)
                return None
        return channel if isinstance(channel, discord.Thread) else None

    async def _thread_deleted(self, meetup: Meetup) -> None:
        log.info("meetup %s's thread was deleted in Discord: notices go beside its card", meetup.id)
        await self.service.set_thread(meetup.id, None)

    async def given_up(self, job: Job, meetup: Meetup, naming: Naming) -> None:
        """Silently: a lock kept that long is a moderator's decision, and the organizer was
        told of the lock when editing or cancelling."""
        log.info("meetup %s's thread stays locked in Discord: its rename is given up", meetup.id)
