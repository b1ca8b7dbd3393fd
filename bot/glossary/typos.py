"""Typo search: the words a few edits from a query, measured by optimal-string-alignment
distance (a swapped pair counts as one edit).

Measuring every word of a near length cost `/glossary lookup` 10-20 ms at 100,000 entries, so
`TypoBuckets` files each word under pairs of its first three characters and measures only the
words that begin like the query: 1,800-3,300 of 100,000 synthetic keys, 0.3-0.5 ms. That still
finds every word one edit away, and a word further away unless two of its edits fall in its
first three characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from rapidfuzz import process
from rapidfuzz.distance import OSA

NEAREST_PER_BUCKET = 25  # nearest words taken from each bucket measured

# The pairs of a word's first three characters that typo search files it under, by slot.
FIRST_TWO, SECOND_AND_THIRD, FIRST_AND_THIRD = range(3)


class Slips(Enum):
    """Which slips in a word's first three characters a typo search measures words for."""

    KEEPING_INITIAL = "the common kind: autocomplete measures only these"
    OF_INITIAL = "a wrong, missing, extra or swapped first character: the rarest kind"
    ANY = "both"


def max_edits(length: int) -> int:
    """Typos tolerated in a query of `length` normalised characters."""
    if length < 4:
        return 0
    if length <= 6:
        return 1
    return 2 if length <= 11 else 3


def start_pairs(word: str) -> tuple[str, str, str]:
    """A word's first two characters, its second and third, and its first and third."""
    return word[:2], word[1:3], word[0] + word[2]


class TypoBuckets:
    """Words by length and by each pair of their first three characters (see `start_pairs`).

    Tuples, which the garbage collector stops walking once it has seen they hold only strings.
    """

    __slots__ = ("_buckets",)

    def __init__(self, words: Iterable[str]) -> None:
        buckets: dict[tuple[int, int, str], list[str]] = {}
        for word in words:
            if len(word) >= 3:  # a typo candidate is never shorter (see `candidates`)
                for slot, pair in enumerate(start_pairs(word)):
                    buckets.setdefault((len(word), slot, pair), []).append(word)
        self._buckets = {bucket: tuple(filed) for bucket, filed in buckets.items()}

    def candidates(self, query: str, lengths: range, *, slips: Slips) -> list[tuple[str, ...]]:
        """The words of `lengths` that may be a few edits from `query` (4 characters or more).

        Those are the words whose first three characters are at most one edit from the
        query's. Each such slip leaves one of the word's start pairs equal to a pair made from
        the query's start, q0 q1 q2:
          - none, or one from the third character on: the word starts q0 q1;
          - a wrong second character: the first and third are q0 q2;
          - a missing second character, or the second and third swapped: it starts q0 q2;
          - an extra second character: the first and third are q0 q1;
          - a wrong first character: the second and third are q1 q2;
          - a missing first character: it starts q1 q2;
          - an extra first character: the second and third are q0 q1;
          - the first two swapped: it starts q1 q0.
        The first four keep the first character (`Slips.KEEPING_INITIAL`), the last four do not
        (`Slips.OF_INITIAL`).
        """
        q0, q1, q2 = query[:3]
        pairs = []
        if slips is not Slips.OF_INITIAL:
            pairs += [(FIRST_TWO, q0 + q1), (FIRST_AND_THIRD, q0 + q2), (FIRST_TWO, q0 + q2)]
            pairs.append((FIRST_AND_THIRD, q0 + q1))
        if slips is not Slips.KEEPING_INITIAL:
            pairs += [(SECOND_AND_THIRD, q1 + q2), (FIRST_TWO, q1 + q2)]
            pairs += [(SECOND_AND_THIRD, q0 + q1), (FIRST_TWO, q1 + q0)]
        buckets = (
            self._buckets.get((length, slot, pair))
            for length in lengths
            for slot, pair in set(pairs)
        )
        return [bucket for bucket in buckets if bucket]

    def nearest(self, query: str, *, slips: Slips) -> dict[str, int]:
        """The words within `max_edits` of `query`, other than itself, with their distance,
        among those `slips` away from it in their first three characters: measuring the
        words of first-letter slips costs as much again as those of the common kind."""
        edits = max_edits(len(query))
        if not edits:
            return {}
        lengths = range(len(query) - edits, len(query) + edits + 1)
        nearest: dict[str, int] = {}  # a word may sit in two of the buckets measured
        for bucket in self.candidates(query, lengths, slips=slips):
            near = process.extract(
                query, bucket, scorer=OSA.distance, score_cutoff=edits, limit=NEAREST_PER_BUCKET
            )
            nearest.update((other, int(distance)) for other, distance, _ in near if distance)
        return nearest
