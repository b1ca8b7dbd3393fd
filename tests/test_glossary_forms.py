"""The moderator form's "Kanji (kana)" box read back into an entry's kanji and kana, whichever
parentheses a member types and whatever parentheses the kanji itself holds."""

from __future__ import annotations

import pytest

from bot.glossary.forms import join_japanese, kana_term, split_japanese


@pytest.mark.parametrize(
    ("typed", "kanji", "kana"),
    [
        ("軽トラ (けいとら)", "軽トラ", "けいとら"),
        ("軽トラ(けいとら)", "軽トラ", "けいとら"),
        ("軽トラ（けいとら）", "軽トラ", "けいとら"),
        ("軽トラ （けいとら） ", "軽トラ", "けいとら"),
        ("軽トラ", "軽トラ", ""),
        ("(けいとら)", "", "けいとら"),
        ("", "", ""),
        # A reading typed into the kanji box as well as after it is one reading.
        ("軽トラ(けいとら) (けいとら)", "軽トラ", "けいとら"),
        ("軽トラ（けいとら） (けいとら)", "軽トラ", "けいとら"),
        # Parentheses of the kanji's own stay in the kanji: only a last group of kana reads.
        ("(株)スズキ (かぶしきがいしゃすずき)", "(株)スズキ", "かぶしきがいしゃすずき"),
        ("(株)", "(株)", ""),
        ("四駆 (4WD)", "四駆 (4WD)", ""),
        ("軽トラ (けい・トラー)", "軽トラ", "けい・トラー"),
        # A reading left open is still the reading.
        ("軽トラ (けいとら", "軽トラ", "けいとら"),
    ],
)
def test_the_japanese_box_splits_at_its_last_reading_in_kana(
    typed: str, kanji: str, kana: str
) -> None:
    assert split_japanese(typed) == (kanji, kana)


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [
        ("軽トラ", "けいとら"),
        ("(株)スズキ", "すずき"),
        ("(株)", ""),
        ("", "けいとら"),
        ("車検", ""),
    ],
)
def test_the_box_reads_back_what_it_was_filled_with(kanji: str, kana: str) -> None:
    assert split_japanese(join_japanese(kanji, kana)) == (kanji, kana)


@pytest.mark.parametrize(
    ("term", "kana", "offered"),
    [
        ("tanbo", "ﾀﾝﾎﾞ", ("tanbo", "タンボ")),  # a half-width kana box, full width
        ("ｼﾞﾑﾆｰ", "", ("jimunī", "ジムニー")),
        ("tanbo", "たんぼ", ("tanbo", "たんぼ")),
    ],
)
def test_the_approval_form_offers_kana_full_width(
    term: str, kana: str, offered: tuple[str, str]
) -> None:
    assert kana_term(term, kana) == offered
