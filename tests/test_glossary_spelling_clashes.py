"""A term may not be written the way another term is: an alias, kanji, kana or romaji that is
already another entry's headword or spelling (however it is typed: case, width, kana or romaji)
would answer lookups of that spelling with the wrong entry. Edits, additions, imports,
approvals and restores are refused alike, naming the entry that owns the spelling."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.errors import UserError
from bot.glossary import GlossaryService, builtin_entries, entry_key
from bot.glossary.cache import GlossaryCache
from bot.glossary.entries import entry_to_json
from bot.glossary.transfer import plan_import
from bot.store import Store
from tests.glossary_terms import HOME, MOD, found, term


async def refusal(glossary: GlossaryService, store: Store, saving: object) -> str:
    """The refusal `saving` (a coroutine of the service) raises; nothing may have been written."""
    written = await store.fetchval("SELECT count(*) FROM glossary_history")
    with pytest.raises(UserError) as refused:
        await saving  # type: ignore[misc]
    assert await store.fetchval("SELECT count(*) FROM glossary_history") == written
    return str(refused.value)


async def test_an_edit_may_not_give_an_entry_another_entrys_spelling(
    glossary: GlossaryService, store: Store
) -> None:
    jibaiseki = await glossary.entry(HOME, "jibaiseki")
    taking = replace(jibaiseki, aliases=("keitora", "軽トラ", "shaken"))
    message = await refusal(glossary, store, glossary.edit(HOME, MOD, "jibaiseki", taking))
    assert message == (
        "“jibaiseki” cannot be saved: its alias “keitora” is already the term “keitora”, which "
        "members who type it find; leave it out (a see-also links to a term); other terms have "
        "“軽トラ” and “shaken” too."
    )
    many = replace(jibaiseki, aliases=("軽トラ", "shaken", "4wd", "niku", "2wd", "nidai", "aori"))
    message = await refusal(glossary, store, glossary.edit(HOME, MOD, "jibaiseki", many))
    assert message.endswith(
        "; other terms have “shaken”, “4wd”, “niku”, “2wd”, “nidai” and 1 more too."
    )
    taking = replace(jibaiseki, aliases=("軽トラ",))
    message = await refusal(glossary, store, glossary.edit(HOME, MOD, "jibaiseki", taking))
    assert message == (
        "“jibaiseki” cannot be saved: its alias “軽トラ” is already a way to write “keitora”, "
        "which members who type it find; leave it out, or take it out of “keitora” first."
    )
    assert await found(glossary, HOME, "軽トラ") == "keitora"


@pytest.mark.parametrize(
    ("field", "typed", "named"),
    [
        ("kana", "ｹｲﾄﾗ", "its kana “ｹｲﾄﾗ” reads the same as the term “keitora”"),
        (
            "kanji",
            "軽とら",
            "its kanji “軽とら” reads the same as “軽トラ”, a way to write “keitora”",
        ),
        ("romaji", "KEITORA", "its romaji “KEITORA” reads the same as the term “keitora”"),
        ("aliases", ("Shakén",), "its alias “Shakén” reads the same as the term “shaken”"),
    ],
)
async def test_a_spelling_that_only_reads_the_same_is_refused_too(
    glossary: GlossaryService, store: Store, field: str, typed: object, named: str
) -> None:
    new = term("tanbo", **{field: typed})
    assert named in await refusal(glossary, store, glossary.add(HOME, MOD, new))


async def test_an_edit_may_keep_a_spelling_the_entry_already_had(
    glossary: GlossaryService, store: Store
) -> None:
    # A clash stored before this rule: neither entry is locked against other edits by it.
    clashing = term("tanbo", aliases=("軽トラ",))
    await store.execute(
        "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, updated_at) "
        "VALUES (?, 'tanbo', 0, ?, ?, 0)",
        (HOME, json.dumps({"headword": "tanbo", "meaning": clashing.meaning,
                           "category": "culture", "aliases": ["軽トラ"]}), MOD),
    )  # fmt: skip
    await glossary.edit(HOME, MOD, "tanbo", replace(clashing, meaning="A rice paddy."))
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Ours."))
    assert (await glossary.entry(HOME, "keitora")).meaning == "Ours."


async def test_approving_a_suggestion_with_another_entrys_spelling_is_refused(
    glossary: GlossaryService, store: Store
) -> None:
    suggestion = await glossary.suggest(HOME, 5, "tanbo", "A flooded rice paddy.")
    finished = term("tanbo", kanji="軽トラ")
    assert "its kanji “軽トラ” is already a way to write “keitora”" in await refusal(
        glossary, store, glossary.approve(HOME, suggestion.id, MOD, finished)
    )
    assert (await glossary.suggestion(HOME, suggestion.id)).status == "pending"


async def test_a_suggestion_spelt_as_another_entry_is_refused_before_it_waits(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, 5, "tanbo", "A flooded rice paddy.", kanji="軽とら")
    assert str(refused.value) == (
        "The kanji “軽とら” already finds “keitora”: see /glossary lookup. Suggest the term "
        "without it; nothing was suggested."
    )
    assert await glossary.pending_suggestion_count(HOME) == 0


async def test_restoring_a_built_in_whose_spelling_another_entry_took_is_refused(
    glossary: GlossaryService, store: Store
) -> None:
    await glossary.remove(HOME, MOD, "keitora")
    await glossary.add(HOME, MOD, term("tanbo", aliases=("軽トラ",)))
    message = await refusal(glossary, store, glossary.restore(HOME, MOD, "keitora"))
    assert message == (
        "“keitora” cannot be restored: its kanji “軽トラ” is now a way to write “tanbo” in this "
        "server; take it out of “tanbo” first."
    )
    await glossary.remove(HOME, MOD, "shaken")
    await glossary.add(HOME, MOD, term("inspection", aliases=("shaken",)))
    message = await refusal(glossary, store, glossary.restore(HOME, MOD, "shaken"))
    assert message == (
        "“shaken” cannot be restored: its headword “shaken” is now a way to write “inspection” "
        "in this server; take it out of “inspection” first."
    )


@pytest.mark.parametrize(
    ("field", "typed"), [("aliases", ("kei", "🚚")), ("kana", "ー"), ("kanji", "!")]
)
async def test_a_spelling_nobody_could_look_up_is_refused(
    glossary: GlossaryService, store: Store, field: str, typed: object
) -> None:
    # Lookup drops emoji and punctuation: shown under "Also written", it would find nothing.
    message = await refusal(
        glossary, store, glossary.add(HOME, MOD, term("tanbo", **{field: typed}))
    )
    shown = typed[-1] if isinstance(typed, tuple) else typed
    assert message.endswith(
        f"cannot be saved: “{shown}” has no letters, digits, kana or kanji to be looked up by."
    )


async def test_an_edit_writing_the_entry_no_new_way_reads_no_other_entry(
    glossary: GlossaryService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every other entry's spellings, normalised, take seconds at 100,000 entries: a change of
    # meaning, or of a spelling's case, has nothing to check.
    def every_entry_read(*_: object) -> None:
        raise AssertionError("read every entry's spellings")

    monkeypatch.setattr(GlossaryCache, "spellings", every_entry_read)
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Ours.", kanji="軽とら"))
    assert (await glossary.entry(HOME, "keitora")).kanji == "軽とら"


async def test_a_suggested_kanji_nobody_could_look_up_is_refused_before_it_waits(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, 5, "tanbo", "A flooded rice paddy.", kanji="🚚")
    assert str(refused.value) == (
        "The kanji “🚚” has no letters, digits, kana or kanji to be looked up by; nothing was "
        "suggested."
    )
    assert await glossary.pending_suggestion_count(HOME) == 0


def test_a_file_may_move_a_spelling_but_not_share_it_whatever_the_order() -> None:
    builtins = {entry_key(entry.headword): entry for entry in builtin_entries()}
    keitora = entry_to_json(builtins["keitora"]) | {"meaning": "Ours."}
    tanbo = {"headword": "tanbo", "meaning": "A paddy.", "category": "culture", "kanji": "軽トラ"}
    for entries in ([keitora, tanbo], [tanbo, keitora]):
        document = {"entries": entries, "hidden": [], "built_in_links": []}
        errors = plan_import(document, builtins, builtins).errors
        assert [message.split(":")[1] for _, message in errors] == [
            " its kanji “軽トラ” is already a way to write “keitora”, which members who type it "
            "find; leave it out, or take it out of “keitora” first"
        ]
    moved = keitora | {"kanji": ""}  # left out, it would be kept
    document = {"entries": [moved, tanbo], "hidden": [], "built_in_links": []}
    assert plan_import(document, builtins, builtins).errors == []
