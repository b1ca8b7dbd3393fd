"""bot.japanese: one matching key for every way a term is typed, and romaji for display."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.glossary import GlossaryEntry, load_glossary
from bot.japanese import normalize, spelling, to_romaji

ENTRIES = load_glossary()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # macrons and every long-vowel spelling
        ("keijidōsha", "keijidosha"),
        ("keijidousha", "keijidosha"),
        ("keijidoosha", "keijidosha"),
        ("keijidohsha", "keijidosha"),
        ("Keijidôsha", "keijidosha"),
        ("kyūsha", "kyusha"),
        ("kyuusha", "kyusha"),
        ("nanbā", "nanba"),
        ("nanbaa", "nanba"),
        ("tēru", "teru"),
        ("teeru", "teru"),
        ("kiiro", "kiro"),  # ii folds too: the same on both sides, documented in the module
        ("kyanopī", "kyanopi"),
        ("keitora", "keitora"),  # "ei" is not a long vowel and stays
        ("ohayou", "ohayo"),  # h before a vowel is a consonant, not a long-vowel mark
        # syllabic n
        ("Un'yu", "unyu"),
        ("unnyu", "unyu"),
        ("sampo", "sanpo"),
        ("sammpo", "sanpo"),
        ("jumbo", "junbo"),
        ("kanmuri", "kanmuri"),  # n before m is already n
        # Kunrei, Nihon-shiki and IME spellings fold to Hepburn
        ("si", "shi"),
        ("ti", "chi"),
        ("tu", "tsu"),
        ("hu", "fu"),
        ("zi", "ji"),
        ("sya syu syo", "shashusho"),
        ("zya jya ja", "jajaja"),
        ("tya cya cha", "chachacha"),
        ("shu chu", "shuchu"),  # the h of sh/ch is not the h of hu
        # sokuon
        ("kocchi", "kotchi"),
        ("kotchi", "kotchi"),
        ("kotti", "kotchi"),
        ("こっち", "kotchi"),
        ("きっぷ", "kippu"),
        ("ミッドシップ", "middoshippu"),
        ("まっちゃ", "matcha"),
        ("あっ", "a"),
        # kana, widths, case, separators
        ("けいじどうしゃ", "keijidosha"),
        ("ケイジドウシャ", "keijidosha"),
        ("ｹｲｼﾞﾄﾞｳｼｬ", "keijidosha"),
        ("ｋｅｉｔｏｒａ", "keitora"),
        ("ＤＡ６３Ｔ", "da63t"),
        ("DA-63T", "da63t"),
        ("Kei-Jidosha", "keijidosha"),
        ("kei  jidosha", "keijidosha"),
        ("スーパー", "supa"),
        ("ファ ティ ウィ ヴァ", "fachiwiva"),
        ("しぇ ちぇ じぇ", "shecheje"),
        ("うんゆ", "unyu"),
        ("しんいち", "shinichi"),
        # kanji pass through, mixed with kana
        ("軽自動車", "軽自動車"),
        ("軽トラ", "軽tora"),
        ("軽とら", "軽tora"),
        ("々", "々"),
        # what carries no letters vanishes
        ("🚚🚚", ""),
        ("@everyone", "everyone"),
        ("ー・、。!?", ""),
        ("", ""),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [
        ("けいじどうしゃ", "keijidōsha"),
        ("さんぽうびらき", "sanpōbiraki"),
        ("しゃけんしょう", "shakenshō"),
        ("きゅうしゃ", "kyūsha"),
        ("おおさか", "ōsaka"),
        ("ばあ", "bā"),
        ("ねえ", "nē"),
        ("きいろ", "kiiro"),
        ("けいとら", "keitora"),
        ("うんゆ", "un'yu"),
        ("しんいち", "shin'ichi"),
        ("こっち", "kotchi"),
        ("きっぷ", "kippu"),
        ("スーパーキャリイ", "sūpākyarii"),
        ("きいろナンバー", "kiironanbā"),
        ("のうどうのフェラーリ", "nōdōnoferāri"),
        ("ｹｲﾄﾗ", "keitora"),
        ("ジャンボ", "janbo"),
        ("ー", ""),
        ("軽トラ", "軽tora"),
        ("DA63T", "DA63T"),
    ],
)
def test_to_romaji(kana: str, romaji: str) -> None:
    assert to_romaji(kana) == romaji


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("kiiro", "kiiro"),
        ("きいろ", "kiiro"),
        ("Kiiro Nanbā", "kiironanba"),
        ("黄色ナンバー", "黄色nanba"),
    ],
)
def test_spelling_is_the_key_before_romaji_folds(text: str, spelt: str) -> None:
    assert spelling(text) == spelt
    assert normalize(text) == normalize(spelt)


# Dense in the letters the romaji folds act on, so that rule interactions actually occur.
ROMAJI_SOUP = st.text(alphabet="aeiouhnmbpstczjyfk'- っちゃんうおーあいティ", max_size=16)


@settings(max_examples=500)
@given(ROMAJI_SOUP)
def test_normalize_is_idempotent_on_romaji_soup(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key


@given(st.text(min_size=1, max_size=40))
def test_long_arbitrary_text_never_raises(chunk: str) -> None:
    text = (chunk * (5_000 // len(chunk) + 1))[:5_000]  # a pasted flood, built from any unicode
    assert isinstance(normalize(text), str)
    assert isinstance(to_romaji(text), str)


def test_output_is_only_ascii_alphanumerics_and_kanji() -> None:
    key = normalize("Kei Truck 軽トラ！ けいとら 🚚 ｹｲﾄﾗ ＤＡ６３Ｔ ā-ō")
    assert key == "keitruck軽torakeitorakeitorada63tao"


_MACRON_SPELLINGS = {
    "ā": ("a", "aa"),
    "ē": ("e", "ee"),
    "ī": ("i", "ii"),
    "ō": ("o", "ou", "oo", "oh"),
    "ū": ("u", "uu"),
}


@given(st.sampled_from(ENTRIES), st.data())
def test_every_headword_spelling_normalises_alike(
    entry: GlossaryEntry, data: st.DataObject
) -> None:
    spelled = "".join(
        data.draw(st.sampled_from(_MACRON_SPELLINGS[c])) if c in _MACRON_SPELLINGS else c
        for c in entry.headword
    )
    spaced = data.draw(st.sampled_from((spelled, spelled.upper(), spelled.replace(" ", "-"))))
    assert normalize(spaced) == normalize(entry.headword)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_kana_and_romaji_agree_with_the_headword(entry: GlossaryEntry) -> None:
    assert normalize(entry.romaji) == normalize(entry.headword)
    assert normalize(entry.kana) == normalize(entry.headword)
    assert normalize(to_romaji(entry.kana)) == normalize(entry.headword)
