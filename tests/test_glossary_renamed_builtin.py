"""A built-in whose headword a release changed (田舎のポルシェ became 農道のポルシェ): a server's
rows are stored under the old headword's key, so what they and the old spellings reach now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService, builtin_entries
from bot.glossary.entries import entry_key
from bot.store import MIGRATIONS_DIR, Store
from tests.glossary_terms import HOME, MOD, OTHER, found, term
from tests.old_schema import migrations_up_to

MIGRATION = MIGRATIONS_DIR / "0066_renamed_builtin_rows_and_rejected_suggestions.sql"
THIRD = 3003

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
EDITED = replace(SHIPPED_BEFORE, meaning="Our club's word for the old Sambar.")
THIRDS_OWN = term("nōdō no porushe", "Our own word for a fast farm truck.")
OLD_SPELLINGS = ["inaka no porushe", "田舎のポルシェ", "いなかのポルシェ", "countryside porsche"]


def release_before_the_rename(store: Store, clock: ManualClock) -> GlossaryService:
    builtins = [e for e in builtin_entries() if e.headword != "nōdō no porushe"]
    return GlossaryService(store, clock, builtins=[*builtins, SHIPPED_BEFORE])


@pytest.mark.parametrize("spelling", OLD_SPELLINGS)
async def test_the_old_headword_and_spellings_find_the_renamed_entry(
    glossary: GlossaryService, spelling: str
) -> None:
    assert (await glossary.lookup(HOME, spelling)).entry.headword == "nōdō no porushe"


def test_the_migration_holds_the_keys_the_key_function_gives() -> None:
    sql = MIGRATION.read_text(encoding="utf-8")
    old, new = entry_key("inaka no porushe"), entry_key("nōdō no porushe")
    assert (old, new) == ("inakanoporushe", "nodonoporushe")
    assert f"'{old}'" in sql
    assert f"'{new}'" in sql


async def _made_before_the_rename(tmp_path: Path, clock: ManualClock) -> Path:
    """A database at the migration before 0066: HOME hid the old entry, OTHER edited it, and
    THIRD hid it and holds an entry of its own under the new headword's key."""
    path = tmp_path / "before.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "old", 65)) as old:
        before = release_before_the_rename(old, clock)
        await before.remove(HOME, MOD, "inaka no porushe")
        await before.edit(OTHER, MOD, "inaka no porushe", EDITED)
        await before.remove(THIRD, MOD, "inaka no porushe")
        await before.add(THIRD, MOD, THIRDS_OWN)
    return path


async def test_a_hidden_old_entry_hides_the_renamed_one_and_restore_offers_it(
    tmp_path: Path, clock: ManualClock
) -> None:
    async with await Store.open(await _made_before_the_rename(tmp_path, clock)) as store:
        glossary = GlossaryService(store, clock)
        for spelling in [*OLD_SPELLINGS, "nōdō no porushe", "農道のポルシェ"]:
            assert await found(glossary, HOME, spelling) is None
        assert [e.headword for e in await glossary.restorable(HOME, "nodo no")] == [
            "nōdō no porushe"
        ]
        _, history = await glossary.history(HOME, "nōdō no porushe")
        assert [change.action for change in history] == ["remove"]
        assert (await glossary.restore(HOME, MOD, "nōdō no porushe")).headword == (
            "nōdō no porushe"
        )
        assert await found(glossary, HOME, "田舎のポルシェ") == "nōdō no porushe"


async def test_an_edited_old_entry_becomes_the_one_entry_under_the_new_headword(
    tmp_path: Path, clock: ManualClock
) -> None:
    async with await Store.open(await _made_before_the_rename(tmp_path, clock)) as store:
        glossary = GlossaryService(store, clock)
        for spelling in [*OLD_SPELLINGS, "nōdō no porushe", "農道のポルシェ", "のうどうのポルシェ"]:
            shown = (await glossary.lookup(OTHER, spelling)).entry
            assert shown is not None
            assert shown.meaning == EDITED.meaning
            assert shown.headword == "nōdō no porushe"
        entry = await glossary.entry(OTHER, "nōdō no porushe")
        assert (entry.kanji, entry.kana, entry.romaji) == (
            "農道のポルシェ",
            "のうどうのポルシェ",
            "nōdō no Porushe",
        )
        assert entry.aliases == (
            *SHIPPED_BEFORE.aliases,
            "inaka no porushe",
            "田舎のポルシェ",
            "いなかのポルシェ",
        )
        page = await glossary.browse(OTHER, "culture", 1)
        listed = [
            e.headword
            for p in range(1, page.pages + 1)
            for e in (await glossary.browse(OTHER, "culture", p)).entries
        ]
        assert [h for h in listed if "porushe" in h] == ["nōdō no porushe"]
        assert [e.headword for e in await glossary.restorable(OTHER, "nodo no")] == [
            "nōdō no porushe"
        ]
        _, history = await glossary.history(OTHER, "nōdō no porushe")
        assert [change.action for change in history] == ["edit"]
        # It saves again as the server's own edit of the new headword.
        again = replace(entry, meaning="Our club's word for the old Sambar, again.")
        await glossary.edit(OTHER, MOD, "nōdō no porushe", again, shown=entry)
        assert (await glossary.lookup(OTHER, "田舎のポルシェ")).entry == again


async def test_a_server_holding_the_new_key_already_keeps_both_rows_as_they_were(
    tmp_path: Path, clock: ManualClock
) -> None:
    async with await Store.open(await _made_before_the_rename(tmp_path, clock)) as store:
        glossary = GlossaryService(store, clock)
        assert (await glossary.lookup(THIRD, "nōdō no porushe")).entry == THIRDS_OWN
        keys = await store.fetchall(
            "SELECT key, hidden FROM glossary_entries WHERE guild_id = ? ORDER BY key", (THIRD,)
        )
        assert [tuple(row) for row in keys] == [("inakanoporushe", 1), ("nodonoporushe", 0)]
