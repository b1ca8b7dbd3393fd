"""The glossary service: lookups, moderators' edits, members' suggestions, history, import/export
and the word of the day, over the built-ins and each server's own rows.

A server's moderators add entries, override built-ins or hide them with rows in
`glossary_entries`, keyed by the normalised headword (`entry_key`). Reads answer from the
`GlossaryCache`; every write runs in one transaction and then tells the cache to forget the server.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from datetime import date

from bot.clock import Clock, from_unix, unix
from bot.errors import NotFound, UserError
from bot.glossary.cache import INLINE_BUILD_MAX, GlossaryCache, decoded
from bot.glossary.daily import pick_daily_key
from bot.glossary.entries import (
    CATEGORIES,
    HEADWORD_MAX,
    MEANING_MAX,
    GlossaryEntry,
    builtin_entries,
    entry_from_text,
    entry_key,
    entry_to_text,
    plain_quote,
    save_problem,
    spelling_problem,
    spellings,
)
from bot.glossary.index import GlossaryIndex, Hit
from bot.glossary.transfer import (
    EntryChange,
    ImportResult,
    export_document,
    plan_import,
    read_document,
)
from bot.glossary.values import Change, Lookup, Page, Suggestion
from bot.limits import AUTOCOMPLETE_CHOICES, require_length
from bot.store import Store, from_row

PAGE_SIZE = 10
SEARCH_MAX = 200
HISTORY_SHOWN = 15
PENDING_PER_MEMBER = 5
# An import is planned outside its transaction and applied only if no edit landed meanwhile;
# after this many plans overtaken by edits it gives up.
IMPORT_ATTEMPTS = 3


# A member, role, channel, custom emoji, command or timestamp as Discord writes it in typed text:
# its numbers are ids, which a search would otherwise match as words ("<@1>" finding "1").
_DISCORD_REFERENCE = re.compile(r"<(?:@[!&]?|#|a?:\w+:|/[^<>]+:|t:-?)\d+(?::[tTdDfFR])?>")


class EditConflict(UserError):
    """An edit started from an entry someone has changed since; `current` is how it is now."""

    def __init__(self, current: GlossaryEntry) -> None:
        super().__init__(
            f"Someone changed {_quoted(current)} while you were editing, so your form was not "
            "saved. “Fix the form” opens what you typed again; saving it replaces their change."
        )
        self.current = current


# --- the service ---------------------------------------------------------------------------------


class GlossaryService:
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

    # --- reading ---------------------------------------------------------------------------------

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
        return _shown(match.entry, await self.entries(guild_id))

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
        words = _DISCORD_REFERENCE.sub(" ", text)
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
        see, and those this server removed, as they were; a removed term typed in full first."""
        query = query[:SEARCH_MAX]
        shown = await self.autocomplete(guild_id, query, limit)
        rows = await self._store.fetchall(
            "SELECT before FROM glossary_history AS removal WHERE guild_id = ? AND after IS NULL "
            "AND before IS NOT NULL AND id = (SELECT max(id) FROM glossary_history "
            "WHERE guild_id = removal.guild_id AND key = removal.key)",
            (guild_id,),
        )
        removed = [entry for row in rows if (entry := entry_from_text(row["before"]))]
        if not removed:
            return shown
        hits = GlossaryIndex(removed).autocomplete(query, limit)
        typed = [hit.entry for hit in hits if entry_key(hit.entry.headword) == entry_key(query)]
        ranked = dict.fromkeys([*typed, *shown, *(hit.entry for hit in hits)])
        return tuple(ranked)[:limit]

    async def _history_rows(self, guild_id: int, key: str) -> list[sqlite3.Row]:
        return await self._store.fetchall(
            "SELECT action, actor_id, at, before, after FROM glossary_history "
            "WHERE guild_id = ? AND key = ? ORDER BY at DESC, id DESC LIMIT ?",
            (guild_id, key, HISTORY_SHOWN),
        )

    async def entry(self, guild_id: int, term: str) -> GlossaryEntry:
        """The entry `term` names exactly (by key), for editing."""
        current = await self.entries(guild_id)
        return current[_existing_key(current, term)]

    async def _some_entries(self, guild_id: int) -> Mapping[str, GlossaryEntry]:
        entries = await self.entries(guild_id)
        if not entries:
            raise UserError("This server's glossary is empty.")
        return entries

    # --- moderators' changes ---------------------------------------------------------------------

    async def add(self, guild_id: int, actor_id: int, entry: GlossaryEntry) -> GlossaryEntry:
        """A new entry; re-adding a hidden built-in's term restores it with the given text."""
        async with self._store.transaction():
            await self._add(guild_id, actor_id, entry)
        self._cache.forget(guild_id)
        return entry

    async def edit(
        self,
        guild_id: int,
        actor_id: int,
        term: str,
        entry: GlossaryEntry,
        *,
        shown: GlossaryEntry | None = None,
    ) -> GlossaryEntry:
        """Replace the entry `term` names; its headword must still spell the same term.

        `shown` is the entry the edit form started from: when the stored entry has changed
        since, saving would silently undo someone else's edit, so it is refused.
        """
        async with self._store.transaction():
            current = await self._read_entries(guild_id)
            key = _existing_key(current, term)
            if shown is not None and current[key] != shown:
                raise EditConflict(current[key])
            self._require_valid(entry, current)
            if entry_key(entry.headword) != key:
                raise UserError(
                    f"The headword must still spell {_quoted(current[key])}. To rename a term, "
                    "add the new one and remove the old one."
                )
            if entry != current[key]:
                await self._write(guild_id, actor_id, [(key, current[key], entry)], "edit")
        self._cache.forget(guild_id)
        return entry

    async def remove(self, guild_id: int, actor_id: int, term: str) -> GlossaryEntry:
        """Remove the entry `term` names; a built-in is hidden in this server only.

        A term of the server's own that another of its entries links to (see also) stays until
        that entry is edited: a dangling link would make the server's export unimportable. A
        hidden built-in may stay linked; display leaves it out.
        """
        async with self._store.transaction():
            rows = await self._cache.rows(guild_id)
            current = self._cache.effective(rows)
            key = _existing_key(current, term)
            linking = [] if key in self._builtins else _linking_to(key, rows)
            if linking:
                raise UserError(_still_linked(linking, current[key]))
            await self._write(guild_id, actor_id, [(key, current[key], None)], "remove")
        self._cache.forget(guild_id)
        return current[key]

    def is_builtin(self, entry: GlossaryEntry) -> bool:
        """Whether the bot ships a term under `entry`'s headword."""
        return entry_key(entry.headword) in self._builtins

    async def restorable(
        self, guild_id: int, query: str, limit: int = AUTOCOMPLETE_CHOICES
    ) -> tuple[GlossaryEntry, ...]:
        """Built-ins this server removed or changed, for a partly typed term."""
        index = self._changed_builtins(await self.entries(guild_id))
        return tuple(hit.entry for hit in index.autocomplete(query[:SEARCH_MAX], limit))

    async def restore(self, guild_id: int, actor_id: int, term: str) -> GlossaryEntry:
        """Bring back a built-in this server removed or changed, as the bot ships it: with its
        Japanese spellings and aliases, which re-adding it by hand would leave out."""
        term = require_length("The term", term, SEARCH_MAX)
        async with self._store.transaction():
            current = await self._read_entries(guild_id)
            shipped = self._builtins.get(entry_key(term))
            if shipped is not None and current.get(entry_key(term)) == shipped:
                raise UserError(f"{_quoted(shipped)} is already as the bot ships it.")
            builtin = self._changed_builtins(current).lookup(term).entry
            if builtin is None:
                raise UserError(
                    f"{plain_quote(term)} is not a built-in term this server removed or changed."
                )
            key = entry_key(builtin.headword)
            await self._write(guild_id, actor_id, [(key, current.get(key), builtin)], "restore")
        self._cache.forget(guild_id)
        return builtin

    def _changed_builtins(self, entries: Mapping[str, GlossaryEntry]) -> GlossaryIndex:
        return GlossaryIndex(b for key, b in self._builtins.items() if entries.get(key) != b)

    # --- suggestions -----------------------------------------------------------------------------

    async def suggest(
        self,
        guild_id: int,
        member_id: int,
        term: str,
        meaning: str,
        kana: str = "",
        kanji: str = "",
    ) -> Suggestion:
        """A member's proposed term, kept for moderators to approve or reject."""
        term = require_length("The term", term, HEADWORD_MAX)
        meaning = require_length("The meaning", meaning, MEANING_MAX)
        kana = require_length("The kana", kana, HEADWORD_MAX, minimum=0)
        kanji = require_length("The kanji", kanji, HEADWORD_MAX, minimum=0)
        if not entry_key(term):
            raise UserError("The term needs letters, digits, kana or kanji.")
        current, key = await self.entries(guild_id), entry_key(term)
        # Another way to write an entry (軽トラ for keitora) could never be approved as a term.
        existing = current.get(key) or spellings(current.values()).get(key)
        if existing is not None:
            spelt = entry_key(existing.headword) != key
            named = f"{plain_quote(term)} is" if spelt else f"{_quoted(existing)} is"
            where = f", as {_quoted(existing)}" if spelt else ""
            raise UserError(
                f"{named} already in the glossary{where}: see /glossary lookup. To improve its "
                "meaning, ask a moderator."
            )
        async with self._store.transaction():
            waiting = await self._store.fetchall(
                "SELECT id, term FROM glossary_suggestions "
                "WHERE guild_id = ? AND status = 'pending' ORDER BY id",
                (guild_id,),
            )
            same = next((row for row in waiting if entry_key(row["term"]) == entry_key(term)), None)
            if same is not None:
                raise UserError(
                    f"{plain_quote(same['term'])} was suggested already (#{same['id']}) and is "
                    "waiting for the moderators."
                )
            pending = await self._store.fetchval(
                "SELECT count(*) FROM glossary_suggestions "
                "WHERE guild_id = ? AND member_id = ? AND status = 'pending'",
                (guild_id, member_id),
            )
            if pending >= PENDING_PER_MEMBER:
                raise UserError(
                    f"You have {pending} suggestions waiting for moderators; please wait until "
                    "they are reviewed."
                )
            suggestion_id = await self._store.insert(
                "INSERT INTO glossary_suggestions "
                "(guild_id, member_id, term, meaning, kana, kanji, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (guild_id, member_id, term, meaning, kana, kanji, unix(self._clock.now())),
            )
        return await self.suggestion(guild_id, suggestion_id)

    async def pending_suggestions(self, guild_id: int, limit: int = 25) -> list[Suggestion]:
        rows = await self._store.fetchall(
            "SELECT * FROM glossary_suggestions WHERE guild_id = ? AND status = 'pending' "
            "ORDER BY created_at, id LIMIT ?",
            (guild_id, limit),
        )
        return [_suggestion(row) for row in rows]

    async def pending_suggestion_count(self, guild_id: int) -> int:
        return await self._store.fetchval(
            "SELECT count(*) FROM glossary_suggestions WHERE guild_id = ? AND status = 'pending'",
            (guild_id,),
        )

    async def suggestion(self, guild_id: int, suggestion_id: int) -> Suggestion:
        row = await self._store.fetchone(
            "SELECT * FROM glossary_suggestions WHERE guild_id = ? AND id = ?",
            (guild_id, suggestion_id),
        )
        if row is None:
            raise NotFound(f"There is no suggestion #{suggestion_id} in this server.")
        return _suggestion(row)

    async def approve(
        self, guild_id: int, suggestion_id: int, actor_id: int, entry: GlossaryEntry
    ) -> GlossaryEntry:
        """Add `entry` (the suggestion as a moderator finished it) and close the suggestion."""
        async with self._store.transaction():
            await self._decide(guild_id, suggestion_id, actor_id, "approved")
            await self._add(guild_id, actor_id, entry)
        self._cache.forget(guild_id)
        return entry

    async def reject(self, guild_id: int, suggestion_id: int, actor_id: int) -> None:
        """Turn the suggestion down once (in the moderation queue's transaction)."""
        await self._decide(guild_id, suggestion_id, actor_id, "rejected")

    async def _decide(self, guild_id: int, suggestion_id: int, actor_id: int, status: str) -> None:
        decided = await self._store.execute(
            "UPDATE glossary_suggestions SET status = ?, decided_by = ?, decided_at = ? "
            "WHERE guild_id = ? AND id = ? AND status = 'pending'",
            (status, actor_id, unix(self._clock.now()), guild_id, suggestion_id),
        )
        if not decided:
            suggestion = await self.suggestion(guild_id, suggestion_id)
            raise UserError(f"Suggestion #{suggestion_id} was already {suggestion.status}.")

    # --- export and import -----------------------------------------------------------------------

    async def export(self, guild_id: int) -> bytes:
        """This server's own entries and hidden built-ins as JSON that `import_file` reads."""
        return export_document(await self._cache.rows(guild_id), self._builtins)

    async def import_file(self, guild_id: int, actor_id: int, data: bytes) -> ImportResult:
        """Apply every entry of an export file, or (when any is bad) none of them."""
        document = read_document(data)
        # Checking and encoding thousands of terms takes a while, and every other write in the
        # bot (RSVPs, lookup counts) waits while a transaction is open: the plan is made from the
        # rows read before it, and the transaction only confirms that none changed meanwhile.
        for _ in range(IMPORT_ATTEMPTS):
            texts = await self._cache.row_texts(guild_id)
            current = self._cache.effective(decoded(texts))
            plan = plan_import(document, current, self._builtins)
            if plan.errors:
                return plan.refusal()
            result, changes = plan.changes(current)
            statements = self._statements(guild_id, actor_id, changes, "import")
            async with self._store.transaction():
                if await self._cache.row_texts(guild_id) == texts:
                    await self._run(statements)
                    break
        else:
            raise UserError(
                "The glossary kept changing while the file was being checked, so nothing was "
                "imported; try again in a moment."
            )
        self._cache.forget(guild_id)
        return result

    # --- validation and writing ------------------------------------------------------------------

    def _require_valid(self, entry: GlossaryEntry, current: Collection[str]) -> None:
        problem = save_problem(entry, current, self._builtins)
        if problem:
            raise UserError(f"{_quoted(entry)} cannot be saved: {problem}.")

    async def _add(self, guild_id: int, actor_id: int, entry: GlossaryEntry) -> None:
        current = await self._read_entries(guild_id)
        self._require_valid(entry, current)
        key = entry_key(entry.headword)
        if key in current:
            raise UserError(
                f"{_quoted(current[key])} is already in the glossary; use /glossary-mod edit."
            )
        problem = spelling_problem(entry, spellings(current.values()))
        if problem:
            raise UserError(f"{_quoted(entry)} cannot be saved: {problem}.")
        # Re-adding a removed built-in in other words is an addition of the server's own.
        action = "restore" if entry == self._builtins.get(key) else "add"
        await self._write(guild_id, actor_id, [(key, None, entry)], action)

    async def _read_entries(self, guild_id: int) -> dict[str, GlossaryEntry]:
        """The server's entries as stored now, for a write that decides from them."""
        return self._cache.effective(await self._cache.rows(guild_id))

    async def _write(
        self, guild_id: int, actor_id: int, changes: Sequence[EntryChange], action: str
    ) -> None:
        """Make each change's `after` what the server sees under its key (None: nothing) and
        record it (see `_statements`)."""
        await self._run(self._statements(guild_id, actor_id, changes, action))

    def _statements(
        self, guild_id: int, actor_id: int, changes: Sequence[EntryChange], action: str
    ) -> list[tuple[str, list[tuple[object, ...]]]]:
        """The three statements, each with its rows, that write and record `changes`: encoded
        up front, so that a big import holds the store only while SQLite writes.

        A row that would only repeat the built-in is deleted instead, so later releases'
        improvements to that built-in reach the server.
        """
        now = unix(self._clock.now())
        repeats = [(guild_id, key) for key, _, after in changes if after == self._builtins.get(key)]
        rows = [
            (guild_id, key, int(after is None), entry_to_text(after), actor_id, now)
            for key, _, after in changes
            if after != self._builtins.get(key)
        ]
        history = [
            (guild_id, key, action, actor_id, now, entry_to_text(before), entry_to_text(after))
            for key, before, after in changes
        ]
        return [
            ("DELETE FROM glossary_entries WHERE guild_id = ? AND key = ?", repeats),
            (
                "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, key) DO UPDATE SET "
                "hidden = excluded.hidden, entry = excluded.entry, "
                "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                rows,
            ),
            (
                "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, before, "
                "after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                history,
            ),
        ]

    async def _run(self, statements: Sequence[tuple[str, Sequence[tuple[object, ...]]]]) -> None:
        for sql, rows in statements:
            await self._store.executemany(sql, rows)


def _shown(entry: GlossaryEntry, entries: Mapping[str, GlossaryEntry]) -> Lookup:
    """`entry` with the entries its see-also names that this server shows."""
    found = (entries.get(entry_key(term)) for term in entry.see_also)
    return Lookup(entry, tuple(e for e in dict.fromkeys(found) if e is not None and e != entry))


def _existing_key(current: Mapping[str, GlossaryEntry], term: str) -> str:
    key = entry_key(term)
    if key not in current:
        raise NotFound(
            f"There is no entry {plain_quote(term)} in this server's glossary; "
            "pick one from the list."
        )
    return key


def _quoted(entry: GlossaryEntry) -> str:
    return plain_quote(entry.headword)


def _linking_to(key: str, rows: Mapping[str, GlossaryEntry | None]) -> list[GlossaryEntry]:
    """A server's own entries (other than `key`'s) whose see-also names `key`."""
    return [
        entry
        for other, entry in sorted(rows.items())
        if entry is not None and other != key and key in map(entry_key, entry.see_also)
    ]


def _still_linked(linking: Sequence[GlossaryEntry], target: GlossaryEntry) -> str:
    if len(linking) == 1:
        return f"{_quoted(linking[0])} links to {_quoted(target)}; edit that entry first."
    return (
        f"{_quoted(linking[0])} and {len(linking) - 1} more entries link to {_quoted(target)}; "
        "edit them first."
    )


def _suggestion(row: sqlite3.Row) -> Suggestion:
    return from_row(Suggestion, row, created_at=from_unix(row["created_at"]))
