"""A term typed only in kana gets the romaji the glossary writes (Hepburn, long vowels with
macrons), and a lookup typed in romaji finds it."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryEntry, GlossaryIndex
from bot.glossary.entries import with_romaji
from bot.japanese import kana_romaji, normalize
from cogs.glossary_form_views import entry_from_form
from tests.glossary_indexes import entry

KANA_ONLY = [
    ("ハイゼット", "haizetto"),
    ("きゃりい", "kyarii"),
    ("キャリイ", "kyarii"),
    ("サンバー", "sanbā"),
    ("スーパーキャリイ", "sūpākyarii"),
    ("こうじょう", "kōjō"),
    ("ｹｲﾄﾗ", "keitora"),
    ("ハイゼット トラック", "haizetto torakku"),
    # the middle dot parts words, as the glossary's romaji is spaced
    ("ハイゼット・ジャンボ", "haizetto janbo"),
    # iteration marks repeat the kana before them, ゞ voiced
    ("いすゞ", "isuzu"),
    ("イスヾ", "isuzu"),
    ("ここゝ", "kokoko"),
    ("ヾ", ""),
    # ヷ ヸ ヹ ヺ are ゔ with a small vowel
    ("ヷン", "van"),
    ("ヸ ヹ ヺ", "vi ve vo"),
]


@pytest.mark.parametrize(("kana", "romaji"), KANA_ONLY)
def test_kana_only_text_gets_hepburn_romaji(kana: str, romaji: str) -> None:
    assert kana_romaji(kana) == romaji


@pytest.mark.parametrize(("kana", "romaji"), [row for row in KANA_ONLY if row[1]])
def test_the_romaji_and_the_kana_share_one_key(kana: str, romaji: str) -> None:
    assert normalize(kana) == normalize(romaji)


@pytest.mark.parametrize("text", ["軽トラ", "keitora", "DA63T", "ハイゼットcargo", "", "・ー"])
def test_text_not_only_kana_gets_none(text: str) -> None:
    assert kana_romaji(text) == ""


@pytest.mark.parametrize(("kana", "romaji"), [("ハイゼット", "haizetto"), ("いすゞ", "isuzu")])
def test_an_entry_headed_in_kana_gets_its_romaji_and_is_found_by_it(kana: str, romaji: str) -> None:
    filled = with_romaji(entry(kana))

    assert filled.romaji == romaji
    match = GlossaryIndex([filled]).lookup(romaji)
    assert match.entry is not None
    assert match.entry.headword == kana


def test_a_romaji_given_or_a_headword_in_romaji_is_left_as_it_is() -> None:
    given = GlossaryEntry(
        headword="ハイゼット", meaning="A truck.", category="model", romaji="haizetto jumbo"
    )
    assert with_romaji(given) == given
    assert with_romaji(entry("keitora")) == entry("keitora")


def test_the_entry_form_fills_the_romaji_of_a_kana_headword() -> None:
    made = entry_from_form("きゃりい", "", "Suzuki's kei truck.", "model", "")
    assert made.romaji == "kyarii"
