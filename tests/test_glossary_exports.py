"""/glossary-mod export and import through GlossaryService: an import is all or nothing and names
the bad entries, files too big, too deep or not exports are refused, and an export imported
elsewhere recreates the server's glossary, leaving out hidden terms no longer built in."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.errors import UserError
from bot.glossary import GlossaryService
from bot.glossary.entries import GlossaryEntry, entry_key
from bot.glossary.transfer import export_document, plan_import, read_document
from bot.store import Store
from tests.glossary_terms import HOME, MOD, OTHER, found, term


def export_file(*entries: dict[str, object], hidden: tuple[str, ...] = ()) -> bytes:
    document = {"schema_version": 1, "entries": list(entries), "hidden": list(hidden)}
    return json.dumps(document).encode()


def raw(headword: str, **fields: object) -> dict[str, object]:
    return {"headword": headword, "meaning": "Imported.", "category": "parts", **fields}


async def test_import_is_all_or_nothing_and_names_the_bad_entries(
    glossary: GlossaryService,
) -> None:
    data = export_file(
        raw("bed liner"),
        raw("tailgate net", see_also=["bed liner"]),
        raw("mud flap", category="snacks"),
        raw("Bed-Liner"),
        raw("rack", see_also=["missing term"]),
        {"headword": "x"},
    )
    result = await glossary.import_file(HOME, MOD, data)
    assert not result.applied
    assert result.error_count == 4
    assert result.errors[0].startswith("entry 3 “mud flap”: category must be one of")
    assert result.errors[1] == "entry 4 “Bed-Liner”: same term as entry 1"
    assert "entry 5 “rack”: see also names terms not in the glossary" in result.errors[2]
    assert result.errors[3] == "entry 6: missing meaning, category"
    assert (await glossary.lookup(HOME, "bed liner")).entry is None
    assert await glossary.export(HOME) == await glossary.export(OTHER)


async def test_import_refuses_files_that_are_too_big_or_not_exports(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError, match="limited to 1 MB"):
        await glossary.import_file(HOME, MOD, b" " * (1024 * 1024 + 1))
    with pytest.raises(UserError, match="the limit is 5,000"):
        await glossary.import_file(HOME, MOD, export_file(*[raw(f"t{n}") for n in range(5001)]))
    with pytest.raises(UserError, match="not valid UTF-8 JSON"):
        await glossary.import_file(HOME, MOD, b"\xff{")
    with pytest.raises(UserError, match="schema_version"):
        await glossary.import_file(HOME, MOD, b'{"entries": []}')


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000, b'{"schema_version": 1, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"],
    ids=["unclosed", "inside entries"],
)
async def test_a_deeply_nested_file_is_refused_and_changes_nothing(
    glossary: GlossaryService, data: bytes
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree"))
    before = await glossary.export(HOME)
    with pytest.raises(UserError, match="nests lists or objects too deeply"):
        await glossary.import_file(HOME, MOD, data)
    assert await glossary.export(HOME) == before


async def test_export_then_import_recreates_the_server_glossary(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", see_also=("keitora",)))
    club = term(
        "club truck",
        "The truck our club shares.",
        kanji="部トラ",
        kana="ぶとら",
        romaji="butora",
        aliases=("shared truck", "club kei"),
        see_also=("kei jamboree", "shaken", "aori"),  # its own term, and built-ins hidden below
    )
    await glossary.add(HOME, MOD, club)
    keitora = await glossary.entry(HOME, "keitora")
    # Its kanji cleared: the file says so, or an import elsewhere would keep the built-in's.
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, kanji="", aliases=("tiny truck",)))
    await glossary.remove(HOME, MOD, "shaken")
    await glossary.remove(HOME, MOD, "aori")
    exported = await glossary.export(HOME)

    result = await glossary.import_file(OTHER, MOD, exported)
    assert result.applied, result.errors
    assert (result.added, result.updated, result.hidden) == (2, 1, 2)
    assert await glossary.entries(OTHER) == await glossary.entries(HOME)
    assert await glossary.export(OTHER) == exported
    for form in ("部トラ", "ぶとら", "butora", "shared truck", "club kei"):
        assert (await glossary.lookup(OTHER, form)).entry == club, form
    shown = await glossary.lookup(OTHER, "club truck")
    assert [e.headword for e in shown.see_also] == ["kei jamboree"]  # hidden links left out

    again = await glossary.import_file(HOME, MOD, exported)
    # Only changes are counted: the two it hides were hidden already, so they are unchanged.
    assert (again.added, again.updated, again.hidden, again.unchanged) == (0, 0, 0, 5)
    assert again.hidden_already == 2


async def test_export_leaves_out_a_hidden_term_that_is_no_longer_built_in(
    glossary: GlossaryService, store: Store
) -> None:
    # A later release dropped the built-in this server had hidden.
    await store.execute(
        "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, updated_at) "
        "VALUES (?, 'retiredterm', 1, NULL, ?, 0)",
        (HOME, MOD),
    )
    await glossary.remove(HOME, MOD, "shaken")
    document = json.loads(await glossary.export(HOME))
    assert document == {
        "schema_version": 1,
        "entries": [],
        "hidden": ["shaken"],
        "built_in_links": [],
    }


async def test_an_imported_update_keeps_the_fields_it_leaves_out_and_clears_those_given_empty(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("club truck", kanji="部トラ", aliases=("club kei", "ours")))
    kept = await glossary.import_file(HOME, MOD, export_file(raw("club truck", category="culture")))
    assert (kept.updated, kept.cleared) == (1, ())
    assert await found(glossary, HOME, "部トラ") == "club truck"

    given = raw("club truck", category="culture", kanji="", aliases=["club kei"])
    cleared = await glossary.import_file(HOME, MOD, export_file(given))
    assert cleared.cleared == ("“club truck”: kanji “部トラ”; aliases “ours”",)
    entry = await glossary.entry(HOME, "club truck")
    assert (entry.kanji, entry.aliases, entry.meaning) == ("", ("club kei",), "Imported.")


def test_an_export_imported_over_a_fuller_entry_of_that_name_recreates_the_exported_one() -> None:
    exported = GlossaryEntry("Jumbo", "A cab with room behind the seats", "body")
    elsewhere = GlossaryEntry(
        "Jumbo", "An extended cab", "body", kanji="ジャンボ", aliases=("jumbo cab",)
    )
    key = entry_key("Jumbo")
    document = read_document(export_document({key: exported}, {}))
    plan = plan_import(document, {key: elsewhere}, {})
    assert dict(plan.writes)[key] == exported
