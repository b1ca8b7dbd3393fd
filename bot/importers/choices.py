"""How the lists a member picks announcements from as they type (Discord's autocomplete) name
each one, and what they list: a member who types or pastes a choice's name, whole, cut to
Discord's 100 characters, or its first words, gets that choice to pick, since the client lists
only what the bot answers for the text typed."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.clock import Clock
from bot.importers.profile_fields import MAX_NAME
from bot.importers.values import SELECT_ANNOUNCEMENTS, Announcement, announcement_from_row
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, ELLIPSIS, fit
from bot.store import Store, containing

FORMER = " (former importer)"  # after a removed importer's name, where a list names it
_NUMBER = re.compile(r"#(\d{1,18})(?!\d)", re.A)  # an announcement's number, as a name shows it
_SPACE = re.compile(r"\s+")


def choice_name(announcement: Announcement, *, whose: bool) -> str:
    """The announcement as a list names it: `#12 Hijet arrived`, or (`whose`, in a list of
    every importer's) `Kei Imports: #12 Hijet arrived`. The importer's name (MAX_NAME at most,
    a former importer's with its mark) goes first, so a long title is what is cut, and the
    number stays shown."""
    shown = f"#{announcement.id} {announcement.title}"
    if whose:
        who = announcement.importer_name
        if announcement.importer_id is None:
            who = f"{fit(who, MAX_NAME - len(FORMER))}{FORMER}"
        shown = f"{who}: {shown}"
    return fit(shown, CHOICE_NAME)


class AnnouncementChoices:
    """The announcements a list offers for what was typed."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def listed(
        self, guild_id: int, member_id: int | None, status: str, typed: str, limit: int
    ) -> list[Announcement]:
        """The announcements of `status` of the member's importer (of any importer, former
        ones too, named by whose they are, for None) whose title (or importer's name, in a
        list of every importer's) contains `typed`, or whose choice name it is, newest first."""
        whose = member_id is None
        words = containing(typed_words(typed))
        found = await self._select(
            guild_id,
            member_id,
            status,
            "announcements.title LIKE ? ESCAPE '\\' OR (? AND coalesce(importers.name, "
            "announcements.former_importer) LIKE ? ESCAPE '\\')",
            (words, whose, words),
            limit,
        )
        # A choice's name typed or pasted whole (or cut, or its first words) names its number:
        # without it, the list would go empty under the text it showed.
        numbered = await self._select(
            guild_id,
            member_id,
            status,
            "announcements.id IN (SELECT value FROM json_each(?))",
            (json.dumps(shown_numbers(typed)),),
            limit,
        )
        ids = {announcement.id for announcement in found}
        found += [
            announcement
            for announcement in numbered
            if announcement.id not in ids and shows(choice_name(announcement, whose=whose), typed)
        ]
        return sorted(found, key=lambda announcement: -announcement.id)[:limit]

    async def _select(
        self,
        guild_id: int,
        member_id: int | None,
        status: str,
        matching: str,
        params: tuple[Any, ...],
        limit: int,
    ) -> list[Announcement]:
        rows = await self._store.fetchall(
            f"{SELECT_ANNOUNCEMENTS} WHERE announcements.guild_id = ? "
            "AND (? IS NULL OR importers.member_id = ?) AND announcements.status = ? "
            f"AND ({matching}) ORDER BY announcements.id DESC LIMIT ?",
            (guild_id, member_id, member_id, status, *params, limit),
        )
        return [announcement_from_row(row, self._clock.now()) for row in rows]


def typed_words(typed: str) -> str:
    """What to look for in titles and names: `typed` without the mark of a cut name."""
    return typed.strip().removesuffix(ELLIPSIS).strip()


def shown_numbers(typed: str) -> list[int]:
    """The announcement numbers `typed` names as choices show them (`#12`)."""
    return [int(number) for number in _NUMBER.findall(typed)[:AUTOCOMPLETE_CHOICES]]


def shows(name: str, typed: str) -> bool:
    """Whether `typed` is the choice name `name`, or a part of it, case and spacing aside."""
    return _folded(typed) in _folded(name)


def _folded(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
