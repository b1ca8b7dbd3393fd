"""A built-in whose headword a release changed (田舎のポルシェ became 農道のポルシェ): a server's
rows are stored under the old headword's key, so what they and the old spellings reach now."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService, builtin_entries
from bot.store import Store
from tests.glossary_terms import HOME, MOD, OTHER

# The entry as releases before the rename shipped it.
SHIPPED_BEFORE = GlossaryEntry(
    headword="inaka no porushe",
    kanji="田舎のポルシェ",
    kana="いなかのポルシェ",
    romaji="inaka no Porushe",
    aliases=("countryside Porsche", "country Porsche", "Porsche of the countryside"),
    meaning="'Countryside Porsche': a nickname for the Subaru Sambar, whose engine sits behind "
    "the rear axle, as in a Porsche.",
    category="culture",
    see_also=("ria enjin", "nōdō no ferāri", "akabō"),
    source="S42",
)
OLD_SPELLINGS = ["inaka no porushe", "田舎のポルシェ", "いなかのポルシェ", "countryside porsche"]


def release_before_the_rename(store: Store, clock: ManualClock) -> GlossaryService:
    builtins = [e for e in builtin_entries() if e.headword != "nōdō no porushe"]
    return GlossaryService(store, clock, builtins=[*builtins, SHIPPED_BEFORE])


@pytest.mark.parametrize("spelling", OLD_SPELLINGS)
async def test_the_old_headword_and_spellings_find_the_renamed_entry(
    glossary: GlossaryService, spelling: str
) -> None:
    assert (await glossary.lookup(HOME, spelling)).entry.headword == "nōdō no porushe"


@pytest.mark.parametrize("spelling", OLD_SPELLINGS)
async def test_a_server_that_edited_the_old_entry_keeps_its_text_under_the_old_spellings(
    store: Store, clock: ManualClock, spelling: str
) -> None:
    before = release_before_the_rename(store, clock)
    ours = replace(SHIPPED_BEFORE, meaning="Our club's word for the old Sambar.")
    await before.edit(HOME, MOD, "inaka no porushe", ours)

    after = GlossaryService(store, clock)
    assert (await after.lookup(HOME, spelling)).entry == ours
    assert (await after.lookup(HOME, "農道のポルシェ")).entry.headword == "nōdō no porushe"
    assert (await after.lookup(OTHER, spelling)).entry.headword == "nōdō no porushe"
