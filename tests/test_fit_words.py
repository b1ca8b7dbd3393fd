"""`fit_words`: a cut after a whole word, never inside an open parenthesis; Japanese text, with
no spaces, cut at a character."""

from __future__ import annotations

from bot.limits import fit_words


def test_text_that_fits_is_kept_whole() -> None:
    assert fit_words("its Hijet dump truck", 20) == "its Hijet dump truck"


def test_a_cut_falls_after_a_whole_word() -> None:
    assert fit_words("its Hijet dump truck and its bed", 20) == "its Hijet dump…"


def test_a_cut_never_leaves_a_parenthesis_open() -> None:
    assert fit_words("It is not 修復歴 (shūfukureki) at all", 20) == "It is not 修復歴…"
    assert fit_words("車検残（しゃけんのこり）が残る", 8) == "車検残…"


def test_japanese_without_spaces_is_cut_at_a_character() -> None:
    assert fit_words("車検が残っているトラック", 6) == "車検が残っ…"
