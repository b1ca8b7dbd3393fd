"""Importer names' keys (`bot.names.name_key`) kept up to date. Names saved before invisible
characters were left out of the key kept the key they had, so a copy of such a name with the
invisible character still passed as new. The key is Python's (NFKC and Unicode categories),
which no migration can compute in SQL, and the store runs SQL migrations only: the start-up
brings each old key up to date instead, which does nothing once done."""

from __future__ import annotations

import logging

from bot.names import name_key
from bot.store import Store

log = logging.getLogger(__name__)


async def refresh_name_keys(store: Store) -> int:
    """Give each importer the key its name has now; returns how many changed. A name whose new
    key another importer of its server holds keeps its old one (one key a name a server), and
    is logged for the moderators to rename one of the two."""
    changed = 0
    async with store.transaction():
        rows = await store.fetchall("SELECT id, guild_id, name, name_key FROM importers")
        for row in rows:
            key = name_key(row["name"])
            if key == row["name_key"]:
                continue
            holder = await store.fetchval(
                "SELECT name FROM importers WHERE guild_id = ? AND name_key = ? AND id != ?",
                (row["guild_id"], key, row["id"]),
            )
            if holder is not None:
                log.warning(
                    "importer %r in %s reads as %r, another importer there: it keeps its old "
                    "name key until a moderator renames one of them",
                    row["name"],
                    row["guild_id"],
                    holder,
                )
                continue
            await store.execute("UPDATE importers SET name_key = ? WHERE id = ?", (key, row["id"]))
            changed += 1
    return changed
