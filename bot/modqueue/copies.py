"""The copy of an item's card a queue post keeps for the edit saying how it was decided
(`modqueue_posts.decided_embeds`), and, for a first post on its way, the card held in hand until
the post's place is kept."""

from __future__ import annotations

import json
from dataclasses import replace

from bot.jobs import JobQueue
from bot.modqueue.items import QueueCard, QueueItem, QueueSource
from bot.modqueue.posts import ITEM_WHERE, queue_post_key
from bot.modqueue.refresh import MODQUEUE_POST_JOB
from bot.store import Store

ItemKey = tuple[int, str, int]  # guild id, kind, ref id
# How many cards of posts on their way are held: one a post, let go as it is kept; a post
# Discord refused for good is never kept, so the oldest go first.
HELD = 500


class CardCopies:
    """Keeps, for the edit saying how it was decided, the card of an item `decided` just now,
    or shown on hold (`QueueItem.on_hold`) and so perhaps decided where its card can no longer
    be rendered (an announcement removed with its importer), without the line that it is on
    hold, nor the one that it repeats a rejected item: nothing holds a decided item, its source
    reads it no more once decided, and the post is not read back from Discord. A waiting item
    not held keeps none. The copy goes once that
    edit is made (`sent_decision`).

    A first post has no place kept between its render and its send's record: a card rendered
    held, or decided, then is held here in memory (its render and record are this process's),
    and kept with the post (`posted`) when its item no longer waits by then. Held only while
    the post is on its way: an item never posted needs no card."""

    def __init__(self, store: Store, jobs: JobQueue) -> None:
        self._store = store
        self._jobs = jobs
        self._on_the_way: dict[ItemKey, QueueItem] = {}

    async def keep(
        self,
        card: QueueCard | None,
        source: QueueSource,
        guild_id: int,
        item: QueueItem,
        *,
        decided: bool,
    ) -> None:
        """Keep the item's card as `decided` or as it waits, with `card`."""
        key = (guild_id, source.kind, item.ref_id)
        row = await self._store.fetchone(f"SELECT channel_id FROM modqueue_posts {ITEM_WHERE}", key)
        if card is None:
            return
        # Nor that it repeats a rejected item: its moderator is named there, and a decided
        # post is not rendered again when they are forgotten.
        unheld = (
            replace(item, on_hold=None, repeats=None)
            if decided or item.on_hold is not None
            else None
        )
        if row is None:
            # An item never posted (the server has no mod-queue channel) needs no card.
            on_its_way = await self._jobs.running(MODQUEUE_POST_JOB, queue_post_key(*key[1:]))
            self._hold(key, unheld if on_its_way else None)
            return
        await self._write(card, source, key, unheld, row["channel_id"])

    async def posted(
        self, card: QueueCard | None, source: QueueSource, guild_id: int, ref_id: int
    ) -> None:
        """The item's post was just kept: keep its card as the item reads now, or, when it was
        decided since the render, as held when it was rendered or decided."""
        key = (guild_id, source.kind, ref_id)
        unheld = self._on_the_way.pop(key, None)
        item = await source.item(guild_id, ref_id)
        if item is not None:
            await self.keep(card, source, guild_id, item, decided=False)
        elif card is not None and unheld is not None:
            channel_id = await self._store.fetchval(
                f"SELECT channel_id FROM modqueue_posts {ITEM_WHERE}", key
            )
            await self._write(card, source, key, unheld, channel_id)

    def forget(self, guild_id: int) -> None:
        """Let go of the server's cards held in hand, which may quote a member forgotten: their
        posts' decided edits leave the cards as sent."""
        for key in [key for key in self._on_the_way if key[0] == guild_id]:
            del self._on_the_way[key]

    def _hold(self, key: ItemKey, unheld: QueueItem | None) -> None:
        self._on_the_way.pop(key, None)
        if unheld is None:
            return
        self._on_the_way[key] = unheld
        while len(self._on_the_way) > HELD:
            del self._on_the_way[next(iter(self._on_the_way))]

    async def _write(
        self,
        card: QueueCard,
        source: QueueSource,
        key: ItemKey,
        unheld: QueueItem | None,
        channel_id: int,
    ) -> None:
        kept = None
        if unheld is not None:
            kept = json.dumps(list(card(source, unheld, channel_id).embeds))
        await self._store.execute(
            f"UPDATE modqueue_posts SET decided_embeds = ? {ITEM_WHERE}", (kept, *key)
        )
