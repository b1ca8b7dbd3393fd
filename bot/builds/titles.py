"""The titles of a server's builds: for what names a build by its title (a ballot's
candidates), matched as a member would read them, which SQL cannot; and the form a member's
titles are compared in, that no two of their builds read alike (`refuse_a_twin`)."""

from __future__ import annotations

import unicodedata

from bot.names import bare_name_key, name_key
from bot.store import Store


def title_key(title: str) -> str:
    """The title's letters and digits as `name_key` folds them, its spaces, punctuation, emoji
    and other symbols left out: `camper carry!`, `Camper-Carry` and `Camper Carry 🚚` read as
    `Camper Carry` in a thread's name and a list. A title of symbols alone is its `name_key`,
    so `🚚` and `🛻` stay two titles."""
    letters = "".join(
        ch for ch in bare_name_key(title) if not ch.isspace() and unicodedata.category(ch)[0] != "P"
    )
    return letters or name_key(title)


class BuildTitles:
    """`BuildService` is one."""

    _store: Store

    async def titles(self, guild_id: int) -> dict[int, str]:
        """Every build of the server's title, by id."""
        rows = await self._store.fetchall(
            "SELECT id, title FROM builds WHERE guild_id = ?", (guild_id,)
        )
        return {row["id"]: row["title"] for row in rows}
