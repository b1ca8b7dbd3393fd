"""How GlossaryIndex reaches a term through a slip (a wrong, missing, extra or swapped letter):
wherever the slip is for lookup, left from autocomplete to lookup in the first letter, and the
typo buckets and word pieces it measures checked against a full scan."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot.glossary import GlossaryIndex, MatchKind, max_edits
from bot.glossary.keys import IndexKeys
from bot.glossary.typos import Slips, TypoBuckets
from bot.japanese import normalize
from tests.glossary_indexes import entry, headwords


def test_a_typo_in_the_first_letter_is_left_from_autocomplete_to_lookup() -> None:
    # Autocomplete scans only keys with the query's first letter, to stay fast at 100,000
    # entries; lookup scans them all, so the member still gets the entry on submit.
    index = GlossaryIndex([entry("hekomi"), entry("sabi")])
    assert headwords(index.autocomplete("hekoni")) == ["hekomi"]
    assert headwords(index.autocomplete("xekomi")) == []
    assert index.lookup("xekomi").entry.headword == "hekomi"


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
