"""A Build of the Month ballot as the database keeps it, read by each part of the ballots'
service (`BallotService`)."""

from __future__ import annotations

from bot.builds import BuildService
from bot.clock import Clock, from_unix
from bot.errors import NotFound
from bot.jobs import JobQueue
from bot.showcase.values import Ballot
from bot.store import Store


class BallotRecords:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue, builds: BuildService) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._builds = builds

    async def ballot(self, guild_id: int, ballot_id: int) -> Ballot:
        row = await self._store.fetchone(
            "SELECT * FROM showcase_ballots WHERE guild_id = ? AND id = ?", (guild_id, ballot_id)
        )
        if row is None:
            raise NotFound("That ballot does not exist in this server.")
        candidates = await self._store.fetchall(
            "SELECT build_id FROM showcase_candidates WHERE ballot_id = ? ORDER BY position",
            (ballot_id,),
        )
        withdrawn = await self._store.fetchall(
            "SELECT build_id FROM showcase_withdrawn WHERE ballot_id = ? ORDER BY build_id",
            (ballot_id,),
        )
        return Ballot(
            row["id"],
            row["guild_id"],
            tuple(c["build_id"] for c in candidates),
            row["channel_id"],
            row["message_id"],
            row["closed_at"] is not None,
            tuple(w["build_id"] for w in withdrawn),
            bool(row["called_off"]),
            row["sent_to"],
            from_unix(row["opened_at"]),
            row["votes_withdrawn"],
            row["votes_forgotten"],
            row["month"],
        )


async def last_opened(store: Store, guild_id: int) -> int:
    """When the server's last ballot that was not called off opened, as unix seconds (0:
    never): nominations decided since wait for the next, and are named in an automatic ballot's
    refusal. A ballot called off counted nothing, so it is not the last one."""
    opened: int = await store.fetchval(
        "SELECT coalesce(max(opened_at), 0) FROM showcase_ballots "
        "WHERE guild_id = ? AND NOT called_off",
        (guild_id,),
    )
    return opened
