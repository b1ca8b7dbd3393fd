"""A build started twice by a double submit: the same member, title and truck line again within
REPEAT_WINDOW is refused, pointing at the build already started. A second build of one truck is
still anyone's to start, under another title: a member's builds never share one (`refuse_a_twin`),
as their threads would read alike and an update without `build:` would go to either. Titles
are compared as `title_key` reads them, punctuation and symbols aside but between two digits
(`camper carry!` is `Camper Carry`, `Stage 1.5` is not `Stage 15`);
twins kept from before that stay, each taking its changes (a rename to its own title
retyped is no new twin)."""

from __future__ import annotations

from bot.errors import UserError
from bot.limits import fit
from bot.names import name_key, title_key
from bot.privacy import FORMER_MEMBER
from bot.store import Store

REPEAT_WINDOW = 10 * 60  # seconds: a double submit comes within minutes


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
    # Compared as a member would read them again: the title as `refuse_a_twin` reads it (a
    # repeat retyped with a "!" is told it is a repeat, not a twin), the truck with case,
    # spacing and full-width letters aside, in the form the server's other names are in.
    wanted = (title_key(title), name_key(truck))
    for row in rows:
        if (title_key(row["title"]), name_key(row["truck"])) != wanted:
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


async def refuse_a_twin(
    store: Store, guild_id: int, owner_id: int, title: str, build_id: int | None = None
) -> None:
    """Refuse `title` for the member's new build (or their build `build_id`, renamed) when
    another build of theirs reads as it (`title_key`). Former
    members' kept builds are nobody's in particular: never each other's twins."""
    if owner_id == FORMER_MEMBER:
        return
    rows = await store.fetchall(
        "SELECT id, title FROM builds WHERE guild_id = ? AND owner_id = ? AND id IS NOT ? "
        "ORDER BY id",
        (guild_id, owner_id, build_id),
    )
    wanted = title_key(title)
    twin = next((row for row in rows if title_key(row["title"]) == wanted), None)
    if twin is None:
        return
    if build_id is None:
        raise UserError(
            f"You have build #{twin['id']} {title_of(twin['title'])} already: give this build "
            "another title, so the two can be told apart. Nothing new was started."
        )
    raise UserError(
        f"Build #{twin['id']} {title_of(twin['title'])} has that title already: give build "
        f"#{build_id} another title, so the two can be told apart. Nothing changed."
    )


def title_of(title: str) -> str:
    return f"“{fit(title, 80)}”"
