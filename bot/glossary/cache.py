"""Each server's effective glossary entries and index, kept in memory until the server edits.

One `GlossaryIndex` of the built-ins is shared by every server that changed nothing; a server with
rows of its own gets its own index, built on first use (in a worker thread, so the event loop
keeps answering other interactions) and dropped when it changes. Each change bumps the server's
*generation*; a cache filled by a read that started before the change is not stored.
A save does not forget the server's entries but changes them (`apply`), with the map of who is
written each way (`spellings`) that the next save checks against: both are what the store holds
once the save commits, so a save reads neither the server's rows nor every entry's spellings.
Nor does it copy the entries: it lays its changes over them (`bot.glossary.layers`), and what a
reader holds stays as it was.
Popularity is per server: each server's view is a shallow copy of its index re-ranked with that
server's lookup counts, refreshed at most every `POPULARITY_REFRESH` so a lookup does not cost a
rebuild. A lookup's count is only noted in memory; a timer writes the counts every
`COUNT_FLUSH_EVERY`, and `settle` writes them at shutdown. A count lost in a crash costs nothing,
while a member whose answer waits behind a write pays for it, and under load one write per lookup
queues behind the others on the store's one connection.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.glossary.entries import GlossaryEntry, entry_from_text, entry_key
from bot.glossary.index import GlossaryIndex
from bot.glossary.layers import FLATTEN_AFTER, Layered
from bot.glossary.spellings import Spellings
from bot.store import Store

log = logging.getLogger(__name__)

POPULARITY_REFRESH = timedelta(minutes=1)
COUNT_FLUSH_EVERY = 30.0  # seconds lookup counts wait in memory before they are written
# Up to this many entries a server's index is rebuilt while the query after an edit waits (tens
# of milliseconds); beyond it the rebuild takes seconds, too close to Discord's 3-second window,
# so it runs in the background and queries are answered from the previous index meanwhile.
INLINE_BUILD_MAX = 20_000

Rows = Mapping[str, GlossaryEntry | None]  # a server's own rows by key; None hides a built-in


@dataclass
class _View:
    index: GlossaryIndex
    built_at: datetime


class GlossaryCache:
    """Answers "which entries, which index" per server from memory; `forget` after every write."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        builtins: Iterable[GlossaryEntry],
        *,
        inline_build_max: int = INLINE_BUILD_MAX,
        count_flush_every: float = COUNT_FLUSH_EVERY,
    ) -> None:
        self._store = store
        self._clock = clock
        self._inline_build_max = inline_build_max
        self._count_flush_every = count_flush_every
        self.builtins: Mapping[str, GlossaryEntry] = {
            entry_key(entry.headword): entry for entry in builtins
        }
        self._shared = GlossaryIndex(self.builtins.values())
        # Each server's effective entries; servers without rows of their own share the built-ins.
        self._entries: dict[int, Mapping[str, GlossaryEntry]] = {}
        # Held only beside the server's entries, and kept with them; the built-ins' is shared.
        self._spellings: dict[int, Spellings] = {}
        self._builtin_spellings: Spellings | None = None
        self._own_indexes: dict[int, GlossaryIndex] = {}
        # A big server's previous index, served while its successor builds in the background.
        self._previous_indexes: dict[int, GlossaryIndex] = {}
        self._builds: dict[int, asyncio.Task[None]] = {}
        self._views: dict[int, _View] = {}
        self._counted: set[int] = set()  # guilds with lookups newer than their view
        # Lookup counts by guild and key, not yet written; those a flush is writing now.
        self._unwritten: dict[int, Counter[str]] = {}
        self._writing: dict[int, Counter[str]] = {}
        self._flusher: asyncio.Task[None] | None = None
        self._flush_lock = asyncio.Lock()
        # Bumped by every change of a server's entries: a cache built from a read that began
        # before the change would be stale, so it is returned to its caller but not stored.
        self._generations: dict[int, int] = {}
        # A layer of the server's entries being flattened in a worker thread (`apply`), and the
        # last one flattened, for the next save to build on.
        self._flattening: dict[int, asyncio.Task[None]] = {}
        self._flattened: dict[int, Layered] = {}

    # --- the server's rows, read fresh -----------------------------------------------------------

    async def rows(self, guild_id: int) -> dict[str, GlossaryEntry | None]:
        """The server's own rows as stored now; a write reads them inside its transaction."""
        return {
            key: entry_from_text(text) for key, text in (await self.row_texts(guild_id)).items()
        }

    async def row_texts(self, guild_id: int) -> dict[str, str | None]:
        """The server's own rows as stored now, undecoded: cheap to compare with an earlier read."""
        rows = await self._store.fetchall(
            "SELECT key, entry FROM glossary_entries WHERE guild_id = ?", (guild_id,)
        )
        return {row["key"]: row["entry"] for row in rows}

    def effective(self, rows: Rows) -> dict[str, GlossaryEntry]:
        """The built-ins with a server's own rows applied: what its members see, by key."""
        merged = dict(self.builtins)
        for key, entry in rows.items():
            if entry is None:
                merged.pop(key, None)
            else:
                merged[key] = entry
        return merged

    # --- cached ----------------------------------------------------------------------------------

    async def entries(self, guild_id: int) -> Mapping[str, GlossaryEntry]:
        """Every entry members of this server see, by key (cached until `forget`)."""
        cached = self._entries.get(guild_id)
        if cached is not None:
            return cached
        generation = self._generation(guild_id)
        rows = await self.rows(guild_id)
        entries = self.effective(rows) if rows else self.builtins
        if self._generation(guild_id) == generation:
            self._entries[guild_id] = entries
        return entries

    async def spellings(self, guild_id: int) -> Spellings:
        """Who is written each way in this server: built once (at start-up, or in a worker
        thread on the server's first save since), then kept by `apply`."""
        held = self._spellings.get(guild_id)
        if held is not None:
            return held
        generation = self._generation(guild_id)
        entries = await self.entries(guild_id)
        index = self._own_indexes.get(guild_id)  # held only while it indexes `entries`
        if entries is self.builtins:
            if self._builtin_spellings is None:
                self._builtin_spellings = Spellings.of(self._shared)
            spellings = self._builtin_spellings
        elif index is not None:  # normalising every form again took seconds at 100,000
            spellings = await asyncio.to_thread(Spellings.of, index)
        else:
            spellings = await asyncio.to_thread(Spellings, entries.values())
        if self._generation(guild_id) == generation and guild_id in self._entries:
            self._spellings[guild_id] = spellings
        return spellings

    async def index(self, guild_id: int) -> GlossaryIndex:
        """This server's index ranked by its own lookups, at most POPULARITY_REFRESH stale."""
        now = self._clock.now()
        view = self._views.get(guild_id)
        fresh = view is not None and (
            guild_id not in self._counted or now - view.built_at < POPULARITY_REFRESH
        )
        if view is not None and fresh:
            return view.index
        generation = self._generation(guild_id)
        self._counted.discard(guild_id)  # a lookup counted from here on marks this view stale
        base = await self._base_index(guild_id)
        stored = await self._store.fetchall(
            "SELECT key, count FROM glossary_lookups WHERE guild_id = ?", (guild_id,)
        )
        # Read after the rows, with no await between: a flush that committed before the read
        # has already emptied `_writing`, one that had not yet committed still holds its counts.
        counts = Counter({row["key"]: row["count"] for row in stored})
        counts.update(self._unwritten.get(guild_id, {}))
        counts.update(self._writing.get(guild_id, {}))
        index = base.ranked_by(counts)  # `base` stays as other servers use it
        # An edit that committed meanwhile made `index` stale: this caller may use it, but
        # storing it would serve the old entries until the next edit.
        if self._generation(guild_id) == generation:
            self._views[guild_id] = _View(index, now)
        return index

    def count_lookup(self, guild_id: int, key: str) -> None:
        """A member looked the entry `key` up: it ranks higher from the next refresh on.

        Noted in memory only; the write comes later, outside the member's interaction.
        """
        self._unwritten.setdefault(guild_id, Counter())[key] += 1
        self._counted.add(guild_id)
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._flush_periodically(), name="glossary-counts")

    async def flush_counts(self) -> None:
        """Write the lookup counts noted in memory, in one transaction."""
        async with self._flush_lock:
            if not self._unwritten:
                return
            self._writing, self._unwritten = self._unwritten, {}
            try:
                async with self._store.transaction():
                    await self._store.executemany(
                        "INSERT INTO glossary_lookups (guild_id, key, count) VALUES (?, ?, ?) "
                        "ON CONFLICT (guild_id, key) DO UPDATE SET count = count + excluded.count",
                        [
                            (guild_id, key, count)
                            for guild_id, counts in self._writing.items()
                            for key, count in counts.items()
                        ],
                    )
            except BaseException:
                for guild_id, counts in self._writing.items():  # kept for the next flush
                    self._unwritten.setdefault(guild_id, Counter()).update(counts)
                raise
            finally:
                self._writing = {}

    async def discard_server(self, guild_id: int) -> None:
        """Drop everything held for a server whose data is being purged: its lookup counts not
        yet written would otherwise bring it back with the next flush."""
        async with self._flush_lock:  # a flush in hand writes first; the purge deletes it
            self._unwritten.pop(guild_id, None)
            self._counted.discard(guild_id)
            self.forget(guild_id)
            self._previous_indexes.pop(guild_id, None)

    async def _flush_periodically(self) -> None:
        try:
            while self._unwritten:
                await asyncio.sleep(self._count_flush_every)
                try:
                    await self.flush_counts()
                except Exception:
                    log.exception("could not write glossary lookup counts; trying again later")
        finally:
            if self._flusher is asyncio.current_task():
                self._flusher = None

    def apply(self, guild_id: int, changes: Iterable[tuple[str, GlossaryEntry | None]]) -> None:
        """A save committed these (key, entry after; None: nothing there) changes: call it right
        after the commit, with no await between, so that the next save checks against them."""
        entries, spellings = self._entries.get(guild_id), self._spellings.get(guild_id)
        flattened = self._flattened.get(guild_id)
        self.forget(guild_id)
        if entries is None:
            return
        # A new mapping, sharing the old one's base: readers, and an index building in a
        # thread, hold the old one, and an import planned from it tells by it that a save
        # landed meanwhile (see `bot.glossary.layers`).
        layer = Layered.over(entries)
        if flattened is not None:
            layer = layer.rebased(flattened)
        changes = list(changes)
        if spellings is not None:
            if spellings is self._builtin_spellings:
                spellings = spellings.copy()
            saved: dict[str, GlossaryEntry | None] = {}
            for key, after in changes:
                spellings.change(saved[key] if key in saved else layer.get(key), after)
                saved[key] = after
        changed = layer.changed(changes)
        # Shared again once the server's entries are the built-ins, as at start-up.
        same = changed.same_as(self.builtins)
        self._entries[guild_id] = self.builtins if same else changed
        if spellings is not None:
            shared = self._builtin_spellings
            self._spellings[guild_id] = shared if same and shared is not None else spellings
        if not same and changed.changed_keys >= FLATTEN_AFTER:
            self._flatten_in_background(guild_id, changed)

    def forget(self, guild_id: int) -> None:
        """Drop what was cached for a server whose entries changed (call after the commit)."""
        self._generations[guild_id] = self._generation(guild_id) + 1
        self._flattened.pop(guild_id, None)
        self._entries.pop(guild_id, None)
        self._spellings.pop(guild_id, None)
        previous = self._own_indexes.pop(guild_id, None)
        if previous is not None:
            self._previous_indexes[guild_id] = previous
        self._views.pop(guild_id, None)

    def _flatten_in_background(self, guild_id: int, layer: Layered) -> None:
        """Flatten `layer` in a worker thread (`Layered.flat`): the next save builds on it,
        carrying only the changes saved since (`Layered.rebased`)."""
        if guild_id in self._flattening:
            return

        async def flatten() -> None:
            try:
                await asyncio.to_thread(layer.flat)
                self._flattened[guild_id] = layer
            finally:
                del self._flattening[guild_id]

        self._flattening[guild_id] = asyncio.create_task(
            flatten(), name=f"glossary-flatten-{guild_id}"
        )

    # --- building indexes ------------------------------------------------------------------------

    async def warm_up(self) -> int:
        """Build every server's index now (at startup) instead of during a member's first query.

        A server with many entries of its own takes seconds to index; that must not happen
        inside an interaction's 3-second window. Returns how many servers were indexed.
        """
        rows = await self._store.fetchall("SELECT DISTINCT guild_id FROM glossary_entries")
        for row in rows:
            await self.index(row["guild_id"])
            await self.spellings(row["guild_id"])  # what a save checks against
        return len(rows)

    async def settle(self) -> None:
        """Finish the background work (before shutting down, or in tests): wait for indexes
        being built, and write the lookup counts still in memory."""
        await asyncio.gather(
            *self._builds.values(), *self._flattening.values(), return_exceptions=True
        )
        flusher, self._flusher = self._flusher, None
        if flusher is not None:
            flusher.cancel()  # a flush it was making puts its counts back for the one below
            await asyncio.gather(flusher, return_exceptions=True)
        await self.flush_counts()

    async def _base_index(self, guild_id: int) -> GlossaryIndex:
        generation = self._generation(guild_id)
        entries = await self.entries(guild_id)
        if entries is self.builtins:
            return self._shared
        index = self._own_indexes.get(guild_id)
        if index is not None:
            return index
        previous = self._previous_indexes.get(guild_id)
        if previous is not None and len(entries) > self._inline_build_max:
            self._build_in_background(guild_id, entries, generation)
            return previous
        return await self._build(guild_id, entries, generation)

    async def _build(
        self, guild_id: int, entries: Mapping[str, GlossaryEntry], generation: int
    ) -> GlossaryIndex:
        # Thousands of entries take a while to index: off the event loop.
        index = await asyncio.to_thread(GlossaryIndex, entries.values())
        if self._generation(guild_id) == generation:
            self._own_indexes[guild_id] = index
            self._previous_indexes.pop(guild_id, None)
            self._views.pop(guild_id, None)  # a view may have been ranked from the previous one
        return index

    def _build_in_background(
        self, guild_id: int, entries: Mapping[str, GlossaryEntry], generation: int
    ) -> None:
        if guild_id in self._builds:
            return

        async def build() -> None:
            try:
                await self._build(guild_id, entries, generation)
                # A query that began on the previous index may still be ranking a view from
                # it; a new generation keeps that view from being stored over the new index.
                self._generations[guild_id] = self._generation(guild_id) + 1
            finally:
                del self._builds[guild_id]

        self._builds[guild_id] = asyncio.create_task(build(), name=f"glossary-index-{guild_id}")

    def _generation(self, guild_id: int) -> int:
        return self._generations.get(guild_id, 0)
