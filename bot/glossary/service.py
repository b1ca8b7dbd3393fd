"""The glossary service: what the reading side (`GlossaryReader`, reading.py) answers and
members' suggestions (`GlossarySuggestions`, suggestions.py), plus the changes — moderators'
edits, approvals, import and export — over the built-ins and each server's own rows.

A server's moderators add entries, override built-ins or hide them with rows in
`glossary_entries`, keyed by the normalised headword (`entry_key`). Reads answer from the
`GlossaryCache`; every write runs in one transaction, checked against the entries and spellings
the cache holds (what the store holds: the cache takes in each save right after its commit),
and then hands the cache its changes (`_changing`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager

from bot.clock import unix
from bot.errors import UserError
from bot.glossary.entries import (
    GlossaryEntry,
    entry_key,
    entry_to_text,
    meaning_problem,
    new_spellings,
    save_problem,
    spelling_problem,
    spellings_taken,
)
from bot.glossary.index import GlossaryIndex
from bot.glossary.reading import (
    SEARCH_MAX,
    existing_key,
    quoted,
)
from bot.glossary.suggestions import GlossarySuggestions
from bot.glossary.transfer import (
    EntryChange,
    ImportResult,
    export_document,
    plan_import,
    read_document,
)
from bot.limits import AUTOCOMPLETE_CHOICES, plain_quote, require_length

# An import is planned outside its transaction and applied only if no edit landed meanwhile;
# after this many plans overtaken by edits it gives up.
IMPORT_ATTEMPTS = 3


class EditConflict(UserError):
    """An edit started from an entry someone has changed since; `current` is how it is now."""

    def __init__(self, current: GlossaryEntry) -> None:
        super().__init__(
            f"Someone changed {quoted(current)} while you were editing, so your form was not "
            "saved. “Fix the form” opens what you typed again; saving it replaces their change."
        )
        self.current = current


class GlossaryService(GlossarySuggestions):
    """The glossary as the cogs use it: the reader's answers, members' suggestions, and every
    change."""

    # --- moderators' changes ---------------------------------------------------------------------

    async def add(self, guild_id: int, actor_id: int, entry: GlossaryEntry) -> GlossaryEntry:
        """A new entry; re-adding a hidden built-in's term restores it with the given text."""
        async with self._changing(guild_id) as written:
            await self._add(written, guild_id, actor_id, entry)
        return entry

    async def edit(
        self,
        guild_id: int,
        actor_id: int,
        term: str,
        entry: GlossaryEntry,
        *,
        shown: GlossaryEntry | None = None,
    ) -> bool:
        """Replace the entry `term` names; its headword must still spell the same term. Whether
        anything changed: an entry sent back as it was is not written.

        `shown` is the entry the edit form started from: when the stored entry has changed
        since, saving would silently undo someone else's edit, so it is refused.
        """
        async with self._changing(guild_id) as written:
            current = await self._cache.entries(guild_id)
            key = existing_key(current, term)
            if shown is not None and current[key] != shown:
                raise EditConflict(current[key])
            self._require_valid(entry, current)
            if entry_key(entry.headword) != key:
                raise UserError(
                    f"The headword must still spell {quoted(current[key])}. To rename a term, "
                    "add the new one and remove the old one."
                )
            if entry == current[key]:
                return False
            await self._require_own_spellings(guild_id, entry, before=current[key])
            changes = [(key, current[key], entry)]
            await self._write(written, guild_id, actor_id, changes, "edit")
        return True

    async def remove(self, guild_id: int, actor_id: int, term: str) -> GlossaryEntry:
        """Remove the entry `term` names; a built-in is hidden in this server only.

        A term of the server's own that another of its entries links to (see also) stays until
        that entry is edited: a dangling link would make the server's export unimportable. A
        hidden built-in may stay linked; display leaves it out.
        """
        async with self._changing(guild_id) as written:
            current = await self._cache.entries(guild_id)
            key = existing_key(current, term)
            # Built-ins link only to built-ins: what links to a term of the server's own is one
            # of its own entries.
            linking: list[GlossaryEntry] = []
            if key not in self._builtins:  # hiding a built-in need not build the server's map
                linking = (await self._cache.spellings(guild_id)).linked_from(key)
            if linking:
                raise UserError(_still_linked(linking, current[key]))
            await self._write(written, guild_id, actor_id, [(key, current[key], None)], "remove")
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
        async with self._changing(guild_id) as written:
            current = await self._cache.entries(guild_id)
            shipped = self._builtins.get(entry_key(term))
            if shipped is not None and current.get(entry_key(term)) == shipped:
                raise UserError(f"{quoted(shipped)} is already as the bot ships it.")
            builtin = self._changed_builtins(current).lookup(term).entry
            if builtin is None:
                raise UserError(
                    f"{plain_quote(term)} is not a built-in term this server removed or changed."
                )
            key = entry_key(builtin.headword)
            if new_spellings(builtin, current.get(key)):
                owners = await self._cache.spellings(guild_id)
                if taken := spellings_taken(builtin, owners, current.get(key)):
                    raise UserError(_taken_since(builtin, *taken[0]))
            changes = [(key, current.get(key), builtin)]
            await self._write(written, guild_id, actor_id, changes, "restore")
        return builtin

    def _changed_builtins(self, entries: Mapping[str, GlossaryEntry]) -> GlossaryIndex:
        return GlossaryIndex(b for key, b in self._builtins.items() if entries.get(key) != b)

    # --- suggestions approved --------------------------------------------------------------------

    async def approve(
        self, guild_id: int, suggestion_id: int, actor_id: int, entry: GlossaryEntry
    ) -> GlossaryEntry:
        """Add `entry` (the suggestion as a moderator finished it) and close the suggestion."""
        async with self._changing(guild_id) as written:
            await self._decide(guild_id, suggestion_id, actor_id, "approved")
            await self._add(written, guild_id, actor_id, entry, suggestion_id)
        return entry

    # --- export and import -----------------------------------------------------------------------

    async def export(self, guild_id: int) -> bytes:
        """This server's own entries and hidden built-ins as JSON that `import_file` reads."""
        return export_document(await self._cache.rows(guild_id), self._builtins)

    async def import_file(self, guild_id: int, actor_id: int, data: bytes) -> ImportResult:
        """Apply every entry of an export file, or (when any is bad) none of them."""
        document = read_document(data)
        # Checking and encoding thousands of terms takes a while, and every other write in the
        # bot (RSVPs, lookup counts) waits while a transaction is open: the plan is made from the
        # entries the cache holds, and the transaction only confirms that no save landed since.
        for _ in range(IMPORT_ATTEMPTS):
            current = await self._cache.entries(guild_id)
            # A copy: each save that commits changes the cache's map in place, and the plan must
            # check against the spellings of `current`, whole, not one half way through a save.
            owners = (await self._cache.spellings(guild_id)).copy()
            # In a worker thread: a save that commits meanwhile is no longer kept waiting.
            plan = await asyncio.to_thread(plan_import, document, current, self._builtins, owners)
            if plan.errors:
                return plan.refusal()
            result, changes = plan.changes(current)
            statements = self._statements(guild_id, actor_id, changes, "import")
            async with self._changing(guild_id) as written:
                # Each save leaves the cache new entries as it commits: none landed since the plan.
                if await self._cache.entries(guild_id) is current:
                    written += changes
                    await self._run(statements)
                    break
        else:
            raise UserError(
                "The glossary kept changing while the file was being checked, so nothing was "
                "imported; try again in a moment."
            )
        return result

    # --- validation and writing ------------------------------------------------------------------

    def _require_valid(self, entry: GlossaryEntry, current: Collection[str]) -> None:
        """Refuse an entry a moderator saves (adding, editing, approving) that cannot be saved,
        or whose meaning says nothing, as a member's suggestion of it would be refused."""
        problem = save_problem(entry, current, self._builtins)
        if meaning := meaning_problem(entry.meaning, (entry.headword, entry.kana, entry.kanji)):
            problem = problem or f"its meaning {meaning}"
        if problem:
            raise UserError(f"{quoted(entry)} cannot be saved: {problem}.")

    async def _require_own_spellings(
        self, guild_id: int, entry: GlossaryEntry, before: GlossaryEntry | None = None
    ) -> None:
        """Refuse `entry` when it is written the way another entry is (`spelling_problem`)."""
        # An edit that writes the entry no new way (its meaning, say) has nothing to check, and
        # a server's first such save need not build its spellings.
        if not new_spellings(entry, before):
            return
        owners = await self._cache.spellings(guild_id)
        if problem := spelling_problem(entry, owners, before):
            raise UserError(f"{quoted(entry)} cannot be saved: {problem}.")

    async def _add(
        self,
        written: list[EntryChange],
        guild_id: int,
        actor_id: int,
        entry: GlossaryEntry,
        suggestion_id: int | None = None,
    ) -> None:
        current = await self._cache.entries(guild_id)
        self._require_valid(entry, current)
        key = entry_key(entry.headword)
        if key in current:
            raise UserError(
                f"{quoted(current[key])} is already in the glossary; use /glossary-mod edit."
            )
        await self._require_own_spellings(guild_id, entry)
        # Re-adding a removed built-in in other words is an addition of the server's own.
        action = "restore" if entry == self._builtins.get(key) else "add"
        await self._write(written, guild_id, actor_id, [(key, None, entry)], action, suggestion_id)

    @asynccontextmanager
    async def _changing(self, guild_id: int) -> AsyncIterator[list[EntryChange]]:
        """A transaction whose changes (the list `_write` fills) the cache takes in right after
        the commit: the next save, which may already wait for the store, checks against them.

        When a write fails (or is cancelled, perhaps as it committed), the cache forgets the
        server instead, and its next use reads the store. A refusal wrote nothing: what the
        cache holds stays true.
        """
        written: list[EntryChange] = []
        try:
            async with self._store.transaction():
                yield written
        except BaseException:
            if written:
                self._cache.forget(guild_id)
            raise
        if written:
            self._cache.apply(guild_id, [(key, after) for key, _, after in written])

    async def _write(
        self,
        written: list[EntryChange],
        guild_id: int,
        actor_id: int,
        changes: Sequence[EntryChange],
        action: str,
        suggestion_id: int | None = None,
    ) -> None:
        """Make each change's `after` what the server sees under its key (None: nothing) and
        record it (see `_statements`), noting it in `written` first (see `_changing`)."""
        written += changes
        await self._run(self._statements(guild_id, actor_id, changes, action, suggestion_id))

    def _statements(
        self,
        guild_id: int,
        actor_id: int,
        changes: Sequence[EntryChange],
        action: str,
        suggestion_id: int | None = None,
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
            (
                guild_id,
                key,
                action,
                actor_id,
                now,
                entry_to_text(before),
                entry_to_text(after),
                suggestion_id,
            )
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
                "after, suggestion_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                history,
            ),
        ]

    async def _run(self, statements: Sequence[tuple[str, Sequence[tuple[object, ...]]]]) -> None:
        for sql, rows in statements:
            await self._store.executemany(sql, rows)


def _still_linked(linking: Sequence[GlossaryEntry], target: GlossaryEntry) -> str:
    if len(linking) == 1:
        return f"{quoted(linking[0])} links to {quoted(target)}; edit that entry first."
    return (
        f"{quoted(linking[0])} and {len(linking) - 1} more entries link to {quoted(target)}; "
        "edit them first."
    )


def _taken_since(builtin: GlossaryEntry, field: str, form: str, owner: GlossaryEntry) -> str:
    """Why a built-in cannot come back: a term of the server's took one of its spellings while
    it was hidden or changed, and lookup would answer that spelling with one of the two."""
    name = quoted(owner)
    if entry_key(owner.headword) == entry_key(form):
        now, cure = f"the term {name}", f"remove {name}"
    else:
        now, cure = f"a way to write {name}", f"take it out of {name}"
    return (
        f"{quoted(builtin)} cannot be restored: {field} {plain_quote(form)} is now {now} in "
        f"this server; {cure} first."
    )
