"""How the lists a member picks announcements from as they type (Discord's autocomplete) name
each one, and how one is found again by that name: a member who types or pastes a choice's
name, whole, cut to Discord's 100 characters, or its first words, gets that choice to pick,
since the client lists only what the bot answers for the text typed."""

from __future__ import annotations

import re
import unicodedata

from bot.importers.profiles import MAX_NAME
from bot.importers.values import Announcement
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, ELLIPSIS, fit

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
