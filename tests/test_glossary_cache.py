"""GlossaryCache on a real SQLite file: what it keeps, when it forgets, how a big server's index is
rebuilt in the background, and per-server popularity."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryCache, GlossaryEntry, entry_key
from bot.glossary.cache import POPULARITY_REFRESH
from bot.glossary.entries import entry_to_text
from bot.store import Store

HOME, OTHER = 1001, 2002
JAMBOREE, HATAKE = entry_key("kei jamboree"), entry_key("hatake day")
BUILTINS = (
    GlossaryEntry(headword="keitora", meaning="A kei truck.", category="class"),
    GlossaryEntry(headword="shaken", meaning="The roadworthiness inspection.", category="paper"),
    GlossaryEntry(headword="nōkyō", meaning="The farmers' cooperative.", category="org"),
)


def term(headword: str) -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning="A word owners use.", category="culture")


async def write(store: Store, guild_id: int, key: str, entry: GlossaryEntry | None) -> None:
    """A row as the service writes it: `entry` under `key`, or None to hide a built-in."""
    await store.execute(
        "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, 1, 0) ON CONFLICT (guild_id, key) DO UPDATE SET "
        "hidden = excluded.hidden, entry = excluded.entry",
        (guild_id, key, int(entry is None), entry_to_text(entry)),
    )


async def add(store: Store, guild_id: int, entry: GlossaryEntry) -> None:
    await write(store, guild_id, entry_key(entry.headword), entry)


async def found(cache: GlossaryCache, guild_id: int, query: str) -> str | None:
    entry = (await cache.index(guild_id)).lookup(query).entry
    return None if entry is None else entry.headword


async def popular(cache: GlossaryCache, guild_id: int) -> list[str]:
    """Headwords as an empty autocomplete box lists them: most looked up first."""
    return [hit.entry.headword for hit in (await cache.index(guild_id)).autocomplete("")]


@pytest.fixture
def cache(store: Store, clock: ManualClock) -> GlossaryCache:
    return GlossaryCache(store, clock, BUILTINS)


async def test_servers_without_rows_share_the_built_ins_and_their_index(
    cache: GlossaryCache,
) -> None:
    assert await cache.entries(HOME) is cache.builtins
    assert set(cache.builtins) == {"keitora", "shaken", "nokyo"}
    assert await cache.index(HOME) is await cache.index(OTHER)


async def test_a_server_is_answered_from_memory_until_it_is_forgotten(
    cache: GlossaryCache, store: Store
) -> None:
    await add(store, HOME, term("kei jamboree"))
    first = await cache.entries(HOME)
    index = await cache.index(HOME)
    assert JAMBOREE in first
    assert await cache.index(HOME) is index

    # A row written without `forget` stays unseen: hits come from memory, not the database.
    await add(store, HOME, term("hatake day"))
    await write(store, HOME, "shaken", None)
    assert await cache.entries(HOME) is first
    assert await found(cache, HOME, "hatake day") is None

    cache.forget(HOME)
    entries = await cache.entries(HOME)
    assert {JAMBOREE, HATAKE} <= set(entries)
    assert "shaken" not in entries
    assert await found(cache, HOME, "hatake day") == "hatake day"
    assert await found(cache, HOME, "shaken") is None
    assert await found(cache, OTHER, "shaken") == "shaken"
    assert await cache.entries(OTHER) is cache.builtins


async def test_a_read_that_overlaps_a_write_is_answered_but_not_kept(
    cache: GlossaryCache, store: Store
) -> None:
    await add(store, HOME, term("kei jamboree"))
    reading = asyncio.create_task(cache.entries(HOME))
    await asyncio.sleep(0)  # the read is under way, waiting for the database
    cache.forget(HOME)  # a write committed meanwhile: the read may have missed it
    assert JAMBOREE in await reading
    # Kept, the overlapping read would hide this row until the next forget.
    await add(store, HOME, term("hatake day"))
    assert HATAKE in await cache.entries(HOME)


async def test_rows_and_effective_read_the_database_afresh(
    cache: GlossaryCache, store: Store
) -> None:
    assert await cache.rows(HOME) == {}
    await add(store, HOME, term("kei jamboree"))
    await write(store, HOME, "shaken", None)
    rows = await cache.rows(HOME)
    assert rows == {JAMBOREE: term("kei jamboree"), "shaken": None}
    assert set(cache.effective(rows)) == {"keitora", "nokyo", JAMBOREE}


async def test_a_big_server_is_answered_from_its_previous_index_while_the_next_builds(
    store: Store, clock: ManualClock
) -> None:
    # inline_build_max=0 makes every server big: only its first index is built inline.
    cache = GlossaryCache(store, clock, BUILTINS, inline_build_max=0)
    await add(store, HOME, term("kei jamboree"))
    assert await found(cache, HOME, "kei jamboree") == "kei jamboree"

    await add(store, HOME, term("hatake day"))
    cache.forget(HOME)
    previous = await cache.index(HOME)
    assert previous.lookup("hatake day").entry is None  # answered at once, from before the write
    assert HATAKE in await cache.entries(HOME)  # while the entries are already new
    await cache.settle()
    assert await found(cache, HOME, "hatake day") == "hatake day"
    assert await found(cache, HOME, "kei jamboree") == "kei jamboree"


async def test_settle_returns_at_once_when_nothing_is_building(cache: GlossaryCache) -> None:
    await asyncio.wait_for(cache.settle(), timeout=1)


async def test_warm_up_indexes_every_server_with_rows_of_its_own(
    cache: GlossaryCache, store: Store
) -> None:
    assert await cache.warm_up() == 0
    await add(store, HOME, term("kei jamboree"))
    await write(store, OTHER, "shaken", None)
    assert await cache.warm_up() == 2


async def test_lookups_rerank_a_server_after_the_popularity_refresh(
    cache: GlossaryCache, clock: ManualClock
) -> None:
    before = await popular(cache, HOME)
    assert before[0] != "shaken"
    cache.count_lookup(HOME, "shaken")
    assert await popular(cache, HOME) == before  # the ranked view is kept until the refresh

    clock.advance(POPULARITY_REFRESH + timedelta(seconds=1))
    assert (await popular(cache, HOME))[0] == "shaken"
    assert await popular(cache, OTHER) == before


async def stored_count(store: Store, guild_id: int, key: str) -> int:
    count = await store.fetchval(
        "SELECT count FROM glossary_lookups WHERE guild_id = ? AND key = ?", (guild_id, key)
    )
    return count or 0


async def test_lookup_counts_wait_in_memory_until_settle_writes_them(
    cache: GlossaryCache, store: Store
) -> None:
    for _ in range(3):
        cache.count_lookup(HOME, "shaken")
    cache.count_lookup(OTHER, "keitora")
    assert await stored_count(store, HOME, "shaken") == 0
    await cache.settle()
    assert await stored_count(store, HOME, "shaken") == 3
    assert await stored_count(store, OTHER, "keitora") == 1
    cache.count_lookup(HOME, "shaken")
    await cache.settle()
    assert await stored_count(store, HOME, "shaken") == 4  # added to, not replaced


async def test_a_timer_writes_the_lookup_counts(store: Store, clock: ManualClock) -> None:
    cache = GlossaryCache(store, clock, BUILTINS, count_flush_every=0)
    cache.count_lookup(HOME, "shaken")
    # No settle: each read waits its turn for the store, behind the timer's write once due.
    for _ in range(100):
        if await stored_count(store, HOME, "shaken"):
            break
    assert await stored_count(store, HOME, "shaken") == 1


@pytest.mark.parametrize("read_first", [True, False], ids=["read-then-write", "write-then-read"])
async def test_a_view_ranked_while_counts_are_written_counts_each_lookup_once(
    cache: GlossaryCache, store: Store, clock: ManualClock, read_first: bool
) -> None:
    await store.executemany(
        "INSERT INTO glossary_lookups (guild_id, key, count) VALUES (?, ?, ?)",
        [(HOME, "keitora", 3), (HOME, "nokyo", 1)],
    )
    await popular(cache, HOME)  # a view, so the next one is a refresh
    cache.count_lookup(HOME, "shaken")
    cache.count_lookup(HOME, "shaken")
    clock.advance(POPULARITY_REFRESH + timedelta(seconds=1))
    if read_first:
        ranking = asyncio.create_task(popular(cache, HOME))
        await asyncio.sleep(0)  # the refresh holds the store, reading the stored counts
        flushing = asyncio.create_task(cache.flush_counts())
    else:
        flushing = asyncio.create_task(cache.flush_counts())
        await asyncio.sleep(0)  # the flush holds the store, writing the counts it took
        ranking = asyncio.create_task(popular(cache, HOME))
    # Missed, shaken would rank last; counted twice, first.
    assert await ranking == ["keitora", "shaken", "nōkyō"]
    await flushing
    assert await stored_count(store, HOME, "shaken") == 2
