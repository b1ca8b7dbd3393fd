"""New Year's Eve typed just after it, at 1 AM on January 1, is refused as passed with next
year's to write, as any date gone across New Year is: not the same weekday a week on, a day
not typed. No time is added that was not typed, and midnight keeps the bot's rule (it ends
the date named). Tester 21, N8, as met in Denver."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

DEN = "America/Denver"
NEW_YEARS_1AM = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)  # Friday January 1, 2027, 1:00 AM
DEC_7 = datetime(2026, 12, 7, 19, 0, tzinfo=UTC)  # Monday December 7, 2026, noon


def refusal(text: str, at: datetime) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=at, member_zone=DEN)
    return refused.value.message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("new year's eve 11pm", "For the next one, add the year: dec 31 2027 11pm."),
        ("nye 9pm", "For the next one, add the year: dec 31 2027 9pm."),
        ("dec 31 11pm", "For the next one, add the year: dec 31 2027 11pm."),
        ("dec 31 midnight", "For the next one, add the year: dec 31 2027 midnight."),
    ],
)
def test_new_years_eve_gone_offers_next_years_only(text: str, hint: str) -> None:
    assert refusal(text, NEW_YEARS_1AM).endswith(f"which has passed. {hint}")


def test_a_date_gone_without_a_time_is_offered_without_one() -> None:
    assert refusal("dec 31", NEW_YEARS_1AM) == (
        "“dec 31” was Thursday December 31, 2026, which has passed. For the next one, add the "
        "year: dec 31 2027."
    )
    assert refusal("dec 5", DEC_7) == (
        "“dec 5” was Saturday December 5, 2026, which has passed. For Saturday December 12, "
        "write dec 12."
    )


def test_midnight_a_week_on_is_named_as_the_midnight_ending_that_date() -> None:
    # dec 12 midnight ends Saturday December 12: it is the start of Sunday December 13.
    assert refusal("dec 5 midnight", DEC_7).endswith(
        "which has passed. For the midnight ending Saturday December 12, write dec 12 midnight."
    )


def test_a_refusal_in_the_members_own_words_adds_no_time_not_typed() -> None:
    # Read with an example hour to be refused: the texts offered are of what was typed.
    assert refusal("5 december 25", NEW_YEARS_1AM) == (
        "I read the year as 2025, which has passed. For the next one, write 5 december 27."
    )
    assert refusal("sat dec 10", DEC_7) == (
        "December 10, 2026 is a Thursday, not a Saturday: for Thursday December 10 write "
        "thu dec 10, for Saturday December 12 write sat dec 12."
    )
    assert refusal("sat jan 2 2026", DEC_7) == (
        "January 2, 2026 is a Friday, not a Saturday, and has passed. For the next one, "
        "Saturday January 2, 2027, write sat jan 2 2027."
    )


def test_a_holiday_gone_within_the_year_offers_next_years_not_a_week_on() -> None:
    # Christmas comes once a year: January 1 is not it.
    dec_27 = datetime(2026, 12, 27, 19, 0, tzinfo=UTC)
    assert refusal("christmas 6pm", dec_27).endswith(
        "which has passed. For the next one, add the year: dec 25 2027 6pm."
    )
    assert refusal("christmas eve", dec_27) == (
        "“christmas eve” was Thursday December 24, 2026, which has passed. For the next one, "
        "add the year: dec 24 2027."
    )
