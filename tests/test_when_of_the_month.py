"""A weekday counted in "the month" ("first sat of the month 10am", as monthly meetups are
announced) is this month's while it is still ahead, else next month's; a note says which."""

from __future__ import annotations

import pytest

from tests.when_reading import local, notes


@pytest.mark.parametrize(
    ("text", "expected", "note"),
    [
        (
            "first sat of the month 10am",
            "Sat 2026-12-05 10:00",
            "“first sat of the month” read as December's: Saturday December 5.",
        ),
        (
            "the last saturday of the month 7pm",
            "Sat 2026-12-26 19:00",
            "“last saturday of the month” read as December's: Saturday December 26.",
        ),
        (
            "1st thu in the month 6pm",
            "Thu 2027-01-07 18:00",
            "“1st thu in the month” read as January's: Thursday January 7, 2027 (December's "
            "has passed).",
        ),
    ],
)
def test_a_weekday_of_the_month_is_the_next_one_ahead(text: str, expected: str, note: str) -> None:
    assert local(text) == expected
    assert note in notes(text)


def test_a_month_without_the_weekday_counted_is_passed_over() -> None:
    # December 2026 has four Fridays; January 2027 has five.
    assert local("5th fri of the month 7pm") == "Fri 2027-01-29 19:00"
    assert notes("5th fri of the month 7pm")[0] == (
        "“5th fri of the month” read as January's: Friday January 29, 2027 (December has no "
        "5th Friday)."
    )
