"""Build dates written with kanji numerals, as formal Japanese documents write them (平成十年五月),
read as the same dates written with digits."""

from __future__ import annotations

import pytest

from bot.eligibility import parse_manufactured
from bot.japanese import with_digits


@pytest.mark.parametrize(
    ("typed", "year", "month", "day"),
    [
        ("平成十年五月", 1998, 5, None),
        ("平成十三年十二月五日", 2001, 12, 5),
        ("昭和六十四年一月", 1989, 1, None),
        ("二〇〇一年十二月", 2001, 12, None),
        ("一九九八年五月十二日", 1998, 5, 12),
        ("令和元年五月", 2019, 5, None),
    ],
)
def test_a_date_in_kanji_numerals_is_read_as_in_digits(
    typed: str, year: int, month: int, day: int | None
) -> None:
    built = parse_manufactured(typed)
    assert (built.year, built.month, built.day) == (year, month, day)


@pytest.mark.parametrize(
    ("kanji", "digits"),
    [
        ("十", "10"),
        ("十五", "15"),
        ("二十", "20"),
        ("三十一", "31"),
        ("六十四", "64"),
        ("一九九八", "1998"),
        ("二〇〇一", "2001"),
        ("二千一", "2001"),
        ("千九百九十八", "1998"),
        ("軽トラ", "軽トラ"),
    ],
)
def test_kanji_numerals_become_digits(kanji: str, digits: str) -> None:
    assert with_digits(kanji) == digits
