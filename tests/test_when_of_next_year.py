"""A weekday counted in next year ("the first saturday of next year", "last sun of this year")
is read as that year's, counted from the member's own day in their zone: January's first,
December's last; one of this year already gone is refused with next year's to write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import local, notes, refusal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first saturday of next year 10am", "Sat 2027-01-02 10:00"),
        ("the 1st sat of next year 10am", "Sat 2027-01-02 10:00"),
        ("2nd sat in next year 10am", "Sat 2027-01-09 10:00"),
        ("last sat of next year 10am", "Sat 2027-12-25 10:00"),
        ("last sun of this year 2pm", "Sun 2026-12-27 14:00"),
        # Without "of", as members type it of a month too.
        ("1st sat next year 10am", "Sat 2027-01-02 10:00"),
    ],
)
def test_a_weekday_counted_in_a_year_is_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_it_says_which_day_it_was_read_as() -> None:
    assert notes("first saturday of next year 10am") == (
        "“first saturday of next year” read as Saturday January 2, 2027.",
    )


def test_the_fifth_of_a_year_is_counted_in_the_year_not_in_january() -> None:
    # January 2028 has four Saturdays after the 1st's: the fifth of the year is the 29th.
    at = datetime(2027, 6, 1, 15, 0, tzinfo=UTC)
    assert local("fifth sat of next year 10am", at=at) == "Sat 2028-01-29 10:00"
    assert local("1st sat of next year 10am", at=at) == "Sat 2028-01-01 10:00"


def test_next_year_is_counted_on_the_members_own_day() -> None:
    # 8 PM on December 31 in Chicago is already 2027 in UTC: next year is 2027 there.
    now = datetime(2027, 1, 1, 2, 0, tzinfo=UTC)
    when = parse_when("first sat of next year 10am", now=now, member_zone="America/Chicago")
    assert f"{when.local:%Y-%m-%d %H:%M}" == "2027-01-02 10:00"


def test_one_of_this_year_gone_is_refused_with_next_years_to_write() -> None:
    assert refusal("first sat of this year 10am") == (
        "I read that as Saturday January 3, 2026 10:00 AM (America/Chicago), which has passed. "
        "For the next one, Saturday January 2, 2027, write first sat of next year 10am."
    )


def test_without_a_time_it_asks_for_one() -> None:
    with pytest.raises(UserError, match="“first saturday of next year” has no time of day"):
        parse_when(
            "first saturday of next year",
            now=datetime(2026, 12, 4, tzinfo=UTC),
            member_zone="America/Chicago",
        )
