"""How GlossaryService answers lookups: a server's index built off the event loop, warmed at
start-up, rebuilt before the next answer (or, for a big glossary, in the background), never kept
when an entry was added as it was built; lookups counted in memory, written later, and ranking
autocomplete in their own server, across a restart."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService, entry_key
from bot.store import Store
from tests.glossary_terms import HOME, MOD, OTHER, found, term


@pytest.mark.parametrize("own_rows", [False, True], ids=["built-ins", "own entries"])
@pytest.mark.parametrize("add_first", [False, True], ids=["read first", "add first"])
async def test_an_index_built_while_an_entry_is_added_is_not_kept(
    glossary: GlossaryService, own_rows: bool, add_first: bool
) -> None:
    if own_rows:
        await glossary.add(HOME, MOD, term("kei jamboree"))
    added = glossary.add(HOME, MOD, term("dump kit", "A tipping bed kit."))
    read = glossary.autocomplete(HOME, "dump")
    await asyncio.gather(*((added, read) if add_first else (read, added)))

    assert await found(glossary, HOME, "dump kit") == "dump kit"
    assert (await glossary.autocomplete(HOME, "dump kit"))[0].headword == "dump kit"
    assert entry_key("dump kit") in await glossary.entries(HOME)


async def test_lookups_make_terms_popular_in_their_server_only(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    before = await glossary.autocomplete(HOME, "")
    assert before[0].headword != "shaken"
    for _ in range(3):
        await glossary.lookup(HOME, "shaken")
    clock.advance(timedelta(minutes=2))  # popularity is refreshed in batches
    assert (await glossary.autocomplete(HOME, ""))[0].headword == "shaken"
    assert (await glossary.autocomplete(HOME, "s"))[0].headword == "shaken"
    assert await glossary.autocomplete(OTHER, "") == before


class ThreadNoting(GlossaryEntry):
    """A built-in that notes which thread indexes it (an index reads every entry's forms)."""

    threads: list[threading.Thread] = []  # noqa: RUF012

    def other_forms(self) -> tuple[str, ...]:
        ThreadNoting.threads.append(threading.current_thread())
        return super().other_forms()


async def test_a_server_index_is_built_off_the_event_loop(store: Store, clock: ManualClock) -> None:
    builtins = [ThreadNoting(headword="keitora", meaning="A kei truck.", category="class")]
    glossary = GlossaryService(store, clock, builtins=builtins)
    await glossary.add(HOME, MOD, term("kei jamboree"))
    ThreadNoting.threads.clear()
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"
    assert ThreadNoting.threads
    assert threading.main_thread() not in ThreadNoting.threads


async def test_warm_up_indexes_the_servers_with_entries_of_their_own(
    glossary: GlossaryService, store: Store, clock: ManualClock
) -> None:
    assert await glossary.warm_up() == 0
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    restarted = GlossaryService(store, clock)
    assert await restarted.warm_up() == 1
    assert await found(restarted, HOME, "kei jamboree") == "kei jamboree"


async def test_a_big_glossary_keeps_answering_from_its_previous_index_while_rebuilding(
    store: Store, clock: ManualClock
) -> None:
    # inline_build_max=0 treats every server as big, so rebuilds after an edit go to the
    # background and queries meanwhile get the previous index instead of waiting seconds.
    glossary = GlossaryService(store, clock, inline_build_max=0)
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"  # first build: inline

    await glossary.add(HOME, MOD, term("hatake day", "Field work together."))
    assert await found(glossary, HOME, "hatake day") is None  # answered at once, still old
    await glossary.settle()
    assert await found(glossary, HOME, "hatake day") == "hatake day"
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"


async def test_a_small_glossary_is_rebuilt_before_the_next_answer(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"
    await glossary.add(HOME, MOD, term("hatake day", "Field work together."))
    assert await found(glossary, HOME, "hatake day") == "hatake day"


async def test_a_lookup_writes_nothing_while_the_member_waits(
    glossary: GlossaryService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []

    def noting(method: str) -> object:
        real = getattr(store, method)

        def note(*args: object, **kwargs: object) -> object:
            writes.append(method)
            return real(*args, **kwargs)

        return note

    for method in ("transaction", "execute", "executemany", "insert"):
        monkeypatch.setattr(store, method, noting(method))
    for query in ("shaken", "shakken", "軽トラ"):
        assert (await glossary.lookup(HOME, query)).entry is not None
    assert writes == []  # reads only: the counts wait in memory
    monkeypatch.undo()
    assert await store.fetchval("SELECT count(*) FROM glossary_lookups") == 0

    await glossary.settle()  # as at shutdown
    counts = await store.fetchall(
        "SELECT key, count FROM glossary_lookups WHERE guild_id = ?", (HOME,)
    )
    assert {row["key"]: row["count"] for row in counts} == {"shaken": 2, "keitora": 1}


async def test_written_lookup_counts_rank_autocomplete_after_a_restart(
    glossary: GlossaryService, store: Store, clock: ManualClock
) -> None:
    for _ in range(3):
        await glossary.lookup(HOME, "shaken")
    await glossary.settle()
    restarted = GlossaryService(store, clock)
    assert (await restarted.autocomplete(HOME, ""))[0].headword == "shaken"
    assert (await restarted.autocomplete(OTHER, ""))[0].headword != "shaken"
