"""Builds leaving the open Build of the Month ballots: deleted with their owner's data, or locked
by a moderator. One path for both, so a ballot says the same of each, and a ballot they leave
without a choice is called off there. A build a lock withdrew comes back when it is unlocked
while that ballot is still open."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.builds import Build
from bot.clock import Clock, unix
from bot.jobs import JobQueue
from bot.showcase.ballot_news import tell_called_off, tell_freed_voters
from bot.showcase.values import MAX_CANDIDATES, MIN_CANDIDATES, SHOWCASE_CALLED_OFF_JOB
from bot.store import Store


class BallotWithdrawals:
    """Candidacies taken away and given back, inside the caller's transaction."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs

    async def withdraw(self, guild_id: int, build_ids: Iterable[int]) -> frozenset[int]:
        """Take the builds off the server's open ballots: each ballot notes a build as
        withdrawn (and its place) until it closes, the votes for it are free again, and it is
        no longer counted (its voters told by DM). A ballot left with fewer than two builds is
        called off, everyone whose vote that voids told instead. Returns the ballots that
        changed, whose messages are rendered again."""
        leaving = json.dumps(list(build_ids))
        candidacies = await self._store.fetchall(
            "SELECT c.ballot_id, c.build_id, c.position FROM showcase_candidates AS c "
            "JOIN showcase_ballots AS b ON b.id = c.ballot_id WHERE c.guild_id = ? "
            "AND b.closed_at IS NULL AND c.build_id IN (SELECT value FROM json_each(?))",
            (guild_id, leaving),
        )
        now = unix(self._clock.now())
        changed = frozenset(row["ballot_id"] for row in candidacies)
        called_off = [
            ballot_id
            for ballot_id in sorted(changed)
            if await self._left_without_a_choice(ballot_id, leaving)
        ]
        for ballot_id in called_off:  # told before the votes go, of whose it voids
            await tell_called_off(self._store, self._jobs, guild_id, ballot_id, leaving, now)
        for row in candidacies:
            pair = (row["ballot_id"], row["build_id"])
            if row["ballot_id"] not in called_off:
                await tell_freed_voters(self._store, self._jobs, guild_id, *pair, now)
            await self._store.execute(
                "INSERT INTO showcase_withdrawn (guild_id, ballot_id, build_id, position) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (guild_id, *pair, row["position"]),
            )
            # Votes before their candidacy: they refer to it, and are the ballot's own history,
            # which keeps how many went (its close says so).
            gone = await self._store.execute(
                "DELETE FROM showcase_votes WHERE ballot_id = ? AND build_id = ?", pair
            )
            await self._store.execute(
                "UPDATE showcase_ballots SET votes_withdrawn = votes_withdrawn + ? WHERE id = ?",
                (gone, row["ballot_id"]),
            )
            await self._store.execute(
                "DELETE FROM showcase_candidates WHERE ballot_id = ? AND build_id = ?", pair
            )
        for ballot_id in called_off:
            await self._call_off(guild_id, ballot_id)
        return changed

    async def _left_without_a_choice(self, ballot_id: int, leaving: str) -> bool:
        """Whether the ballot is left with fewer builds than a ballot needs once the builds
        `leaving` (their ids, as a JSON list) are off it: a vote with one build, or none,
        chooses nothing."""
        left = await self._store.fetchval(
            "SELECT count(*) FROM showcase_candidates WHERE ballot_id = ? "
            "AND build_id NOT IN (SELECT value FROM json_each(?))",
            (ballot_id, leaving),
        )
        return left < MIN_CANDIDATES

    async def _call_off(self, guild_id: int, ballot_id: int) -> None:
        """Close a ballot withdrawals left without a choice, without a result, and give back
        the nominations it held: it counted none, so they wait for the next ballot. The
        moderators are told by a job committed with it, so once."""
        now = self._clock.now()
        await self._store.execute(
            "UPDATE showcase_ballots SET closed_at = ?, called_off = 1 WHERE id = ?",
            (unix(now), ballot_id),
        )
        await self._store.execute(
            "UPDATE showcase_nominations SET ballot_id = NULL WHERE ballot_id = ?", (ballot_id,)
        )
        await self._jobs.schedule(
            SHOWCASE_CALLED_OFF_JOB,
            str(ballot_id),
            now,
            payload={"ballot_id": ballot_id},
            guild_id=guild_id,
        )

    async def restore(self, build: Build) -> frozenset[int]:
        """Put an unlocked build back on the open ballots its lock withdrew it from, at the
        place it had; votes it lost stay free. Returns the ballots that changed."""
        withdrawn = await self._store.fetchall(
            "SELECT w.ballot_id, w.position FROM showcase_withdrawn AS w "
            "JOIN showcase_ballots AS b ON b.id = w.ballot_id WHERE w.guild_id = ? "
            "AND w.build_id = ? AND b.closed_at IS NULL",
            (build.guild_id, build.id),
        )
        for row in withdrawn:
            pair = (row["ballot_id"], build.id)
            position = row["position"] or await self._first_free_place(row["ballot_id"])
            await self._store.execute(
                "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                "VALUES (?, ?, ?, ?)",
                (build.guild_id, *pair, position),
            )
            await self._store.execute(
                "DELETE FROM showcase_withdrawn WHERE ballot_id = ? AND build_id = ?", pair
            )
        return frozenset(row["ballot_id"] for row in withdrawn)

    async def _first_free_place(self, ballot_id: int) -> int:
        """A place for a build withdrawn before places were kept (migration 0024): the first a
        candidate does not hold. One is free: the build held one when the ballot opened."""
        rows = await self._store.fetchall(
            "SELECT position FROM showcase_candidates WHERE ballot_id = ?", (ballot_id,)
        )
        taken = {row["position"] for row in rows}
        return next(place for place in range(1, MAX_CANDIDATES + 1) if place not in taken)
