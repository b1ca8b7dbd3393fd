"""The glossary service: built-in and per-server entries, lookups, suggestions, history,
import/export and the word of the day.

Built-ins (data/glossary.toml plus the model codes of data/models.toml) are in every server and
never copied into the database. A server's moderators add entries, override built-ins or hide
them with rows in `glossary_entries`, keyed by the normalised headword (`entry_key`).

Indexes: one `GlossaryIndex` of the built-ins is shared by every server that changed nothing; a
server with its own rows gets its own index, built on first use (in a worker thread, so the event
loop keeps answering other interactions) and dropped when it changes. Each change bumps the
server's *generation*; a cache filled by a read that started before the change is not stored.
Popularity is per server: each server's view is a shallow copy of its index re-ranked with that
server's lookup counts, refreshed at most every `POPULARITY_REFRESH` so a lookup costs one UPSERT
rather than a rebuild.

Export scope: a server's *own* rows — its added and overriding entries, and the headwords of the
built-ins it hid. Built-ins ship with the bot, so exporting them would only freeze old wording;
importing such a file elsewhere (or back) recreates exactly the same server glossary.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock, from_unix, unix
from bot.errors import NotFound, UserError
from bot.glossary_match import (
    CATEGORIES,
    HEADWORD_MAX,
    MEANING_MAX,
    GlossaryEntry,
    GlossaryIndex,
    Hit,
    entry_problem,
    load_glossary,
)
from bot.japanese import normalize
from bot.jobs import JobQueue
from bot.limits import fit, require_length
from bot.models import TruckModel, default_models
from bot.setup import SetupService
from bot.store import Store

KEY_MAX = 80  # a key rides in button custom_ids ("glossary:look:<key>", at most 100 characters)
PAGE_SIZE = 10
SEARCH_MAX = 200
HISTORY_SHOWN = 15
PENDING_PER_MEMBER = 5
POPULARITY_REFRESH = timedelta(minutes=1)
EXPORT_SCHEMA_VERSION = 1
IMPORT_MAX_BYTES = 1024 * 1024
IMPORT_MAX_ENTRIES = 5000
IMPORT_ERRORS_SHOWN = 10
# Up to this many entries a server's index is rebuilt while the query after an edit waits (tens
# of milliseconds); beyond it the rebuild takes seconds, too close to Discord's 3-second window,
# so it runs in the background and queries are answered from the previous index meanwhile.
INLINE_BUILD_MAX = 20_000
DAILY_WORD_JOB = "glossary.daily_word"
ONE_DAY = timedelta(days=1)

_LIST_FIELDS = ("aliases", "see_also")
_FIELDS = frozenset(GlossaryEntry.__dataclass_fields__)
_REQUIRED = ("headword", "meaning", "category")
_DETAIL_NAMES = {"romaji": "romaji", "aliases": "aliases", "see also": "see_also"}


def entry_key(headword: str) -> str:
    """The key an entry is stored and found under: its headword, normalised."""
    return normalize(headword)


def model_entry(model: TruckModel) -> GlossaryEntry:
    """A chassis code as a glossary entry of category "model"."""
    engine = f", {model.engine}" if model.engine else ""
    return GlossaryEntry(
        headword=model.code,
        meaning=f"{model.name} built {model.years}, {model.drive}{engine}. {model.note}",
        category="model",
        aliases=(f"{model.name} {model.code}", f"{model.model} {model.code}"),
        unverified=model.unverified,
        source="data/models.toml",
    )


@cache
def builtin_entries() -> tuple[GlossaryEntry, ...]:
    """The shipped terms and every model code; a code never shadows a written term."""
    terms = load_glossary()
    taken = {entry_key(entry.headword) for entry in terms}
    models = [model_entry(m) for m in default_models() if entry_key(m.code) not in taken]
    return (*terms, *models)


# --- values the service returns ------------------------------------------------------------------


@dataclass(frozen=True)
class Lookup:
    """The entry a query names (with its resolvable see-also entries), or what it might mean."""

    entry: GlossaryEntry | None
    see_also: tuple[GlossaryEntry, ...] = ()
    suggestions: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class Page:
    entries: tuple[GlossaryEntry, ...]
    number: int  # 1-based
    pages: int
    total: int
    category: str | None


@dataclass(frozen=True)
class Suggestion:
    id: int
    member_id: int | None
    term: str
    meaning: str
    kana: str
    kanji: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class Change:
    action: str
    actor_id: int
    at: datetime
    before: GlossaryEntry | None
    after: GlossaryEntry | None


@dataclass(frozen=True)
class ImportResult:
    """What an import did, or (with `errors`) why it did nothing at all."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    hidden: int = 0
    errors: tuple[str, ...] = ()  # the first IMPORT_ERRORS_SHOWN, naming entry number and term
    error_count: int = 0

    @property
    def applied(self) -> bool:
        return not self.error_count


@dataclass
class _View:
    index: GlossaryIndex
    built_at: datetime


@dataclass
class _ImportPlan:
    writes: list[tuple[str, GlossaryEntry | None]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (entry number, message)


# --- entries as JSON and as modal text -----------------------------------------------------------


def entry_to_json(entry: GlossaryEntry) -> dict[str, Any]:
    """The entry as export/storage JSON, leaving out empty optional fields."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in asdict(entry).items()
        if name in _REQUIRED or value not in ("", (), False)
    }


def entry_from_json(raw: object) -> GlossaryEntry:
    """An entry from JSON; ValueError says which field is wrong. Content rules are checked later."""
    if not isinstance(raw, dict):
        raise ValueError("must be an object with headword, meaning and category")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {', '.join(map(str, unknown))}")
    missing = [name for name in _REQUIRED if name not in raw]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{name} must be a list of texts")
            value = tuple(value)
        elif name == "unverified":
            if not isinstance(value, bool):
                raise ValueError("unverified must be true or false")
        elif not isinstance(value, str):
            raise ValueError(f"{name} must be text")
        values[name] = value
    return GlossaryEntry(**values)


def form_fields(entry: GlossaryEntry) -> dict[str, str]:
    """An entry as the five texts of the add/edit form (see `entry_from_form`)."""
    japanese = entry.kanji + (f" ({entry.kana})" if entry.kana else "")
    details = [f"romaji: {entry.romaji}"] if entry.romaji else []
    if entry.aliases:
        details.append(f"aliases: {', '.join(entry.aliases)}")
    if entry.see_also:
        details.append(f"see also: {', '.join(entry.see_also)}")
    return {
        "headword": entry.headword,
        "japanese": japanese.strip(),
        "meaning": entry.meaning,
        "category": entry.category,
        "details": "\n".join(details),
    }


def entry_from_form(
    headword: str,
    japanese: str,
    meaning: str,
    category: str,
    details: str,
    *,
    keep: GlossaryEntry | None = None,
) -> GlossaryEntry:
    """An entry from form text: `japanese` is "漢字 (かな)"; `details` holds lines such as
    "aliases: kei truck, mini truck", "see also: keitora" and "romaji: keitora".

    `keep` is the entry being edited: fields the form does not show (source, unverified) stay.
    """
    kanji, _, kana = japanese.replace("（", "(").replace("）", ")").partition("(")
    extra: dict[str, Any] = {}
    for line in details.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        attribute = _DETAIL_NAMES.get(name.strip().lower())
        if not colon or attribute is None:
            raise UserError(
                f"{_plain(line.strip())} is not a detail line; use “romaji: …”, "
                "“aliases: a, b” or “see also: a, b”."
            )
        parts = tuple(p.strip() for p in value.split(",") if p.strip())
        extra[attribute] = value.strip() if attribute == "romaji" else parts
    return GlossaryEntry(
        headword=headword.strip(),
        meaning=meaning.strip(),
        category=category.strip().lower(),
        kanji=kanji.strip(),
        kana=kana.rstrip(")").strip(),
        romaji=extra.get("romaji", ""),
        aliases=extra.get("aliases", ()),
        see_also=extra.get("see_also", ()),
        unverified=keep.unverified if keep else False,
        source=keep.source if keep else "",
    )


def _stored(text: str | None) -> GlossaryEntry | None:
    return None if text is None else entry_from_json(json.loads(text))


def _dumped(entry: GlossaryEntry | None) -> str | None:
    return None if entry is None else json.dumps(entry_to_json(entry), ensure_ascii=False)


def _quoted(entry: GlossaryEntry) -> str:
    return _plain(entry.headword)


def _plain(text: str) -> str:
    """Member text quoted in a refusal: plain “…”, never Markdown; the cog escapes it."""
    return f"“{fit(text, 60)}”"


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
        self._inline_build_max = inline_build_max
        self._clock = clock
        self._rng = rng or random.Random()
        entries = builtin_entries() if builtins is None else builtins
        self._builtins = {entry_key(entry.headword): entry for entry in entries}
        self._shared = GlossaryIndex(self._builtins.values())
        # Each server's effective entries; servers without rows of their own share the built-ins.
        self._entries: dict[int, Mapping[str, GlossaryEntry]] = {}
        self._own_indexes: dict[int, GlossaryIndex] = {}
        # A big server's previous index, served while its successor builds in the background.
        self._previous_indexes: dict[int, GlossaryIndex] = {}
        self._builds: dict[int, asyncio.Task[None]] = {}
        self._views: dict[int, _View] = {}
        self._counted: set[int] = set()  # guilds with lookups newer than their view
        # Bumped by every change of a server's entries: a cache built from a read that began
        # before the change would be stale, so it is returned to its caller but not stored.
        self._generations: dict[int, int] = {}

    # --- reading ---------------------------------------------------------------------------------

    async def warm_up(self) -> int:
        """Build every server's index now (at startup) instead of during a member's first query.

        A server with many entries of its own takes seconds to index; that must not happen
        inside an interaction's 3-second window. Returns how many servers were indexed.
        """
        rows = await self._store.fetchall("SELECT DISTINCT guild_id FROM glossary_entries")
        for row in rows:
            await self._index(row["guild_id"])
        return len(rows)

    async def entries(self, guild_id: int) -> Mapping[str, GlossaryEntry]:
        """Every entry members of this server see, by key (cached until the server edits)."""
        cached = self._entries.get(guild_id)
        if cached is not None:
            return cached
        generation = self._generation(guild_id)
        rows = await self._read_rows(guild_id)
        entries = self._effective(rows) if rows else self._builtins
        if self._generation(guild_id) == generation:
            self._entries[guild_id] = entries
        return entries

    async def lookup(self, guild_id: int, query: str) -> Lookup:
        """The entry `query` names (counted as a lookup), or up to three it might mean."""
        query = require_length("The term", query, SEARCH_MAX)
        match = (await self._index(guild_id)).lookup(query)
        if match.entry is None:
            return Lookup(None, suggestions=match.suggestions)
        await self._count(guild_id, entry_key(match.entry.headword))
        entries = await self.entries(guild_id)
        return Lookup(match.entry, self._see_also(match.entry, entries))

    async def autocomplete(
        self, guild_id: int, query: str, limit: int = 25
    ) -> tuple[GlossaryEntry, ...]:
        """Entries for a partly typed term, best first; popular ones for an empty box."""
        index = await self._index(guild_id)
        return tuple(hit.entry for hit in index.autocomplete(query[:SEARCH_MAX], limit))

    async def search(self, guild_id: int, text: str, limit: int = 10) -> list[Hit]:
        """Up to `limit` ranked matches; each `Hit.matched` says whether term or meaning matched."""
        text = require_length("The search text", text, SEARCH_MAX)
        return (await self._index(guild_id)).search(text, limit)

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
        entries = await self.entries(guild_id)
        if not entries:
            raise UserError("This server's glossary is empty.")
        entry = self._rng.choice(list(entries.values()))
        return Lookup(entry, self._see_also(entry, entries))

    async def history(self, guild_id: int, term: str) -> tuple[GlossaryEntry | None, list[Change]]:
        """Who changed the entry `term` names and how, newest first."""
        key = entry_key(term)
        entry = (await self.entries(guild_id)).get(key)
        if entry is None:
            found = (await self._index(guild_id)).lookup(term[:SEARCH_MAX]).entry
            key, entry = (entry_key(found.headword), found) if found else (key, None)
        rows = await self._store.fetchall(
            "SELECT action, actor_id, at, before, after FROM glossary_history "
            "WHERE guild_id = ? AND key = ? ORDER BY at DESC, id DESC LIMIT ?",
            (guild_id, key, HISTORY_SHOWN),
        )
        if entry is None and not rows:
            raise NotFound(f"There is no entry {_plain(term)} in this server's glossary.")
        changes = [
            Change(
                r["action"],
                r["actor_id"],
                from_unix(r["at"]),
                _stored(r["before"]),
                _stored(r["after"]),
            )
            for r in rows
        ]
        return entry, changes

    # --- moderators' changes ---------------------------------------------------------------------

    async def add(self, guild_id: int, actor_id: int, entry: GlossaryEntry) -> GlossaryEntry:
        """A new entry; re-adding a hidden built-in's term restores it with the given text."""
        async with self._store.transaction():
            await self._add(guild_id, actor_id, entry)
        self._forget(guild_id)
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
            key = self._existing_key(current, term)
            if shown is not None and current[key] != shown:
                raise UserError(
                    f"Someone changed {_quoted(current[key])} while you were editing; "
                    "open it again."
                )
            self._require_valid(entry, current)
            if entry_key(entry.headword) != key:
                raise UserError(
                    f"The headword must still spell {_quoted(current[key])}. To rename a term, "
                    "add the new one and remove the old one."
                )
            if entry != current[key]:
                await self._write(guild_id, actor_id, key, current[key], entry, "edit")
        self._forget(guild_id)
        return entry

    async def remove(self, guild_id: int, actor_id: int, term: str) -> GlossaryEntry:
        """Remove the entry `term` names; a built-in is hidden in this server only.

        A term of the server's own that another of its entries links to (see also) stays until
        that entry is edited: a dangling link would make the server's export unimportable. A
        hidden built-in may stay linked; display leaves it out.
        """
        async with self._store.transaction():
            rows = await self._read_rows(guild_id)
            current = self._effective(rows)
            key = self._existing_key(current, term)
            linking = [] if key in self._builtins else _linking_to(key, rows)
            if linking:
                raise UserError(_still_linked(linking, current[key]))
            await self._write(guild_id, actor_id, key, current[key], None, "remove")
        self._forget(guild_id)
        return current[key]

    async def entry(self, guild_id: int, term: str) -> GlossaryEntry:
        """The entry `term` names exactly (by key), for editing."""
        current = await self.entries(guild_id)
        return current[self._existing_key(current, term)]

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
        existing = (await self.entries(guild_id)).get(entry_key(term))
        if existing is not None:
            raise UserError(
                f"{_quoted(existing)} is already in the glossary: see /glossary lookup. "
                "To improve its meaning, ask a moderator."
            )
        async with self._store.transaction():
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
        self._forget(guild_id)
        return entry

    async def reject(self, guild_id: int, suggestion_id: int, actor_id: int) -> Suggestion:
        async with self._store.transaction():
            await self._decide(guild_id, suggestion_id, actor_id, "rejected")
        return await self.suggestion(guild_id, suggestion_id)

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
        rows = await self._read_rows(guild_id)
        document = {
            "schema_version": EXPORT_SCHEMA_VERSION,
            "entries": [entry_to_json(e) for _, e in sorted(rows.items()) if e is not None],
            # A hidden row whose built-in a later release dropped hides nothing: left out.
            "hidden": [
                self._builtins[k].headword
                for k, e in sorted(rows.items())
                if e is None and k in self._builtins
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode()

    async def import_file(self, guild_id: int, actor_id: int, data: bytes) -> ImportResult:
        """Apply every entry of an export file, or (when any is bad) none of them."""
        if len(data) > IMPORT_MAX_BYTES:
            raise UserError(f"The file is {len(data):,} bytes; imports are limited to 1 MB.")
        document = _read_document(data)
        async with self._store.transaction():
            current = await self._read_entries(guild_id)
            plan = self._plan_import(document, current)
            if plan.errors:
                errors = tuple(message for _, message in plan.errors[:IMPORT_ERRORS_SHOWN])
                return ImportResult(errors=errors, error_count=len(plan.errors))
            result = await self._apply_import(guild_id, actor_id, plan, current)
        self._forget(guild_id)
        return result

    def _plan_import(
        self, document: Mapping[str, Any], current: dict[str, GlossaryEntry]
    ) -> _ImportPlan:
        plan = _ImportPlan()
        parsed: list[tuple[int, GlossaryEntry]] = []
        for number, raw in enumerate(document["entries"], 1):
            try:
                parsed.append((number, entry_from_json(raw)))
            except ValueError as error:
                plan.errors.append((number, f"entry {number}: {error}"))
        first: dict[str, int] = {}
        for number, entry in parsed:
            first.setdefault(entry_key(entry.headword), number)
        hidden = self._hidden_keys(document["hidden"], first, plan)
        known = (set(current) | set(first)) - hidden
        for number, entry in parsed:
            key = entry_key(entry.headword)
            if first[key] != number:
                problem: str | None = f"same term as entry {first[key]}"
            else:
                problem = self._problem(entry, known)
            if problem:
                plan.errors.append((number, f"entry {number} {_quoted(entry)}: {problem}"))
            else:
                plan.writes.append((key, entry))
        plan.writes += [(key, None) for key in hidden]
        plan.errors.sort(key=lambda error: error[0])
        return plan

    def _hidden_keys(
        self, headwords: list[Any], entries: Collection[str], plan: _ImportPlan
    ) -> set[str]:
        after_entries = len(entries) + 1  # hidden problems are reported after entry problems
        keys = set()
        for headword in headwords:
            key = entry_key(headword) if isinstance(headword, str) else ""
            if key not in self._builtins:
                plan.errors.append(
                    (after_entries, f"hidden: {_plain(str(headword))} is not built in")
                )
            elif key in entries:
                plan.errors.append((after_entries, f"hidden: {_plain(headword)} is also an entry"))
            keys.add(key)
        return keys

    async def _apply_import(
        self, guild_id: int, actor_id: int, plan: _ImportPlan, current: dict[str, GlossaryEntry]
    ) -> ImportResult:
        counts = {"added": 0, "updated": 0, "unchanged": 0, "hidden": 0}
        changes = []
        for key, entry in plan.writes:
            before = current.get(key)
            if before == entry:
                counts["unchanged"] += 1
                continue
            counts["hidden" if entry is None else "updated" if before else "added"] += 1
            changes.append((key, before, entry))
        await self._write_many(guild_id, actor_id, changes, "import")
        return ImportResult(**counts)

    # --- word of the day -------------------------------------------------------------------------

    async def word_of_the_day(self, guild_id: int, day: date) -> Lookup:
        """The term for `day` (server-local): the same on every call for that day, and none
        repeats until every term has been shown."""
        shown_on = day.isoformat()
        async with self._store.transaction():
            entries = await self._read_entries(guild_id)
            if not entries:
                raise UserError("This server's glossary is empty.")
            chosen = await self._store.fetchval(
                "SELECT key FROM glossary_daily_shown WHERE guild_id = ? AND shown_on = ?",
                (guild_id, shown_on),
            )
            if chosen not in entries:
                chosen = await self._next_daily_key(guild_id, shown_on, entries)
        return Lookup(entries[chosen], self._see_also(entries[chosen], entries))

    async def _next_daily_key(
        self, guild_id: int, shown_on: str, entries: Mapping[str, GlossaryEntry]
    ) -> str:
        # A day whose term was removed since gets a new one.
        await self._store.execute(
            "DELETE FROM glossary_daily_shown WHERE guild_id = ? AND shown_on = ?",
            (guild_id, shown_on),
        )
        rows = await self._store.fetchall(
            "SELECT key FROM glossary_daily_shown WHERE guild_id = ?", (guild_id,)
        )
        left = sorted(set(entries) - {row["key"] for row in rows})
        if not left:  # every term was shown: a new cycle begins
            await self._store.execute(
                "DELETE FROM glossary_daily_shown WHERE guild_id = ?", (guild_id,)
            )
            left = sorted(entries)
        key = self._rng.choice(left)
        await self._store.execute(
            "INSERT INTO glossary_daily_shown (guild_id, key, shown_on) VALUES (?, ?, ?)",
            (guild_id, key, shown_on),
        )
        return key

    # --- validation and writing ------------------------------------------------------------------

    def _problem(self, entry: GlossaryEntry, known: Collection[str]) -> str | None:
        """What makes `entry` unusable among the entry keys `known`, or None."""
        problem = entry_problem(entry)
        if problem:
            return problem
        key = entry_key(entry.headword)
        if len(key) > KEY_MAX:
            return f"the headword is too long to be a term (at most {KEY_MAX} letters)"
        # A built-in is a valid link even where the server hid it: display leaves hidden links
        # out, and the link comes back to life if the built-in is restored.
        missing = [
            t
            for t in entry.see_also
            if entry_key(t) not in known
            and entry_key(t) not in self._builtins
            and entry_key(t) != key
        ]
        if missing:
            return f"see also names terms not in the glossary: {', '.join(missing)[:200]}"
        return None

    def _require_valid(self, entry: GlossaryEntry, current: Collection[str]) -> None:
        problem = self._problem(entry, current)
        if problem:
            raise UserError(f"{_quoted(entry)} cannot be saved: {problem}.")

    async def _add(self, guild_id: int, actor_id: int, entry: GlossaryEntry) -> None:
        current = await self._read_entries(guild_id)
        self._require_valid(entry, current)
        key = entry_key(entry.headword)
        if key in current:
            raise UserError(
                f"{_quoted(current[key])} is already in the glossary; use /glossary edit."
            )
        action = "restore" if key in self._builtins else "add"
        await self._write(guild_id, actor_id, key, None, entry, action)

    async def _write(
        self,
        guild_id: int,
        actor_id: int,
        key: str,
        before: GlossaryEntry | None,
        after: GlossaryEntry | None,
        action: str,
    ) -> None:
        """Make `after` what the server sees under `key` (None: nothing) and record the change."""
        await self._write_many(guild_id, actor_id, [(key, before, after)], action)

    async def _write_many(
        self,
        guild_id: int,
        actor_id: int,
        changes: Sequence[tuple[str, GlossaryEntry | None, GlossaryEntry | None]],
        action: str,
    ) -> None:
        """`_write` for many keys in three statements, so a big import holds the store briefly.

        A row that would only repeat the built-in is deleted instead, so later releases'
        improvements to that built-in reach the server.
        """
        now = unix(self._clock.now())
        repeats = [(guild_id, key) for key, _, after in changes if after == self._builtins.get(key)]
        rows = [
            (guild_id, key, int(after is None), _dumped(after), actor_id, now)
            for key, _, after in changes
            if after != self._builtins.get(key)
        ]
        await self._store.executemany(
            "DELETE FROM glossary_entries WHERE guild_id = ? AND key = ?", repeats
        )
        await self._store.executemany(
            "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, key) DO UPDATE SET "
            "hidden = excluded.hidden, entry = excluded.entry, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            rows,
        )
        await self._store.executemany(
            "INSERT INTO glossary_history (guild_id, key, action, actor_id, at, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (guild_id, key, action, actor_id, now, _dumped(before), _dumped(after))
                for key, before, after in changes
            ],
        )

    def _existing_key(self, current: Mapping[str, GlossaryEntry], term: str) -> str:
        key = entry_key(term)
        if key not in current:
            raise NotFound(
                f"There is no entry {_plain(term)} in this server's glossary; "
                "pick one from the list."
            )
        return key

    # --- rows, indexes and popularity ------------------------------------------------------------

    async def _read_rows(self, guild_id: int) -> dict[str, GlossaryEntry | None]:
        rows = await self._store.fetchall(
            "SELECT key, entry FROM glossary_entries WHERE guild_id = ?", (guild_id,)
        )
        return {row["key"]: _stored(row["entry"]) for row in rows}

    async def _read_entries(self, guild_id: int) -> dict[str, GlossaryEntry]:
        return self._effective(await self._read_rows(guild_id))

    def _effective(self, rows: Mapping[str, GlossaryEntry | None]) -> dict[str, GlossaryEntry]:
        merged = dict(self._builtins)
        for key, entry in rows.items():
            if entry is None:
                merged.pop(key, None)
            else:
                merged[key] = entry
        return merged

    def _see_also(
        self, entry: GlossaryEntry, entries: Mapping[str, GlossaryEntry]
    ) -> tuple[GlossaryEntry, ...]:
        found = (entries.get(entry_key(term)) for term in entry.see_also)
        return tuple(e for e in dict.fromkeys(found) if e is not None and e != entry)

    async def _base_index(self, guild_id: int) -> GlossaryIndex:
        generation = self._generation(guild_id)
        entries = await self.entries(guild_id)
        if entries is self._builtins:
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

    async def settle(self) -> None:
        """Wait for indexes building in the background (before shutting down, or in tests)."""
        await asyncio.gather(*self._builds.values(), return_exceptions=True)

    async def _index(self, guild_id: int) -> GlossaryIndex:
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
        counts = await self._store.fetchall(
            "SELECT key, count FROM glossary_lookups WHERE guild_id = ?", (guild_id,)
        )
        index = _ranked(base, {row["key"]: row["count"] for row in counts})
        # An edit that committed meanwhile made `index` stale: this caller may use it, but
        # storing it would serve the old entries until the next edit.
        if self._generation(guild_id) == generation:
            self._views[guild_id] = _View(index, now)
        return index

    async def _count(self, guild_id: int, key: str) -> None:
        await self._store.execute(
            "INSERT INTO glossary_lookups (guild_id, key, count) VALUES (?, ?, 1) "
            "ON CONFLICT (guild_id, key) DO UPDATE SET count = count + 1",
            (guild_id, key),
        )
        self._counted.add(guild_id)

    def _generation(self, guild_id: int) -> int:
        return self._generations.get(guild_id, 0)

    def _forget(self, guild_id: int) -> None:
        """Drop what was cached for a server whose entries changed."""
        self._generations[guild_id] = self._generation(guild_id) + 1
        self._entries.pop(guild_id, None)
        previous = self._own_indexes.pop(guild_id, None)
        if previous is not None:
            self._previous_indexes[guild_id] = previous
        self._views.pop(guild_id, None)


def _ranked(base: GlossaryIndex, counts: Mapping[str, int]) -> GlossaryIndex:
    """`base` ranked by one server's lookup counts, leaving `base` as other servers use it."""
    if not counts:
        return base
    return base.with_popularity(
        {e.headword: counts.get(entry_key(e.headword), 0) for e in base.entries}
    )


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


def _suggestion(row: Any) -> Suggestion:
    return Suggestion(
        id=row["id"],
        member_id=row["member_id"],
        term=row["term"],
        meaning=row["meaning"],
        kana=row["kana"],
        kanji=row["kanji"],
        status=row["status"],
        created_at=from_unix(row["created_at"]),
    )


def _read_document(data: bytes) -> dict[str, Any]:
    """The export document in `data`, or a refusal saying what is wrong with the file."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"The file is not valid UTF-8 JSON ({error}).") from None
    if not isinstance(document, dict) or document.get("schema_version") != EXPORT_SCHEMA_VERSION:
        raise UserError(
            f"The file must be a glossary export: a JSON object with "
            f'"schema_version": {EXPORT_SCHEMA_VERSION} and "entries".'
        )
    entries, hidden = document.get("entries", []), document.get("hidden", [])
    if not isinstance(entries, list) or not isinstance(hidden, list):
        raise UserError('"entries" and "hidden" must be lists.')
    if len(entries) + len(hidden) > IMPORT_MAX_ENTRIES:
        raise UserError(f"The file has {len(entries):,} entries; the limit is 5,000.")
    return {"entries": entries, "hidden": hidden}


# --- scheduling the word of the day --------------------------------------------------------------


def daily_due(day: date, hour: int, zone: ZoneInfo) -> datetime:
    """When `day`'s word is due: `hour`:00 on that local date, in UTC.

    An hour skipped by a DST jump is read with the offset before the jump, so it lands just
    after the jump (02:00 on a spring-forward night posts at 03:00 local); a repeated hour
    posts at its first occurrence.
    """
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def daily_job_key(guild_id: int, day: date) -> str:
    return f"{guild_id}:{day.isoformat()}"


class DailyWordSchedule:
    """Keeps one pending word-of-the-day job per server that has a glossary channel."""

    def __init__(self, setup: SetupService, jobs: JobQueue, clock: Clock) -> None:
        self._setup = setup
        self._jobs = jobs
        self._clock = clock

    async def plan(self, guild_id: int, *, moved: bool = False) -> datetime | None:
        """Make sure the next post's job exists; returns when it is due (None: no channel).

        `moved`: the channel, hour or zone changed, so a pending job for another day goes.
        """
        config = await self._setup.get(guild_id)
        zone = ZoneInfo(config.timezone or "UTC")
        now = self._clock.now()
        today = now.astimezone(zone).date()
        if "glossary" not in config.channels:
            await self._cancel(guild_id, today, keep=None)
            return None
        day = today if daily_due(today, config.daily_word_hour, zone) > now else today + ONE_DAY
        if moved:
            # A job already due (its run is late, or just under way) still posts its day.
            await self._cancel(guild_id, today, keep=day, unless_due_by=now)
        # The first candidate day's job may be done already (the hour moved later after today's
        # post); then the day after is next.
        for candidate in (day, day + ONE_DAY):
            due = daily_due(candidate, config.daily_word_hour, zone)
            key = daily_job_key(guild_id, candidate)
            if await self._jobs.reschedule(DAILY_WORD_JOB, key, due) or await self._jobs.schedule(
                DAILY_WORD_JOB, key, due, payload={"date": candidate.isoformat()}, guild_id=guild_id
            ):
                return due
        return None

    async def plan_all(self) -> int:
        """Plan every server with a glossary channel (at startup); returns how many."""
        guild_ids = await self._setup.guilds_with_channel("glossary")
        for guild_id in guild_ids:
            await self.plan(guild_id)
        return len(guild_ids)

    async def is_past(self, guild_id: int, day: date) -> bool:
        """Whether `day` is over in the server's zone: its word of the day would be stale."""
        config = await self._setup.get(guild_id)
        zone = ZoneInfo(config.timezone or "UTC")
        return day < self._clock.now().astimezone(zone).date()

    async def _cancel(
        self,
        guild_id: int,
        today: date,
        *,
        keep: date | None,
        unless_due_by: datetime | None = None,
    ) -> None:
        # A pending job can only be for a day near today, in the old zone or the new one.
        for offset in range(-1, 3):
            day = today + timedelta(days=offset)
            if day != keep:
                await self._jobs.cancel(
                    DAILY_WORD_JOB, daily_job_key(guild_id, day), unless_due_by=unless_due_by
                )
