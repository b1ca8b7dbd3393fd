"""An announcement's card in the announcements channel shown again as it reads now, when what it
shows of its importer changed since it was posted: the importer removed (the card names a former
importer), renamed (the card names it as the alert DMs sent from now on do), or suspended and
reinstated (the card stops vouching for it while the suspension lasts)."""

from __future__ import annotations

from typing import Protocol

from bot.clock import Clock, unix
from bot.delivery import Refused, delivered_to
from bot.errors import NotFound
from bot.importers.sending import IMPORTER_POST_JOB, AnnouncementReader, post_key
from bot.importers.values import Announcement
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.store import Store

# Its value is kept from when only a removal edited cards: jobs queued then still run.
IMPORTER_CARD_JOB = "importer.former_card"


class CardEditor(Protocol):
    async def edit_card(self, channel_id: int, message_id: int, announcement: Announcement) -> None:
        """Show the announcement's card in its channel as it reads now; `Refused` when Discord
        never will (the message is gone); any other exception means try again later."""
        ...


class PostedCards:
    def __init__(
        self, store: Store, clock: Clock, jobs: JobQueue, read: AnnouncementReader
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._read = read

    async def show_again(self, guild_id: int, announcement_id: int, post: str, key: str) -> None:
        """Edit the card the post job `post` sent, if it is known where it went, to show the
        announcement as it reads when the edit runs (inside the caller's transaction); `key`
        tells this edit from the announcement's earlier ones."""
        sent = await delivered_to(self._store, IMPORTER_POST_JOB, post)
        if sent is None:
            return  # not sent yet (it will be sent as it reads then), or sent long ago
        channel_id, message_id = sent
        await self._jobs.schedule(
            IMPORTER_CARD_JOB,
            await self._unused(key),
            self._clock.now(),
            payload={
                "announcement_id": announcement_id,
                "channel_id": channel_id,
                "message_id": message_id,
            },
            guild_id=guild_id,
        )

    async def _unused(self, key: str) -> str:
        """`key`, numbered on past the edits that ran already under it: a second change within
        one second (a suspension lifted and made again) needs an edit of its own, run after
        it, or the card would keep what the first edit read."""
        taken = set(await self._jobs.keys(IMPORTER_CARD_JOB, key))
        unused, number = key, 1
        while unused in taken:
            number += 1
            unused = f"{key}/{number}"
        return unused

    async def show_importers_again(self, guild_id: int, importer_id: int, why: str) -> None:
        """`show_again` each card of the importer's posted announcements (`why`, such as
        "renamed", tells these edits from others)."""
        rows = await self._store.fetchall(
            "SELECT id FROM announcements WHERE guild_id = ? AND importer_id = ? "
            "AND status = 'posting' ORDER BY id",
            (guild_id, importer_id),
        )
        tag = f"{why}:{unix(self._clock.now())}"
        for row in rows:
            post = post_key(importer_id, row["id"])
            await self.show_again(guild_id, row["id"], post, f"{row['id']}:{tag}")

    def handler(self, editor: CardEditor) -> Handler:
        """The IMPORTER_CARD_JOB handler: the card shows the announcement as it reads now; one
        Discord will not change (deleted by a moderator) is left."""

        async def edit(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("a card without a server")
            try:
                announcement = await self._read(job.guild_id, job.payload["announcement_id"])
            except NotFound:
                return  # taken down or forgotten since
            try:
                await editor.edit_card(
                    job.payload["channel_id"], job.payload["message_id"], announcement
                )
            except Refused as refusal:
                raise GiveUp(f"Discord refused the edit: {refusal}") from None

        return edit
