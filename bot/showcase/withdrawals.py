"""Builds leaving the open Build of the Month ballots: deleted with their owner's data, or locked
by a moderator. One path for both, so a ballot says the same of each."""

from __future__ import annotations

import json
from collections.abc import Iterable

from bot.store import Store


async def withdraw_from_open_ballots(
    store: Store, guild_id: int, build_ids: Iterable[int]
) -> frozenset[int]:
    """Take the builds off the server's open ballots, inside the caller's transaction: each
    ballot notes a build as withdrawn until it closes, the votes for it are free again, and it
    is no longer counted. Returns the ballots that changed, whose messages are rendered again."""
    candidacies = await store.fetchall(
        "SELECT c.ballot_id, c.build_id FROM showcase_candidates AS c "
        "JOIN showcase_ballots AS b ON b.id = c.ballot_id WHERE c.guild_id = ? "
        "AND b.closed_at IS NULL AND c.build_id IN (SELECT value FROM json_each(?))",
        (guild_id, json.dumps(list(build_ids))),
    )
    for row in candidacies:
        pair = (row["ballot_id"], row["build_id"])
        await store.execute(
            "INSERT INTO showcase_withdrawn (guild_id, ballot_id, build_id) "
            "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, *pair),
        )
        # Votes before their candidacy: they refer to it, and are the ballot's own history.
        await store.execute("DELETE FROM showcase_votes WHERE ballot_id = ? AND build_id = ?", pair)
        await store.execute(
            "DELETE FROM showcase_candidates WHERE ballot_id = ? AND build_id = ?", pair
        )
    return frozenset(row["ballot_id"] for row in candidacies)
