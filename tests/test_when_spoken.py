"""Times as members say them: 午後 3:30 with a space and a colon, 3時 without 午前/午後 (read on
the 24-hour clock, and said so), 24 and 24時 as the end of the day, and hours in words (six pm,
half past six, quarter to seven)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


def test_an_hour_in_時_without_午前_or_午後_is_24_hour_and_says_so() -> None:
    assert local("明日 3時") == "Sat 2026-12-05 03:00"
    assert notes("明日 3時") == (
        "“3時” read as 3:00 AM (24-hour clock); write 午後3時 for the afternoon or evening.",
    )
    # As with "tomorrow 15", an hour after noon needs no word on it.
    assert notes("明日 15時") == ()
    assert notes("明日 午前3時") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明日 10時から14時まで", timedelta(hours=4)),
        ("明日 10時〜14時", timedelta(hours=4)),
        ("土曜日 10時から2時", timedelta(hours=4)),  # as 10-2 is: 10 AM to 2 PM
    ],
)
def test_ranges_in_時_still_read(text: str, expected: timedelta) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).duration == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 24", "Sun 2026-12-06 00:00"),
        ("tomorrow 24:00", "Sun 2026-12-06 00:00"),
        ("sat 24", "Sun 2026-12-06 00:00"),
        ("sat at 24", "Sun 2026-12-06 00:00"),
        ("明日 24時", "Sun 2026-12-06 00:00"),
        ("24時", "Sat 2026-12-05 00:00"),
    ],
)
def test_24_is_the_end_of_the_day_named_as_24_00_is(text: str, expected: str) -> None:
    assert local(text) == expected
    assert notes(text)[0].startswith("Midnight read as the end of")


def test_a_range_may_end_at_a_lone_24() -> None:
    when = parse_when("sat 22-24", now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %H:%M}", when.duration) == ("Sat 22:00", timedelta(hours=2))


@pytest.mark.parametrize("text", ["tomorrow 25", "sat 24:30", "25時"])
def test_past_24_is_still_no_time_of_day(text: str) -> None:
    with pytest.raises(UserError, match="not a time of day"):
        parse_when(text, now=FRI, member_zone=CHI)
