"""/glossary-mod import on a real SQLite file: a big file keeps the store free for other writes
while it is checked, and an edit landing meanwhile is never overwritten by a stale plan."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.glossary import GlossaryEntry, GlossaryService, service
from bot.store import Store

HOME, OTHER, MOD = 1001, 2002, 77


def document(count: int) -> bytes:
    entries = [
        {"headword": f"termword{n}", "meaning": f"Meaning {n}.", "category": "parts"}
        for n in range(count)
    ]
    return json.dumps({"schema_version": 1, "entries": entries}).encode()


def other_writer_can_write(db_path: Path) -> bool:
    """Whether another connection (another write of the bot, in effect) gets the write lock now."""
    other = sqlite3.connect(db_path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


async def test_a_big_import_is_checked_without_holding_the_write_lock(
    store: Store, clock: ManualClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = GlossaryService(store, clock)
    free_while_planning: list[bool] = []
    plan_import = service.plan_import

    def watched(*args: Any) -> Any:
        free_while_planning.append(other_writer_can_write(db_path))
        return plan_import(*args)

    monkeypatch.setattr(service, "plan_import", watched)
    result = await glossary.import_file(HOME, MOD, document(2000))
    assert result.added == 2000
    assert free_while_planning == [True]


async def test_an_import_overtaken_by_edits_changes_nothing_of_theirs(
    store: Store, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = GlossaryService(store, clock)
    await glossary.add(HOME, MOD, GlossaryEntry(headword="x", meaning="A part.", category="parts"))
    edits = iter(range(10))
    plan_import = service.plan_import
    loop = asyncio.get_running_loop()

    def overtaken(*args: Any) -> Any:
        # Another moderator's edit lands while the file is checked, every time.
        edited = GlossaryEntry(headword="x", meaning=f"Edit {next(edits)}", category="parts")
        editing = glossary.edit(HOME, 1, "x", edited)
        asyncio.run_coroutine_threadsafe(editing, loop).result(timeout=30)
        return plan_import(*args)

    monkeypatch.setattr(service, "plan_import", overtaken)
    with pytest.raises(UserError, match="kept changing"):
        await glossary.import_file(HOME, MOD, document(3))
    assert "termword0" not in await glossary.entries(HOME)
    assert (await glossary.entry(HOME, "x")).meaning == "Edit 2"


async def test_a_file_over_the_limit_is_refused_with_the_count_that_went_over(
    store: Store, clock: ManualClock
) -> None:
    entries = [{"headword": f"t{n}", "meaning": "M.", "category": "parts"} for n in range(4000)]
    data = json.dumps({"schema_version": 1, "entries": entries, "hidden": ["shaken"] * 1500})
    with pytest.raises(UserError) as refused:
        await GlossaryService(store, clock).import_file(HOME, MOD, data.encode())
    assert refused.value.message == (
        "The file has 5,500 entries and hidden terms; the limit is 5,000 in all."
    )


def builtin(headword: str) -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning="Shipped.", category="culture")


async def test_a_file_naming_a_built_in_a_later_release_dropped_imports_the_rest(
    store: Store, clock: ManualClock
) -> None:
    # The file comes from a release that shipped "old term", which this one no longer ships.
    then = GlossaryService(store, clock, builtins=[builtin("keitora"), builtin("old term")])
    await then.remove(HOME, MOD, "old term")
    await then.add(HOME, MOD, GlossaryEntry("bed mat", "A mat.", "parts", see_also=("old term",)))
    await then.add(HOME, MOD, GlossaryEntry("dump kit", "A kit.", "parts"))
    data = await then.export(HOME)

    now = GlossaryService(store, clock, builtins=[builtin("keitora")])
    result = await now.import_file(OTHER, MOD, data)
    assert (result.applied, result.added, result.hidden) == (True, 2, 0)
    assert result.skipped == (
        "entry 1 “bed mat”: see also “old term” left out: it is no longer built in",
        "hidden “old term”: no longer built in, so there is nothing to hide",
    )
    assert (await now.entry(OTHER, "bed mat")).see_also == ()
    assert (await now.entry(OTHER, "dump kit")).meaning == "A kit."


async def test_a_hidden_name_that_is_no_text_still_refuses_the_file(
    store: Store, clock: ManualClock
) -> None:
    data = {"schema_version": 1, "entries": [], "hidden": [7, "shaken"]}
    result = await GlossaryService(store, clock).import_file(HOME, MOD, json.dumps(data).encode())
    assert (result.applied, result.errors) == (False, ("hidden: “7” is not built in",))
    assert "shaken" in await GlossaryService(store, clock).entries(HOME)


async def test_a_link_to_a_dropped_built_in_the_server_has_as_its_own_term_stays(
    store: Store, clock: ManualClock
) -> None:
    then = GlossaryService(store, clock, builtins=[builtin("old term")])
    await then.remove(HOME, MOD, "old term")
    await then.add(HOME, MOD, GlossaryEntry("bed mat", "A mat.", "parts", see_also=("old term",)))
    data = await then.export(HOME)
    now = GlossaryService(store, clock, builtins=[])
    await now.add(OTHER, MOD, GlossaryEntry("old term", "Our own.", "parts"))
    result = await now.import_file(OTHER, MOD, data)
    assert result.skipped == ("hidden “old term”: no longer built in, so there is nothing to hide",)
    assert (await now.entry(OTHER, "bed mat")).see_also == ("old term",)


async def test_a_link_to_a_built_in_a_later_release_dropped_is_left_out_not_refused(
    store: Store, clock: ManualClock
) -> None:
    # The exporting server showed "old term" (a built-in then) and linked to it; this release
    # no longer ships it. The file says which links were built in, so the link is left out.
    then = GlossaryService(store, clock, builtins=[builtin("keitora"), builtin("old term")])
    await then.add(
        HOME, MOD, GlossaryEntry("bed mat", "A mat.", "parts", see_also=("old term", "keitora"))
    )
    data = await then.export(HOME)
    assert json.loads(data)["built_in_links"] == ["keitora", "old term"]

    now = GlossaryService(store, clock, builtins=[builtin("keitora")])
    result = await now.import_file(OTHER, MOD, data)
    assert (result.applied, result.added) == (True, 1)
    assert result.skipped == (
        "entry 1 “bed mat”: see also “old term” left out: it is no longer built in",
    )
    assert (await now.entry(OTHER, "bed mat")).see_also == ("keitora",)


async def test_a_link_to_a_term_nobody_had_still_refuses_the_file(
    store: Store, clock: ManualClock
) -> None:
    # Only links the exporting server had as built-ins are forgiven: a typed slip is not.
    entry = {"headword": "bed mat", "meaning": "A mat.", "category": "parts"}
    data = {"schema_version": 1, "entries": [{**entry, "see_also": ["old trem"]}]}
    data["built_in_links"] = ["old term"]
    result = await GlossaryService(store, clock).import_file(HOME, MOD, json.dumps(data).encode())
    assert not result.applied
    assert result.errors == (
        "entry 1 “bed mat”: see also names terms not in the glossary: old trem",
    )


@pytest.mark.parametrize("links", ["old term", [7], {"a": 1}])
async def test_built_in_links_that_are_not_a_list_of_names_refuse_the_file(
    store: Store, clock: ManualClock, links: object
) -> None:
    data = {"schema_version": 1, "entries": [], "built_in_links": links}
    with pytest.raises(UserError, match="built_in_links"):
        await GlossaryService(store, clock).import_file(HOME, MOD, json.dumps(data).encode())


async def test_a_refused_import_plans_on_spellings_no_save_changes_under_it(
    store: Store, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = GlossaryService(store, clock)
    own = GlossaryEntry(headword="xterm", meaning="A part.", category="parts")
    await glossary.add(HOME, MOD, own)
    plan_import = service.plan_import
    loop = asyncio.get_running_loop()
    seen_while_planning: list[tuple[str, ...]] = []
    looked_up_while_planning: list[str | None] = []

    def overtaken(document: Any, current: Any, builtins: Any, spellings: Any) -> Any:
        # A moderator gives xterm a new spelling while the file is checked: the spellings the
        # plan checks against stay those of the entries it plans from.
        before = [entry.headword for entry in spellings.get("xalias", ())]
        edited = GlossaryEntry(
            headword="xterm", meaning="A part.", category="parts", aliases=("xalias",)
        )
        asyncio.run_coroutine_threadsafe(glossary.edit(HOME, 1, "xterm", edited), loop).result(30)
        seen_while_planning.append(tuple(e.headword for e in spellings.get("xalias", ())))
        assert before == []
        plan = plan_import(document, current, builtins, spellings)
        # Planned, not yet refused: members' lookups answer from the glossary as saved.
        for query in ("xalias", "yalias"):
            live = asyncio.run_coroutine_threadsafe(glossary.lookup(HOME, query), loop).result(30)
            looked_up_while_planning.append(live.entry.headword if live.entry else None)
        return plan

    monkeypatch.setattr(service, "plan_import", overtaken)
    entries = [
        {"headword": "yterm", "meaning": "M.", "category": "parts", "aliases": ["yalias"]},
        {"headword": "zterm", "category": "parts"},  # no meaning: the file is refused
    ]
    data = json.dumps({"schema_version": 1, "entries": entries}).encode()
    result = await glossary.import_file(HOME, MOD, data)
    assert not result.applied
    assert seen_while_planning == [()]
    assert looked_up_while_planning[0] == "xterm"
    assert looked_up_while_planning[1] != "yterm"
    # Live lookups are the edit's, and nothing of the refused file.
    found = await glossary.lookup(HOME, "xalias")
    assert found.entry is not None
    assert found.entry.headword == "xterm"
    for query in ("yterm", "yalias"):
        missed = await glossary.lookup(HOME, query)
        assert missed.entry is None or missed.entry.headword != "yterm"
    assert "yterm" not in await glossary.entries(HOME)
