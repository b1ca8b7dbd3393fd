"""A weekday counted in a month that is today, at a time passed today, is refused as passed with
the next one to ask for: next year's, or next month's, with its date, as a date without a year
is (For the next one, add the year: Dec 5 2027)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.when_reading import local, notes, refusal

SAT_AFTERNOON = datetime(2026, 12, 5, 22, 0, tzinfo=UTC)  # Saturday December 5, 4 PM in Chicago


def test_one_counted_in_a_month_named_points_to_next_years() -> None:
    assert refusal("first saturday of december 10am", at=SAT_AFTERNOON) == (
        "I read that as Saturday December 5, 2026 10:00 AM (America/Chicago), which has passed. "
        "For the next one, Saturday December 4, 2027, add the year: first saturday of december "
        "2027 10am."
    )


def test_the_year_it_points_to_is_read_as_that_ones_date() -> None:
    assert local("first saturday of december 2027 10am", at=SAT_AFTERNOON) == "Sat 2027-12-04 10:00"


def test_one_counted_in_the_month_points_to_next_months() -> None:
    assert refusal("1st sat of the month 10am", at=SAT_AFTERNOON).endswith(
        "which has passed. For the next one, Saturday January 2, 2027, write 1st sat of next "
        "month 10am."
    )


def test_one_counted_in_a_month_that_rolled_to_next_year_says_the_year() -> None:
    # December 4, the first Friday, has passed: the next is a year on, and the note says so.
    assert local("first friday of december 10am", at=SAT_AFTERNOON) == "Fri 2027-12-03 10:00"
    assert "“first friday of december” read as Friday December 3, 2027." in notes(
        "first friday of december 10am", at=SAT_AFTERNOON
    )
