"""A time the clocks show twice as they fall back: the zone's standard-time name (CST) names the
second, its daylight name (CDT) the first, and a time without either says which it took."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import UserError
from bot.when import parse_when

CHI, NY = "America/Chicago", "America/New_York"
# Wednesday October 28, 2026; the clocks fall back on Sunday November 1 at 2:00 AM.
WED = datetime(2026, 10, 28, 12, 0, tzinfo=UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "expected", "shown"),
    [
        # Standard time comes back after the clocks fall back: its name is the second 1:30.
        ("CST", "2026-11-01 07:30", "1:30 AM CST"),
        ("central standard time", "2026-11-01 07:30", "1:30 AM CST"),
        ("EST", "2026-11-01 06:30", "1:30 AM EST"),
        ("MST", "2026-11-01 08:30", "1:30 AM MST"),
        ("PST", "2026-11-01 09:30", "1:30 AM PST"),
        ("AKST", "2026-11-01 10:30", "1:30 AM AKST"),
        # Daylight time is the first.
        ("CDT", "2026-11-01 06:30", "1:30 AM CDT"),
        ("EDT", "2026-11-01 05:30", "1:30 AM EDT"),
        ("MDT", "2026-11-01 07:30", "1:30 AM MDT"),
        ("PDT", "2026-11-01 08:30", "1:30 AM PDT"),
        ("AKDT", "2026-11-01 09:30", "1:30 AM AKDT"),
    ],
)
def test_a_typed_standard_or_daylight_name_picks_that_one_of_the_two(
    typed: str, expected: str, shown: str
) -> None:
    when = parse_when(f"nov 1 1:30am {typed}", now=WED, member_zone=NY)

    assert when.instant_utc == utc(expected)
    assert when.local.tzname() == shown.rsplit(" ", 1)[1]
    assert when.local.astimezone(UTC) == when.instant_utc
    (twice,) = [note for note in when.notes if "happens twice" in note]
    which = "second" if when.local.tzname().endswith("ST") else "first"
    assert f"{typed} is the {which} ({shown}" in twice, when.notes
    # Not "CST read as Central time (CDT in November)": it was read as CST.
    assert not any("read as" in note for note in when.notes), when.notes


def test_hawaii_keeps_one_time_all_year() -> None:
    when = parse_when("nov 1 1:30am HST", now=WED, member_zone=NY)

    assert when.instant_utc == utc("2026-11-01 11:30")
    assert when.notes == ()


def test_a_time_without_a_season_is_the_first_and_says_how_to_write_the_second() -> None:
    when = parse_when("nov 1 1:30am", now=WED, member_zone=CHI)

    assert when.instant_utc == utc("2026-11-01 06:30")
    assert when.notes == (
        "1:30 AM happens twice on Sunday November 1, 2026 in America/Chicago as the clocks "
        "fall back; I took the first (1:30 AM CDT). For the second, an hour later, write "
        "1:30am CST.",
    )


def test_a_zone_named_without_a_season_is_the_first_too() -> None:
    when = parse_when("sun 1:05am central", now=WED, member_zone=NY)

    assert when.instant_utc == utc("2026-11-01 06:05")
    assert "write 1:05am CST" in when.notes[0]


def test_a_name_of_the_other_season_is_read_as_the_zone_and_says_so() -> None:
    july = parse_when("jul 5 2027 1:30am CST", now=WED, member_zone=NY)
    january = parse_when("jan 5 1:30am CDT", now=WED, member_zone=NY)
    # Before the clocks fall back, and after: that night's 12:30 and 3:00 each happen once.
    before = parse_when("nov 1 12:30am CST", now=WED, member_zone=NY)
    after = parse_when("nov 1 3am CDT", now=WED, member_zone=NY)

    assert july.instant_utc == utc("2027-07-05 06:30")
    assert july.notes == ("CST read as Central time (CDT in July).",)
    assert january.instant_utc == utc("2027-01-05 07:30")
    assert january.notes == ("CDT read as Central time (CST in January).",)
    assert before.instant_utc == utc("2026-11-01 05:30")
    assert before.notes[-1] == "CST read as Central time (CDT at 12:30 AM on November 1)."
    assert after.instant_utc == utc("2026-11-01 09:00")
    assert after.notes == ("CDT read as Central time (CST at 3:00 AM on November 1).",)


def test_the_second_is_still_ahead_while_the_first_has_passed() -> None:
    # 1:45 AM CDT, the first time that hour shows.
    now = utc("2026-11-01 06:45")

    when = parse_when("1:30am CST", now=now, member_zone=NY)

    assert when.instant_utc == utc("2026-11-01 07:30")


def test_a_range_in_standard_time_runs_in_the_second_hour() -> None:
    when = parse_when("nov 1 1am-1:45am CST", now=WED, member_zone=NY)

    assert when.instant_utc == utc("2026-11-01 07:00")
    assert when.duration == timedelta(minutes=45)
    # The end follows the start into the second hour: one note says so, not one for each.
    assert [note for note in when.notes if "twice" in note] == [
        "1:00 AM happens twice on Sunday November 1, 2026 in America/Chicago as the clocks "
        "fall back; CST is the second (1:00 AM CST, an hour after 1:00 AM CDT)."
    ]


def test_a_range_from_before_the_change_ends_at_the_first() -> None:
    when = parse_when("nov 1 12:30am-1:30am", now=WED, member_zone=CHI)

    assert when.instant_utc == utc("2026-11-01 05:30")
    assert when.duration == timedelta(hours=1)


@pytest.mark.parametrize("text", ["1:30am", "today 1:30am", "nov 1 1:30am", "sun 1:30am"])
def test_once_the_first_has_passed_a_plain_time_is_the_second(text: str) -> None:
    # 1:45 AM CDT: the first 1:30 has passed, the second (CST) is 45 minutes ahead.
    when = parse_when(text, now=utc("2026-11-01 06:45"), member_zone=CHI)

    assert when.instant_utc == utc("2026-11-01 07:30")
    assert when.notes == (
        "1:30 AM happens twice on Sunday November 1, 2026 in America/Chicago as the clocks "
        "fall back; the first has passed, so I took the second (1:30 AM CST).",
    )


def test_a_daylight_name_once_its_hour_has_passed_is_refused_as_passed() -> None:
    now = utc("2026-11-01 06:45")  # 1:45 AM CDT

    with pytest.raises(UserError, match="which has passed"):
        parse_when("today 1:30am CDT", now=now, member_zone=CHI)


@pytest.mark.parametrize("text", ["1:30am CDT", "sun 1:30am CDT", "1:30am central daylight time"])
def test_a_daylight_name_once_its_hour_has_passed_is_not_moved_a_day_on(text: str) -> None:
    # 1:45 AM CDT: the 1:30 CDT named has passed; the next day's 1:30 is CST, not the one named.
    now = utc("2026-11-01 06:45")

    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone=CHI)

    assert refused.value.message.startswith(
        "That 1:30 AM CDT has passed: it was the first of the two 1:30 AMs on Sunday "
        "November 1, 2026 in America/Chicago as the clocks fall back."
    ), refused.value.message
    assert "For the second, an hour later, write 1:30am CST." in refused.value.message


def test_a_daylight_name_before_its_hour_on_that_night_is_read() -> None:
    when = parse_when("1:30am CDT", now=utc("2026-11-01 06:15"), member_zone=CHI)  # 1:15 CDT

    assert when.instant_utc == utc("2026-11-01 06:30")
