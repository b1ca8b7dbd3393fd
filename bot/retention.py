"""A server that removes the bot keeps its data for 30 days, then loses it to a purge job.
Meanwhile its jobs are paused, as if the bot were down for that server only.

Discord sends GUILD_DELETE both when the bot is removed and when a server is briefly unavailable
(an outage); only a removal starts the clock. The departure is a row, and the purge job checks
it before deleting: adding the bot back deletes the row, so a purge already scheduled does
nothing, and a restart neither forgets a departure nor purges early.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from datetime import timedelta

from bot.clock import Clock, from_unix, unix
from bot.jobs import Job, JobQueue, NotYet
from bot.store import Store

log = logging.getLogger(__name__)

RETAIN_FOR = timedelta(days=30)
PURGE_JOB = "privacy.purge_server"
# Run before a server's rows are deleted, and again once they are, outside any transaction:
# services holding the server's data in memory drop it, so nothing they write later brings the
# server back, and nothing read back in between (a member's lookup) outlives the rows.
BeforePurge = Callable[[int], Awaitable[None]]
# Whether the bot was removed from a server: its work waits, paused, for its return.
Departed = Callable[[int], Awaitable[bool]]
# Run for a server the bot is back in: start-up left it out of what it plans (see Departed),
# and what changed in Discord meanwhile (an event a member deleted) told the bot nothing.
OnReturn = Callable[[int], Awaitable[object]]


class ServerRetention:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._before_purge: list[BeforePurge] = []
        self._on_return: list[OnReturn] = []
        # Removals and returns apply one at a time, in the order Discord sent them: each runs
        # in a task of its own, and a return that read the departures before a removal wrote
        # would undo that removal.
        self._changing = asyncio.Lock()

    def before_purge(self, hook: BeforePurge) -> None:
        self._before_purge.append(hook)

    def on_return(self, hook: OnReturn) -> None:
        self._on_return.append(hook)

    async def left(self, guild_id: int) -> None:
        """The bot was removed from the server: purge its data in 30 days unless it returns."""
        async with self._changing:
            await self._depart(guild_id)

    async def _depart(self, guild_id: int) -> None:
        now = self._clock.now()
        async with self._store.transaction():
            added = await self._store.execute(
                "INSERT INTO guild_departures (guild_id, left_at, purge_at) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id) DO NOTHING",
                (guild_id, unix(now), unix(now + RETAIN_FOR)),
            )
            if added:
                # Not the server's own job (guild_id None): the purge deletes those.
                await self._jobs.schedule(
                    PURGE_JOB,
                    f"{guild_id}:{unix(now)}",
                    now + RETAIN_FOR,
                    payload={"guild_id": guild_id, "left_at": unix(now)},
                )
        self._jobs.pause_servers([guild_id])
        if added:
            log.info("removed from server %s; its data is purged in %s", guild_id, RETAIN_FOR)

    async def pause_departed(self) -> int:
        """Pause the jobs of the servers that removed the bot (at start-up, before any runs);
        returns how many."""
        rows = await self._store.fetchall("SELECT guild_id FROM guild_departures")
        self._jobs.pause_servers(row["guild_id"] for row in rows)
        return len(rows)

    async def returned(self, guild_ids: Iterable[int]) -> int:
        """The bot is in these servers (added back, or found at start-up): keep their data.
        Returns how many had a purge pending."""
        async with self._changing:
            return await self._keep(guild_ids)

    async def _keep(self, guild_ids: Iterable[int]) -> int:
        departed = {
            row["guild_id"]
            for row in await self._store.fetchall("SELECT guild_id FROM guild_departures")
        }
        back = 0
        for guild_id in (guild_id for guild_id in guild_ids if guild_id in departed):
            async with self._store.transaction():
                # The departure as it is now, not as read above: a purge may have run since.
                left_at = await self._store.fetchval(
                    "DELETE FROM guild_departures WHERE guild_id = ? RETURNING left_at",
                    (guild_id,),
                )
                if left_at is None:
                    continue
                await self._jobs.cancel(PURGE_JOB, f"{guild_id}:{left_at}")
            self._jobs.resume_server(guild_id)
            for hook in self._on_return:
                # What a return plans is work to catch up on; one server's failing must not
                # keep the servers after it from being kept, or a start-up from its removals.
                try:
                    await hook(guild_id)
                except Exception:
                    log.exception("catching up on server %s after its return failed", guild_id)
            back += 1
            log.info("back in server %s; its data is kept", guild_id)
        return back

    async def reconcile(self, present: Collection[int]) -> None:
        """At start-up the bot is in exactly the servers `present` (Discord's READY lists them
        all): a server added back while it was offline is kept, and one that removed it while
        it was offline (no GUILD_DELETE came) starts its 30 days now."""
        await self.returned(present)
        stored = await self._store.fetchall(
            "SELECT guild_id FROM guilds WHERE guild_id NOT IN "
            "(SELECT guild_id FROM guild_departures)"
        )
        for row in stored:
            if row["guild_id"] not in present:
                await self.left(row["guild_id"])

    async def departed(self, guild_id: int) -> bool:
        """Whether the bot was removed from the server and its data waits to be purged."""
        return await self.purge_due_at(guild_id) is not None

    async def purge_due_at(self, guild_id: int) -> int | None:
        return await self._store.fetchval(
            "SELECT purge_at FROM guild_departures WHERE guild_id = ?", (guild_id,)
        )

    async def purge(self, job: Job) -> None:
        """The PURGE_JOB handler: delete everything the server owns, unless the bot returned."""
        guild_id, left_at = job.payload["guild_id"], job.payload["left_at"]
        purge_at = await self._store.fetchval(
            "SELECT purge_at FROM guild_departures WHERE guild_id = ? AND left_at = ?",
            (guild_id, left_at),
        )
        if purge_at is None:
            return  # added back meanwhile
        if purge_at > unix(self._clock.now()):
            raise NotYet(from_unix(purge_at), "the server's data is kept 30 days")
        for hook in self._before_purge:
            await hook(guild_id)
        async with self._store.transaction():
            # Checked again: the bot may have been added back while the hooks ran.
            purged = await self._store.execute(
                "DELETE FROM guilds WHERE guild_id = ? AND EXISTS (SELECT 1 FROM "
                "guild_departures WHERE guild_id = ? AND left_at = ?)",
                (guild_id, guild_id, left_at),
            )
        if purged:
            for hook in self._before_purge:
                await hook(guild_id)
            self._jobs.resume_server(guild_id)  # it has no jobs left to run
            log.info("purged the data of server %s, 30 days after the bot was removed", guild_id)
        return
