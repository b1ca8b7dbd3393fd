"""GlossaryIndex: finds an entry however a member types it, and never guesses wildly. Its search
is in test_glossary_search.py, how it reaches a term through a slip in test_glossary_typos.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.glossary import (
    GlossaryEntry,
    GlossaryIndex,
    MatchKind,
    builtin_entries,
    load_glossary,
    max_edits,
)
from bot.japanese import normalize
from bot.limits import AUTOCOMPLETE_CHOICES
from tests.glossary_indexes import BUILTIN, entry, headwords
from tests.glossary_queries import NONSENSE_QUERIES, QUERY_TABLE, SUGGESTED_TABLE

EVERY_BUILTIN = GlossaryIndex(builtin_entries())  # the terms and every truck model code
EVERY_BUILTIN_KEYS = {normalize(e.headword) for e in EVERY_BUILTIN.entries}

# Ordinary English words that are near a term (a substring of an alias, the first word of a
# multi-word alias, one edit from a short headword) but do not name it.
ORDINARY_WORDS = ["rice", "tyre", "usa", "truck", "tokyo", "price", "hammer", "bed", "rear"]


def test_query_table_is_big_and_unambiguous() -> None:
    assert len(QUERY_TABLE) >= 150
    assert len({query for query, _ in QUERY_TABLE}) == len(QUERY_TABLE)


@pytest.mark.parametrize(("query", "headword"), QUERY_TABLE)
def test_lookup_finds_the_entry(query: str, headword: str) -> None:
    match = BUILTIN.lookup(query)
    assert match.entry is not None, f"{query!r}: nothing; suggested {match.suggestions}"
    assert match.entry.headword == headword


@pytest.mark.parametrize(("query", "headword"), SUGGESTED_TABLE)
def test_lookup_suggests_the_entry_first(query: str, headword: str) -> None:
    match = BUILTIN.lookup(query)
    assert match.entry is None
    assert [e.headword for e in match.suggestions][:1] == [headword]


@pytest.mark.parametrize(("query", "headword"), QUERY_TABLE + SUGGESTED_TABLE)
def test_autocomplete_offers_the_entry_first(query: str, headword: str) -> None:
    assert headwords(BUILTIN.autocomplete(query))[:1] == [headword]


@pytest.mark.parametrize("query", ORDINARY_WORDS)
def test_ordinary_words_are_not_silently_taken_for_a_term(query: str) -> None:
    match = EVERY_BUILTIN.lookup(query)
    assert match.entry is None, f"{query!r} picked {match.entry.headword}"


def test_substrings_do_not_match_across_the_words_of_an_alias() -> None:
    index = GlossaryIndex([entry("kyōka riya supuringu", "heavy duty rear springs")])
    assert index.lookup("tyre").suggestions == ()  # "du|ty re|ar" is not a word
    assert index.autocomplete("tyre") == []
    assert headwords(index.autocomplete("dut")) == ["kyōka riya supuringu"]  # starts "duty"
    assert index.lookup("springs").entry is None  # a word of an alias suggests, never picks
    assert [e.headword for e in index.lookup("springs").suggestions] == ["kyōka riya supuringu"]


@pytest.mark.parametrize("query", NONSENSE_QUERIES, ids=lambda q: repr(q[:12]))
def test_nonsense_finds_and_suggests_nothing(query: str) -> None:
    match = BUILTIN.lookup(query)
    assert match.entry is None
    assert match.suggestions == ()
    if len(normalize(query)) > 2:  # shorter ones list popular terms, as an empty box does
        assert BUILTIN.autocomplete(query) == []


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("keitora", MatchKind.HEADWORD),
        ("けいとら", MatchKind.HEADWORD),
        ("kei truck", MatchKind.ALIAS),
        ("軽トラ", MatchKind.ALIAS),
        ("sanpo", MatchKind.PREFIX),
        ("shakken", MatchKind.FUZZY),
        ("keitoar", MatchKind.FUZZY),
    ],
)
def test_lookup_says_how_it_matched(query: str, kind: MatchKind) -> None:
    assert BUILTIN.lookup(query).kind is kind


@pytest.mark.parametrize(("length", "edits"), [(1, 0), (3, 0), (4, 1), (6, 1), (7, 2), (11, 2)])
def test_short_queries_must_be_nearly_exact(length: int, edits: int) -> None:
    assert max_edits(length) == edits


def test_a_two_edit_slip_on_a_short_word_is_not_a_match() -> None:
    index = GlossaryIndex([entry("site"), entry("paste")])
    assert index.lookup("pste").suggestions[0].headword == "paste"  # one edit: a real typo
    assert index.lookup("sitte").entry.headword == "site"  # "shitte": six letters, one edit
    assert index.lookup("pzte").suggestions == ()  # two edits from both: nothing
    assert index.lookup("pst").suggestions == ()  # three letters must be exact or a prefix


def test_a_typo_picks_only_when_the_query_is_long_enough_to_be_sure() -> None:
    index = GlossaryIndex([entry("nōkyō"), entry("hekomi")])
    tokyo = index.lookup("tokyo")  # one edit from nōkyō, but five letters: a real word
    assert (tokyo.entry, [e.headword for e in tokyo.suggestions]) == (None, ["nōkyō"])
    assert index.lookup("hekoni").entry.headword == "hekomi"  # six letters, one edit


def test_tied_typo_candidates_are_suggested_not_picked() -> None:
    index = GlossaryIndex([entry("kabuto"), entry("kabuta"), entry("shiro")])
    match = index.lookup("kabutu")
    assert match.entry is None
    assert {e.headword for e in match.suggestions} == {"kabuto", "kabuta"}


def test_a_typo_candidate_clearly_ahead_is_picked_with_runners_up() -> None:
    index = GlossaryIndex([entry("hekomi"), entry("hokami")])
    match = index.lookup("hekoni")  # one edit from hekomi, three from hokami
    assert match.entry.headword == "hekomi"
    assert match.kind is MatchKind.FUZZY


def test_a_prefix_only_one_entry_has_is_picked_and_a_shared_one_suggests() -> None:
    match = BUILTIN.lookup("kuro nan")
    assert (match.entry.headword, match.kind) == ("kuro nanbā", MatchKind.PREFIX)
    short = BUILTIN.lookup("kuro")  # four letters: too short to be sure, so it suggests
    assert (short.entry, short.suggestions[0].headword) == (None, "kuro nanbā")
    match = BUILTIN.lookup("nan")  # inside all three plate colours, at the start of none
    assert match.entry is None
    assert len(match.suggestions) == 3
    assert all(e.headword.endswith("nanbā") for e in match.suggestions)


def test_a_prefix_of_an_english_alias_suggests_and_never_picks() -> None:
    index = GlossaryIndex([entry("nidai", "truck bed", "cargo bed"), entry("sanpō-biraki")])
    assert index.lookup("truck").entry is None  # the first word of "truck bed"
    assert index.lookup("truck").suggestions[0].headword == "nidai"
    assert index.lookup("sanpo").entry.headword == "sanpō-biraki"  # a headword's prefix


def test_headword_outranks_alias_and_tiers_follow() -> None:
    index = GlossaryIndex(
        [
            entry("sabu"),  # one edit from "sabi"
            entry("kusabi"),  # contains "sabi"
            entry("sabitsuki"),  # starts with "sabi"
            entry("rust", "sabi"),  # alias is exactly "sabi"
            entry("sabi"),  # headword is exactly "sabi"
        ]
    )
    hits = index.autocomplete("sabi")
    assert headwords(hits) == ["sabi", "rust", "sabitsuki", "kusabi"]
    assert [hit.kind for hit in hits] == [
        MatchKind.HEADWORD,
        MatchKind.ALIAS,
        MatchKind.PREFIX,
        MatchKind.SUBSTRING,
    ]  # typo neighbours are left out when the term was typed exactly
    typo = index.autocomplete("sabo")  # one edit from sabi, sabu and the alias
    assert set(headwords(typo)) == {"sabi", "sabu", "rust"}
    assert {hit.kind for hit in typo} == {MatchKind.FUZZY}


def test_empty_and_one_letter_queries_list_popular_terms_first() -> None:
    unranked = GlossaryIndex(
        [entry("aori"), entry("akabō"), entry("keitora", "ak truck"), entry("shaken")]
    )
    index = unranked.ranked_by({"shaken": 9, "keitora": 5})
    assert headwords(index.autocomplete("")) == ["shaken", "keitora", "akabō", "aori"]
    # At equal popularity the shorter term first: it is closer to what was typed.
    assert headwords(index.autocomplete("a")) == ["keitora", "aori", "akabō"]
    assert headwords(unranked.autocomplete("a")) == ["aori", "akabō", "keitora"]
    # Ranking a ranked copy starts over from the lookups given: keitora's 5 are gone.
    index = index.ranked_by({"akabo": 1})
    assert headwords(index.autocomplete("a")) == ["akabō", "aori", "keitora"]
    assert headwords(index.autocomplete("", limit=2)) == ["akabō", "aori"]


def test_two_characters_list_the_term_they_are_closest_to_first() -> None:
    # 軽自 begins 軽自動車 (keijidōsha) and 軽自動車検査協会: the whole word before the longer
    # name that holds it, though "kei jidōsha kensa kyōkai" comes first alphabetically.
    assert headwords(BUILTIN.autocomplete("軽自")) == [
        "keijidōsha",
        "keijidōsha zei",
        "keijidōsha kikaku",
        "kei jidōsha kensa kyōkai",
    ]


@pytest.mark.parametrize("typed", ["🚚", "🚚🚚🚚", "!!", "—", "😀 ?"])
def test_what_holds_no_letter_offers_no_terms_as_an_empty_box_does(typed: str) -> None:
    # An empty box lists the popular terms; a truck emoji is no request for them.
    assert BUILTIN.autocomplete(typed) == []


def starting_entries(index: GlossaryIndex) -> dict[str, list[tuple[str, bool]]]:
    """Each one- or two-character start that is no key itself: the entries with a form that
    starts with it, as (headword, whether only another form does, the length of the shortest
    such form's key: the headword's when it does)."""
    keys = {normalize(form) for e in index.entries for form in (e.headword, *e.other_forms())}
    starts = {key[:length] for key in keys for length in (1, 2)} - keys
    return {
        start: [
            (e.headword, not normalize(e.headword).startswith(start), _closest(e, start))
            for e in index.entries
            if any(normalize(form).startswith(start) for form in (e.headword, *e.other_forms()))
        ]
        for start in starts | {""}
    }


def _closest(entry: GlossaryEntry, start: str) -> int:
    if not start:
        return 0  # an empty box lists by popularity, then alphabetically
    if (headword := normalize(entry.headword)).startswith(start):
        return len(headword)
    keys = (normalize(form) for form in entry.other_forms())
    return min(len(key) for key in keys if key.startswith(start))


STARTING = starting_entries(EVERY_BUILTIN)


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(EVERY_BUILTIN_KEYS)), st.integers(0, 4), max_size=40))
def test_ranking_moves_only_the_looked_up_entries(lookups: dict[str, int]) -> None:
    """A short query lists entries by lookups, then headword starts before other forms' starts,
    then by the shortest form starting with it, then alphabetically: checked for every one- and
    two-character start of every built-in."""
    ranked = EVERY_BUILTIN.ranked_by(lookups)
    for start, starting in STARTING.items():
        order = sorted(
            starting,
            key=lambda row: (-lookups.get(normalize(row[0]), 0), row[1], row[2], row[0].casefold()),
        )
        expected = [headword for headword, *_ in order[:AUTOCOMPLETE_CHOICES]]
        assert headwords(ranked.autocomplete(start)) == expected, start


def test_autocomplete_respects_the_limit() -> None:
    assert len(BUILTIN.autocomplete("k", limit=25)) == 25
    assert len(BUILTIN.autocomplete("sh", limit=5)) == 5


@pytest.mark.parametrize("query", ["DA63T", "da63t", "DA-63T", "ｄａ６３ｔ", "Da 63 T", "da63"])
def test_truck_model_codes_match_however_written(query: str) -> None:
    models = [
        GlossaryEntry(headword="DA63T", meaning="Suzuki Carry.", category="model"),
        GlossaryEntry(headword="DA65T", meaning="Suzuki Carry farm.", category="model"),
        GlossaryEntry(headword="S83P", meaning="Daihatsu Hijet.", category="model"),
    ]
    index = GlossaryIndex([*load_glossary(), *models])
    match = index.lookup(query)
    # "da63" is a four-character prefix: suggested, not picked.
    assert (match.entry or match.suggestions[0]).headword == "DA63T"
    assert headwords(index.autocomplete(query))[0] == "DA63T"


def test_entries_are_kept_in_order() -> None:
    assert BUILTIN.entries == load_glossary()


def test_every_way_of_asking_reads_an_alias_from_the_start_of_its_words() -> None:
    # Search, autocomplete and "did you mean" agree: "rice" is inside "hammer price" but is no
    # word of it, while a Japanese form still matches inside a word (its words are not spaced).
    index = GlossaryIndex(
        [
            entry("rakusatsu", "winning bid", "hammer price"),
            entry("kome", "rice grain"),
            entry("sanpō-biraki"),
        ]
    )
    assert headwords(index.autocomplete("rice")) == ["kome"]
    assert [e.headword for e in index.lookup("rice").suggestions] == ["kome"]
    assert headwords(index.autocomplete("uty")) == []
    assert headwords(index.autocomplete("price")) == ["rakusatsu"]
    assert [e.headword for e in index.lookup("price").suggestions] == ["rakusatsu"]
    assert headwords(index.autocomplete("biraki")) == ["sanpō-biraki"]
