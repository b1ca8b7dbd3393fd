"""GlossaryIndex: finds an entry however a member types it, and never guesses wildly."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot.glossary import (
    GlossaryEntry,
    GlossaryIndex,
    MatchKind,
    builtin_entries,
    load_glossary,
    max_edits,
)
from bot.glossary.keys import IndexKeys
from bot.glossary.typos import Slips, TypoBuckets
from bot.japanese import normalize
from bot.limits import AUTOCOMPLETE_CHOICES
from tests.glossary_queries import NONSENSE_QUERIES, QUERY_TABLE, SUGGESTED_TABLE

BUILTIN = GlossaryIndex(load_glossary())
EVERY_BUILTIN = GlossaryIndex(builtin_entries())  # the terms and every truck model code
EVERY_BUILTIN_KEYS = {normalize(e.headword) for e in EVERY_BUILTIN.entries}

# Ordinary English words that are near a term (a substring of an alias, the first word of a
# multi-word alias, one edit from a short headword) but do not name it.
ORDINARY_WORDS = ["rice", "tyre", "usa", "truck", "tokyo", "price", "hammer", "bed", "rear"]


def entry(headword: str, *aliases: str, meaning: str = "A term.") -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning=meaning, category="culture", aliases=aliases)


def headwords(hits: list) -> list[str]:
    return [hit.entry.headword for hit in hits]


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
    assert headwords(index.autocomplete("a")) == ["keitora", "akabō", "aori"]
    assert headwords(unranked.autocomplete("a")) == ["akabō", "aori", "keitora"]
    # Ranking a ranked copy starts over from the lookups given: keitora's 5 are gone.
    index = index.ranked_by({"aori": 1})
    assert headwords(index.autocomplete("a")) == ["aori", "akabō", "keitora"]
    assert headwords(index.autocomplete("", limit=2)) == ["aori", "akabō"]


def starting_entries(index: GlossaryIndex) -> dict[str, list[tuple[str, bool]]]:
    """Each one- or two-character start that is no key itself: the entries with a form that
    starts with it, as (headword, whether only another form does)."""
    keys = {normalize(form) for e in index.entries for form in (e.headword, *e.other_forms())}
    starts = {key[:length] for key in keys for length in (1, 2)} - keys
    return {
        start: [
            (e.headword, not normalize(e.headword).startswith(start))
            for e in index.entries
            if any(normalize(form).startswith(start) for form in (e.headword, *e.other_forms()))
        ]
        for start in starts | {""}
    }


STARTING = starting_entries(EVERY_BUILTIN)


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(EVERY_BUILTIN_KEYS)), st.integers(0, 4), max_size=40))
def test_ranking_moves_only_the_looked_up_entries(lookups: dict[str, int]) -> None:
    """A short query lists entries by lookups, then headword starts before other forms' starts,
    then alphabetically: checked for every one- and two-character start of every built-in."""
    ranked = EVERY_BUILTIN.ranked_by(lookups)
    for start, starting in STARTING.items():
        order = sorted(
            starting,
            key=lambda row: (-lookups.get(normalize(row[0]), 0), row[1], row[0].casefold()),
        )
        expected = [headword for headword, _ in order[:AUTOCOMPLETE_CHOICES]]
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


def test_entries_are_kept_in_order() -> None:
    assert BUILTIN.entries == load_glossary()


def test_a_typo_in_the_first_letter_is_left_from_autocomplete_to_lookup() -> None:
    # Autocomplete scans only keys with the query's first letter, to stay fast at 100,000
    # entries; lookup scans them all, so the member still gets the entry on submit.
    index = GlossaryIndex([entry("hekomi"), entry("sabi")])
    assert headwords(index.autocomplete("hekoni")) == ["hekomi"]
    assert headwords(index.autocomplete("xekomi")) == []
    assert index.lookup("xekomi").entry.headword == "hekomi"


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


def test_search_puts_a_name_before_a_more_popular_meaning_match() -> None:
    index = GlossaryIndex(
        [entry("tanbo", meaning="A rice paddy."), entry("kome", "rice", meaning="The grain.")]
    ).ranked_by({"tanbo": 50})
    hits = index.search("rice")
    assert [(hit.entry.headword, hit.matched) for hit in hits] == [
        ("kome", "term"),
        ("tanbo", "meaning"),
    ]


def one_edit_slips(word: str) -> set[str]:
    """Every way one slip changes `word`: a wrong, missing or extra letter, or a swapped pair."""
    slips = set()
    for at in range(len(word) + 1):
        slips.add(word[:at] + "q" + word[at:])
        if at < len(word):
            slips.add(word[:at] + "q" + word[at + 1 :])
            slips.add(word[:at] + word[at + 1 :])
        if at + 1 < len(word):
            slips.add(word[:at] + word[at + 1] + word[at] + word[at + 2 :])
    slips.discard(word)
    return slips


@pytest.mark.parametrize("word", ["hekomi", "kansuisha", "shitamawari"])
def test_lookup_finds_a_term_one_slip_away_wherever_the_slip_is(word: str) -> None:
    # Lookup measures only the keys that begin like the query; a slip in the first letters
    # (wrong, missing, extra or swapped) must still reach the entry.
    index = GlossaryIndex([entry(word), entry("sabi"), entry("kabuto"), entry("shaken")])
    # Some slips make a different syllable ("kansusiha" is "kansushiha"): those are two edits.
    slips = [q for q in one_edit_slips(word) if OSA.distance(normalize(q), normalize(word)) == 1]
    assert len(slips) > 3 * len(word)
    for query in slips:
        match = index.lookup(query)
        found = [match.entry] if match.entry else list(match.suggestions)
        assert word in [e.headword for e in found], query


@settings(max_examples=300)
@given(
    # Few letters, so that keys share pieces with words that do not hold them whole.
    forms=st.lists(st.text(alphabet="akō車検 ", min_size=1, max_size=12), max_size=30),
    data=st.data(),
)
def test_the_words_containing_a_key_are_those_a_full_scan_finds(
    forms: list[str], data: st.DataObject
) -> None:
    keys = IndexKeys()
    for number, form in enumerate(forms):
        keys.add(normalize(form) or form, MatchKind.HEADWORD, number, form)
    keys.seal()
    # Mostly a piece of some word, sometimes with a letter more; else anything.
    key = data.draw(st.text(alphabet="ak車検", min_size=3, max_size=6))
    if keys.ordered_words and data.draw(st.booleans()):
        word = data.draw(st.sampled_from(keys.ordered_words))
        start = data.draw(st.integers(0, len(word)))
        key = word[start : start + data.draw(st.integers(3, 6))]
        key += data.draw(st.sampled_from(["", "a", "k"]))
    assume(len(key) >= 3)

    assert list(keys.containing(key)) == [word for word in keys.ordered_words if key in word]


def slipped(word: str, at: int, slip: str) -> str:
    """`word` with one slip at `at`: a wrong, missing or extra letter, or a swapped pair."""
    if slip == "wrong":
        return word[:at] + ("q" if word[at] != "q" else "k") + word[at + 1 :]
    if slip == "missing":
        return word[:at] + word[at + 1 :]
    if slip == "extra":
        return word[:at] + "q" + word[at:]
    return word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :]


SLIPS = st.sampled_from(["wrong", "missing", "extra", "swapped"])
# Letters the normaliser leaves as they are, so the slips made are the slips measured.
KEYS = st.lists(st.text(alphabet="bdkrt", min_size=3, max_size=13), min_size=1, max_size=40)


@settings(max_examples=400)
@given(keys=KEYS, data=st.data())
def test_the_common_slips_measured_in_two_steps_find_the_nearest_distance(
    keys: list[str], data: st.DataObject
) -> None:
    # Measuring first the words that begin as typed, and the rest only when none of those is
    # one edit away, finds as near a word as measuring them all at once.
    query = data.draw(st.sampled_from(keys))
    for _ in range(data.draw(st.integers(1, 3))):  # a few slips, anywhere
        query = slipped(query, data.draw(st.integers(0, len(query) - 1)), data.draw(SLIPS))
    assume(len(query) >= 4)
    # Often a word that begins as typed, which may be nearer or further than the rest.
    keys.append(query[:3] + data.draw(st.text(alphabet="bdkrt", max_size=10)))
    typos = TypoBuckets(sorted(set(keys)))
    edits = max_edits(len(query))
    lengths = range(len(query) - edits, len(query) + edits + 1)
    measured = {
        word
        for bucket in typos.candidates(query, lengths, slips=Slips.KEEPING_INITIAL)
        for word in bucket
    }
    distances = [d for word in measured if 0 < (d := OSA.distance(query, word)) <= edits]
    nearest = typos.nearest(query, slips=Slips.KEEPING_INITIAL_NEAREST)
    assert min(nearest.values(), default=0) == min(distances, default=0)
    assert all(OSA.distance(query, word) == d for word, d in nearest.items())


@settings(max_examples=400)
@given(keys=KEYS, data=st.data())
def test_typo_search_finds_every_key_with_at_most_one_slip_in_its_first_three_letters(
    keys: list[str], data: st.DataObject
) -> None:
    # The promise of `TypoBuckets.candidates`: a key is measured when the query is one slip away,
    # or further when only one of the slips falls in the first three letters.
    target = data.draw(st.sampled_from(keys))
    query = target
    if data.draw(st.booleans()) and len(query) > 3:  # one slip from the fourth letter on
        query = slipped(query, data.draw(st.integers(3, len(query) - 1)), data.draw(SLIPS))
    query = slipped(query, data.draw(st.integers(0, 2)), data.draw(SLIPS))
    assume(len(query) >= 4 and query != target)
    keys_index = IndexKeys()
    for number, key in enumerate(keys):
        keys_index.add(key, MatchKind.HEADWORD, number, key)
    keys_index.seal()

    def measured(slips: Slips) -> set[str]:
        return {
            key
            for bucket in keys_index.typos.candidates(query, length, slips=slips)
            for key in bucket
        }

    length = range(len(target), len(target) + 1)
    assert target in measured(Slips.ANY)
    assert measured(Slips.ANY) == measured(Slips.KEEPING_INITIAL) | measured(Slips.OF_INITIAL)
    assert target in measured(Slips.KEEPING_INITIAL if query[0] == target[0] else Slips.OF_INITIAL)
    # And through the whole typo tier, when the query allows that many edits.
    if OSA.distance(query, target) <= max_edits(len(query)):
        index = GlossaryIndex([entry(key) for key in dict.fromkeys(keys)])
        assert target in {candidate[6] for candidate in index._fuzzy(query, Slips.ANY)}
