"""Typo search: the words a few edits from a query, measured by optimal-string-alignment
distance (a swapped pair counts as one edit).

Measuring every word of a near length cost `/glossary lookup` 10-20 ms at 100,000 entries, so
`TypoBuckets` files each word under pairs of its first three characters and measures only the
words that begin like the query: 1,800-3,300 of 100,000 synthetic keys, 0.3-0.5 ms. That still
finds every word one edit away, and a word further away unless two of its edits fall in its
first three characters.

Search measures the common slips in two steps (`Slips.KEEPING_INITIAL_NEAREST`). A slip
usually falls after a word's third character, and the words that begin with the query's first
three characters are about a tenth of those the pairs file with it (a median of 156 against
1,394 at 100,000 synthetic keys). Those are measured first, and the rest only when none of them
is one edit away, which the rest could only equal: a word one edit away that begins otherwise
is then left out. 41 of the benchmark's 60 typo queries end at the first step, and a search's
index work fell from 0.10 to 0.05 ms on average. Autocomplete, which offers the term being
typed, measures them all (2 of `bench.glossary_fuzzy`'s 287 typo queries would lose their
entry), and lookup every slip.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from enum import Enum

from rapidfuzz import process
from rapidfuzz.distance import OSA

NEAREST_PER_BUCKET = 25  # nearest words taken from each bucket measured

# The pairs of a word's first three characters that typo search files it under, by slot.
FIRST_TWO, SECOND_AND_THIRD, FIRST_AND_THIRD = range(3)


class Slips(Enum):
    """Which slips in a word's first three characters a typo search measures words for."""

    KEEPING_INITIAL = "the common kind: autocomplete measures only these"
    KEEPING_INITIAL_NEAREST = "the nearest of the common kind, in two steps (see the module)"
    OF_INITIAL = "a wrong, missing, extra or swapped first character: the rarest kind"
    ANY = "both"


def max_edits(length: int) -> int:
    """Typos tolerated in a query of `length` normalised characters."""
    if length < 4:
        return 0
    if length <= 6:
        return 1
    return 2 if length <= 11 else 3


PREFIX_SCAN = 2_000  # words examined for one prefix: bounds a broad query's cost


def beginning_with(words: Sequence[str], start: str, at_most: int | None = None) -> Sequence[str]:
    """The words of the sorted `words` that begin with `start` (the first `at_most` of them).

    Found by bisection, which touches a few words only. Slicing the next 2,000 words and stopping
    at the first that did not begin so touched each of them (a slice takes a reference to every
    word): a cache miss apiece under load, where it made up a tenth of a search's index work.
    """
    first = bisect_left(words, start)
    last = len(words) if at_most is None else min(len(words), first + at_most)
    last = bisect_right(words, start, first, last, key=lambda word: word[: len(start)])
    return words[first:last]


def start_pairs(word: str) -> tuple[str, str, str]:
    """A word's first two characters, its second and third, and its first and third."""
    return word[:2], word[1:3], word[0] + word[2]


class TypoBuckets:
    """Words by length and by each pair of their first three characters (see `start_pairs`).

    Tuples, which the garbage collector stops walking once it has seen they hold only strings.
    """

    __slots__ = ("_buckets", "_sorted")

    def __init__(self, words: Sequence[str]) -> None:
        """`words` in sorted order, in which those that begin alike are next to each other."""
        self._sorted = words
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
        if slips in (Slips.OF_INITIAL, Slips.ANY):
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
        if slips is Slips.KEEPING_INITIAL_NEAREST:
            as_typed = self._measure(query, [beginning_with(self._sorted, query[:3])], edits)
            if 1 in as_typed.values():
                return as_typed
        lengths = range(len(query) - edits, len(query) + edits + 1)
        return self._measure(query, self.candidates(query, lengths, slips=slips), edits)

    @staticmethod
    def _measure(query: str, buckets: Iterable[Sequence[str]], edits: int) -> dict[str, int]:
        nearest: dict[str, int] = {}  # a word may sit in two of the buckets measured
        for bucket in buckets:
            near = process.extract(
                query, bucket, scorer=OSA.distance, score_cutoff=edits, limit=NEAREST_PER_BUCKET
            )
            nearest.update((other, int(distance)) for other, distance, _ in near if distance)
        return nearest
