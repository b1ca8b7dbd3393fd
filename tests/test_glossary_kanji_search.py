"""Search by one or two kanji: Japanese does not space its words, and one kanji is already a
word (検, inspection), so a short kanji query finds the terms written with it, anywhere."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.glossary import GlossaryEntry, GlossaryIndex, MatchKind, load_glossary
from bot.glossary.keys import IndexKeys
from bot.japanese import normalize

BUILTIN = GlossaryIndex(load_glossary())


def kanji_of(headwords: list[str]) -> list[str]:
    kanji = {entry.headword: entry.kanji for entry in BUILTIN.entries}
    return [kanji[headword] for headword in headwords]


def test_one_kanji_finds_every_term_written_with_it() -> None:
    found = [hit.entry.headword for hit in BUILTIN.search("検")]
    assert {"shaken", "shakenshō", "shodo kensa nengetsu"} <= set(found)
    assert all("検" in kanji for kanji in kanji_of(found))


def test_one_kanji_finds_the_terms_it_begins_too() -> None:
    # 軽 is the kei of every kei term: it begins their kanji, where it was not looked for.
    found = [hit.entry.headword for hit in BUILTIN.search("軽")]
    assert {"keitora", "keijidōsha", "kei torakku"} <= set(found)
    assert all("軽" in kanji for kanji in kanji_of(found))
    assert "shaken" in [hit.entry.headword for hit in BUILTIN.search("車")]  # 車検


def test_two_kanji_find_the_terms_that_hold_them_inside() -> None:
    found = [hit.entry.headword for hit in BUILTIN.search("検査")]
    assert "shodo kensa nengetsu" in found  # 初度検査年月
    assert all("検査" in kanji for kanji in kanji_of(found))


def test_short_romaji_still_finds_no_substring() -> None:
    index = GlossaryIndex([GlossaryEntry("sanpō-biraki", "A bed.", "body", kanji="三方開")])
    assert index.search("bi") == []
    assert [hit.kind for hit in index.search("方")] == [MatchKind.SUBSTRING]


@given(
    forms=st.lists(st.text(alphabet="車検証軽 ak", min_size=1, max_size=8), max_size=30),
    key=st.text(alphabet="車検証軽a", min_size=1, max_size=2),
)
def test_the_words_holding_a_short_kanji_key_are_those_a_full_scan_finds(
    forms: list[str], key: str
) -> None:
    assume(any(character in "車検証軽" for character in key))
    keys = IndexKeys()
    for number, form in enumerate(forms):
        keys.add(normalize(form) or form, MatchKind.HEADWORD, number, form)
    keys.seal()
    assert list(keys.containing(key)) == [word for word in keys.ordered_words if key in word]


def test_a_full_kanji_word_finds_the_terms_that_abbreviate_it() -> None:
    # 二駆 is 二輪駆動 shortened, as 車検証 is 自動車検査証: the short word keeps some of the
    # long one's kanji, in order. The nearest (fewest kanji left out) comes first; yonku, whose
    # alias 四輪駆動 differs by one kanji, comes after it.
    assert [hit.entry.headword for hit in BUILTIN.search("二輪駆動")][:1] == ["niku"]
    assert [hit.kind for hit in BUILTIN.search("二輪駆動")][:1] == [MatchKind.SUBSTRING]
    assert BUILTIN.lookup("二輪駆動").entry is None  # a guess is only suggested
    assert [entry.headword for entry in BUILTIN.lookup("二輪駆動").suggestions][:1] == ["niku"]
    assert BUILTIN.search("駆動二輪") == []  # the kanji out of order spell no abbreviation
    # A term inside a longer phrase is found the same way: 車検切れ is an expired 車検.
    assert [hit.entry.headword for hit in BUILTIN.search("車検切れ")][:1] == ["shaken"]
