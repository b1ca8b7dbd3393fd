"""A plain monthly repeat of a start typed as a counted weekday reads as that weekday rule."""

from __future__ import annotations

from datetime import date

import pytest

from bot.meetups.counted_weekday import counted_weekday_repeat

JAN_2, JAN_30 = date(2027, 1, 2), date(2027, 1, 30)  # the first and last Saturdays


@pytest.mark.parametrize(
    ("repeat", "when", "start", "read"),
    [
        ("monthly", "the first saturday in january 10am", JAN_2, "monthly on the first saturday"),
        ("Every month", "1st Sat of Jan 10am", JAN_2, "monthly on the first saturday"),
        ("monthly", "last sat of jan 10am", JAN_30, "monthly on the last saturday"),
        ("monthly", "the 5th saturday of jan", JAN_30, "monthly on the fifth saturday"),
        # Not named as a counted weekday, or not the one the start is: the repeat as typed.
        ("monthly", "jan 2 10am", JAN_2, None),
        ("monthly", "sat 10am", JAN_2, None),
        ("monthly", "the second saturday in january", JAN_2, None),
        ("monthly", "the first sunday in january", JAN_2, None),
        # A repeat saying more than "monthly" is read as the organizer wrote it.
        ("monthly, 6 times", "the first saturday in january", JAN_2, None),
        ("monthly on the 2nd", "the first saturday in january", JAN_2, None),
    ],
)
def test_counted_weekday_repeat(repeat: str, when: str, start: date, read: str | None) -> None:
    assert counted_weekday_repeat(repeat, when, start) == read
