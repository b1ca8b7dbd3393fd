"""The titles of a server's builds: for what names a build by its title (a ballot's
candidates), matched as a member would read them, which SQL cannot; and the form a member's
titles are compared in, that no two of their builds read alike (`refuse_a_twin`)."""

from __future__ import annotations

import re
import unicodedata

from bot.names import bare_name_key, name_key
from bot.store import Store

# A mark between two digits, with the spaces around it: `1 / 2` is typed for `1/2`.
_SPACED_MARK_IN_NUMBER = re.compile(r"(\d)\s*([^\w\s])\s*(?=\d)")


def title_key(title: str) -> str:
    """The title's letters and digits as `name_key` folds them, its spaces, punctuation, emoji
    and other symbols left out: `camper carry!`, `Camper-Carry` and `Camper Carry 🚚` read as
    `Camper Carry` in a thread's name and a list. A mark between two digits (the spaces
    around it aside) stays, being part of the number: `Stage 1.5` is not `Stage 15`, nor
    `1/2` `12`; a times sign reads as the x typed for it, so `4×4` is `4x4`. A title of
    symbols alone is its `name_key`, so `🚚` and `🛻` stay two titles."""
    text = _SPACED_MARK_IN_NUMBER.sub(r"\1\2", name_key(title).replace("×", "x"))
    kept = "".join(ch for index, ch in enumerate(text) if _read_in_title(text, index))
    return kept or name_key(title)


def _read_in_title(text: str, index: int) -> bool:
    ch = text[index]
    if ch.isspace():
        return False
    if unicodedata.category(ch)[0] in "PS":
        return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    return bool(bare_name_key(ch))  # what makes an emoji of a character goes with it


class BuildTitles:
    """`BuildService` is one."""

    _store: Store

    async def titles(self, guild_id: int) -> dict[int, str]:
        """Every build of the server's title, by id."""
        rows = await self._store.fetchall(
            "SELECT id, title FROM builds WHERE guild_id = ?", (guild_id,)
        )
        return {row["id"]: row["title"] for row in rows}
