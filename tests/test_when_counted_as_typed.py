"""A weekday counted in a month is quoted as the member typed it ("the first saturday", not
"1st saturday", which was read from it), in what it was read as and in the next one to write;
and one typed without its month ("first saturday 10am", as a monthly series is said) is the
month's, this month's while ahead, as "of the month" is. As a tester met them in Denver."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

DEN = "America/Denver"
SAT_NOON = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # Saturday December 5, 2026, noon
SUN = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # Sunday December 6, 10:00 AM
TUE = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # Tuesday December 1, 10:00 AM


def read(text: str, at: datetime = SAT_NOON) -> tuple[str, tuple[str, ...]]:
    when = parse_when(text, now=at, member_zone=DEN)
    return f"{when.local:%a %Y-%m-%d %H:%M}", when.notes


def refusal(text: str, at: datetime = SAT_NOON) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=DEN)
    return refused.value.message


def test_what_it_was_read_as_quotes_the_words_typed() -> None:
    assert read("the first saturday of january 10am")[1] == (
        "“first saturday of january” read as Saturday January 2, 2027.",
    )
    assert read("The First Sat of the month 10am", SUN)[1] == (
        "“First Sat of the month” read as January's: Saturday January 2, 2027 (December's has "
        "passed).",
    )


def test_the_next_one_to_write_is_in_the_words_typed() -> None:
    assert refusal("the first saturday of december 9am").endswith(
        "add the year: the first saturday of december 2027 9am."
    )
    assert refusal("the first saturday of this month 9am").endswith(
        "write the first saturday of next month 9am."
    )


@pytest.mark.parametrize(
    ("text", "at", "expected", "note"),
    [
        (
            "first saturday 10am",
            SUN,
            "Sat 2027-01-02 10:00",
            "“first saturday” read as January's: Saturday January 2, 2027 (December's has passed).",
        ),
        (
            "first saturday 10am",
            TUE,
            "Sat 2026-12-05 10:00",
            "“first saturday” read as December's: Saturday December 5.",
        ),
        (
            "the second sat 10am",
            SUN,
            "Sat 2026-12-12 10:00",
            "“second sat” read as December's: Saturday December 12.",
        ),
    ],
)
def test_a_weekday_counted_without_its_month_is_the_months(
    text: str, at: datetime, expected: str, note: str
) -> None:
    assert read(text, at) == (expected, (note,))


def test_todays_without_its_month_gone_points_to_next_months() -> None:
    assert refusal("first saturday 10am").endswith(
        "For the next one, Saturday January 2, 2027, write first saturday of next month 10am."
    )


def test_an_ordinal_without_a_month_is_still_a_day_of_the_month() -> None:
    # "the 2nd sat" may be Saturday the 2nd: read so, as before.
    assert read("the 2nd sat 10am", SUN)[0] == "Sat 2027-01-02 10:00"


def test_last_saturday_without_a_month_is_not_read_as_the_months() -> None:
    # "last saturday" is more often the one gone by: refused as it was, not read as December 26.
    assert "last" in refusal("last saturday 10am")
