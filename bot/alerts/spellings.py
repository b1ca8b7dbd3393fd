"""Other spellings of the words alerts name: the glossary's and the model list's groups of
spellings, and the concepts present in an item's text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from bot.glossary.entries import load_glossary
from bot.models import default_lines

MAX_PHRASE = 3  # words: the longest run of an item's words looked up as one spelling
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def is_spaced(form: str) -> bool:
    """Latin-like text, matched on word boundaries; other scripts are matched anywhere."""
    return all(ch.isascii() or not ch.isalpha() for ch in form)


@cache
def known_spellings() -> dict[str, frozenset[str]]:
    """Each known spelling → the concepts (groups of spellings) it belongs to."""
    groups: list[Iterable[str]] = [
        (entry.headword, *entry.other_forms()) for entry in load_glossary()
    ]
    groups += [(line.model, line.kana, line.romaji, *line.aliases) for line in default_lines()]
    by_form: dict[str, set[str]] = {}
    for group in groups:
        forms = {fold(form) for form in group if form}
        concept = min(forms)
        for form in forms:
            by_form.setdefault(form, set()).add(concept)
    return {form: frozenset(found) for form, found in by_form.items()}


def concepts(word: str) -> frozenset[str]:
    """What a word an alert names stands for: its spelling groups, or itself."""
    return known_spellings().get(fold(word), frozenset({fold(word)}))


@cache
def unspaced_spellings() -> tuple[str, ...]:
    return tuple(form for form in known_spellings() if not is_spaced(form))


def concepts_of_text(text: str, extra_unspaced: Iterable[str] = ()) -> set[str]:
    """Every concept present in `text`: its words, its phrases and any non-Latin spelling."""
    folded = fold(text)
    tokens = WORD.findall(folded)
    present: set[str] = set()
    known = known_spellings()
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            present |= known.get(phrase, frozenset({phrase}))
    for form in (*unspaced_spellings(), *extra_unspaced):
        if form in folded:
            present |= known.get(form, frozenset({form}))
    return present
