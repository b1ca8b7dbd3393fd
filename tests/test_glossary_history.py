"""/glossary-mod history's term box on a real SQLite file: a term this server removed is offered
where it matches as well as the terms members still see."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService
from bot.store import Store

HOME, MOD = 1001, 77


def term(headword: str) -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning="A word.", category="culture")


async def test_a_removed_term_ranks_with_the_live_ones_by_how_well_it_matches(
    store: Store, clock: ManualClock
) -> None:
    builtins = [term("keitora"), term("keitorakku"), term("okeito"), term("keitoraichi")]
    glossary = GlossaryService(store, clock, builtins=builtins)
    await glossary.remove(HOME, MOD, "keitora")
    offered = [entry.headword for entry in await glossary.with_history(HOME, "keit")]
    # Begun like the removed term: before what only holds the letters somewhere inside.
    assert offered == ["keitorakku", "keitoraichi", "keitora", "okeito"]
    typed = [entry.headword for entry in await glossary.with_history(HOME, "keitora")]
    assert typed[0] == "keitora"
