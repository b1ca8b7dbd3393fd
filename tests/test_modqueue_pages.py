"""The /modqueue list's pages: items of every source oldest first, each once, a page shown again
starting where it did without what was decided meanwhile, and an empty queue as one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.modqueue import ModQueue, QueueItem, mark_of
from bot.setup import SetupService
from bot.store import Store
from tests.modqueue_harness import DALE, GUILD


@dataclass
class Listed:
    """A source whose items 1, 2… were sent at the minutes `minutes` gives; those `decided`
    no longer wait."""

    kind: str
    minutes: list[int]
    decided: set[int] = field(default_factory=set)
    label: str = "Listed"

    async def pending(self, guild_id: int, limit: int) -> list[QueueItem]:
        start = datetime(2026, 11, 25, tzinfo=UTC)
        return [
            QueueItem(self.kind, ref, "t", "", DALE, "a member", start + timedelta(minutes=m))
            for ref, m in enumerate(self.minutes, start=1)
            if ref not in self.decided
        ][:limit]


async def test_pages_of_several_sources_come_oldest_first_each_item_once(
    store: Store, clock: ManualClock
) -> None:
    jobs = JobQueue(store, clock)
    modqueue = ModQueue(store, clock, jobs, SetupService(store, clock))
    # Items sent in the same minute by two sources keep one order from page to page.
    glossary = Listed("glossary", [1, 2, 2, 5])
    modqueue.register(glossary)  # type: ignore[arg-type]
    modqueue.register(Listed("announcement", [2, 3, 4]))  # type: ignore[arg-type]

    first = await modqueue.page(GUILD, 3)
    second = await modqueue.page(GUILD, 3, after=mark_of(first.items[-1]))
    third = await modqueue.page(GUILD, 3, after=mark_of(second.items[-1]))

    assert [[(i.kind, i.ref_id) for i in page.items] for page in (first, second, third)] == [
        [("glossary", 1), ("announcement", 1), ("glossary", 2)],
        [("glossary", 3), ("announcement", 2), ("announcement", 3)],
        [("glossary", 4)],
    ]
    assert [(page.before, page.has_previous, page.has_next) for page in (first, second, third)] == [
        (0, False, True),
        (3, True, True),
        (6, True, False),
    ]
    assert {(page.waiting, page.counted_all) for page in (first, second, third)} == {(7, True)}
    back = await modqueue.page(GUILD, 3, before=mark_of(third.items[0]))
    assert back.items == second.items

    # The first page's items decided meanwhile: the next page still starts after what was shown.
    glossary.decided.update({1, 2})
    after_first = await modqueue.page(GUILD, 3, after=mark_of(first.items[-1]))
    assert [(i.kind, i.ref_id) for i in after_first.items] == [
        ("glossary", 3),
        ("announcement", 2),
        ("announcement", 3),
    ]
    # Fewer than a page before the mark: the first items.
    from_start = await modqueue.page(GUILD, 3, before=mark_of(second.items[0]))
    assert (from_start.before, len(from_start.items)) == (0, 3)


async def test_a_page_shown_again_starts_where_it_did_without_what_was_decided(
    store: Store, clock: ManualClock
) -> None:
    modqueue = ModQueue(store, clock, JobQueue(store, clock), SetupService(store, clock))
    glossary = Listed("glossary", [1, 2, 3, 4, 5, 6, 7])
    modqueue.register(glossary)  # type: ignore[arg-type]
    second = await modqueue.page(GUILD, 3, after=mark_of((await modqueue.page(GUILD, 3)).items[-1]))

    glossary.decided.add(4)  # its first item, decided on it
    again = await modqueue.page(GUILD, 3, at=mark_of(second.items[0]))
    assert ([i.ref_id for i in again.items], again.before, again.waiting) == ([5, 6, 7], 3, 6)
    # Everything from there decided: the last ones, as a page turned past the end.
    glossary.decided.update({5, 6, 7})
    last = await modqueue.page(GUILD, 3, at=mark_of(second.items[0]))
    assert [i.ref_id for i in last.items] == [1, 2, 3]


async def test_an_empty_queue_is_one_empty_page(store: Store, clock: ManualClock) -> None:
    modqueue = ModQueue(store, clock, JobQueue(store, clock), SetupService(store, clock))
    page = await modqueue.page(GUILD, 8)
    assert (page.items, page.before, page.waiting, page.has_next) == ((), 0, 0, False)
