"""A weekday typed beside a date gone that it does not fall on is pointed out before the date
is refused as passed, and the next one offered keeps the time typed and names a weekday it
falls on (tester 21, W3). As a tester met them in Denver on December 5, 2026."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import UserError
from bot.when import parse_when

DEN = "America/Denver"
DEC_5 = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # Saturday December 5, 2026, noon


def refusal(text: str, at: datetime) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=DEN)
    return refused.value.message


def test_a_weekday_that_a_date_gone_does_not_fall_on_is_pointed_out() -> None:
    # January 2, 2027 is the Saturday typed: the next one keeps it and the time.
    assert refusal("sat jan 2 2026 10am", DEC_5) == (
        "January 2, 2026 is a Friday, not a Saturday, and has passed. For the next one, "
        "Saturday January 2, 2027, write sat jan 2 2027 10am."
    )


def test_the_next_one_of_a_date_gone_keeps_the_time_and_names_its_own_weekday() -> None:
    assert refusal("fri jan 2 2026 10am", DEC_5).endswith(
        "which has passed. For the next one, Saturday January 2, 2027, write sat jan 2 2027 10am."
    )


def test_a_weekday_that_a_date_ahead_does_not_fall_on_offers_both_with_the_time() -> None:
    assert refusal("sat dec 10 10am", DEC_5) == (
        "December 10, 2026 is a Thursday, not a Saturday: for Thursday December 10 write "
        "thu dec 10 10am, for Saturday December 12 write sat dec 12 10am."
    )
    assert refusal("Friday January 2, 2027 at 7pm", DEC_5) == (
        "January 2, 2027 is a Saturday, not a Friday: for Saturday January 2 write "
        "Saturday Jan 2 2027 at 7pm, for Friday January 1 write Friday Jan 1 2027 at 7pm."
    )


def test_a_weekday_that_moves_a_date_gone_a_year_on_says_so() -> None:
    # Two hours after Thursday December 31, 2026 11 PM: only next year's is a Friday.
    just_after = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    read = parse_when("fri dec 31 11pm", now=just_after, member_zone=DEN)
    assert f"{read.local:%a %Y-%m-%d %H:%M}" == "Fri 2027-12-31 23:00"
    assert read.notes == (
        "“fri dec 31” read as Friday December 31, 2027: Thursday December 31, 2026 has passed.",
    )
    # A date months ahead fits its weekday without a year moved: nothing to say.
    assert parse_when("sat mar 6 10am", now=just_after, member_zone=DEN).notes == ()


def test_a_year_further_behind_points_to_the_next_one_ahead() -> None:
    # January 3, 2026 has passed too: the next one is 2027's.
    assert refusal("jan 3 2025 10am", DEC_5) == (
        "I read the year as 2025, which has passed. For the next one, write jan 3 2027 10am."
    )
    assert refusal("1/3/25 10am", DEC_5) == (
        "I read the year as 2025, which has passed. For the next one, write 1/3/27 10am."
    )
    assert refusal("sat jan 3 2025 10am", DEC_5) == (
        "I read the year as 2025, which has passed. For the next one, Sunday January 3, 2027, "
        "write sun jan 3 2027 10am."
    )


def test_a_weekday_written_the_japanese_way_is_written_as_the_next_ones() -> None:
    # December 5, 2027 is a Sunday (日), not the Saturday (土) of 2026's.
    assert refusal("12/5(土)10時〜", datetime(2027, 1, 1, 8, 0, tzinfo=UTC)).endswith(
        "For the next one, Sunday December 5, 2027, add the year: dec 5 2027(日)10時〜. "
        "For May 12, write 5/12 or May 12."
    )


def test_a_weekday_that_a_date_ahead_does_not_fall_on_offers_each_date_with_its_year() -> None:
    # Friday January 1 is 2027's: the year typed is written as the one it falls in.
    assert refusal("fri dec 31 2026 10am", DEC_5) == (
        "December 31, 2026 is a Thursday, not a Friday: for Thursday December 31 write "
        "thu dec 31 2026 10am, for Friday January 1 write fri jan 1 2027 10am."
    )
    # "fri mar 3 10am" alone would read as 2027's, a Wednesday.
    assert refusal("fri feb 29 10am", DEC_5) == (
        "February 29, 2028 is a Tuesday, not a Friday: for Tuesday February 29 write "
        "tue feb 29 10am, for Friday March 3 write fri mar 3 2028 10am."
    )


def test_a_weekday_that_a_date_ahead_does_not_fall_on_offers_only_days_still_ahead() -> None:
    # Today's 10 AM and yesterday's Friday are gone: the next Friday is offered.
    assert refusal("fri dec 5 10am", DEC_5) == (
        "December 5, 2026 is a Saturday, not a Friday, and has passed. "
        "For Friday December 11, write fri dec 11 10am."
    )
    assert refusal("mon dec 31 10am", datetime(2026, 12, 31, 15, 0, tzinfo=UTC)) == (
        "December 31, 2026 is a Thursday, not a Monday: for Thursday December 31 write "
        "thu dec 31 10am, for Monday January 4 write mon jan 4 10am."
    )


def test_february_29_gone_offers_no_next_one_out_of_reach() -> None:
    # The next February 29 is 2032's, which a date typed may not name yet.
    just_after = datetime(2028, 3, 1, 18, 0, tzinfo=UTC)
    out_of_reach = "The next February 29 is in 2032, more than 2 years ahead."
    assert refusal("fri feb 29 10am", just_after) == (
        f"February 29, 2028 is a Tuesday, not a Friday, and has passed. {out_of_reach}"
    )
    assert refusal("feb 29 10am", just_after).endswith(f"which has passed. {out_of_reach}")


_OFFERED = re.compile(r"[Ff]or (\w+ \w+ \d+),? write ([^,]+?)(?=, for |\. |\.$)")


@pytest.mark.parametrize(
    "at",
    [
        DEC_5,
        datetime(2026, 12, 31, 15, 0, tzinfo=UTC),  # Thursday December 31, 8 AM
        datetime(2027, 1, 1, 8, 0, tzinfo=UTC),  # Friday January 1, 1 AM
        datetime(2027, 2, 27, 22, 0, tzinfo=UTC),  # Saturday February 27, 3 PM
    ],
)
def test_each_date_offered_for_a_weekday_it_does_not_fall_on_reads_as_offered(
    at: datetime,
) -> None:
    today = at.astimezone(ZoneInfo(DEN)).date()
    dates = [today + timedelta(days=n) for n in range(-3, 9)] + [date(2028, 2, 29)]
    offered = 0
    for day, weekday, time, year in itertools.product(
        dates, ("mon", "thu", "fri", "sat", "sun"), ("10am", "11pm", "noon"), (False, True)
    ):
        typed = f"{weekday} {day:%b} {day.day}{f' {day.year}' if year else ''} {time}".casefold()
        message = _refusal_if_any(typed, at)
        if ", not a " not in message:
            continue
        for named, written in _OFFERED.findall(message):
            read = parse_when(written, now=at, member_zone=DEN).local
            assert f"{read:%A %B} {read.day}" == named, (typed, message)
            offered += 1
    assert offered > 100


def _refusal_if_any(text: str, at: datetime) -> str:
    try:
        parse_when(text, now=at, member_zone=DEN)
    except UserError as refused:
        return refused.message
    return ""
