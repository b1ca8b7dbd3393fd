"""/modqueue's pages: part of everything waiting, oldest first, turned from the items a
moderator saw."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from bot.clock import unix
from bot.modqueue.items import QueueItem

# How many waiting items of each source /modqueue reads at most, to count them and page
# through them: a queue longer than that is counted as "at least".
LISTED_UP_TO = 2000


class QueueMark(NamedTuple):
    """Where an item stands in the queue's order (oldest first), kept by a list's Previous /
    Next: pages turn from the items a moderator saw, so deciding some of them skips no other."""

    at: int  # when it was sent, unix seconds
    kind: str
    ref_id: int


def mark_of(item: QueueItem) -> QueueMark:
    return QueueMark(unix(item.created_at), item.kind, item.ref_id)


@dataclass(frozen=True)
class QueuePage:
    """Part of everything waiting, oldest first."""

    items: tuple[QueueItem, ...]
    before: int  # items waiting before the first of the page
    waiting: int  # items waiting in all
    counted_all: bool  # False when a source had more than `LISTED_UP_TO` waiting

    @property
    def has_previous(self) -> bool:
        return self.before > 0

    @property
    def has_next(self) -> bool:
        return self.before + len(self.items) < self.waiting


def page_of(
    items: list[QueueItem],
    size: int,
    *,
    after: QueueMark | None = None,
    before: QueueMark | None = None,
    at: QueueMark | None = None,
) -> QueuePage:
    """`size` of `items` (everything waiting, oldest first): the first ones, those right
    `after` a mark, right `before` one (the first ones when fewer wait before it), or from one
    `at` it (the page a moderator sees, again, with what was decided on it gone); past the
    end, the last ones."""
    marks = [mark_of(item) for item in items]
    if before is not None:
        start = max(bisect_left(marks, before) - size, 0)
    else:
        if after is not None:
            start = bisect_right(marks, after)
        elif at is not None:
            start = bisect_left(marks, at)
        else:
            start = 0
        if start >= len(items):  # all from there were decided meanwhile: the last ones
            start = max(len(items) - size, 0)
    counts = Counter(item.kind for item in items)
    return QueuePage(
        tuple(items[start : start + size]),
        start,
        len(items),
        all(count < LISTED_UP_TO for count in counts.values()),
    )
