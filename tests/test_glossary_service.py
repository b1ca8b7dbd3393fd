"""GlossaryService on a real SQLite file: per-server entries, restoring built-ins, history,
suggestions, links between entries, edits made while another was open, model codes and browsing
by category. Import and export are in test_glossary_exports.py, the word of the day in
test_glossary_daily.py, indexes and lookup counts in test_glossary_lookups.py."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.glossary import EditConflict, GlossaryService, entry_key
from bot.glossary.spellings import Spellings
from bot.store import Store
from tests.glossary_terms import HOME, MOD, OTHER, found, term


async def test_custom_entries_overrides_and_hidden_terms_stay_in_their_server(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Our club's truck."))
    await glossary.remove(HOME, MOD, "shaken")

    home = await glossary.lookup(HOME, "kei jamboree")
    assert home.entry is not None
    assert home.entry.meaning == "Our yearly meetup."
    assert (await glossary.lookup(HOME, "keitora")).entry.meaning == "Our club's truck."
    assert "shaken" not in await glossary.entries(HOME)
    # The nearest that are left, shaken zan and shakenshō, are as near: both are offered.
    assert await found(glossary, HOME, "shaken") is None
    assert (await glossary.lookup(HOME, "shaken")).suggestions[:2] == (
        await glossary.entry(HOME, "shaken zan"),
        await glossary.entry(HOME, "shakenshō"),
    )

    assert await found(glossary, OTHER, "kei jamboree") is None
    assert (await glossary.lookup(OTHER, "keitora")).entry == keitora
    assert await found(glossary, OTHER, "shaken") == "shaken"


async def test_a_removed_built_in_is_restored_by_adding_it_again(
    glossary: GlossaryService, store: Store
) -> None:
    shaken = await glossary.remove(HOME, MOD, "shaken")
    await glossary.add(HOME, MOD, shaken)
    assert (await glossary.lookup(HOME, "shaken")).entry == shaken
    # Restoring the built-in text leaves no row behind, so future releases' wording applies.
    assert await store.fetchval("SELECT count(*) FROM glossary_entries") == 0
    _, changes = await glossary.history(HOME, "shaken")
    assert [c.action for c in changes] == ["restore", "remove"]


async def test_restore_brings_back_a_removed_or_changed_built_in_as_shipped(
    glossary: GlossaryService, store: Store
) -> None:
    shaken = await glossary.remove(HOME, MOD, "shaken")
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Ours.", kanji=""))
    assert [e.headword for e in await glossary.restorable(HOME, "")] == ["keitora", "shaken"]
    assert [e.headword for e in await glossary.restorable(HOME, "しゃけん")] == ["shaken"]

    assert await glossary.restore(HOME, MOD, "しゃけん") == shaken  # any spelling finds it
    assert await glossary.restore(HOME, MOD, "keitora") == keitora
    assert (await glossary.lookup(HOME, "軽トラ")).entry == keitora
    assert shaken.kanji
    assert (await glossary.lookup(HOME, shaken.kanji)).entry == shaken
    assert await store.fetchval("SELECT count(*) FROM glossary_entries") == 0
    _, changes = await glossary.history(HOME, "keitora")
    assert next((c.action, c.before.meaning) for c in changes) == ("restore", "Ours.")
    assert await glossary.restorable(HOME, "") == ()


async def test_restore_refuses_a_term_the_bot_does_not_ship_or_has_unchanged(
    glossary: GlossaryService, store: Store
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    with pytest.raises(UserError, match="already as the bot ships it"):
        await glossary.restore(HOME, MOD, "shaken")
    with pytest.raises(UserError, match="not a built-in term this server removed or changed"):
        await glossary.restore(HOME, MOD, "kei jamboree")
    with pytest.raises(UserError, match="the limit is 200"):
        await glossary.restore(HOME, MOD, "x" * 5000)
    assert await store.fetchval("SELECT count(*) FROM glossary_history") == 1  # the add


async def test_a_removed_term_shows_its_own_history_not_a_neighbours(
    glossary: GlossaryService,
) -> None:
    await glossary.remove(HOME, MOD, "shaken")
    assert await found(glossary, HOME, "shaken") is None  # shaken zan and shakenshō are offered
    entry, changes = await glossary.history(HOME, "shaken")
    assert entry is None
    assert [c.action for c in changes] == ["remove"]
    # Typed another way, the history is still found through the lookup.
    entry, changes = await glossary.history(HOME, "車検証")
    assert entry is not None
    assert entry.headword == "shakenshō"


async def test_history_records_who_changed_what(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    await glossary.add(HOME, MOD, term("dump kit", "A tipping bed kit."))
    clock.advance(timedelta(hours=1))
    await glossary.edit(HOME, 88, "dump kit", term("dump kit", "A hydraulic tipping bed kit."))

    entry, changes = await glossary.history(HOME, "Dump-Kit")
    assert entry is not None
    assert entry.meaning == "A hydraulic tipping bed kit."
    edit, add = changes
    assert (edit.action, edit.actor_id, edit.at) == ("edit", 88, clock.now())
    assert edit.before.meaning == "A tipping bed kit."
    assert edit.after.meaning == "A hydraulic tipping bed kit."
    assert (add.action, add.actor_id, add.before) == ("add", MOD, None)


async def test_bad_entries_are_refused_and_change_nothing(glossary: GlossaryService) -> None:
    with pytest.raises(UserError, match="already in the glossary"):
        await glossary.add(HOME, MOD, term("Kei-tora"))
    with pytest.raises(UserError, match="see also names terms not in the glossary: nowhere"):
        await glossary.add(HOME, MOD, term("bed mat", see_also=("nowhere",)))
    with pytest.raises(UserError, match="at most 100 characters"):
        await glossary.add(HOME, MOD, term("x" * 5000))
    with pytest.raises(UserError, match="category must be one of"):
        await glossary.add(HOME, MOD, replace(term("bed mat"), category="snacks"))
    with pytest.raises(UserError, match="still spell"):
        await glossary.edit(HOME, MOD, "keitora", term("kei truck club"))
    with pytest.raises(NotFound):
        await glossary.remove(HOME, MOD, "no such term")
    assert await glossary.export(HOME) == await glossary.export(OTHER)


async def test_a_suggestion_becomes_an_entry_when_approved(glossary: GlossaryService) -> None:
    suggestion = await glossary.suggest(HOME, 5, "hatake", "A farm field.", kana="はたけ")
    assert [s.id for s in await glossary.pending_suggestions(HOME)] == [suggestion.id]
    assert await glossary.pending_suggestions(OTHER) == []

    entry = term("hatake", suggestion.meaning, kana=suggestion.kana)
    await glossary.approve(HOME, suggestion.id, MOD, entry)
    assert await found(glossary, HOME, "はたけ") == "hatake"
    assert await glossary.pending_suggestions(HOME) == []
    with pytest.raises(UserError, match="already approved"):
        await glossary.reject(HOME, suggestion.id, MOD, "Not a kei word")


async def test_a_term_waiting_as_a_suggestion_is_not_suggested_again(
    glossary: GlossaryService,
) -> None:
    first = await glossary.suggest(HOME, 5, "tenbin", "A balance beam.")
    for again in ("tenbin", "Tenbin", "てんびん", "TENBIN"):
        with pytest.raises(UserError, match=rf"suggested already \(#{first.id}\)"):
            await glossary.suggest(HOME, 6, again, "A carrying pole.")
    assert [s.id for s in await glossary.pending_suggestions(HOME)] == [first.id]
    # Another server, or the same term once decided, may be suggested.
    await glossary.suggest(OTHER, 6, "tenbin", "A carrying pole.")
    await glossary.reject(HOME, first.id, MOD, "Not a kei word")
    await glossary.suggest(HOME, 6, "tenbin", "A carrying pole.")


@pytest.mark.parametrize(
    ("term", "kana", "kanji", "as_"),
    [
        ("ｼﾞﾑﾆｰ", "", "", "the kana of “jimny”"),  # half-width, as lookups fold it
        ("jimunii", "", "", "the kana of “jimny”"),
        ("suzuki jimny", "じむにー", "", "the kana of “jimny”"),
        ("jimmy", "", "ｼﾞﾑﾆｰ", "the kana of “jimny”"),
        ("jimny kei", "", "吉無二", "the kanji of “jimny”"),
    ],
)
async def test_a_suggestion_written_as_a_waiting_ones_kana_or_kanji_is_not_suggested_again(
    glossary: GlossaryService, term: str, kana: str, kanji: str, as_: str
) -> None:
    first = await glossary.suggest(HOME, 5, "jimny", "Suzuki's 4x4.", "ジムニー", "吉無二")
    with pytest.raises(UserError) as refused:
        await glossary.suggest(HOME, 6, term, "A small Suzuki.", kana, kanji)
    assert str(refused.value) == (
        f"“{term}” was suggested already as {as_} (#{first.id}) and is waiting for the moderators."
    )
    assert [s.id for s in await glossary.pending_suggestions(HOME)] == [first.id]


async def test_a_term_already_in_the_glossary_is_not_suggested_again(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError, match="“shaken” is already in the glossary"):
        await glossary.suggest(HOME, 5, "Shaken", "Inspection.")
    with pytest.raises(UserError, match="“keitora” is already in the glossary"):
        await glossary.suggest(HOME, 5, "けいとら", "Kei truck.")
    assert await glossary.pending_suggestions(HOME) == []


async def test_a_member_cannot_flood_the_suggestion_queue(glossary: GlossaryService) -> None:
    for n in range(5):
        await glossary.suggest(HOME, 5, f"term {n}", "A meaning.")
    with pytest.raises(UserError, match="waiting for moderators"):
        await glossary.suggest(HOME, 5, "term 6", "A meaning.")
    with pytest.raises(UserError, match="5,000 characters; the limit is 100"):
        await glossary.suggest(HOME, 6, "k" * 5000, "Meaning.")


async def test_a_term_another_entry_links_to_cannot_be_removed(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree"))
    await glossary.add(HOME, MOD, term("club truck", see_also=("kei jamboree",)))
    with pytest.raises(UserError) as refused:
        await glossary.remove(HOME, MOD, "kei jamboree")
    assert refused.value.message == ("“club truck” links to “kei jamboree”; edit that entry first.")
    # A built-in it links to can still be hidden: display leaves the link out.
    await glossary.add(HOME, MOD, term("bed mat", see_also=("shaken",)))
    await glossary.remove(HOME, MOD, "shaken")

    await glossary.edit(HOME, MOD, "club truck", term("club truck"))
    await glossary.remove(HOME, MOD, "kei jamboree")
    assert (await glossary.lookup(HOME, "kei jamboree")).entry is None
    assert json.loads(await glossary.export(HOME))["hidden"] == ["shaken"]


async def test_what_links_to_a_term_is_kept_as_saves_commit_and_read_by_a_removal(
    glossary: GlossaryService,
) -> None:
    jamboree = entry_key("kei jamboree")

    async def linking() -> list[str]:
        """Who links to kei jamboree as the kept map says, checked against one built afresh."""
        kept = (await glossary._cache.spellings(HOME)).linked_from(jamboree)
        fresh = Spellings((await glossary.entries(HOME)).values()).linked_from(jamboree)
        assert kept == fresh
        return [entry.headword for entry in kept]

    await glossary.add(HOME, MOD, term("kei jamboree", see_also=("kei jamboree",)))  # itself
    assert await linking() == []
    await glossary.add(HOME, MOD, term("club truck", see_also=("kei jamboree",)))
    file = {
        "schema_version": 1,
        "entries": [
            {
                "headword": "Bed Mat",
                "meaning": "A mat.",
                "category": "parts",
                "see_also": ["Kei-Jamboree"],
            }
        ],
    }
    await glossary.import_file(HOME, MOD, json.dumps(file).encode())
    assert await linking() == ["Bed Mat", "club truck"]
    with pytest.raises(UserError) as refused:
        await glossary.remove(HOME, MOD, "kei jamboree")
    assert refused.value.message == (
        "“Bed Mat” and 1 more entries link to “kei jamboree”; edit them first."
    )

    await glossary.edit(HOME, MOD, "club truck", term("club truck"))
    await glossary.remove(HOME, MOD, "bed mat")
    assert await linking() == []
    await glossary.remove(HOME, MOD, "kei jamboree")


async def test_an_edit_made_while_another_was_open_is_not_overwritten(
    glossary: GlossaryService,
) -> None:
    shown = await glossary.entry(HOME, "keitora")  # the form opens with this
    theirs = replace(shown, meaning="Someone else's better wording.")
    await glossary.edit(HOME, 88, "keitora", theirs, shown=shown)

    mine = replace(shown, meaning="My wording.")
    with pytest.raises(EditConflict) as refused:
        await glossary.edit(HOME, MOD, "keitora", mine, shown=shown)
    assert refused.value.current == theirs
    assert (await glossary.entry(HOME, "keitora")).meaning == "Someone else's better wording."
    await glossary.edit(HOME, MOD, "keitora", mine, shown=theirs)  # reopened: saves
    assert (await glossary.entry(HOME, "keitora")).meaning == "My wording."


async def test_refusals_quote_member_text_plainly_without_markdown(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(NotFound) as missing:
        await glossary.remove(HOME, MOD, "x" * 100)
    assert missing.value.message.startswith(f"There is no entry “{'x' * 59}…” in")


@pytest.mark.parametrize("query", ["da63t", "DA63T", "ＤＡ６３Ｔ", "suzuki carry da63t"])
async def test_model_codes_are_entries(glossary: GlossaryService, query: str) -> None:
    found = await glossary.lookup(HOME, query)
    assert found.entry is not None
    assert found.entry.headword == "DA63T"
    assert found.entry.category == "model"
    assert "Suzuki Carry" in found.entry.meaning


async def test_browse_pages_by_category(glossary: GlossaryService) -> None:
    first = await glossary.browse(HOME, "model", 1)
    assert first.number == 1
    assert first.pages > 1
    assert len(first.entries) == 10
    last = await glossary.browse(HOME, "model", 99)
    assert last.number == last.pages
    assert {e.category for e in first.entries + last.entries} == {"model"}
