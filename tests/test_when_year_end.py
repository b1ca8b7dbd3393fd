"""A date gone at the turn of the year is refused as passed, as one gone within the year is:
"dec 31 11pm" typed on January 1 is not next December's. And a year typed just behind (last
year's number, typed out of habit in January, or a January date typed in December with this
year's) points to the same date a year on, in the member's own words. As a tester met them in
Denver."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

DEN = "America/Denver"
NEW_YEARS_1AM = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)  # Friday January 1, 2027, 1:00 AM
JAN_5 = datetime(2027, 1, 5, 17, 0, tzinfo=UTC)
JAN_20 = datetime(2027, 1, 20, 17, 0, tzinfo=UTC)
DEC_5 = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # Saturday December 5, 2026, noon


def refusal(text: str, at: datetime) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=DEN)
    return refused.value.message


def local(text: str, at: datetime) -> str:
    return f"{parse_when(text, now=at, member_zone=DEN).local:%a %Y-%m-%d %H:%M}"


@pytest.mark.parametrize(
    ("text", "at", "read_as", "hint"),
    [
        (
            "dec 20 10am",
            NEW_YEARS_1AM,
            "Sunday December 20, 2026 10:00 AM",
            "For the next one, add the year: dec 20 2027 10am.",
        ),
        (
            "dec 28 10am",
            JAN_5,
            "Monday December 28, 2026 10:00 AM",
            "For the next one, add the year: dec 28 2027 10am.",
        ),
        (
            "dec 1 10am",
            JAN_20,
            "Tuesday December 1, 2026 10:00 AM",
            "For the next one, add the year: dec 1 2027 10am.",
        ),
    ],
)
def test_a_december_date_gone_weeks_ago_is_refused_in_january(
    text: str, at: datetime, read_as: str, hint: str
) -> None:
    assert refusal(text, at) == (
        f"I read that as {read_as} (America/Denver), which has passed. {hint}"
    )


def test_a_date_gone_this_week_across_new_year_offers_next_year() -> None:
    # Within the year the same day next week is offered; across New Year next year's date,
    # as a week on is another thing than the last night of the year.
    assert refusal("dec 31 11pm", NEW_YEARS_1AM) == (
        "I read that as Thursday December 31, 2026 11:00 PM (America/Denver), which has "
        "passed. For the next one, add the year: dec 31 2027 11pm."
    )
    assert refusal("12/31 10am", NEW_YEARS_1AM).startswith(
        "I read that as Thursday December 31, 2026 10:00 AM (America/Denver), which has passed."
    )


def test_a_date_gone_this_week_within_the_year_still_offers_next_week_only() -> None:
    assert refusal("dec 1 10am", DEC_5).endswith(
        "which has passed. For Tuesday December 8, write dec 8 10am."
    )


def test_a_date_gone_over_60_days_ago_is_next_years() -> None:
    assert local("nov 10 10am", JAN_20) == "Wed 2027-11-10 10:00"
    assert local("oct 10 10am", NEW_YEARS_1AM) == "Sun 2027-10-10 10:00"


def test_a_date_still_ahead_in_january_is_this_years() -> None:
    assert local("jan 3 10am", NEW_YEARS_1AM) == "Sun 2027-01-03 10:00"
    assert local("jan 1 10am", NEW_YEARS_1AM) == "Fri 2027-01-01 10:00"


@pytest.mark.parametrize(
    ("text", "at", "hint"),
    [
        # Last year's number typed out of habit in January.
        ("jan 9 2026 10am", NEW_YEARS_1AM, "For the next one, write jan 9 2027 10am."),
        ("1/9/26 10am", NEW_YEARS_1AM, "For the next one, write 1/9/27 10am."),
        # In December, a January date typed with this year's number.
        ("jan 3 2026 10am", DEC_5, "For the next one, write jan 3 2027 10am."),
        ("oct 10 2026 10am", DEC_5, "For the next one, write oct 10 2027 10am."),
        ("2026-11-01 09:30", DEC_5, "For the next one, write 2027-11-01 09:30."),
    ],
)
def test_a_year_typed_just_behind_points_to_the_same_date_a_year_on(
    text: str, at: datetime, hint: str
) -> None:
    assert f"which has passed. {hint}" in refusal(text, at)


def test_last_years_date_gone_last_night_offers_this_years() -> None:
    assert refusal("dec 31 2026 11pm", NEW_YEARS_1AM).endswith(
        "which has passed. For the next one, write dec 31 2027 11pm."
    )


def test_a_year_further_behind_points_to_the_next_one_ahead() -> None:
    assert refusal("dec 5 2025 10am", NEW_YEARS_1AM) == (
        "I read the year as 2025, which has passed. For the next one, write dec 5 2027 10am."
    )
    # Last year's date whose day has passed this year too: no date a year on to offer.
    assert refusal("dec 5 2025 10am", DEC_5).startswith("I read the year as 2025, which has passed")


def test_a_weekday_counted_in_a_year_just_behind_points_to_that_weekday_a_year_on() -> None:
    # The first Saturday of January 2027 is the 2nd, not the 3rd.
    assert refusal("the first saturday of january 2026 10am", NEW_YEARS_1AM).endswith(
        "For the next one, Saturday January 2, 2027, write the first saturday of january 2027 10am."
    )


def test_a_weekday_typed_beside_a_year_just_behind_is_the_date_a_years_on() -> None:
    # November 20, 2027 is a Saturday: "Friday November 20 2027" would be refused.
    assert refusal("Friday November 20, 2026 10:00 AM", DEC_5).endswith(
        "For the next one, Saturday November 20, 2027, write Saturday November 20 2027 10:00 AM."
    )


def test_a_weekday_beside_a_date_gone_that_fits_next_years_reads_next_years() -> None:
    # December 11, 2026 was a Friday; December 11, 2027 is the Saturday named.
    assert local("sat dec 11 10am", NEW_YEARS_1AM) == "Sat 2027-12-11 10:00"


def test_a_weekday_beside_a_date_gone_that_fits_neither_is_pointed_out() -> None:
    # Asking whether Sunday December 20 or Friday December 18 was meant would offer days gone:
    # the next one is offered, with its own weekday.
    assert refusal("fri dec 20 10am", JAN_5) == (
        "December 20, 2026 is a Sunday, not a Friday, and has passed. For the next one, "
        "Monday December 20, 2027, add the year: mon dec 20 2027 10am."
    )
    assert refusal("fri dec 5 2026 10am", NEW_YEARS_1AM) == (
        "December 5, 2026 is a Saturday, not a Friday, and has passed. For the next one, "
        "Sunday December 5, 2027, write sun dec 5 2027 10am."
    )
    # Not "sat dec 8 10am": December 8 is a Tuesday too.
    assert refusal("sat dec 1 10am", DEC_5) == (
        "December 1, 2026 is a Tuesday, not a Saturday, and has passed. For the next one, "
        "Wednesday December 1, 2027, add the year: wed dec 1 2027 10am."
    )
    assert refusal("tue dec 1 10am", DEC_5).endswith(
        "For Tuesday December 8, write tue dec 8 10am."
    )


def test_a_weekday_counted_in_december_typed_in_january_says_which_year() -> None:
    # December 26, 2026 has just gone: next December's is read, and the note says so.
    assert parse_when(
        "the last saturday of december 10am", now=NEW_YEARS_1AM, member_zone=DEN
    ).notes == ("“last saturday of december” read as Saturday December 25, 2027.",)
    # One of this year still months ahead needs no note.
    assert (
        parse_when("the first saturday of march 10am", now=NEW_YEARS_1AM, member_zone=DEN).notes
        == ()
    )


def test_the_next_one_of_a_date_ended_by_midnight_is_that_date_a_year_on() -> None:
    # "dec 31 midnight" ends December 31: read as January 1, its next one is Dec 31 2027.
    assert refusal("dec 31 midnight", JAN_20).endswith(
        "For the next one, add the year: dec 31 2027 midnight."
    )
    assert refusal("dec 31 2026 midnight", JAN_5).endswith(
        "For the next one, write dec 31 2027 midnight."
    )
