"""What the glossary service answers with: a lookup, a page of entries, a member's suggestion
and one change in an entry's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.glossary.entries import GlossaryEntry


@dataclass(frozen=True)
class Lookup:
    """The entry a query names (with its resolvable see-also entries), or what it might mean."""

    entry: GlossaryEntry | None
    see_also: tuple[GlossaryEntry, ...] = ()
    suggestions: tuple[GlossaryEntry, ...] = ()
    # The entry is the one nearest what was typed (its start, or a typo of it), which has no
    # entry of its own: a term removed may be answered by another that begins the same way.
    closest: bool = False


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
