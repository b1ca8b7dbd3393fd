"""A weekday counted in next month ("the 1st sat of next month", "first saturday of next month
10am") is read as that month's, the month after the member's own day in their zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import local, notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 1st sat of next month 10am", "Sat 2027-01-02 10:00"),
        ("first saturday of next month 10am", "Sat 2027-01-02 10:00"),
        ("last sun of next month 2pm", "Sun 2027-01-31 14:00"),
        # Without "of", as members type it too.
        ("1st sat next month 10am", "Sat 2027-01-02 10:00"),
    ],
)
def test_a_weekday_of_next_month_is_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_it_says_which_month_it_was_read_as() -> None:
    assert notes("the 1st sat of next month 10am") == (
        "“1st sat of next month” read as January's: Saturday January 2, 2027.",
    )


def test_next_month_is_counted_on_the_members_own_day() -> None:
    # 8 PM on November 30 in Chicago is already December 1 in UTC: next month is December.
    now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    when = parse_when("first sat of next month 10am", now=now, member_zone="America/Chicago")
    assert f"{when.local:%Y-%m-%d %H:%M}" == "2026-12-05 10:00"


def test_a_next_month_without_the_weekday_counted_is_refused() -> None:
    # January 2027 has five Fridays but February 2027 has four.
    now = datetime(2027, 1, 10, 15, 0, tzinfo=UTC)
    with pytest.raises(UserError) as refused:
        parse_when("5th fri of next month 7pm", now=now, member_zone="America/Chicago")
    assert refused.value.message == "February has no 5th Friday in 2027: give the date."
