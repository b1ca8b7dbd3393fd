"""Everyday ways members write a time that were refused or read against what they say: the
24-hour clock written without a colon after a date (dec 12 1930, 12/12 0900), approx 10am,
tonite, 2 weeks from sat, 12-12-2026, the twelfth, 土曜の朝10時, 3日後, 7pm onwards; sat 10 30
is refused saying how to write it."""

from __future__ import annotations

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dec 12 1930", "Sat 2026-12-12 19:30"),
        ("12/12 0900", "Sat 2026-12-12 09:00"),
        ("the 12th 2130", "Sat 2026-12-12 21:30"),
        ("12/12/2026 1930", "Sat 2026-12-12 19:30"),
        ("dec 12 2026 1930", "Sat 2026-12-12 19:30"),
        ("12/12 930", "Sat 2026-12-12 09:30"),
        ("dec 12 1000", "Sat 2026-12-12 10:00"),
    ],
)
def test_the_24_hour_clock_without_a_colon_after_a_date_is_its_time(
    text: str, expected: str
) -> None:
    """As after a weekday (sat 1930): dateutil would read 1930 as the year."""
    assert local(text) == expected


@pytest.mark.parametrize("text", ["dec 12 2027", "12/12 2027"])
def test_a_year_after_a_date_is_still_no_time(text: str) -> None:
    assert "has no time of day" in refusal(text)


@pytest.mark.parametrize(
    "text", ["sat approx 10am", "sat approx. 10am", "sat approximately 10am", "sat roughly 10am"]
)
def test_approximately_is_read_as_around_is(text: str) -> None:
    assert local(text) == "Sat 2026-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 weeks from sat 10am", "Sat 2026-12-19 10:00"),
        ("two weeks from saturday at 10am", "Sat 2026-12-19 10:00"),
        ("3 weeks from sun 9am", "Sun 2026-12-27 09:00"),
        ("a week from saturday 10am", "Sat 2026-12-12 10:00"),
        # "In 2 weeks on sat" is the Saturday of the week two weeks on: the same day.
        ("in 2 weeks on sat 10am", "Sat 2026-12-19 10:00"),
        ("in two weeks saturday at 10am", "Sat 2026-12-19 10:00"),
        ("sat 10am in 2 weeks", "Sat 2026-12-19 10:00"),
        ("in a week on sun 9am", "Sun 2026-12-13 09:00"),
        ("in 2 weeks on fri 7pm", "Fri 2026-12-18 19:00"),
    ],
)
def test_weeks_from_a_weekday_count_from_the_coming_one(text: str, expected: str) -> None:
    assert local(text) == expected


def test_days_before_a_weekday_are_still_two_days() -> None:
    assert "two days, “in 3 days” and “sat”" in refusal("in 3 days on sat 10am")


def test_weeks_from_a_weekday_too_far_ahead_are_refused_before_counting() -> None:
    assert (
        refusal("999999 weeks from sat 10am")
        == "“999999 weeks from sat” is more than 2 years ahead."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("tonite 8", "Fri 2026-12-04 20:00"), ("2nite 8pm", "Fri 2026-12-04 20:00")],
)
def test_tonight_as_texted_is_tonight(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    "text", ["sat 10 30", "12/12 10 30", "dec 12 10 30", "dec 12 at 10 30", "sat at 10 30"]
)
def test_a_time_with_a_space_for_its_colon_is_refused_saying_how_to_write_it(text: str) -> None:
    assert refusal(text) == "“10 30” is not a time of day; write 10:30."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12-12-2026 10:30am", "Sat 2026-12-12 10:30"),
        ("12-5-2026 at 9am", "Sat 2026-12-05 09:00"),
        # A year of two digits, as 12/12/26 has: past 24, no hour ends a range there.
        ("12-12-26 10:30am", "Sat 2026-12-12 10:30"),
        ("1-2-27 9am", "Sat 2027-01-02 09:00"),
    ],
)
def test_a_date_with_dashes_and_a_year_is_the_date_not_a_chain_of_ranges(
    text: str, expected: str
) -> None:
    assert local(text) == expected


def test_a_date_with_dashes_and_a_year_alone_asks_for_the_time() -> None:
    assert "has no time of day" in refusal("12-12-2026")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("土曜の朝10時", "Sat 2026-12-05 10:00"),
        ("土曜の夜7時", "Sat 2026-12-05 19:00"),
        ("日曜の夕方6時", "Sun 2026-12-06 18:00"),
        ("今度の土曜10時", "Sat 2026-12-05 10:00"),
        ("3日後10時", "Mon 2026-12-07 10:00"),
        ("1週間後の午後3時", "Fri 2026-12-11 15:00"),
    ],
)
def test_japanese_parts_of_the_day_and_days_from_now(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sat 7pm onwards",
        "sat 7pm onward",
        "sat 7pm start",
        "sat 7pm till late",
        "sat 7pm until late",
    ],
)
def test_a_start_with_no_end_is_its_start(text: str) -> None:
    assert local(text) == "Sat 2026-12-05 19:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the twelfth 10am", "Sat 2026-12-12 10:00"),
        ("sat the twelfth at 10am", "Sat 2026-12-12 10:00"),
        ("dec twelfth 10am", "Sat 2026-12-12 10:00"),
        ("december twenty-first 10am", "Mon 2026-12-21 10:00"),
        ("Dec. Twenty First 10am", "Mon 2026-12-21 10:00"),
        ("the first 10am", "Fri 2027-01-01 10:00"),
    ],
)
def test_a_day_of_the_month_in_words_is_that_day(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize("text", ["sat 12 10am", "12 10am", "the 12 10am"])
def test_a_bare_number_before_a_time_is_asked_about_not_dropped(text: str) -> None:
    """Only the 12 of "12 noon" says nothing; beside 10am it is a day, asked about as 13 is."""
    assert refusal(text) == "Which day is “12”? Name the month and the day, like Dec 5."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12 noon", "Fri 2026-12-04 12:00"), ("sat 12 noon", "Sat 2026-12-05 12:00")],
)
def test_the_12_of_12_noon_is_still_dropped(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am central standard", "America/Chicago"),
        ("sat 10am pacific daylight", "America/Los_Angeles"),
    ],
)
def test_a_zone_named_standard_or_daylight_without_time_is_that_zone(text: str, zone: str) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).zone_name == zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in half an hour", "Fri 2026-12-04 10:00"),
        ("in an hour and a half", "Fri 2026-12-04 11:00"),
        ("in 1.5 hours", "Fri 2026-12-04 11:00"),
        ("in 2.5 hrs", "Fri 2026-12-04 12:00"),
    ],
)
def test_half_hours_from_now(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("sat 10amPT", "America/Los_Angeles", "Sat 2026-12-05 10:00"),
        ("sat 10:30amCST", CHI, "Sat 2026-12-05 10:30"),
        ("sat 10pmEST", "America/New_York", "Sat 2026-12-05 22:00"),
        ("sat 1000PT", "America/Los_Angeles", "Sat 2026-12-05 10:00"),
        ("sat 10am-2pmET", "America/New_York", "Sat 2026-12-05 10:00"),
    ],
)
def test_a_zone_joined_to_its_time_is_read(text: str, zone: str, expected: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (when.zone_name, f"{when.local:%a %Y-%m-%d %H:%M}") == (zone, expected)
