"""A server's glossary as an export file, and the plan that applies such a file: all or nothing.
What names a built-in that a later release dropped is no error: hiding it, or linking to it (a
term the file hides, or one it lists in `built_in_links`), is left out and reported as skipped,
and the rest is imported. A link to a term nobody had is still an error: a slip to correct.

Export scope: a server's *own* rows — its added and overriding entries, and the headwords of the
built-ins it hid. Built-ins ship with the bot, so exporting them would only freeze old wording;
importing such a file elsewhere (or back) recreates exactly the same server glossary.

An entry of the file updating a term the server shows keeps the fields it leaves out (a file of
meanings alone rewrites no spellings); a field given empty clears it, and the result names what
each update took out. So an export writes empty the fields an override cleared of its built-in's.

Pure: the service reads the rows and writes the plan's changes in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.errors import UserError
from bot.glossary.entries import (
    GlossaryEntry,
    entry_from_json,
    entry_key,
    entry_to_json,
    new_spellings,
    save_problem,
    spelling_problem,
    written_keys,
)
from bot.glossary.spellings import Overlay, Spellings
from bot.invisible import shown_inert
from bot.limits import listed, plain_quote

EXPORT_SCHEMA_VERSION = 1
IMPORT_MAX_BYTES = 1024 * 1024
IMPORT_MAX_ENTRIES = 5000
IMPORT_ERRORS_SHOWN = 10

# What an import writes under one key: the entry before and after (None: nothing there / hidden).
EntryChange = tuple[str, GlossaryEntry | None, GlossaryEntry | None]


@dataclass(frozen=True)
class ImportResult:
    """What an import did, or (with `errors`) why it did nothing at all."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    hidden: int = 0
    # Of the unchanged, the built-ins the file hides that the server had hidden already: said
    # apart, or re-importing an export reads as if it had hidden them again.
    hidden_already: int = 0
    errors: tuple[str, ...] = ()  # the first IMPORT_ERRORS_SHOWN, naming entry number and term
    error_count: int = 0
    skipped: tuple[str, ...] = ()  # what was left out of an applied file, and why
    cleared: tuple[str, ...] = ()  # per updated term, the spellings and fields it took out

    @property
    def applied(self) -> bool:
        return not self.error_count


@dataclass
class ImportPlan:
    """What an export file would make a server's glossary, or why it cannot be applied."""

    writes: list[tuple[str, GlossaryEntry | None]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (entry number, message)
    skipped: list[str] = field(default_factory=list)

    def refusal(self) -> ImportResult:
        """The result of an import that found `errors` and so changed nothing."""
        shown = tuple(message for _, message in self.errors[:IMPORT_ERRORS_SHOWN])
        return ImportResult(errors=shown, error_count=len(self.errors))

    def changes(
        self, current: Mapping[str, GlossaryEntry]
    ) -> tuple[ImportResult, list[EntryChange]]:
        """The writes that change something in a server showing `current`, and their tally."""
        counts = {"added": 0, "updated": 0, "unchanged": 0, "hidden": 0, "hidden_already": 0}
        changes = []
        cleared = []
        for key, entry in self.writes:
            before = current.get(key)
            if before == entry:
                counts["unchanged"] += 1
                counts["hidden_already"] += entry is None
                continue
            counts["hidden" if entry is None else "updated" if before else "added"] += 1
            changes.append((key, before, entry))
            if before is not None and entry is not None and (lost := _taken_out(before, entry)):
                cleared.append(f"{plain_quote(entry.headword)}: {lost}")
        result = ImportResult(**counts, skipped=tuple(self.skipped), cleared=tuple(cleared))
        return result, changes


# What an update may take out that members see or find a term by; `unverified` only flags.
_CLEARABLE = ("kanji", "kana", "romaji", "aliases", "see_also", "source")


def _taken_out(before: GlossaryEntry, after: GlossaryEntry) -> str:
    """What `before` had that `after` lacks, field by field ("kanji “軽トラ”; aliases “x”")."""
    parts = []
    for name in _CLEARABLE:
        old, new = getattr(before, name), getattr(after, name)
        if isinstance(old, tuple):
            gone = [value for value in old if value not in new]
        else:
            gone = [old] if old and not new else []
        if gone:
            parts.append(f"{name.replace('_', ' ')} {listed([plain_quote(v) for v in gone])}")
    return "; ".join(parts)


def export_document(
    rows: Mapping[str, GlossaryEntry | None], builtins: Mapping[str, GlossaryEntry]
) -> bytes:
    """A server's own rows as JSON that `read_document` reads."""
    entries = [e for _, e in sorted(rows.items()) if e is not None]
    linked = {entry_key(term) for e in entries for term in e.see_also}
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "entries": [_exported(e) for e in entries],
        # A hidden row whose built-in a later release dropped hides nothing: left out.
        "hidden": [
            builtins[k].headword for k, e in sorted(rows.items()) if e is None and k in builtins
        ],
        # So that an import by a release that no longer ships one of them can tell such a link
        # from a slip: the built-ins the entries link to, where the server has no own entry.
        "built_in_links": sorted(
            builtins[k].headword for k in linked if k in builtins and k not in rows
        ),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _exported(entry: GlossaryEntry) -> dict[str, Any]:
    """`entry` as the file writes it, every field that an import keeps when left out written
    even empty: imported elsewhere, over a term of that name with spellings of its own (or a
    built-in's), the file still recreates the entry as it is here."""
    return entry_to_json(entry, keep=_CLEARABLE)


def read_document(data: bytes) -> dict[str, Any]:
    """The export document in `data`, or a refusal saying what is wrong with the file."""
    if len(data) > IMPORT_MAX_BYTES:
        raise UserError(f"The file is {len(data):,} bytes; imports are limited to 1 MB.")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"The file is not valid UTF-8 JSON ({error}).") from None
    except RecursionError:
        # The decoder recurses once per bracket; no export nests more than three deep.
        raise UserError("The file nests lists or objects too deeply to be an export.") from None
    if not isinstance(document, dict) or document.get("schema_version") != EXPORT_SCHEMA_VERSION:
        raise UserError(
            f"The file must be a glossary export: a JSON object with "
            f'"schema_version": {EXPORT_SCHEMA_VERSION} and "entries".'
        )
    entries, hidden = document.get("entries", []), document.get("hidden", [])
    if not isinstance(entries, list) or not isinstance(hidden, list):
        raise UserError('"entries" and "hidden" must be lists.')
    if len(entries) + len(hidden) > IMPORT_MAX_ENTRIES:
        raise UserError(
            f"The file has {len(entries) + len(hidden):,} entries and hidden terms; the limit is "
            f"{IMPORT_MAX_ENTRIES:,} in all."
        )
    links = document.get("built_in_links", [])  # files exported before it was written lack it
    if not isinstance(links, list) or not all(isinstance(name, str) for name in links):
        raise UserError('"built_in_links" must be a list of term names.')
    return {"entries": entries, "hidden": hidden, "built_in_links": links}


def plan_import(
    document: Mapping[str, Any],
    current: Mapping[str, GlossaryEntry],
    builtins: Mapping[str, GlossaryEntry],
    spellings: Spellings | None = None,
) -> ImportPlan:
    """Every entry of `document` checked against a server showing `current`, whose `spellings`
    the cache holds (built here when not given)."""
    plan = ImportPlan()
    parsed: list[tuple[int, GlossaryEntry]] = []
    for number, raw in enumerate(document["entries"], 1):
        try:
            parsed.append((number, _updating(entry_from_json(raw), raw, current)))
        except ValueError as error:
            plan.errors.append((number, f"entry {number}: {error}"))
    first: dict[str, int] = {}
    for number, entry in parsed:
        first.setdefault(entry_key(entry.headword), number)
    hidden, dropped = _hidden_keys(document["hidden"], first, builtins, plan)
    linked_dropped = {entry_key(name) for name in document["built_in_links"]} - builtins.keys()
    # A term this server has of its own under a dropped built-in's name stays a valid link.
    unlinked = (dropped.keys() | linked_dropped) - current.keys() - first.keys()
    parsed = [(number, _without_links(number, entry, unlinked, plan)) for number, entry in parsed]
    plan.skipped += [
        f"hidden {plain_quote(name)}: no longer built in, so there is nothing to hide"
        for name in dropped.values()
    ]
    known = (set(current) | set(first)) - hidden
    owners = _spelt(spellings, hidden | first.keys(), parsed, current)
    for number, entry in parsed:
        key = entry_key(entry.headword)
        if first[key] != number:
            problem: str | None = f"same term as entry {first[key]}"
        else:
            problem = save_problem(entry, known, builtins) or spelling_problem(
                entry, owners, current.get(key)
            )
            owners.add(entry)  # entries further on may not take its spellings
        if problem:
            plan.errors.append((number, f"entry {number} {_named(entry.headword)}: {problem}"))
        else:
            plan.writes.append((key, entry))
    plan.writes += [(key, None) for key in hidden]
    plan.errors.sort(key=lambda error: error[0])
    return plan


def _updating(
    entry: GlossaryEntry, raw: Mapping[str, Any], current: Mapping[str, GlossaryEntry]
) -> GlossaryEntry:
    """`entry` (parsed from `raw`) over the term the server shows under its key, if any: the
    fields the file leaves out are that term's, not empty."""
    before = current.get(entry_key(entry.headword))
    if before is None:
        return entry
    return replace(before, **{name: getattr(entry, name) for name in raw})


def _spelt(
    spellings: Spellings | None,
    replaced: Collection[str],
    parsed: list[tuple[int, GlossaryEntry]],
    current: Mapping[str, GlossaryEntry],
) -> Overlay:
    """Who writes each spelling before the file's entries are checked, in order: the entries the
    file leaves as they are (all but the `replaced` keys), and each of its entries by the
    spellings it already had. A spelling two of its entries newly take is refused in the later
    one only."""
    if not any(new_spellings(entry, current.get(entry_key(entry.headword))) for _, entry in parsed):
        # Nothing is written a new way (a server's own export, say): nothing to check.
        return Overlay(Spellings(), replaced)
    owners = (spellings or Spellings(current.values())).leaving_out(replaced)
    for _, entry in parsed:
        before = current.get(entry_key(entry.headword))
        if before is not None:
            owners.add(entry, set(written_keys(before)))
    return owners


def _hidden_keys(
    headwords: list[Any],
    entries: Collection[str],
    builtins: Collection[str],
    plan: ImportPlan,
) -> tuple[set[str], dict[str, str]]:
    """The built-ins the file hides, and (by key, with their names) those it names to hide that
    are no longer built in: only built-ins are exported as hidden, so a later release dropped
    them, and there is nothing left to hide."""
    after_entries = len(entries) + 1  # hidden problems are reported after entry problems
    keys: set[str] = set()
    dropped: dict[str, str] = {}
    for headword in headwords:
        key = entry_key(headword) if isinstance(headword, str) else ""
        if key and key not in builtins and key not in entries:
            dropped.setdefault(key, headword)
        elif key not in builtins:
            plan.errors.append((after_entries, f"hidden: {_named(str(headword))} is not built in"))
        elif key in entries:
            plan.errors.append((after_entries, f"hidden: {_named(headword)} is also an entry"))
        else:
            keys.add(key)
    return keys, dropped


def _without_links(
    number: int, entry: GlossaryEntry, dropped: Collection[str], plan: ImportPlan
) -> GlossaryEntry:
    """`entry` without its see-also links to built-ins a later release dropped (`dropped`)."""
    kept = tuple(term for term in entry.see_also if entry_key(term) not in dropped)
    if len(kept) == len(entry.see_also):
        return entry
    for term in entry.see_also:
        if entry_key(term) in dropped:
            plan.skipped.append(
                f"entry {number} {plain_quote(entry.headword)}: see also {plain_quote(term)} "
                "left out: it is no longer built in"
            )
    return replace(entry, see_also=kept)


def _named(headword: str) -> str:
    """A headword of the file as its errors quote it: one it refuses may hold a character that
    would turn round the rest of the error line."""
    return plain_quote(shown_inert(headword))
