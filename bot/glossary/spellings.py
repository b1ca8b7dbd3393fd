"""Who is written each way: every key a server's entries spell (headword, kanji, kana, romaji,
aliases), with the entries written that way. A save may not take another entry's spelling
(`spelling_problem`); asking this map costs a dict lookup, where normalising every entry's
spellings took about 2 s at 100,000 entries, inside the write lock.

Beside it, who links to each key (see also): a removal of a term other entries link to is
refused, and asking this map spares it a walk through every entry inside the write lock.

The cache (`GlossaryCache.spellings`) builds a server's maps once, at start-up or on its first
save, and keeps them as each save commits (`Spellings.change`). Pure: no SQL, no discord.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from bot.glossary.entries import GlossaryEntry, Owners, entry_key, written_keys
from bot.glossary.index import GlossaryIndex


class Spellings:
    """Each key that entries' headwords and other forms spell, with the entries written that
    way, in the order they were added; and each key entries link to, with those entries."""

    __slots__ = ("_linked_from", "_owners")

    def __init__(self, entries: Iterable[GlossaryEntry] = ()) -> None:
        # Tuples of entries: one per key at 100,000 entries, so each is as small as it can be.
        self._owners: dict[str, tuple[GlossaryEntry, ...]] = {}
        self._linked_from: dict[str, tuple[GlossaryEntry, ...]] = {}
        for entry in entries:
            self._add(entry)

    @classmethod
    def of(cls, index: GlossaryIndex) -> Spellings:
        """The spellings of the entries `index` was built from (see `GlossaryIndex.written`)."""
        spellings = cls()
        spellings._owners = index.written()
        for entry in index.entries:
            spellings._link(entry)
        return spellings

    def get(self, key: str, default: Sequence[GlossaryEntry] = (), /) -> Sequence[GlossaryEntry]:
        return self._owners.get(key, default)

    def linked_from(self, key: str) -> list[GlossaryEntry]:
        """The entries (other than `key`'s own) whose see-also names `key`, by their keys."""
        return sorted(self._linked_from.get(key, ()), key=lambda entry: entry_key(entry.headword))

    def copy(self) -> Spellings:
        copied = Spellings()
        copied._owners = dict(self._owners)
        copied._linked_from = dict(self._linked_from)
        return copied

    def change(self, before: GlossaryEntry | None, after: GlossaryEntry | None) -> None:
        """One key's entry went from `before` to `after` (None: nothing there)."""
        if before is not None:
            self._remove(before)
        if after is not None:
            self._add(after)

    def leaving_out(self, keys: Collection[str]) -> Overlay:
        """These spellings but for the entries stored under `keys`, for more to be laid over."""
        return Overlay(self, keys)

    def _add(self, entry: GlossaryEntry) -> None:
        for key in written_keys(entry):
            self._owners[key] = (*self._owners.get(key, ()), entry)
        self._link(entry)

    def _link(self, entry: GlossaryEntry) -> None:
        for key in _links(entry):
            self._linked_from[key] = (*self._linked_from.get(key, ()), entry)

    def _remove(self, entry: GlossaryEntry) -> None:
        own = entry_key(entry.headword)
        for keys, held in ((written_keys(entry), self._owners), (_links(entry), self._linked_from)):
            for key in keys:
                rest = tuple(o for o in held.get(key, ()) if entry_key(o.headword) != own)
                if rest:
                    held[key] = rest
                else:
                    held.pop(key, None)


def _links(entry: GlossaryEntry) -> set[str]:
    """The keys `entry` links to (see also), but its own: a link to itself holds nothing up."""
    return {entry_key(term) for term in entry.see_also} - {entry_key(entry.headword)}


class Overlay:
    """A server's spellings as an import file would leave them: the entries the file replaces
    or hides left out, and the file's entries laid over as they are checked."""

    def __init__(self, base: Owners, left_out: Collection[str]) -> None:
        self._base = base
        self._left_out = left_out
        self._more: dict[str, list[GlossaryEntry]] = {}

    def get(self, key: str, default: Sequence[GlossaryEntry] = (), /) -> Sequence[GlossaryEntry]:
        kept = [o for o in self._base.get(key, ()) if entry_key(o.headword) not in self._left_out]
        found = kept + self._more.get(key, [])
        return found or default

    def add(self, entry: GlossaryEntry, keys: Collection[str] | None = None) -> None:
        """`entry` writes these of its keys (all when None)."""
        for key in written_keys(entry):
            if keys is None or key in keys:
                self._more.setdefault(key, []).append(entry)
