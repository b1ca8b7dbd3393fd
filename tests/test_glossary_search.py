"""GlossaryIndex.search: a term match before a meaning match, English words found in meanings
from the start of their words, typo neighbours listed for a slip but not for a word typed right,
and a misspelt meaning word found when nothing else matched."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryIndex, MatchKind
from bot.japanese import normalize
from tests.glossary_indexes import BUILTIN, entry, headwords
from tests.glossary_queries import NONSENSE_QUERIES


def test_search_reports_whether_the_term_or_the_meaning_matched() -> None:
    hits = BUILTIN.search("dump bed")
    assert (hits[0].entry.headword, hits[0].matched) == ("danpu", "term")
    assert all(hit.matched == "meaning" for hit in hits[1:])
    assert "nidai" in headwords(hits)  # "the cargo bed of a truck"


@pytest.mark.parametrize(
    ("text", "headword"),
    [
        ("yellow plate", "kiiro nanbā"),
        ("inspection", "shaken"),
        ("dimples", "hyōgai"),  # only in the meaning: "many small dimples"
        ("shrine gate", "torii"),
        ("couriers", "akabō"),
        ("viscous coupling", "furutaimu"),
    ],
)
def test_search_finds_english_meaning_words(text: str, headword: str) -> None:
    assert headword in headwords(BUILTIN.search(text))


def test_search_ranks_term_matches_above_meaning_matches() -> None:
    hits = BUILTIN.search("inspection")
    kinds = [hit.kind for hit in hits]
    assert kinds == sorted(kinds, key=lambda kind: kind is MatchKind.MEANING)
    assert MatchKind.MEANING in kinds
    assert len(hits) <= 10
    assert len({hit.entry.headword for hit in hits}) == len(hits)


def test_search_of_nonsense_is_empty() -> None:
    for query in NONSENSE_QUERIES:
        if len(normalize(query)) > 2:
            assert BUILTIN.search(query) == [], query


def test_search_lists_typo_neighbours_of_a_slip_but_not_of_a_term_typed_exactly() -> None:
    index = GlossaryIndex([entry("hekomi"), entry("hekome"), entry("sabi")])
    assert headwords(index.search("hekomi")) == ["hekomi"]
    assert sorted(headwords(index.search("hekomu"))) == ["hekome", "hekomi"]


def test_search_lists_no_typo_neighbours_of_english_words_a_meaning_has() -> None:
    index = GlossaryIndex(
        [entry("shaken", meaning="The road-worthiness inspection."), entry("inspektion")]
    )
    # "inspection" is one slip from "inspektion", but it was typed right: a meaning has it.
    assert headwords(index.search("inspection")) == ["shaken"]
    assert headwords(index.search("inspektiom")) == ["inspektion"]  # a slip, matching no meaning
    # A slip that only begins a meaning's word is still looked for as a slip.
    assert "keitora" in headwords(BUILTIN.search("keitors"))
    assert "engai" in headwords(BUILTIN.search("engi"))


def test_search_looks_for_a_slip_in_the_first_letter_only_when_no_other_slip_is_near() -> None:
    index = GlossaryIndex([entry("hekomi"), entry("sekomu"), entry("sabi")])
    # "sekomi" is a slip from both: a wrong last letter of sekomu, a wrong first of hekomi.
    assert headwords(index.search("sekomi")) == ["sekomu"]
    assert headwords(index.search("xekomi")) == ["hekomi"]  # no other slip is near
    # Lookup, which members submit when nothing else helped, still weighs every slip.
    assert {e.headword for e in index.lookup("sekomi").suggestions} == {"hekomi", "sekomu"}


def test_a_slip_in_the_second_or_third_letter_is_looked_for_when_none_after_them_is_near() -> None:
    index = GlossaryIndex([entry("kadobar"), entry("kdaobat"), entry("kdaobxy"), entry("sabi")])
    # "kadobat" is one slip from two: a wrong last letter of kadobar, which begins as typed, and
    # a swap of the second and third letters of kdaobat. The first is the commoner slip.
    assert headwords(index.search("kadobat")) == ["kadobar"]
    # Autocomplete, which offers the term being typed, lists both.
    assert headwords(index.autocomplete("kadobat")) == ["kadobar", "kdaobat"]
    # No word that begins as typed is one slip away: one two slips away is listed after one.
    assert headwords(index.search("kadobxy")) == ["kdaobxy", "kadobar"]
    # Lookup weighs every slip.
    assert {e.headword for e in index.lookup("kadobat").suggestions} == {"kadobar", "kdaobat"}


def test_search_finds_a_misspelt_meaning_word_when_nothing_else_matched() -> None:
    index = GlossaryIndex(
        [
            entry("shaken", meaning="The road-worthiness inspection, every two years."),
            entry("sabi", meaning="Rust, the bane of a farm truck's bed."),
            entry("rusk", meaning="A dry biscuit."),
        ]
    )
    inspection = index.search("inspecton")
    assert headwords(inspection) == ["shaken"]
    assert [hit.matched for hit in inspection] == ["meaning"]
    assert headwords(index.search("bane of the rsut")) == ["sabi"]  # a word of three is near
    # A search that matched anything does not list misspelt meanings: "rust" is a slip away.
    assert headwords(index.search("rusk")) == ["rusk"]
    assert headwords(BUILTIN.search("inspecton"))  # the built-ins' meanings say "inspection"


def test_search_ranks_a_name_above_a_meaning_and_matches_on_word_boundaries() -> None:
    index = GlossaryIndex(
        [
            entry("rakusatsu", "winning bid", "hammer price", meaning="The auction's last bid."),
            entry("seri", meaning="An auction: the price rises with each bid."),
            entry("inekari", meaning="The rice harvest, when every farm truck is out."),
            entry("kome", "rice", meaning="The grain grown in paddies."),
            entry("sanpō-biraki", meaning="A bed whose three sides fold down."),
        ]
    )
    rice = index.search("rice")
    # "rice" is inside "price" (an alias word and a meaning word) but is neither word.
    assert headwords(rice) == ["kome", "inekari"]
    assert [hit.matched for hit in rice] == ["term", "meaning"]
    # "price" is the second word of the alias "hammer price". It is one edit from "rice", but a
    # meaning has it as typed: no slip to list neighbours of.
    assert [(hit.entry.headword, hit.kind) for hit in index.search("price")] == [
        ("rakusatsu", MatchKind.SUBSTRING),
        ("seri", MatchKind.MEANING),
    ]
    assert headwords(index.search("pric")) == ["rakusatsu", "seri"]  # 4 letters start words
    # Three letters start the name "rice", but a meaning word would have to be exactly "ric".
    assert headwords(index.search("ric")) == ["kome"]
    assert index.search("arvest") == []  # a meaning word never matches from its middle
    assert headwords(index.search("biraki")) == ["sanpō-biraki"]  # inside a Japanese headword
    # No word of a name starts "ammer": the alias is only a typo away (its first letter missing).
    assert [(hit.entry.headword, hit.kind) for hit in index.search("ammer price")] == [
        ("seri", MatchKind.MEANING),
        ("rakusatsu", MatchKind.FUZZY),
    ]


def test_search_puts_a_name_before_a_more_popular_meaning_match() -> None:
    index = GlossaryIndex(
        [entry("tanbo", meaning="A rice paddy."), entry("kome", "rice", meaning="The grain.")]
    ).ranked_by({"tanbo": 50})
    hits = index.search("rice")
    assert [(hit.entry.headword, hit.matched) for hit in hits] == [
        ("kome", "term"),
        ("tanbo", "meaning"),
    ]


@pytest.mark.parametrize("text", ["keitora 軽トラ", "軽トラ keitora", "ｹｲﾄﾗ  kei-tora"])
def test_a_query_mixing_romaji_and_kanji_finds_the_term_its_words_name(text: str) -> None:
    # Together the words name no term; each of them names keitora.
    hits = BUILTIN.search(text)
    assert (hits[0].entry.headword, hits[0].matched) == ("keitora", "term")


def test_words_that_name_different_terms_find_each_the_one_both_name_first() -> None:
    found = headwords(BUILTIN.search("shaken 軽トラ keitora"))
    assert found[:2] == ["keitora", "shaken"]  # named by two words, then by one
    # A query that is a name as a whole is not taken apart: "kei tora" is keitora.
    assert headwords(BUILTIN.search("kei tora"))[0] == "keitora"
