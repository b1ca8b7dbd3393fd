"""Numbers as members type them: ASCII or full-width, never superscripts or other scripts."""

from __future__ import annotations

import pytest

from bot.numbers import whole_number


@pytest.mark.parametrize(
    ("typed", "most", "read"),
    [
        ("2", 99, 2),
        ("２", 99, 2),
        ("　１０　", 99, 10),  # ideographic spaces around it
        ("＃１２", 10**6, 12),
        ("#12", 10**6, 12),
        ("100", 99, None),
        ("１００", 99, None),
        ("²", 99, None),
        ("②", 99, None),
        ("٣", 99, None),
        ("-1", 99, None),
        ("1.5", 99, None),
        ("", 99, None),
    ],
)
def test_whole_numbers_are_read_in_ascii_or_full_width_digits(
    typed: str, most: int, read: int | None
) -> None:
    assert whole_number(typed, most) == read
