"""An announcement's card in the announcements channel shown again as it reads now, when what it
shows of its importer changed since it was posted: the importer removed (the card names a former
importer), renamed (the card names it as the alert DMs sent from now on do), or suspended and
reinstated (the card stops vouching for it while the suspension lasts)."""

from __future__ import annotations

from typing import Protocol

from bot.clock import Clock
from bot.delivery import Refused, delivered_to
from bot.errors import NotFound
from bot.importers.sending import (
    IMPORTER_POST_JOB,
    WAIT_FOR_POST,
    AnnouncementReader,
    card_of,
    post_key,
)
from bot.importers.values import Announcement, change_key
from bot.jobs import GiveUp, Handler, Job, JobQueue, WaitsForPost
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
        """Edit the card the post job `post` sent (or is sending: once it is posted) to show
        the announcement as it reads when the edit runs (inside the caller's transaction);
        `key` tells this edit from the announcement's earlier ones."""
        payload: dict[str, object] = {"announcement_id": announcement_id}
        sent = await card_of(self._store, guild_id, announcement_id, post)
        if sent is not None:
            payload["channel_id"], payload["message_id"] = sent
        elif await self._jobs.state(IMPORTER_POST_JOB, post) == "claimed":
            # Drawn already, as it read before this change, and on its way: edited once it is
            # posted, where it went.
            payload["post"] = post
        else:
            return  # not sent yet (it will be sent as it reads then), or sent long ago
        await self._jobs.schedule(
            IMPORTER_CARD_JOB,
            key,
            self._clock.now(),
            payload=payload,
            guild_id=guild_id,
        )

    async def _where(self, job: Job) -> tuple[int, int] | None:
        """The channel and message of the card the edit `job` is for; `WaitsForPost` while
        its post is on its way, None once that was handed back to be sent again (drawn anew)
        or given up."""
        if "post" not in job.payload:
            return job.payload["channel_id"], job.payload["message_id"]
        post = job.payload["post"]
        sent = await delivered_to(self._store, IMPORTER_POST_JOB, post)
        if sent is not None:
            return sent
        if await self._jobs.state(IMPORTER_POST_JOB, post) == "claimed":
            raise WaitsForPost(self._clock.now() + WAIT_FOR_POST, "the card is on its way")
        return None

    async def show_importers_again(self, guild_id: int, importer_id: int, why: str) -> None:
        """`show_again` each card of the importer's posted announcements (`why`, such as
        "renamed", tells these edits from others)."""
        rows = await self._store.fetchall(
            "SELECT id FROM announcements WHERE guild_id = ? AND importer_id = ? "
            "AND status = 'posting' ORDER BY id",
            (guild_id, importer_id),
        )
        tag = change_key(why)
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
            where = await self._where(job)
            if where is None:
                return  # its post was not sent after all: it goes out as it reads then
            try:
                await editor.edit_card(*where, announcement)
            except Refused as refusal:
                raise GiveUp(f"Discord refused the edit: {refusal}") from None

        return edit
