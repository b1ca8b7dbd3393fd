"""A build started twice by a double submit: the same member, title and truck line again within
REPEAT_WINDOW is refused, pointing at the build already started. A second build of one truck is
still anyone's to start, under another title."""

from __future__ import annotations

from bot.errors import UserError
from bot.limits import fit
from bot.names import name_key
from bot.store import Store

REPEAT_WINDOW = 10 * 60  # seconds: a double submit comes within minutes; a deliberate one later


async def refuse_a_repeat(
    store: Store, guild_id: int, owner_id: int, title: str, truck: str, now: int
) -> None:
    """Refuse the member's start when they started this title and truck within REPEAT_WINDOW
    and its post still stands (one deleted since is a member starting over)."""
    rows = await store.fetchall(
        "SELECT id, title, truck, thread_id, created_at FROM builds WHERE guild_id = ? "
        "AND owner_id = ? AND created_at > ? AND thread_deleted_at IS NULL ORDER BY id",
        (guild_id, owner_id, now - REPEAT_WINDOW),
    )
    # Compared as a member would read them again: case, spacing and full-width letters aside,
    # in the form the server's other names are compared in.
    wanted = (name_key(title), name_key(truck))
    for row in rows:
        if (name_key(row["title"]), name_key(row["truck"])) != wanted:
            continue
        minutes = (now - row["created_at"]) // 60
        ago = {0: "moments ago", 1: "a minute ago"}.get(minutes, f"{minutes} minutes ago")
        # A double submit may arrive while the first is still being posted.
        where = f": <#{row['thread_id']}>" if row["thread_id"] else "; its post is on its way"
        # Named as it is called now: it may have been renamed to this title since it started.
        raise UserError(
            f"You started build #{row['id']} ({title_of(row['title'])}, with this truck) "
            f"{ago}{where}. Nothing new was started. To start a second build of the same "
            "truck, give it another title."
        )


def title_of(title: str) -> str:
    return f"“{fit(title, 80)}”"
