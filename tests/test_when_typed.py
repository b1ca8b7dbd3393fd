"""Ways members write times that the main table in test_when does not cover: clocks without a
colon, a day of the month alone, weeks named, cities for zones, decoration around the time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

NY, LA, DEN = "America/New_York", "America/Los_Angeles", "America/Denver"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4: 7:30 AM in Los Angeles
SUN = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)  # Sunday December 6: 10:00 AM in Los Angeles
MON = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)  # Monday December 7


def local(text: str, now: datetime = FRI, zone: str = LA) -> str:
    """The wall-clock time `text` is read as, in the zone it is read in."""
    return f"{parse_when(text, now=now, member_zone=zone).local:%Y-%m-%d %H:%M}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 12-hour clocks written without a colon, or with a dot.
        ("sat 1030am", "2026-12-05 10:30"),
        ("sat 930pm", "2026-12-05 21:30"),
        ("sat 1230 pm", "2026-12-05 12:30"),
        ("sat 10.30am", "2026-12-05 10:30"),
        ("10.30am sat", "2026-12-05 10:30"),
        # A 24-hour clock of four digits beside a day, as the military and truckers write it.
        ("sat 1000", "2026-12-05 10:00"),
        ("sat 0930", "2026-12-05 09:30"),
        ("tomorrow 1930", "2026-12-05 19:30"),
        ("1800 sun", "2026-12-06 18:00"),
        ("sat 1000 hrs", "2026-12-05 10:00"),
    ],
)
def test_clocks_without_a_colon(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sat 1390am", "not a time on a 12-hour clock"),
        ("sat 2400", "the clock runs 0:00 to 23:59"),
        ("sat 1060", "the clock runs 0:00 to 23:59"),
        # A year after a date, never a clock: "Dec 5 2027" is not 8:27 PM.
        ("dec 5 1000", "has no time of day"),
    ],
)
def test_clocks_without_a_colon_that_are_not_times(text: str, message: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=FRI, member_zone=LA)
    assert message in refused.value.message


def test_a_four_digit_number_beside_a_date_is_still_its_year() -> None:
    assert local("dec 5 2027 10am") == "2027-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 10 o'clock", "2026-12-05 10:00"),
        ("sat 10 o’clock", "2026-12-05 10:00"),  # the apostrophe phones type
        ("sat 10 oclock", "2026-12-05 10:00"),
        ("sat 7 o'clock pm", "2026-12-05 19:00"),
    ],
)
def test_o_clock_is_an_hour(text: str, expected: str) -> None:
    assert local(text) == expected


def test_o_clock_without_am_or_pm_says_it_read_the_morning() -> None:
    when = parse_when("sat 7 o'clock", now=FRI, member_zone=LA)
    assert when.local.hour == 7
    assert any("read as 7:00 AM" in note for note in when.notes), when.notes
