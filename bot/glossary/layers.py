"""A server's entries as each save leaves them, without copying them for every save.

A save changes a few keys of a mapping that readers (a lookup, an index building in a worker
thread, an import planned from it) may hold: they must go on seeing it whole and unchanged, and
the next save must see the change. Copying the mapping did both, but cost 3-10 ms at 100,000
entries, inside the store's write lock. A `Layered` mapping is a `base` nobody changes under
the keys saves changed since (`changes`, None where nothing is left): a save makes a new one
sharing the base, at the cost of the changes it carries, and what any reader holds never
changes.

Looking a key up reads the changes, then the base. Walking every entry (an index build, a
browse) flattens the layer once into a plain mapping (`flat`, a copy in C), kept with it; the
next save builds on that, carrying only its own change. The index a save has rebuilt in a
worker thread flattens each layer of a big server so, and the cache has a layer flattened in a
thread once it carries `FLATTEN_AFTER` changes. Pure: no SQL, no discord.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, Mapping, ValuesView
from typing import Final

from bot.glossary.entries import GlossaryEntry

# Changes a layer carries before the cache flattens it: a save copies the changes it carries,
# which at this many cost it about what copying a small server's whole mapping did.
FLATTEN_AFTER = 2_048
_ABSENT: Final = object()

Change = tuple[str, GlossaryEntry | None]  # a key, and its entry after a save (None: nothing)


class Layered(Mapping[str, GlossaryEntry]):
    """`base` with `changes` laid over it: read-only, and never changed once made (but for the
    flattened copy it keeps of itself, which reads the same)."""

    __slots__ = ("_base", "_changes", "_flat", "_length", "_lineage")

    def __init__(
        self,
        base: Mapping[str, GlossaryEntry],
        changes: Mapping[str, GlossaryEntry | None],
        length: int,
        lineage: object,
    ) -> None:
        self._base = base
        self._changes = changes
        self._length = length
        # Shared by the layers saves made one from another, from one mapping: a flattened one
        # is built on only by its own lineage (`rebased`).
        self._lineage = lineage
        self._flat: Mapping[str, GlossaryEntry] | None = None if changes else base

    @classmethod
    def over(cls, entries: Mapping[str, GlossaryEntry]) -> Layered:
        """`entries` as a layer with no changes: an unchanging base (the built-ins, or a
        server's entries as read from the store)."""
        if isinstance(entries, Layered):
            return entries
        return cls(entries, {}, len(entries), object())

    def __getitem__(self, key: str) -> GlossaryEntry:
        changed = self._changes.get(key, _ABSENT)
        if changed is _ABSENT:
            return self._base[key]
        if changed is None:
            raise KeyError(key)
        return changed  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        changed = self._changes.get(key, _ABSENT)  # type: ignore[call-overload]
        return key in self._base if changed is _ABSENT else changed is not None

    def __iter__(self) -> Iterator[str]:
        """The base's keys but those changed, then the changed ones still there, in the order
        their last change was saved (as a copy changed key by key would have them)."""
        return iter(self.flat())

    def __len__(self) -> int:
        return self._length

    def items(self) -> ItemsView[str, GlossaryEntry]:
        return self.flat().items()

    def values(self) -> ValuesView[GlossaryEntry]:
        return self.flat().values()

    @property
    def changed_keys(self) -> int:
        """How many keys a save made from this layer carries over."""
        return 0 if self._flat is not None else len(self._changes)

    def flat(self) -> Mapping[str, GlossaryEntry]:
        """This layer as one plain mapping, made once (a copy, in C, and its changes applied):
        walking a mapping in Python cost a browse of 100,000 entries tens of milliseconds. Safe
        from any thread: the layer never changes, and two threads flattening it at once each
        make the same mapping."""
        flat = self._flat
        if flat is None:
            copy = dict(self._base)
            for key, entry in self._changes.items():
                copy.pop(key, None)
                if entry is not None:
                    copy[key] = entry
            self._flat = flat = copy
        return flat

    def changed(self, changes: Iterable[Change]) -> Layered:
        """A new layer: this one with `changes` saved over it, in order. Costs the changes this
        layer carries (none once it was flattened), not the entries."""
        flat = self._flat
        base = self._base if flat is None else flat
        carried = dict(self._changes) if flat is None else {}
        length = self._length
        for key, after in changes:
            # Moved to the end, as the latest change: iteration keeps the order a copy would.
            before = carried.pop(key, _ABSENT)
            there = key in base if before is _ABSENT else before is not None
            length += (after is not None) - there
            if after is not None or key in base:  # None hides what the base has
                carried[key] = after
        return Layered(base, carried, length, self._lineage)

    def rebased(self, snapshot: Layered) -> Layered:
        """This layer built on `snapshot`, an earlier one of its lineage flattened since (in a
        worker thread, while saves went on), carrying only the changes saved since it; itself
        when `snapshot` is not flattened, or not an earlier layer of the same base."""
        flat = snapshot._flat
        if (
            flat is None
            or snapshot._lineage is not self._lineage
            or snapshot._base is not self._base
        ):
            return self
        before, now = snapshot._changes, self._changes
        since: dict[str, GlossaryEntry | None] = {
            key: entry for key, entry in now.items() if before.get(key, _ABSENT) is not entry
        }
        for key, entry in before.items():
            if key not in now and entry is not None:  # added, then removed since: in `flat`
                since[key] = None
        return Layered(flat, since, self._length, self._lineage)

    def same_as(self, other: Mapping[str, GlossaryEntry]) -> bool:
        """Whether this holds exactly `other`: cheap when `other` is the base, as when a server's
        changes undo each other back to the built-ins."""
        if len(self) != len(other):
            return False
        if self._base is other:
            return all(other.get(key) == entry for key, entry in self._changes.items())
        return self.flat() == other
