"""How a glossary index orders entries that match alike: by how often a server's members looked
them up, and, for the short queries autocomplete lists by popularity alone, by how each entry's
keys begin.

Pure: no SQL, no discord. An index ranks alphabetically (`Ranking.alphabetical`); a server's
view of it is ranked by that server's lookups (`Ranking.ranked_by`), which moves only the
entries looked up, so a server's ranking costs what its lookups do, not what the glossary does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

SHORT_QUERY = 2  # up to this many key characters, autocomplete lists by popularity
# The 1- and 2-character starts of an entry's keys, each with the length of the shortest key
# it starts.
Starts = tuple[tuple[str, int], ...]


class Ranking:
    """Each entry's popularity (minus its lookups: lower ranks first), the entries by
    popularity, and by each start their keys have."""

    __slots__ = ("by_popularity", "by_start", "popularity")

    def __init__(
        self, popularity: list[int], by_popularity: list[int], by_start: dict[str, list[int]]
    ) -> None:
        self.popularity = popularity
        self.by_popularity = by_popularity
        self.by_start = by_start

    @classmethod
    def alphabetical(
        cls, folded: Sequence[str], starts: Sequence[tuple[Starts, Starts]]
    ) -> Ranking:
        """As though nothing had been looked up: every entry's popularity is 0. `folded` are
        the headwords casefolded, `starts` each entry's headword's starts and its other keys'."""
        by_popularity = sorted(range(len(folded)), key=folded.__getitem__)
        # Short queries list by popularity; at equal popularity, an entry whose headword starts
        # with the query comes before one that only has an alias starting with it, then the
        # shorter key first: 軽自 is keijidōsha (軽自動車) before 軽自動車検査協会.
        groups: dict[str, list[tuple[int, int, int, int]]] = {}
        for rank, index in enumerate(by_popularity):
            for group, begins in enumerate(starts[index]):
                for start, length in begins:
                    groups.setdefault(start, []).append((group, length, rank, index))
        by_start = {start: [c[3] for c in sorted(found)] for start, found in groups.items()}
        return cls([0] * len(folded), by_popularity, by_start)

    def ranked_by(
        self,
        counts: Mapping[int, int],
        folded: Sequence[str],
        starts: Sequence[tuple[Starts, Starts]],
    ) -> Ranking:
        """This ranking with the entries looked up (`counts`: entry → lookups) first, more
        first; the rest keep this order. Among looked-up entries of one start, more lookups
        rank first, then as unranked (a headword start, a shorter key, alphabetically)."""
        popularity = list(self.popularity)
        for index, count in counts.items():
            popularity[index] = -count
        popular = sorted(counts, key=lambda i: (-counts[i], folded[i]))
        by_popularity = popular + [i for i in self.by_popularity if i not in counts]
        moved: dict[str, list[tuple[int, int, int, str, int]]] = {}
        for index in popular:
            for group, begins in enumerate(starts[index]):
                for start, length in begins:
                    found = (-counts[index], group, length, folded[index], index)
                    moved.setdefault(start, []).append(found)
        by_start = dict(self.by_start)
        for start, found in moved.items():
            ahead = [c[4] for c in sorted(found)]
            by_start[start] = ahead + [i for i in self.by_start[start] if i not in counts]
        return Ranking(popularity, by_popularity, by_start)

    def beginning(self, start: str) -> Sequence[int]:
        """The entries with a key beginning `start` (every entry for ""), best first."""
        return self.by_start.get(start, ()) if start else self.by_popularity


def note_starts(starts: dict[str, int], key: str) -> None:
    """Note the 1- and 2-character starts of `key`, each with the shortest key it starts."""
    for length in range(1, min(len(key), SHORT_QUERY) + 1):
        start = key[:length]
        starts[start] = min(starts.get(start, len(key)), len(key))
