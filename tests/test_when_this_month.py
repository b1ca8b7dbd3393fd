"""A weekday counted in "this month" is this month's, and one that has passed is refused with
next month's to write; "next month" and "this month" may be written without "of" ("1st sat
next month"), as members type them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.when_reading import local, notes, refusal

SAT_AFTERNOON = datetime(2026, 12, 5, 22, 0, tzinfo=UTC)  # Saturday December 5, 4 PM in Chicago


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first saturday of this month 9am", "Sat 2026-12-05 09:00"),
        ("the last sun of this month 2pm", "Sun 2026-12-27 14:00"),
        ("2nd sat this month 10am", "Sat 2026-12-12 10:00"),
    ],
)
def test_this_month_is_read_with_or_without_of(text: str, expected: str) -> None:
    assert local(text) == expected


def test_it_says_which_day_of_this_month_it_read() -> None:
    assert notes("first saturday of this month 9am") == (
        "“first saturday of this month” read as December's: Saturday December 5.",
    )


def test_one_of_this_month_already_gone_is_refused_with_next_months_to_write() -> None:
    assert refusal("first friday of this month 10am", at=SAT_AFTERNOON) == (
        "I read that as Friday December 4, 2026 10:00 AM (America/Chicago), which has passed. "
        "For the next one, Friday January 1, 2027, write first friday of next month 10am."
    )


def test_one_of_this_month_that_is_today_and_passed_points_to_next_months() -> None:
    assert refusal("1st sat this month 10am", at=SAT_AFTERNOON).endswith(
        "which has passed. For the next one, Saturday January 2, 2027, write 1st sat next "
        "month 10am."
    )


def test_a_fifth_this_month_has_not_is_refused() -> None:
    assert refusal("5th fri of this month 7pm") == (
        "December has no 5th Friday in 2026: give the date."
    )


def test_a_fifth_one_gone_points_to_the_next_month_that_has_one_by_name() -> None:
    # December 29 was the fifth Tuesday; January and February have four.
    at = datetime(2026, 12, 30, 18, 0, tzinfo=UTC)
    assert refusal("5th tue this month 7pm", at=at).endswith(
        "which has passed. For the next one, Tuesday March 30, 2027, write 5th tue of March 7pm."
    )
    assert local("5th tue of March 7pm", at=at) == "Tue 2027-03-30 19:00"
