"""A weekday named alone in an edit is read beside the date it moves (`near`), not as the next
one from now: a Saturday weeks ahead given "sat 9am" keeps its day, and "sun" moves it a day on.
A date written out keeps its meaning as typed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

FRIDAY_EVENING = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)  # Fri Dec 4, 9:30 PM in Denver
SAT_DEC_19 = date(2026, 12, 19)


def read(text: str, near: date = SAT_DEC_19) -> str:
    when = parse_when(text, now=FRIDAY_EVENING, template_zone="America/Denver", near=near)
    return f"{when.local:%a %Y-%m-%d %H:%M}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 9am", "Sat 2026-12-19 09:00"),
        ("saturday 10:30am", "Sat 2026-12-19 10:30"),
        ("sun 11am", "Sun 2026-12-20 11:00"),
        ("fri 7pm", "Fri 2026-12-18 19:00"),
        ("mon 7pm", "Mon 2026-12-21 19:00"),
        ("wed 7pm", "Wed 2026-12-16 19:00"),
    ],
)
def test_a_weekday_alone_is_the_one_nearest_the_date(text: str, expected: str) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dec 5 9am", "Sat 2026-12-05 09:00"),
        ("12/5 9am", "Sat 2026-12-05 09:00"),
        ("tomorrow 9am", "Sat 2026-12-05 09:00"),
        ("next sat 9am", "Sat 2026-12-12 09:00"),
        ("this sat 9am", "Sat 2026-12-05 09:00"),
        ("sat dec 12 9am", "Sat 2026-12-12 09:00"),
        ("9am", "Sat 2026-12-05 09:00"),
    ],
)
def test_a_day_written_out_keeps_its_meaning(text: str, expected: str) -> None:
    assert read(text) == expected


def test_the_reading_says_the_rule_and_how_to_name_the_coming_one() -> None:
    def notes(text: str) -> tuple[str, ...]:
        return parse_when(
            text, now=FRIDAY_EVENING, template_zone="America/Denver", near=SAT_DEC_19
        ).notes

    assert (
        "“sun” read as Sunday December 20, the Sunday nearest the date moved (Saturday "
        "December 19); for the coming Sunday, December 6, write dec 6."
    ) in notes("sun 11am")
    assert (
        "“sat” read as the date's own day, Saturday December 19; for the coming Saturday, "
        "December 5, write dec 5."
    ) in notes("sat 9am")
    # Beside a date that is the coming one, the reading is the usual one: nothing to say.
    assert (
        parse_when(
            "sat 9am", now=FRIDAY_EVENING, template_zone="America/Denver", near=date(2026, 12, 5)
        ).notes
        == ()
    )


def test_a_weekday_beside_a_date_tomorrow_that_falls_today_has_passed() -> None:
    with pytest.raises(UserError) as refused:
        read("fri 9am", near=date(2026, 12, 5))
    assert "Friday December 4, 2026 9:00 AM" in refused.value.message
    assert "which has passed" in refused.value.message
