"""The words of decisions on items never posted (the server had no mod-queue channel), kept in
`modqueue_decisions` as a post's row keeps its own, so that a restart loses none of them; and a
member's part of them, and of the posts' words, for a forget (`bot.modqueue.exported` exports
it)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.clock import unix
from bot.modqueue.posts import (
    ITEM_WHERE,
    Outcome,
    TakenDownBy,
    decider_named,
    naming,
    record_followed,
    unnamed_words,
)
from bot.privacy import FORMER_MEMBER, Forgotten, counted
from bot.privacy.posts import QueuePost
from bot.store import Store


async def record_unposted(
    store: Store,
    guild_id: int,
    kind: str,
    ref_id: int,
    words: str,
    outcome: Outcome | None,
    now: datetime,
) -> None:
    """Keep how an item with no post was decided, and what became of it (the latest decision,
    when it was put back and decided again)."""
    await store.execute(
        "INSERT INTO modqueue_decisions (guild_id, kind, ref_id, decided_by, decision, "
        "outcome, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, ref_id) "
        "DO UPDATE SET decided_by = excluded.decided_by, decision = excluded.decision, "
        "outcome = excluded.outcome, taken_down_by = NULL, decided_at = excluded.decided_at",
        (guild_id, kind, ref_id, decider_named(words), words, outcome, unix(now)),
    )


async def follow_unposted(
    store: Store, guild_id: int, kind: str, ref_id: int, outcome: str
) -> None:
    """Have the approval of an item never posted say what followed it now, as a post's
    (`record_followed`): a moderator clicking a list opened before is told so."""
    await record_followed(store, guild_id, kind, ref_id, outcome, table="modqueue_decisions")


async def drop_unposted(store: Store, guild_id: int, kind: str, ref_id: int) -> None:
    """Forget how the item was decided: the decision was undone, and it waits again."""
    await store.execute(f"DELETE FROM modqueue_decisions {ITEM_WHERE}", (guild_id, kind, ref_id))


async def unposted_words(store: Store, guild_id: int, kind: str, ref_id: int) -> str | None:
    """How an item never posted was decided, as recorded; None when not known."""
    return await store.fetchval(
        f"SELECT decision FROM modqueue_decisions {ITEM_WHERE}", (guild_id, kind, ref_id)
    )


async def let_go_unposted(store: Store, before: datetime) -> int:
    """Forget the decisions on items never posted taken `before`: no page still open needs
    them, and nothing in Discord names their moderator."""
    return await store.execute(
        "DELETE FROM modqueue_decisions WHERE decided_at <= ?", (unix(before),)
    )


async def forget_member(store: Store, guild_id: int, member_id: int, now: datetime) -> Forgotten:
    """Have exactly the words naming the member say "a moderator" (where they decided) or "a
    member" (a sender told of a rejection) instead, however old, and the posts showing them
    edited to match. Naming nobody now, a post is let go of like any other, a week on: the
    forget's follow-up renders it from these words meanwhile, however long Discord is
    busy."""
    rows = await _unname(store, "modqueue_posts", guild_id, member_id, left_queue_at=unix(now))
    unposted = await _unname(store, "modqueue_decisions", guild_id, member_id)
    # A post deleted already (`withdrawn_posts`) is a record alone: nothing to edit.
    posts = frozenset(
        QueuePost(row["kind"], row["ref_id"], row["channel_id"], row["message_id"])
        for row in rows
        if not row["post_deleted"]
    )
    records = len(rows) - len(posts) + len(unposted)
    return Forgotten(
        anonymised=counted(
            [("moderation queue posts", len(posts)), ("moderation queue decisions", records)]
        ),
        changed_queue_posts=posts,
    )


async def _unname(
    store: Store, table: str, guild_id: int, member_id: int, **also: int
) -> list[aiosqlite.Row]:
    """The rows of `table` (one of the queue's own) whose words name the member, as their
    decider or a sender, changed to name nobody (and to set `also`)."""
    rows = await store.fetchall(
        f"SELECT * FROM {table} WHERE guild_id = ? AND (decided_by = ? OR decision LIKE ?)",
        (guild_id, member_id, naming(member_id)),
    )
    setting = "".join(f", {column} = ?" for column in also)
    for row in rows:
        # Words that named the member as their decider (as `decided_by` was read) lose that
        # too, even if an earlier forget of theirs changed them already.
        unnamed = unnamed_words(row["decision"], member_id) or row["decision"]
        decider = FORMER_MEMBER if row["decided_by"] == member_id else row["decided_by"]
        await store.execute(
            f"UPDATE {table} SET decided_by = ?, decision = ?{setting} {ITEM_WHERE}",
            (decider, unnamed, *also.values(), guild_id, row["kind"], row["ref_id"]),
        )
    return rows


async def take_down_unposted(
    store: Store, guild_id: int, kind: str, ref_id: int, words: str, by: TakenDownBy | None
) -> None:
    """Add `words` to how an item never posted was decided, and who took it down since."""
    await store.execute(
        "UPDATE modqueue_decisions SET decision = decision || ' ' || ?, taken_down_by = ? "
        f"{ITEM_WHERE}",
        (words, by, guild_id, kind, ref_id),
    )
