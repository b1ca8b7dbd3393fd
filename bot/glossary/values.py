"""What the glossary service answers with: a lookup, a page of entries, a member's suggestion
and one change in an entry's history."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.clock import from_unix
from bot.glossary.entries import GlossaryEntry
from bot.japanese import normalize
from bot.store import from_row


@dataclass(frozen=True)
class Lookup:
    """The entry a query names (with its resolvable see-also entries), or what it might mean."""

    entry: GlossaryEntry | None
    see_also: tuple[GlossaryEntry, ...] = ()
    suggestions: tuple[GlossaryEntry, ...] = ()
    # The entry is the one nearest what was typed (its start, or a typo of it), which has no
    # entry of its own: a term removed may be answered by another that begins the same way.
    closest: bool = False
    # The emissions code typed before the chassis code shown ("GD" of GD-DA52T), "" if none.
    emissions_prefix: str = ""


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


def suggestion_of(row: sqlite3.Row) -> Suggestion:
    return from_row(Suggestion, row, created_at=from_unix(row["created_at"]))


def suggestion_words(suggestion: Suggestion) -> str:
    """The key of what a suggestion says, each field folded as lookups fold it ("A field." and
    "a field" are the same words): two suggestions with one key repeat each other word for
    word."""
    fields = (suggestion.term, suggestion.kana, suggestion.kanji, suggestion.meaning)
    return "\n".join(normalize(text) for text in fields)


GLOSSARY_KIND = "glossary"  # the moderation queue's kind of a suggestion


# What each action of a change did, as history and /privacy say it.
ACTIONS_DONE = {
    "add": "added",
    "edit": "edited",
    "remove": "removed",
    "import": "imported",
    "restore": "restored",
}


@dataclass(frozen=True)
class Change:
    action: str
    actor_id: int
    at: datetime
    before: GlossaryEntry | None
    after: GlossaryEntry | None
    suggestion_id: int | None = None  # the member's suggestion a moderator approved as this
    suggested_by: int | None = None  # its author; None once they were forgotten
