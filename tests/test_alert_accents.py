"""Accented and full-width letters are the plain ones, in alerts and items both: `hijét`,
`ＨＩＪＥＴ` and `Hijet` all find "Hijet", and the other way round; and a small kana vowel
lengthening the one before is the long vowel (`キャリィ` is キャリイ)."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.alerts.spellings import fold, kana_fold
from tests.test_alerts import alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize("typed", ["hijét", "ＨＩＪＥＴ", "Hijet", "HÏJÉT"])
@pytest.mark.parametrize("title", ["Hijet 4WD arrived", "Hijét 4WD arrived", "ＨＩＪＥＴ 4WD"])
async def test_accented_and_full_width_letters_are_the_plain_ones_both_ways(
    alerts: AlertService, typed: str, title: str
) -> None:
    assert await matches(alerts, typed, item(title))


def test_accents_on_latin_letters_fold_and_on_kana_are_kept() -> None:
    # The dakuten is a different sound, not an accent: ガ is not カ.
    assert fold("ガ") == "ガ"
    assert fold("Crème BRÛLÉE") == "creme brulee"


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        # A small vowel lengthening the one before, as キャリー's mark does: キャリィ is キャリイ.
        ("キャリィ", "Suzuki Carry 4WD"),
        ("キャリィ", "キャリイ ダンプ"),
        ("carry", "キャリィ ダンプ入荷"),
    ],
)
async def test_a_small_vowel_after_its_own_vowel_is_the_long_vowel(
    alerts: AlertService, typed: str, title: str
) -> None:
    assert await matches(alerts, typed, item(title))


def test_a_small_vowel_making_a_syllable_is_kept() -> None:
    # ティ (ti) and ファ (fa) are syllables of their own, not a long vowel.
    assert kana_fold("パーティ") != kana_fold("パーテイ")
    assert kana_fold("ファン") != kana_fold("フアン")
    assert kana_fold("キャリィ") == kana_fold("キャリー") == kana_fold("キャリイ")
