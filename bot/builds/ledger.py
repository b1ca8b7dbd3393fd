"""The parts ledger of a build: parts added, removed by the name typed or picked, listed, and
totalled by category to the cent."""

from __future__ import annotations

import json

from bot.builds.model import (
    MAX_BUILD_DIGITS,
    Build,
    Ledger,
    Part,
    part_from_row,
    require_open,
)
from bot.builds.moderated import ModeratorChange, PartChanged, tell_owner_of_change
from bot.builds.values import (
    CATEGORIES,
    PART_NAME_LIMIT,
    checked_text,
    parse_category,
    parse_cents,
)
from bot.clock import Clock, unix
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue
from bot.limits import fit
from bot.numbers import half_width
from bot.store import Store, containing


class PartsLedger:
    """The parts ledger of builds; `BuildService` is one, so the cogs reach the ledger on the
    service that finds the build."""

    _jobs: JobQueue  # `BuildService`'s, for the DM a moderator's removal sends

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def add_part(
        self,
        build: Build,
        member_id: int,
        name: str,
        cost: str,
        category: str | None,
        by: ModeratorChange | None = None,
    ) -> Part:
        """Add a part to the ledger; a moderator's (`by`) tells the owner by DM, in the same
        transaction."""
        require_open(build, "change its parts")
        # Spaced as a removal by name reads it, so "Bed  mat" is found as "bed mat".
        name = checked_text("A part's name", " ".join(name.split()), PART_NAME_LIMIT)
        cents, chosen = parse_cents(cost), parse_category(category)
        now = unix(self._clock.now())
        async with self._store.transaction():
            part_id = await self._store.insert(
                "INSERT INTO build_parts (guild_id, build_id, name, category, cost_cents, "
                "added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (build.guild_id, build.id, name, chosen, cents, member_id, now),
            )
            await self._touch(build.id, now)
            if by is not None:
                change = PartChanged(name, cents, chosen, added=True)
                await tell_owner_of_change(self._jobs, build, by, change, now)
        return Part(part_id, build.id, name, chosen, cents)

    async def namesakes(self, build: Build, part: Part) -> list[Part]:
        """The build's other parts called as `part` is (case aside), oldest first."""
        rows = await self._store.fetchall(
            "SELECT * FROM build_parts WHERE build_id = ? AND name = ? COLLATE NOCASE "
            "AND id != ? ORDER BY id",
            (build.id, part.name, part.id),
        )
        return [part_from_row(row) for row in rows]

    async def remove_part(
        self, build: Build, named: str, by: ModeratorChange | None = None
    ) -> Part:
        """Remove the part `named`: picked from autocomplete (its number), or typed by name. A
        moderator's removal (`by`) tells the owner by DM, in the same transaction, once however
        often it is asked, as their taking back an update does."""
        require_open(build, "change its parts")
        part = await self._named_part(build, named)
        async with self._store.transaction():
            gone = await self._store.execute("DELETE FROM build_parts WHERE id = ?", (part.id,))
            if gone and by is not None:
                change = PartChanged(part.name, part.cost_cents, part.category)
                await tell_owner_of_change(self._jobs, build, by, change, unix(self._clock.now()))
        return part

    async def _named_part(self, build: Build, named: str) -> Part:
        typed = named.strip()
        number = half_width(typed)  # a Japanese keyboard types １２
        rows = []
        if number.isascii() and number.isdigit() and len(number) <= MAX_BUILD_DIGITS:
            rows = await self._store.fetchall(
                "SELECT * FROM build_parts WHERE build_id = ? AND id = ?", (build.id, int(number))
            )
        if not rows:  # typed, not picked: a name ("12 volt pump", or "12" itself)
            rows = await self._store.fetchall(
                "SELECT * FROM build_parts WHERE build_id = ? AND name = ? COLLATE NOCASE LIMIT 2",
                (build.id, " ".join(typed.split())),
            )
        called = f"“{fit(typed, 60)}”"
        if not rows:
            raise NotFound(
                f"Build #{build.id} has no part called {called}; pick one from the list as you "
                "type."
            )
        if len(rows) > 1:
            raise UserError(
                f"Build #{build.id} has more than one part called {called}; pick the one to "
                "remove from the list as you type."
            )
        return part_from_row(rows[0])

    async def parts(
        self, build: Build, offset: int = 0, limit: int = 20, matching: str = ""
    ) -> list[Part]:
        """The build's parts named `matching`, by category in the order its totals take
        (`CATEGORIES`, as `ledger`), then by when they were added."""
        pattern = containing(matching)
        rows = await self._store.fetchall(
            "SELECT * FROM build_parts WHERE build_id = ? AND name LIKE ? ESCAPE '\\' "
            "ORDER BY (SELECT key FROM json_each(?) WHERE value = category), created_at, id "
            "LIMIT ? OFFSET ?",
            (build.id, pattern, json.dumps(CATEGORIES), limit, offset),
        )
        return [part_from_row(row) for row in rows]

    async def ledger(self, build: Build) -> Ledger:
        rows = await self._store.fetchall(
            "SELECT category, count(*) AS parts, sum(cost_cents) AS cents FROM build_parts "
            "WHERE build_id = ? GROUP BY category",
            (build.id,),
        )
        found = {row["category"]: (row["parts"], row["cents"]) for row in rows}
        by_category = tuple((c, *found[c]) for c in CATEGORIES if c in found)
        return Ledger(
            by_category, sum(c for _, _, c in by_category), sum(n for _, n, _ in by_category)
        )

    async def _touch(self, build_id: int, now: int) -> None:
        """Mark the build active at `now` (a part added, an update recorded)."""
        await self._store.execute(
            "UPDATE builds SET last_activity_at = ? WHERE id = ?", (now, build_id)
        )
