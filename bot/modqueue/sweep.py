"""The daily sweep of the queue's posts: where the posts of items decided long ago are, and the
words of decisions on items never posted, are let go."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.clock import unix
from bot.modqueue.items import QueueSource
from bot.modqueue.posts import ITEM_WHERE
from bot.modqueue.unposted import let_go_unposted
from bot.store import Store


async def let_go_of_decided(
    store: Store, sources: Mapping[str, QueueSource], now: datetime, after: timedelta
) -> int:
    """Forget where the posts of items no longer waiting are, once they have been so for
    `after` (an approval can be undone: a showcase post Discord keeps refusing puts
    its nominations back in the queue, hours later); returns how many were let go. A post
    naming a member (the moderator who decided it, a sender told why) is kept, for a forget of
    them to reach, and looked at no more, without the copy of its item's card. The words of
    decisions on items never posted go `after` the decision."""
    # Member text quoted in the words is inert, its mentions broken: "<@" is the bot's own.
    rows = await store.fetchall(
        "SELECT guild_id, kind, ref_id, left_queue_at FROM modqueue_posts "
        "WHERE left_queue_at IS NULL OR left_queue_at > ? OR (coalesce(decided_by, 0) <= 0 "
        "AND coalesce(decision, '') NOT LIKE '%<@%')",
        (unix(now - after),),
    )
    let_go = 0
    for row in rows:
        source = sources.get(row["kind"])
        item = None if source is None else await source.item(row["guild_id"], row["ref_id"])
        where = (row["guild_id"], row["kind"], row["ref_id"])
        if item is not None:
            await store.execute(
                f"UPDATE modqueue_posts SET left_queue_at = NULL {ITEM_WHERE}", where
            )
        elif row["left_queue_at"] is None:
            await store.execute(
                f"UPDATE modqueue_posts SET left_queue_at = ? {ITEM_WHERE}", (unix(now), *where)
            )
        elif row["left_queue_at"] <= unix(now - after):
            let_go += await store.execute(f"DELETE FROM modqueue_posts {ITEM_WHERE}", where)
    # The card kept for a decided post's edit (`CardCopies`) quotes its sender: an edit still not
    # made by now never will be, and a post kept for its words keeps none.
    await store.execute(
        "UPDATE modqueue_posts SET decided_embeds = NULL "
        "WHERE left_queue_at <= ? AND decided_embeds IS NOT NULL",
        (unix(now - after),),
    )
    return let_go + await let_go_unposted(store, now - after)
