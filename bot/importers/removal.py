"""Removing an importer. Its profile and feed go, and with them what of its announcements was
never shown (waiting for moderators, rejected, not sent yet). What was posted is public record
in the channel, and members who read it there expect it to stay as it was, but not to go on
vouching for a business the moderators removed: its record stays, unlinked from the profile
and under the name it had, and its card and the alert DMs naming it are edited to name a former
importer. It is not published further, and the importer, registered again, starts afresh."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.clock import Clock
from bot.delivery import Refused, delivered_to
from bot.errors import NotFound
from bot.importers.profiles import ImporterService
from bot.importers.sending import IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB, post_key
from bot.importers.values import Announcement, RemovedImporter
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.store import Store

IMPORTER_FORMER_CARD_JOB = "importer.former_card"
# (guild id, announcement id) -> the announcement as stored; `NotFound` once it is gone.
AnnouncementReader = Callable[[int, int], Awaitable[Announcement]]
# (guild id, importer id, announcement id): told, inside the removal's transaction, of each
# posted announcement kept as a former importer's (the alert DMs naming it stop vouching).
KeptAsFormer = Callable[[int, int, int], Awaitable[None]]


class CardEditor(Protocol):
    async def edit_card(self, channel_id: int, message_id: int, announcement: Announcement) -> None:
        """Show the announcement's card in its channel as it reads now; `Refused` when Discord
        never will (the message is gone); any other exception means try again later."""
        ...


class ImporterRemoval:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        importers: ImporterService,
        read: AnnouncementReader,
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._importers = importers
        self._read = read
        self._kept: list[KeptAsFormer] = []

    def when_kept(self, subscriber: KeptAsFormer) -> None:
        """Told of each posted announcement kept as a removed importer's (alert DMs)."""
        self._kept.append(subscriber)

    async def remove(self, guild_id: int, importer_id: int) -> RemovedImporter:
        """Remove the importer: what it posted stays on record as a former importer's, the
        rest goes (its jobs find it gone), so its feed is no longer read, what waited for
        moderators can no longer be approved, and what was not sent yet never is."""
        async with self._store.transaction():
            return await self.remove_within(guild_id, importer_id)

    async def remove_within(self, guild_id: int, importer_id: int) -> RemovedImporter:
        """`remove`, inside the caller's transaction (a forget of the importer's member)."""
        importer = await self._importers.get(guild_id, importer_id)
        rows = await self._store.fetchall(
            "SELECT id, status FROM announcements WHERE guild_id = ? AND importer_id = ? "
            "ORDER BY id",
            (guild_id, importer_id),
        )
        waiting = tuple(row["id"] for row in rows if row["status"] == "queued")
        for row in rows:
            await self._settle(guild_id, importer.id, importer.name, row["id"], row["status"])
        await self._importers.delete(guild_id, importer_id)
        return RemovedImporter(importer, waiting)

    async def _settle(
        self, guild_id: int, importer_id: int, name: str, announcement_id: int, status: str
    ) -> None:
        """Keep the announcement as the former importer's when it was posted (or is being
        sent now); delete it otherwise."""
        key = post_key(importer_id, announcement_id)
        await self._jobs.cancel(IMPORTER_PUBLISH_JOB, key)
        # Its post not sent yet (waiting, or held by a suspension), or refused for good: it
        # was never shown. Done, being sent, or forgotten (None: sent long ago): it was.
        never_shown = status != "posting" or await self._jobs.state(IMPORTER_POST_JOB, key) in (
            "pending",
            "failed",
        )
        if never_shown:
            await self._jobs.cancel(IMPORTER_POST_JOB, key)
            await self._store.execute(
                "DELETE FROM announcements WHERE guild_id = ? AND id = ?",
                (guild_id, announcement_id),
            )
            return
        # Its jobs' key names the importer that is going: kept, where the post went stays
        # found, for a moderator to take it down.
        await self._store.execute(
            "UPDATE announcements SET former_importer = ?, former_post_key = ? "
            "WHERE guild_id = ? AND id = ?",
            (name, key, guild_id, announcement_id),
        )
        for subscriber in self._kept:
            await subscriber(guild_id, importer_id, announcement_id)
        sent = await delivered_to(self._store, IMPORTER_POST_JOB, key)
        if sent is not None:
            channel_id, message_id = sent
            await self._jobs.schedule(
                IMPORTER_FORMER_CARD_JOB,
                str(announcement_id),
                self._clock.now(),
                payload={
                    "announcement_id": announcement_id,
                    "channel_id": channel_id,
                    "message_id": message_id,
                },
                guild_id=guild_id,
            )

    def former_card_handler(self, editor: CardEditor) -> Handler:
        """The IMPORTER_FORMER_CARD_JOB handler: the card of a removed importer's announcement
        names a former importer; one Discord will not change (deleted by a moderator) is left."""

        async def edit(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("a card without a server")
            try:
                announcement = await self._read(job.guild_id, job.payload["announcement_id"])
            except NotFound:
                return  # forgotten since, with its member
            try:
                await editor.edit_card(
                    job.payload["channel_id"], job.payload["message_id"], announcement
                )
            except Refused as refusal:
                raise GiveUp(f"Discord refused the edit: {refusal}") from None

        return edit
