"""The glossary's reading side: what members and moderators ask of it — lookups, autocomplete,
search, browsing, a random term, the word of the day and an entry's history — answered from the
`GlossaryCache` over the built-ins and each server's own rows. `GlossaryService` (service.py)
adds the changes: moderators' edits, members' suggestions, import and export.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from bot.clock import Clock, from_unix
from bot.errors import NotFound, UserError
from bot.glossary.cache import INLINE_BUILD_MAX, GlossaryCache
from bot.glossary.daily import pick_daily_key
from bot.glossary.entries import (
    CATEGORIES,
    DISCORD_REFERENCE,
    GlossaryEntry,
    builtin_entries,
    entry_from_text,
    entry_key,
)
from bot.glossary.index import GlossaryIndex, Hit, MatchKind
from bot.glossary.values import Change, Lookup, Page
from bot.limits import AUTOCOMPLETE_CHOICES, plain_quote, require_length
from bot.store import Store, from_row

PAGE_SIZE = 10
SEARCH_MAX = 200
HISTORY_SHOWN = 15


class GlossaryReader:
    """Answers about a server's glossary; every answer comes from the cache, none writes."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        builtins: Sequence[GlossaryEntry] | None = None,
        rng: random.Random | None = None,
        inline_build_max: int = INLINE_BUILD_MAX,
    ) -> None:
        self._store = store
        self._clock = clock
        self._rng = rng or random.Random()
        self._cache = GlossaryCache(
            store,
            clock,
            builtin_entries() if builtins is None else builtins,
            inline_build_max=inline_build_max,
        )
        self._builtins = self._cache.builtins

    async def warm_up(self) -> int:
        """Index every server with entries of its own now, at startup; returns how many."""
        return await self._cache.warm_up()

    async def settle(self) -> None:
        """Finish the background work (before shutting down, or in tests): wait for indexes
        being built, and write the lookup counts still in memory."""
        await self._cache.settle()

    async def discard_server(self, guild_id: int) -> None:
        """Forget what is held in memory for a server about to be purged."""
        await self._cache.discard_server(guild_id)

    async def entries(self, guild_id: int) -> Mapping[str, GlossaryEntry]:
        """Every entry members of this server see, by key (cached until the server edits)."""
        return await self._cache.entries(guild_id)

    async def lookup(self, guild_id: int, query: str) -> Lookup:
        """The entry `query` names (counted as a lookup), or up to three it might mean."""
        query = require_length("The term", query, SEARCH_MAX)
        match = (await self._cache.index(guild_id)).lookup(query)
        if match.entry is None:
            return Lookup(None, suggestions=match.suggestions)
        self._cache.count_lookup(guild_id, entry_key(match.entry.headword))
        shown = _shown(match.entry, await self.entries(guild_id))
        return replace(
            shown,
            closest=match.kind not in (MatchKind.HEADWORD, MatchKind.ALIAS),
            emissions_prefix=match.emissions_prefix,
        )

    async def shown(self, guild_id: int, entry: GlossaryEntry) -> Lookup:
        """`entry` as lookup shows it, with the entries its see-also names (not counted)."""
        return _shown(entry, await self.entries(guild_id))

    async def autocomplete(
        self, guild_id: int, query: str, limit: int = AUTOCOMPLETE_CHOICES
    ) -> tuple[GlossaryEntry, ...]:
        """Entries for a partly typed term, best first; popular ones for an empty box."""
        index = await self._cache.index(guild_id)
        return tuple(hit.entry for hit in index.autocomplete(query[:SEARCH_MAX], limit))

    async def search(self, guild_id: int, text: str, limit: int = 10) -> list[Hit]:
        """Up to `limit` ranked matches; each `Hit.matched` says whether term or meaning matched.
        Discord's references in `text` (mentions, channels, custom emoji) are no words."""
        text = require_length("The search text", text, SEARCH_MAX)
        words = DISCORD_REFERENCE.sub(" ", text)
        if not words.strip():
            raise UserError(
                "Mentions, channels, roles and custom emoji are not searched: type the words of "
                "a term or its meaning, such as `shaken` or `inspection`."
            )
        return (await self._cache.index(guild_id)).search(words, limit)

    async def browse(self, guild_id: int, category: str | None, page: int) -> Page:
        """One page of entries in headword order, optionally of one category."""
        if category is not None and category not in CATEGORIES:
            raise UserError(f"Categories are {', '.join(CATEGORIES)}.")
        entries = sorted(
            (e for e in (await self.entries(guild_id)).values() if category in (None, e.category)),
            key=lambda e: e.headword.casefold(),
        )
        pages = max(1, -(-len(entries) // PAGE_SIZE))
        number = min(max(page, 1), pages)
        start = (number - 1) * PAGE_SIZE
        shown = tuple(entries[start : start + PAGE_SIZE])
        return Page(shown, number, pages, len(entries), category)

    async def random_entry(self, guild_id: int) -> Lookup:
        entries = await self._some_entries(guild_id)
        return _shown(self._rng.choice(list(entries.values())), entries)

    async def word_of_the_day(self, guild_id: int, day: date) -> Lookup:
        """The term for `day` (server-local): the same on every call for that day, and none
        repeats until every term has been shown."""
        entries = await self._some_entries(guild_id)
        key = await pick_daily_key(self._store, self._rng, guild_id, day, entries)
        return _shown(entries[key], entries)

    async def history(self, guild_id: int, term: str) -> tuple[GlossaryEntry | None, list[Change]]:
        """Who changed the entry `term` names and how, newest first."""
        key = entry_key(term)
        entry = (await self.entries(guild_id)).get(key)
        rows = await self._history_rows(guild_id, key)
        # A removed term keeps its history under its own name; only a term typed some other
        # way (kana, an alias, a slip) is looked up.
        if entry is None and not rows:
            found = (await self._cache.index(guild_id)).lookup(term[:SEARCH_MAX]).entry
            if found is not None:
                entry, rows = found, await self._history_rows(guild_id, entry_key(found.headword))
        if entry is None and not rows:
            raise NotFound(f"There is no entry {plain_quote(term)} in this server's glossary.")
        changes = [
            from_row(
                Change,
                row,
                at=from_unix(row["at"]),
                before=entry_from_text(row["before"]),
                after=entry_from_text(row["after"]),
            )
            for row in rows
        ]
        return entry, changes

    async def with_history(
        self, guild_id: int, query: str, limit: int = AUTOCOMPLETE_CHOICES
    ) -> tuple[GlossaryEntry, ...]:
        """Entries for a partly typed term whose history a moderator may want: those members
        see, and those this server removed, as they were, each ranked by how well it matches
        (a removed term typed in full first)."""
        query = query[:SEARCH_MAX]
        shown = (await self._cache.index(guild_id)).autocomplete(query, limit)
        rows = await self._store.fetchall(
            "SELECT before FROM glossary_history AS removal WHERE guild_id = ? AND after IS NULL "
            "AND before IS NOT NULL AND id = (SELECT max(id) FROM glossary_history "
            "WHERE guild_id = removal.guild_id AND key = removal.key)",
            (guild_id,),
        )
        removed = [entry for row in rows if (entry := entry_from_text(row["before"]))]
        hits = GlossaryIndex(removed).autocomplete(query, limit) if removed else []
        # Stable: at an equal match, the live entries keep their popularity order, first.
        ranked = sorted([*shown, *hits], key=lambda hit: (hit.kind, hit.distance))
        return tuple(dict.fromkeys(hit.entry for hit in ranked))[:limit]

    async def _history_rows(self, guild_id: int, key: str) -> list[sqlite3.Row]:
        return await self._store.fetchall(
            "SELECT h.action, h.actor_id, h.at, h.before, h.after, s.id AS suggestion_id, "
            "s.member_id AS suggested_by FROM glossary_history AS h "
            "LEFT JOIN glossary_suggestions AS s ON s.id = h.suggestion_id "
            "WHERE h.guild_id = ? AND h.key = ? ORDER BY h.at DESC, h.id DESC LIMIT ?",
            (guild_id, key, HISTORY_SHOWN),
        )

    async def entry(self, guild_id: int, term: str) -> GlossaryEntry:
        """The entry `term` names exactly (by key), for editing."""
        current = await self.entries(guild_id)
        return current[existing_key(current, term)]

    async def _some_entries(self, guild_id: int) -> Mapping[str, GlossaryEntry]:
        entries = await self.entries(guild_id)
        if not entries:
            raise UserError("This server's glossary is empty.")
        return entries


def _shown(entry: GlossaryEntry, entries: Mapping[str, GlossaryEntry]) -> Lookup:
    """`entry` with the entries its see-also names that this server shows."""
    found = (entries.get(entry_key(term)) for term in entry.see_also)
    return Lookup(entry, tuple(e for e in dict.fromkeys(found) if e is not None and e != entry))


def existing_key(current: Mapping[str, GlossaryEntry], term: str) -> str:
    key = entry_key(term)
    if key not in current:
        raise NotFound(
            f"There is no entry {plain_quote(term)} in this server's glossary; "
            "pick one from the list."
        )
    return key


def quoted(entry: GlossaryEntry) -> str:
    return plain_quote(entry.headword)
