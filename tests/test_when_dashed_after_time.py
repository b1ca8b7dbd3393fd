"""Two figures with a dash beside a time that may be hours ("sun 10am, 7-11", "sat 10-2 3pm")
are asked about, date or hours, never read as a date in silence: Sunday July 11, 2027 and
Saturday October 2, 2027 were meetups ten months out, their weekdays agreeing by chance; 7-11
may as well be the 7-Eleven or ages 7 to 11. A dashed date before the time with no weekday, as
calendars write it (12-12 9am), one that can be no hours (12-25, 12-12), and one weeks away
after a weekday (sat 12-19 10am: a range and a time would be two times, so no hours) are
dates; so is one before a range (sat 12-19 10-2), the date of its hours."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal


@pytest.mark.parametrize(
    ("text", "typed", "date", "start", "end", "hours"),
    [
        ("sun 10am, 7-11", "7-11", "Jul 11", "7", "11", "7am-11am or 7pm-11pm"),
        ("sun 10am 7-11", "7-11", "Jul 11", "7", "11", "7am-11am or 7pm-11pm"),
        ("10am 1-2", "1-2", "Jan 2", "1", "2", "1am-2am or 1pm-2pm"),
        ("sat 10am 12-5", "12-5", "Dec 5", "12", "5", "12pm-5pm"),
        ("sat 10am 12-24", "12-24", "Dec 24", "12", "24", "12pm-12am"),
        # A weekday before it, agreeing with the date by chance, or not at all, months away.
        ("sat 10-2 3pm", "10-2", "Oct 2", "10", "2", "10am-2pm"),
        ("sun 10-2 3pm", "10-2", "Oct 2", "10", "2", "10am-2pm"),
        # A slash after a time is as much the 7-Eleven or hours as a dash.
        ("sun 10am, 7/11", "7/11", "Jul 11", "7", "11", "7am-11am or 7pm-11pm"),
        ("10am 12/19", "12/19", "Dec 19", "12", "19", "12pm-7pm"),
        # A weekday before a near date on it and no time: the date, or hours on the weekday.
        ("fri 12-11", "12-11", "Dec 11", "12", "11", "12pm-11pm"),
        ("sat 12-5", "12-5", "Dec 5", "12", "5", "12pm-5pm"),
    ],
)
def test_a_dashed_pair_that_may_be_hours_is_asked_about(
    text: str, typed: str, date: str, start: str, end: str, hours: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” may be a date or hours ({start} to {end}): for the date, name its month, "
        f"like {date}; for hours, give them as the time, like {hours}. A place goes in the "
        "location option."
    )


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("12-12 9am", "Sat 2026-12-12 09:00"),
        ("1-2 9am", "Sat 2027-01-02 09:00"),
        ("sat 12-12 9am", "Sat 2026-12-12 09:00"),  # no range ends as it starts
        ("10am 12-25", "Fri 2026-12-25 10:00"),  # no 25 o'clock
        ("10am 12-12", "Sat 2026-12-12 10:00"),
        ("10am, 12/12", "Sat 2026-12-12 10:00"),
        ("10am 12/25", "Fri 2026-12-25 10:00"),
    ],
)
def test_a_dashed_date_that_can_be_no_hours_is_still_the_date(text: str, read: str) -> None:
    assert local(text) == read


def test_the_range_beside_a_time_is_quoted_as_typed_among_two_times() -> None:
    assert refusal("sat 10am 7 to 11") == (
        "I found two times, “10am” and “7 to 11”; give one, or a range such as 10am-2pm."
    )


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sat 12-19 10am", "Sat 2026-12-19 10:00"),  # tomorrow week
        ("fri 12-11 6pm", "Fri 2026-12-11 18:00"),  # next Friday
        ("sat 1-9 10am", "Sat 2027-01-09 10:00"),
        ("Sat. 12-19 at 10am", "Sat 2026-12-19 10:00"),
    ],
)
def test_a_weekday_before_a_dashed_date_weeks_away_is_that_date(text: str, read: str) -> None:
    assert local(text) == read


def test_a_weekday_before_a_near_dashed_date_it_is_not_is_refused_with_both_days() -> None:
    assert refusal("sat 12-18 10am") == (
        "December 18, 2026 is a Friday, not a Saturday: for Friday December 18 write "
        "fri dec 18 10am, for Saturday December 19 write sat dec 19 10am."
    )


@pytest.mark.parametrize(
    ("text", "read", "hours"),
    [
        ("sat 12-19 10-2", "Sat 2026-12-19 10:00", 4),
        ("12-19 10am-2pm", "Sat 2026-12-19 10:00", 4),
        ("sat 12-19 from 10-2", "Sat 2026-12-19 10:00", 4),
        ("fri 12-11 6-9pm", "Fri 2026-12-11 18:00", 3),
        ("sat 1-9 10-2", "Sat 2027-01-09 10:00", 4),
    ],
)
def test_a_dashed_date_before_a_range_is_the_date_of_the_range(
    text: str, read: str, hours: int
) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.duration) == (read, timedelta(hours=hours))


def test_a_dashed_pair_months_away_after_a_weekday_before_a_range_is_asked_about() -> None:
    assert refusal("sat 10-2 3-5").startswith("“10-2” may be a date or hours (10 to 2)")


def test_two_ranges_after_a_date_are_two_ranges() -> None:
    assert refusal("dec 19 10-2 7-11") == "I found two ranges, “10-2” and “7-11”; give one."


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("12-19 10", "Sat 2026-12-19 10:00"),
        ("sat 12-19 10", "Sat 2026-12-19 10:00"),
        ("12-19 10ish", "Sat 2026-12-19 10:00"),
        ("12-19 around 10", "Sat 2026-12-19 10:00"),
        ("12-12 10", "Sat 2026-12-12 10:00"),
        ("12-19 1930", "Sat 2026-12-19 19:30"),
        ("12-19-26 10", "Sat 2026-12-19 10:00"),
        ("12-5-2026 9", "Sat 2026-12-05 09:00"),
    ],
)
def test_a_lone_hour_after_a_dashed_date_is_its_hour(text: str, read: str) -> None:
    """As after a slashed one (12/19 10): it was refused, "write 12:10"."""
    assert local(text) == read


@pytest.mark.parametrize(
    ("text", "read", "hours"),
    [
        ("sat 10-2", "Sat 2026-12-05 10:00", 4),
        ("sat 12-3", "Sat 2026-12-05 12:00", 3),
        ("sat 12-11", "Sat 2026-12-05 12:00", 11),
        ("sat 12-5 in the afternoon", "Sat 2026-12-05 12:00", 5),
    ],
)
def test_a_dashed_pair_after_a_weekday_that_is_no_near_date_on_it_is_hours(
    text: str, read: str, hours: int
) -> None:
    """Oct 2 and Dec 3 are months away, where a weekday agrees by chance; December 11 is no
    Saturday; and a part of the day says hours."""
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.duration) == (read, timedelta(hours=hours))
