"""The English words of glossary meanings, and which entries' meanings hold each: what search
finds when a query names no term (see `GlossaryIndex.search`). Pure: no SQL, no discord."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.glossary.typos import PREFIX_SCAN, Slips, TypoBuckets, beginning_with

MIN_MEANING_PREFIX = 4  # shorter meaning words match whole words only: "ac" must not find "acty"

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i",
    "in", "is", "it", "its", "me", "mean", "means", "meaning", "my", "no", "not", "of", "on",
    "or", "that", "the", "this", "to", "was", "what", "with", "word", "you", "your",
))  # fmt: skip


def meaning_words(text: str) -> list[str]:
    """English words for meaning search: lower case, no stop words, a plural s dropped."""
    words = []
    for word in _WORD.findall(text.lower()):
        if word in _STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]  # "dents" finds "dent"; crude, but the same on both sides
        words.append(word)
    return words


class MeaningWords:
    """Each word of the meanings, with the positions of the entries whose meaning has it."""

    def __init__(self, meanings: Iterable[str]) -> None:
        found: dict[str, set[int]] = {}
        for index, meaning in enumerate(meanings):
            for word in meaning_words(meaning):
                found.setdefault(word, set()).add(index)
        # Tuples, not sets, for the garbage collector's sake (see `IndexKeys`).
        self._words = {word: tuple(indexes) for word, indexes in found.items()}
        self._vocabulary = sorted(self._words)
        self._misspelt = TypoBuckets(self._vocabulary)

    def __contains__(self, word: str) -> bool:
        """Whether some meaning has `word` as a whole word."""
        return word in self._words

    def entries_with(self, word: str) -> set[int]:
        """The entries whose meaning has `word`, or (from `MIN_MEANING_PREFIX` letters) a word
        it begins."""
        if len(word) < MIN_MEANING_PREFIX:
            return set(self._words.get(word, ()))
        found: set[int] = set()
        for other in beginning_with(self._vocabulary, word, PREFIX_SCAN):
            found.update(self._words[other])
        return found

    def entries_near(self, word: str) -> set[int]:
        """The entries whose meaning has a word a slip or two from `word`."""
        near = self._misspelt.nearest(word, slips=Slips.KEEPING_INITIAL_NEAREST)
        return {index for other in near for index in self._words[other]}
