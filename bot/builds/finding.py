"""Finding builds: by number, by thread, by what a member typed or picked, as a command's
fallback picks one, and a filtered list's page; every query is scoped to one server and reads
a build with its tags."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.builds.deletion import build_not_here
from bot.builds.model import (
    MAX_BUILD_DIGITS,
    Asker,
    Build,
    BuildFilter,
    Fallback,
    build_from_row,
    build_number,
)
from bot.errors import UserError
from bot.numbers import half_width
from bot.store import Store, containing

COUNT_UP_TO = 200  # matches a list counts exactly (20 pages); more read as "200+"
# A build as the list shows it, typed or pasted rather than picked: "#12 Camper Carry — 1994…".
_SHOWN_NUMBER = re.compile(r"#(\d{1,18})\s", re.A)
_BUILD_COLUMNS = (
    "id, guild_id, owner_id, title, truck, make, model, model_code, year, drive, diff_lock, "
    "hi_lo, lift, tyres, engine, import_route, state, plate_status, channel_id, thread_id, "
    "starter_id, created_at, closed_at, locked_at, lock_reason, thread_deleted_at, "
    "starter_deleted_at, featured"
)


class BuildFinder:
    """Reading builds; `BuildService` is one, and writes them."""

    _store: Store

    async def get(self, guild_id: int, build_id: int, asker: Asker | None = None) -> Build:
        """The server's build `build_id`; NotFound, saying why, once it is gone: who deleted
        it is told only to `asker` if its owner or a moderator (`Deletion.told_to`)."""
        row = await self._store.fetchone(
            f"SELECT {_BUILD_COLUMNS} FROM builds WHERE guild_id = ? AND id = ?",
            (guild_id, build_id),
        )
        if row is None:
            raise await build_not_here(self._store, guild_id, build_id, asker)
        return (await self._with_tags([row]))[0]

    async def get_many(self, guild_id: int, build_ids: Sequence[int]) -> dict[int, Build]:
        """The builds of this server among `build_ids`, by id, in two queries however many."""
        if not build_ids:
            return {}
        marks = ",".join("?" * len(build_ids))
        rows = await self._store.fetchall(
            f"SELECT {_BUILD_COLUMNS} FROM builds WHERE guild_id = ? AND id IN ({marks})",
            (guild_id, *build_ids),
        )
        return {build.id: build for build in await self._with_tags(rows)}

    async def in_thread(self, guild_id: int, thread_id: int) -> Build | None:
        row = await self._store.fetchone(
            f"SELECT {_BUILD_COLUMNS} FROM builds WHERE thread_id = ? AND guild_id = ?",
            (thread_id, guild_id),
        )
        return None if row is None else (await self._with_tags([row]))[0]

    async def resolve(
        self,
        guild_id: int,
        member_id: int,
        named: str | None,
        channel_id: int | None,
        fallback: Fallback = Fallback.OPEN,
        *,
        moderator: bool = False,
    ) -> Build:
        """The build named (by its number), else the one whose thread this is, else the
        member's newest build, whatever its state: a change it cannot take (closed, locked) is
        refused saying why, never made to an older build, so a command sent twice acts on one
        build (`fallback` says what a member with none is told); a build named that is gone
        says who deleted it to its owner, and to a `moderator`."""
        if named is not None and named.strip():
            return await self.get(guild_id, build_number(named), Asker(member_id, moderator))
        if channel_id is not None and (here := await self.in_thread(guild_id, channel_id)):
            return here
        row = await self._store.fetchone(
            f"SELECT {_BUILD_COLUMNS} FROM builds WHERE guild_id = ? AND owner_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (guild_id, member_id),
        )
        if row is None:
            raise UserError(fallback.value)
        return (await self._with_tags([row]))[0]

    async def suggest(self, guild_id: int, typed: str, limit: int) -> list[Build]:
        """Builds whose title or truck holds `typed` (or whose number it is, or starts with as
        a choice shows it: "#12 Camper Carry — …"), newest first."""
        typed = typed.strip()
        number = half_width(typed)  # a Japanese keyboard types ＃１２
        number = shown[1] if (shown := _SHOWN_NUMBER.match(number)) else number.lstrip("#")
        if number.isascii() and number.isdigit() and len(number) <= MAX_BUILD_DIGITS:
            rows = await self._store.fetchall(
                f"SELECT {_BUILD_COLUMNS} FROM builds WHERE guild_id = ? AND id = ?",
                (guild_id, int(number)),
            )
        else:
            pattern = containing(typed.lstrip("#"))
            rows = await self._store.fetchall(
                f"SELECT {_BUILD_COLUMNS} FROM builds WHERE guild_id = ? AND "
                "(title LIKE ? ESCAPE '\\' OR truck LIKE ? ESCAPE '\\') ORDER BY id DESC LIMIT ?",
                (guild_id, pattern, pattern, limit),
            )
        return await self._with_tags(rows)

    # -- lists ----------------------------------------------------------------------------------

    async def search(
        self, guild_id: int, where: BuildFilter, offset: int, limit: int
    ) -> tuple[list[Build], int]:
        """A page of builds matching every filter given, newest first, and how many match (at
        most COUNT_UP_TO + 1, which stands for "more than COUNT_UP_TO")."""
        clauses, params = ["b.guild_id = ?"], [guild_id]
        join = ""
        if where.tag is not None:
            join = (
                " JOIN build_tags t ON t.build_id = b.id AND t.guild_id = b.guild_id AND t.tag = ?"
            )
            params.insert(0, where.tag)  # type: ignore[arg-type]
        for column in ("owner_id", "make", "model_code", "drive", "state"):
            value = getattr(where, column)
            if value is not None:
                clauses.append(f"b.{column} = ?")
                params.append(value)
        sql = f"FROM builds b{join} WHERE {' AND '.join(clauses)}"
        # Counting every match of a broad filter costs more than the page itself; past
        # COUNT_UP_TO a member narrows the filter rather than paging on.
        total = await self._store.fetchval(
            f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT ?)", [*params, COUNT_UP_TO + 1]
        )
        columns = ", ".join(f"b.{c.strip()}" for c in _BUILD_COLUMNS.split(","))
        rows = await self._store.fetchall(
            f"SELECT {columns} {sql} ORDER BY b.id DESC LIMIT ? OFFSET ?", [*params, limit, offset]
        )
        return await self._with_tags(rows), int(total)

    async def _with_tags(self, rows: Sequence[sqlite3.Row]) -> list[Build]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        marks = ",".join("?" * len(ids))
        tagged: dict[int, list[str]] = {}
        for tag_row in await self._store.fetchall(
            f"SELECT build_id, tag FROM build_tags WHERE build_id IN ({marks})", ids
        ):
            tagged.setdefault(tag_row["build_id"], []).append(tag_row["tag"])
        return [build_from_row(row, tuple(sorted(tagged.get(row["id"], [])))) for row in rows]
