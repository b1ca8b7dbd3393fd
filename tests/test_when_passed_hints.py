"""A time refused as passed says what to type instead: a date of this week points to the same
day next week (a year on is not what "dec 5" typed on Dec 5 means), any other time to today's
or tomorrow's at the same hour. And an edit's "for the coming Saturday" names one still ahead.
As a tester met them on Saturday December 5, 12:10 PM in Denver."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

DEN = "America/Denver"
SAT_NOON = datetime(2026, 12, 5, 19, 10, tzinfo=UTC)  # Saturday December 5, 12:10 PM in Denver
SAT_8AM = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)
SAT_4PM = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)


def refusal(text: str, *, at: datetime = SAT_NOON) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=DEN)
    return refused.value.message


def edit_notes(text: str, near: date, *, at: datetime = SAT_NOON) -> tuple[str, ...]:
    return parse_when(text, now=at, member_zone=DEN, near=near).notes


def test_an_edit_names_no_coming_saturday_whose_time_has_passed() -> None:
    # 9 AM today is gone: the coming Saturday at 9 AM is December 12, the meetup's own date.
    assert edit_notes("sat 9am", date(2026, 12, 12)) == ()


def test_an_edit_names_the_next_saturday_whose_time_is_ahead() -> None:
    assert edit_notes("sat 9am", date(2026, 12, 19)) == (
        "“sat” read as the date's own day, Saturday December 19; for the coming Saturday, "
        "December 12, write dec 12.",
    )
    assert (
        "for the coming Saturday, December 5, write dec 5."
        in edit_notes("sat 9am", date(2026, 12, 19), at=SAT_8AM)[0]
    )


def test_todays_date_at_an_hour_gone_points_to_a_later_hour_and_next_weeks_day() -> None:
    assert refusal("dec 5 9am") == (
        "I read that as Saturday December 5, 2026 9:00 AM (America/Denver), which has passed. "
        "For later today, give an hour after 12:10 PM; for Saturday December 12, write "
        "dec 12 9am."
    )


def test_a_date_gone_this_week_points_to_next_weeks_in_the_members_words() -> None:
    assert refusal("12/3 1am PT").endswith(
        "which has passed. For Thursday December 10, write dec 10 1am PT."
    )
    assert "2027" not in refusal("12/3 1am PT")


def test_a_date_gone_over_a_week_ago_still_points_to_next_year() -> None:
    assert refusal("nov 20 10am").endswith("For the next one, add the year: nov 20 2027 10am.")


def test_yesterday_points_to_today_and_tomorrow_at_that_hour() -> None:
    assert refusal("yesterday 3pm") == (
        "I read that as Friday December 4, 2026 3:00 PM (America/Denver), which has passed. "
        "A meetup is set for a time ahead: try today 3pm or tomorrow 3pm."
    )
    # 4 PM in Denver is 3 PM in Los Angeles: 2:30 PM there has passed today.
    assert refusal("yesterday 2:30pm PT", at=SAT_4PM).endswith(
        "A meetup is set for a time ahead: try tomorrow 2:30pm PT."
    )


def test_a_day_gone_without_a_time_says_what_to_type() -> None:
    assert refusal("yesterday") == (
        "“yesterday” was Friday December 4, 2026, which has passed. A meetup is set for a time "
        "ahead: try tomorrow 10am."
    )


def test_a_full_date_gone_and_a_discord_time_gone_say_what_to_type() -> None:
    # A year typed: the same date a year on, in the member's own words.
    assert refusal("2026-11-01 09:30").endswith("For the next one, write 2027-11-01 09:30.")
    assert refusal("<t:1700000000:R>").endswith("or tomorrow 3:13pm.")


def test_midnight_gone_points_to_the_end_of_the_same_day_next_week() -> None:
    # 12:30 AM on Sunday: "dec 5 midnight" ended Saturday, and next week's ends Saturday the 12th.
    sunday_night = datetime(2026, 12, 6, 7, 30, tzinfo=UTC)
    assert refusal("dec 5 midnight", at=sunday_night).endswith(
        "which has passed. For the midnight ending Saturday December 12, write dec 12 midnight."
    )


def test_both_halves_of_a_date_long_gone_still_say_what_to_type() -> None:
    # "10:00" names no half: its morning and its evening a week ago have both gone.
    assert refusal("2026-11-28 10:00", at=SAT_4PM) == (
        "I read that as Saturday November 28, 2026 10:00 AM (America/Denver), which has passed. "
        "“10:00” read as 10:00 AM (24-hour clock), and 10:00 PM has passed too. For the next "
        "one, write 2027-11-28 10:00."
    )
