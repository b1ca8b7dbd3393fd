"""Removing an importer. Its profile and feed go, and with them what of its announcements was
never shown (waiting for moderators, rejected, not sent yet). What was posted is public record
in the channel, and members who read it there expect it to stay as it was, but not to go on
vouching for a business the moderators removed: its record stays, unlinked from the profile
and under the name it had, and its card and the alert DMs naming it are edited to name a former
importer. It is not published further, and the importer, registered again, starts afresh."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.clock import Clock
from bot.importers.cards import PostedCards
from bot.importers.profiles import ImporterService
from bot.importers.sending import IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB, keep_card, post_key
from bot.importers.suspensions import RemovalNews, tell_member
from bot.importers.values import RemovedImporter
from bot.jobs import JobQueue
from bot.modqueue import ModQueue
from bot.store import Store

# (guild id, importer id, announcement id): told, inside the removal's transaction, of each
# posted announcement kept as a former importer's (the alert DMs naming it stop vouching).
KeptAsFormer = Callable[[int, int, int], Awaitable[None]]


@dataclass(frozen=True)
class RemovedBy:
    """The moderator removing an importer, and `quote`, how the discord layer quotes member text
    (the importer's name) inert in the words its queue posts take."""

    moderator_id: int
    quote: Callable[[str], str]

    def words(self, name: str) -> str:
        """How the queue post of an announcement that waited reads once its importer went."""
        return f"Removed with {self.quote(name)} by <@{self.moderator_id}>; it will not be posted."


class ImporterRemoval:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        importers: ImporterService,
        cards: PostedCards,
        modqueue: ModQueue,
        *,
        kind: str,
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._importers = importers
        self._cards = cards
        self._modqueue = modqueue
        self._kind = kind  # its announcements' in the moderation queue
        self._kept: list[KeptAsFormer] = []

    def when_kept(self, subscriber: KeptAsFormer) -> None:
        """Told of each posted announcement kept as a removed importer's (alert DMs)."""
        self._kept.append(subscriber)

    async def remove(
        self, guild_id: int, importer_id: int, by: RemovedBy, *, server: str = "this server"
    ) -> RemovedImporter:
        """Remove the importer: what it posted stays on record as a former importer's, the
        rest goes (its jobs find it gone), so its feed is no longer read, what waited for
        moderators can no longer be approved, and what was not sent yet never is; the queue
        posts of what waited say it was removed `by` the moderator, their buttons gone. Its
        member is told by DM, scheduled with the removal (`server` names where)."""
        async with self._store.transaction():
            removed = await self.remove_within(guild_id, importer_id, by)
            news = RemovalNews(
                removed.importer.name,
                server,
                removed.waited_titles,
                removed.unsent_titles,
                removed.kept,
            )
            key = await tell_member(
                self._jobs, self._clock, guild_id, importer_id, removed.importer.member_id, news
            )
        return replace(removed, dm_key=key)

    async def remove_within(
        self, guild_id: int, importer_id: int, by: RemovedBy | None = None
    ) -> RemovedImporter:
        """`remove`, inside the caller's transaction, and telling nobody; `by` nobody for a
        forget of the importer's member, who asked for it, which deletes the queue posts of
        what waited instead of deciding them (they quote the member)."""
        importer = await self._importers.get(guild_id, importer_id)
        rows = await self._store.fetchall(
            "SELECT id, status, title FROM announcements WHERE guild_id = ? AND importer_id = ? "
            "ORDER BY id",
            (guild_id, importer_id),
        )
        waiting = tuple(row for row in rows if row["status"] == "queued")
        unsent: list[str] = []
        kept = 0
        for row in rows:
            shown = await self._settle(
                guild_id, importer.id, importer.name, row["id"], row["status"]
            )
            kept += shown
            if row["status"] == "posting" and not shown:
                unsent.append(row["title"])
        if by is not None:
            # With the removal: a stop after its commit leaves no post offering buttons.
            said = by.words(importer.name)
            for row in waiting:
                await self._modqueue.decided_within(
                    guild_id, self._kind, row["id"], said, shown=False, outcome="removed"
                )
        await self._importers.delete(guild_id, importer_id)
        return RemovedImporter(
            importer,
            tuple(row["id"] for row in waiting),
            waited_titles=tuple(row["title"] for row in waiting),
            unsent_titles=tuple(unsent),
            kept=kept,
        )

    async def _settle(
        self, guild_id: int, importer_id: int, name: str, announcement_id: int, status: str
    ) -> bool:
        """Keep the announcement as the former importer's when it was posted (or is being
        sent now); delete it otherwise. Whether it was kept."""
        key = post_key(importer_id, announcement_id)
        # Kept before its publish job, which would keep it, is called off.
        await keep_card(self._store, guild_id, announcement_id, key)
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
            return False
        # Its jobs' key names the importer that is going: kept, where the post went stays
        # found, for a moderator to take it down.
        await self._store.execute(
            "UPDATE announcements SET former_importer = ?, former_post_key = ? "
            "WHERE guild_id = ? AND id = ?",
            (name, key, guild_id, announcement_id),
        )
        for subscriber in self._kept:
            await subscriber(guild_id, importer_id, announcement_id)
        await self._cards.show_again(guild_id, announcement_id, key, str(announcement_id))
        return True
