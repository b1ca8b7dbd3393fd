"""A server's entries as saves leave them (`bot.glossary.layers`, and `GlossaryCache.apply`): a
save costs its changes, not the server's entries, and what a reader holds never changes."""

from __future__ import annotations

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.glossary import GlossaryCache, GlossaryEntry, entry_key
from bot.glossary.layers import FLATTEN_AFTER, Layered
from bot.store import Store
from tests.test_glossary_cache import BUILTINS, add, term

KEYS = st.sampled_from([f"k{number}" for number in range(8)])
ENTRIES = st.builds(lambda word: term(f"word {word}"), st.integers(0, 3))
CHANGES = st.lists(st.tuples(KEYS, st.none() | ENTRIES), max_size=6)


def copied(entries: dict[str, GlossaryEntry], changes: list[tuple[str, GlossaryEntry | None]]):
    """What a save did before: a copy, each changed key moved to the end or gone."""
    copy = dict(entries)
    for key, after in changes:
        copy.pop(key, None)
        if after is not None:
            copy[key] = after
    return copy


@given(
    st.dictionaries(KEYS, ENTRIES, max_size=5),
    st.lists(CHANGES, max_size=6),
    st.integers(0, 6),
    st.integers(0, 6),
)
def test_layers_read_as_copies_changed_key_by_key_would(
    base: dict[str, GlossaryEntry],
    saves: list[list[tuple[str, GlossaryEntry | None]]],
    taken: int,
    flattened: int,
) -> None:
    """Whatever saves come, and whichever layer is flattened while later saves go on (taken at
    save `taken`, flattened and built on at save `flattened`)."""
    layer, expected = Layered.over(base), dict(base)
    held: list[tuple[Layered, dict[str, GlossaryEntry]]] = []
    snapshot = None
    for number, changes in enumerate(saves):
        if number == taken:
            snapshot = layer
        if number == flattened and snapshot is not None:
            snapshot.flat()  # in a worker thread, as saves went on
            layer = layer.rebased(snapshot)
        layer, expected = layer.changed(changes), copied(expected, changes)
        held.append((layer, expected))
        assert dict(layer) == expected
        assert len(layer) == len(expected)
        assert all((key in layer) == (key in expected) for key in (*expected, "k0", "k7"))
        assert [layer.get(key) for key in ("k0", "k7")] == [
            expected.get(key) for key in ("k0", "k7")
        ]
    # What each reader held reads as it did, in the order a copy would have.
    assert all(list(layer.items()) == list(then.items()) for layer, then in held)
    assert all(list(layer) == list(then) for layer, then in held)


def test_a_layer_is_built_on_only_by_its_own_lineage() -> None:
    builtins = {entry_key(entry.headword): entry for entry in BUILTINS}
    snapshot = Layered.over(builtins).changed([("keitora", None)])
    snapshot.flat()
    # The server's entries read again (a save failed): the built-ins, as the store holds them.
    again = Layered.over(builtins).changed([("new", term("new"))])
    assert "keitora" in again.rebased(snapshot)


def test_a_layer_is_the_built_ins_again_once_its_changes_are_undone() -> None:
    builtins = {entry_key(entry.headword): entry for entry in BUILTINS}
    changed = Layered.over(builtins).changed([("keitora", None), ("new", term("new"))])
    assert not changed.same_as(builtins)
    undone = changed.changed([("keitora", builtins["keitora"]), ("new", None)])
    assert undone.same_as(builtins)


async def big_server(store: Store, clock: ManualClock, size: int) -> GlossaryCache:
    cache = GlossaryCache(store, clock, BUILTINS)
    async with store.transaction():
        for number in range(size):
            await add(store, 1, term(f"synthetic {number}"))
    await cache.entries(1)
    return cache


async def test_a_save_allocates_for_its_changes_not_for_the_servers_entries(
    store: Store, clock: ManualClock
) -> None:
    cache = await big_server(store, clock, 5_000)
    held = await cache.entries(1)

    tracemalloc.start()
    try:
        cache.apply(1, [(entry_key("added"), term("added"))])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 20_000  # a copy of 5,000 keys' mapping takes over 100 kB
    assert "added" not in held  # what a reader held stays as it was
    assert (await cache.entries(1))["added"] == term("added")
    assert len(await cache.entries(1)) == len(held) + 1


async def test_many_saves_are_flattened_in_a_thread_and_read_the_same(
    store: Store, clock: ManualClock
) -> None:
    cache = await big_server(store, clock, 10)
    expected = dict(await cache.entries(1))
    for number in range(FLATTEN_AFTER + 1):
        saved = (entry_key(f"saved {number}"), term(f"saved {number}"))
        cache.apply(1, [saved])
        expected = copied(expected, [saved])
    entries = await cache.entries(1)
    assert isinstance(entries, Layered)
    await cache.settle()  # the flattening begun as the layer reached FLATTEN_AFTER changes
    cache.apply(1, [(entry_key("last"), term("last"))])
    expected = copied(expected, [(entry_key("last"), term("last"))])

    last = await cache.entries(1)
    assert isinstance(last, Layered)
    assert last.changed_keys == 2  # the save after the flattened one, and its own
    assert list(last.items()) == list(expected.items())


async def test_a_flattening_of_a_server_forgotten_meanwhile_is_not_built_on(
    store: Store, clock: ManualClock
) -> None:
    cache = await big_server(store, clock, 10)
    for number in range(FLATTEN_AFTER):
        cache.apply(1, [(entry_key(f"never {number}"), term(f"never {number}"))])
    cache.forget(1)  # a save failed as it committed: the store holds none of these
    await cache.settle()  # the flattening ends after the forget
    await cache.entries(1)

    cache.apply(1, [(entry_key("kept"), term("kept"))])

    entries = await cache.entries(1)
    assert "never 0" not in entries
    assert list(entries) == [*(await cache.entries(2)), *(await cache.rows(1)), "kept"]
