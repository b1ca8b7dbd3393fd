"""A save checks its spellings against a map the cache keeps of who is written each way, not by
reading the server's rows and normalising every entry's spellings (about 2 s at 100,000
entries, inside the write lock; see bench.glossary_saves). The map is what the store holds:
built at start-up, kept as each save commits, and forgotten when a save fails, so that two
saves racing for one spelling cannot both take it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.glossary import GlossaryIndex, GlossaryService, builtin_entries, entry_key
from bot.glossary.cache import GlossaryCache
from bot.glossary.entries import entry_to_json, written_keys
from bot.glossary.spellings import Spellings
from bot.glossary.transfer import plan_import
from bot.store import Store
from tests.glossary_terms import HOME, MOD, found, term


def every_entry_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the server's rows or a map of every entry's spellings fails."""

    def read(*_: object) -> None:
        raise AssertionError("read every entry")

    built = Spellings.__init__

    def building(self: Spellings, entries: object = ()) -> None:
        if entries != ():
            raise AssertionError("normalised every entry's spellings")
        built(self)

    monkeypatch.setattr(GlossaryCache, "row_texts", read)
    monkeypatch.setattr(Spellings, "__init__", building)


async def test_saves_after_start_up_check_spellings_without_reading_every_entry(
    store: Store, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await GlossaryService(store, clock).add(HOME, MOD, term("tanbo", aliases=("paddy",)))
    glossary = GlossaryService(store, clock)  # the bot starting again
    await glossary.warm_up()
    every_entry_read(monkeypatch)
    await glossary.add(HOME, MOD, term("hatake", kanji="畑", aliases=("field",)))
    with pytest.raises(UserError, match="its alias “paddy” is already a way to write “tanbo”"):
        await glossary.add(HOME, MOD, term("inekari", aliases=("paddy",)))
    with pytest.raises(UserError, match="its kanji “畑” is already a way to write “hatake”"):
        tanbo = await glossary.entry(HOME, "tanbo")
        await glossary.edit(HOME, MOD, "tanbo", replace(tanbo, kanji="畑"))
    with pytest.raises(UserError, match="The kanji “畑” already finds “hatake”"):
        await glossary.suggest(HOME, 5, "nora", "A field.", kanji="畑")
    suggestion = await glossary.suggest(HOME, 5, "inekari", "The rice harvest.", kanji="稲刈り")
    await glossary.approve(HOME, suggestion.id, MOD, term("inekari", kanji="稲刈り"))
    with pytest.raises(UserError, match="its kanji “稲刈り” is already a way to write “inekari”"):
        await glossary.add(HOME, MOD, term("harvest", kanji="稲刈り"))
    # An import checks against the same map, and the map takes in what it wrote.
    moved = {"headword": "nora", "meaning": "A field.", "category": "culture", "kanji": "野良"}
    file = {"schema_version": 1, "entries": [moved], "hidden": []}
    assert (await glossary.import_file(HOME, MOD, json.dumps(file).encode())).added == 1
    with pytest.raises(UserError, match="its kanji “野良” is already a way to write “nora”"):
        await glossary.add(HOME, MOD, term("noragi", kanji="野良"))
    # A spelling an edit gave up is free for the next save.
    hatake = await glossary.entry(HOME, "hatake")
    await glossary.edit(HOME, MOD, "hatake", replace(hatake, kanji=""))
    await glossary.add(HOME, MOD, term("hatachi", kanji="畑"))
    assert await found(glossary, HOME, "畑") == "hatachi"
    # Removing reads no rows either: a term another links to stays, a built-in is hidden.
    await glossary.add(HOME, MOD, term("aze", see_also=("tanbo",)))
    with pytest.raises(UserError, match="“aze” links to “tanbo”; edit that entry first"):
        await glossary.remove(HOME, MOD, "tanbo")
    await glossary.remove(HOME, MOD, "aze")
    await glossary.remove(HOME, MOD, "tanbo")
    await glossary.remove(HOME, MOD, "keitora")
    await glossary.add(HOME, MOD, term("hatake2", kanji="軽トラ"))  # its spelling is free


async def test_a_server_with_only_built_ins_shares_theirs_until_it_saves(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("tanbo", aliases=("paddy",)))
    with pytest.raises(UserError, match="already a way to write “keitora”"):
        await glossary.add(HOME, MOD, term("hatake", kanji="軽トラ"))
    # Another server never saw HOME's alias: the built-ins' map was copied, not changed.
    await glossary.add(HOME + 1, MOD, term("inekari", aliases=("paddy",)))
    await glossary.remove(HOME, MOD, "tanbo")
    await glossary.add(HOME, MOD, term("hatake", aliases=("paddy",)))


async def test_two_saves_racing_for_one_spelling_do_not_both_take_it(
    glossary: GlossaryService, store: Store
) -> None:
    await glossary.add(HOME, MOD, term("tanbo"))  # HOME's map is held, as on a busy server
    racing = await asyncio.gather(
        glossary.add(HOME, MOD, term("hatake", aliases=("paddy",))),
        glossary.add(HOME, MOD, term("inekari", aliases=("paddy",))),
        glossary.edit(HOME, MOD, "tanbo", term("tanbo", aliases=("paddy",))),
        return_exceptions=True,
    )
    assert [type(result) for result in racing].count(UserError) == 2
    written = await store.fetchall("SELECT entry FROM glossary_entries WHERE guild_id = ?", (HOME,))
    assert sum("paddy" in row["entry"] for row in written) == 1


async def test_a_save_cancelled_as_it_commits_leaves_no_stale_map(
    glossary: GlossaryService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await glossary.add(HOME, MOD, term("tanbo"))
    assert await found(glossary, HOME, "tanbo") == "tanbo"  # HOME's index is held too
    transaction = store.transaction

    @asynccontextmanager
    async def cancelled_once_committed() -> AsyncIterator[None]:
        async with transaction():
            yield
        raise asyncio.CancelledError

    monkeypatch.setattr(store, "transaction", cancelled_once_committed)
    with pytest.raises(asyncio.CancelledError):
        await glossary.add(HOME, MOD, term("hatake", aliases=("paddy",)))
    monkeypatch.undo()
    # The commit happened: the next save knows of it, and so does lookup.
    with pytest.raises(UserError, match="its alias “paddy” is already a way to write “hatake”"):
        await glossary.add(HOME, MOD, term("inekari", aliases=("paddy",)))
    assert await found(glossary, HOME, "paddy") == "hatake"


def test_an_import_plan_given_the_map_answers_as_one_built_from_the_entries() -> None:
    builtins = {entry_key(entry.headword): entry for entry in builtin_entries()}
    keitora = entry_to_json(builtins["keitora"]) | {"kanji": ""}
    tanbo = {"headword": "tanbo", "meaning": "A paddy.", "category": "culture", "kanji": "軽トラ"}
    nora = {"headword": "nora", "meaning": "A field.", "category": "culture", "kana": "しゃけん"}
    document = {"entries": [keitora, tanbo, nora], "hidden": [], "built_in_links": []}
    held = Spellings(builtins.values())
    assert (
        plan_import(document, builtins, builtins, held).errors
        == plan_import(document, builtins, builtins).errors
    )
    assert [number for number, _ in plan_import(document, builtins, builtins, held).errors] == [3]


def test_the_spellings_read_off_an_index_are_those_of_its_entries() -> None:
    # At start-up a server's spellings come from its index, which has every form normalised.
    entries = [
        *builtin_entries(),
        term("tanbo", kanji="田んぼ", aliases=("Tanbo", "paddy field", "軽トラ")),
        term("hatake", kana="はたけ", romaji="hatake"),
    ]
    read, built = Spellings.of(GlossaryIndex(entries)), Spellings(entries)
    for key in {key for entry in entries for key in written_keys(entry)}:
        assert read.get(key) == built.get(key), key
