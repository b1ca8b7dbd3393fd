"""Times as members type them that were refused or read against what they say: 24:00, 12 noon,
"next sat" and "this sat" said on a Saturday."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import UserError
from bot.when import parse_when

CHI = "America/Chicago"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4, 9:30 AM in Chicago
SAT = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # Saturday December 5, 10:00 AM in Chicago


def local(text: str, now: datetime = FRI) -> str:
    return f"{parse_when(text, now=now, member_zone=CHI).local:%a %Y-%m-%d %H:%M}"


def refusal(text: str, now: datetime = FRI) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone=CHI)
    return refused.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 24:00 is the end of the day named, as midnight is.
        ("24:00", "Sat 2026-12-05 00:00"),
        ("sat 24:00", "Sun 2026-12-06 00:00"),
        ("dec 31 24:00", "Fri 2027-01-01 00:00"),
        ("sat 2400", "Sun 2026-12-06 00:00"),
        # 12 noon and 12 midnight, as US members write them.
        ("12 noon", "Fri 2026-12-04 12:00"),
        ("sat 12 noon", "Sat 2026-12-05 12:00"),
        ("sat 12:00 noon", "Sat 2026-12-05 12:00"),
        ("12 midnight", "Sat 2026-12-05 00:00"),
        ("sat 12 midnight", "Sun 2026-12-06 00:00"),
    ],
)
def test_the_end_of_the_day_and_noon_as_written(text: str, expected: str) -> None:
    assert local(text) == expected


def test_24_00_says_which_night_it_is() -> None:
    when = parse_when("sat 24:00", now=FRI, member_zone=CHI)
    assert when.notes == ("Midnight read as the end of Saturday December 5, 2026.",)


def test_a_range_may_end_at_24_00_or_start_at_12_noon() -> None:
    late = parse_when("sat 22:00-24:00", now=FRI, member_zone=CHI)
    lunch = parse_when("sat 12 noon-2pm", now=FRI, member_zone=CHI)

    assert (f"{late.local:%a %H:%M}", late.duration) == ("Sat 22:00", timedelta(hours=2))
    assert (f"{lunch.local:%a %H:%M}", lunch.duration) == ("Sat 12:00", timedelta(hours=2))


@pytest.mark.parametrize("text", ["24:30", "sat 24:01", "sat 2430"])
def test_past_24_00_is_no_time_of_day(text: str) -> None:
    assert "not a time of day" in refusal(text)


def test_next_saturday_said_on_a_saturday_is_a_week_on_whatever_the_time() -> None:
    morning = parse_when("next sat 9am", now=SAT, member_zone=CHI)
    evening = parse_when("next sat 6pm", now=SAT, member_zone=CHI)

    assert f"{morning.local:%Y-%m-%d %H:%M}" == "2026-12-12 09:00"
    assert f"{evening.local:%Y-%m-%d %H:%M}" == "2026-12-12 18:00"
    assert morning.notes == ("“next sat” read as December 12, a week from today.",)


def test_this_saturday_said_on_a_saturday_is_today() -> None:
    assert local("this sat 6pm", now=SAT) == "Sat 2026-12-05 18:00"
    assert refusal("this sat 9am", now=SAT) == (
        "“this sat” is today, and 9:00 AM has passed. For Saturday December 12, write next sat."
    )


@pytest.mark.parametrize(
    ("text", "expected", "length"),
    [
        # から (from) and まで (until), as Japanese schedules write a range or a start.
        ("午後3時から5時まで", "Fri 2026-12-04 15:00", timedelta(hours=2)),
        ("明日 15時から17時まで", "Sat 2026-12-05 15:00", timedelta(hours=2)),
        ("12月5日 午後6時から", "Sat 2026-12-05 18:00", None),
        ("明日 15時から", "Sat 2026-12-05 15:00", None),
        ("土曜日 10時から正午まで", "Sat 2026-12-05 10:00", timedelta(hours=2)),
        # から after a day starts the meetup that day; after an hour it opens a range.
        ("12月5日から10時", "Sat 2026-12-05 10:00", None),
        ("明日から午後3時", "Sat 2026-12-05 15:00", None),
        ("明日 10amから2pm", "Sat 2026-12-05 10:00", timedelta(hours=4)),
        ("明日 10:00から12:00", "Sat 2026-12-05 10:00", timedelta(hours=2)),
        ("土曜日 10から12時まで", "Sat 2026-12-05 10:00", timedelta(hours=2)),
        ("土曜日から10時", "Sat 2026-12-05 10:00", None),
        # 午前/午後 say which half of the day, with or without 時 after the hour.
        ("明日 午後3から5時", "Sat 2026-12-05 15:00", timedelta(hours=2)),
        ("明日 午後3", "Sat 2026-12-05 15:00", None),
        ("明日 午前10から正午まで", "Sat 2026-12-05 10:00", timedelta(hours=2)),
    ],
)
def test_japanese_from_and_until(text: str, expected: str, length: timedelta | None) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.duration) == (expected, length)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("sat noonish", "Sat 2026-12-05 12:00"), ("sat midnight-ish", "Sun 2026-12-06 00:00")],
)
def test_noon_or_midnight_ish(text: str, expected: str) -> None:
    assert local(text) == expected
