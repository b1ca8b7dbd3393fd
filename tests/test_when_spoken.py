"""Times as members say them: 午後 3:30 with a space and a colon, 3時 without 午前/午後 (read on
the 24-hour clock, and said so), 24 and 24時 as the end of the day, and hours in words (six pm,
half past six, quarter to seven)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

CHI = "America/Chicago"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4, 9:30 AM in Chicago


def local(text: str) -> str:
    return f"{parse_when(text, now=FRI, member_zone=CHI).local:%a %Y-%m-%d %H:%M}"


def notes(text: str) -> tuple[str, ...]:
    return parse_when(text, now=FRI, member_zone=CHI).notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("午後 3:30", "Fri 2026-12-04 15:30"),
        ("午後3:30", "Fri 2026-12-04 15:30"),
        ("明日 午後 3:30", "Sat 2026-12-05 15:30"),
        ("12月5日 午前 10:15", "Sat 2026-12-05 10:15"),
        ("午前 10時", "Fri 2026-12-04 10:00"),
        ("明日　午前　10時", "Sat 2026-12-05 10:00"),  # ideographic spaces
        ("午後 0:30", "Fri 2026-12-04 12:30"),  # 0 after noon: 12:30 PM
    ],
)
def test_a_half_of_the_day_before_a_spaced_or_colon_time(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_half_of_the_day_before_a_colon_time_is_a_12_hour_clock() -> None:
    with pytest.raises(UserError, match="not a time on a 12-hour clock"):
        parse_when("午後 15:30", now=FRI, member_zone=CHI)
