"""Times typed as a range ("sat 10am-2pm", "10-2", "10pm-2am"): the start is the time, the end
gives the length, and what cannot be one range is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.when import MAX_TEXT, parse_when

NY, LA = "America/New_York", "America/Los_Angeles"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4: 7:30 AM in Los Angeles
FALL = datetime(2027, 11, 3, 12, 0, tzinfo=UTC)  # before clocks fall back (Sunday November 7)
SPRING = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)  # before clocks spring forward (March 14)


def read(text: str, now: datetime = FRI, zone: str = LA) -> tuple[str, timedelta | None]:
    when = parse_when(text, now=now, member_zone=zone)
    return f"{when.local:%Y-%m-%d %H:%M}", when.duration


def refusal(text: str, now: datetime = FRI, zone: str = LA) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone=zone)
    return refused.value.message


HOURS = timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "start", "length"),
    [
        ("sat 10am-2pm", "2026-12-05 10:00", 4 * HOURS),
        ("Dec 5 10am to 2pm", "2026-12-05 10:00", 4 * HOURS),
        ("saturday 10-2", "2026-12-05 10:00", 4 * HOURS),
        ("10:00\u201314:00", "2026-12-04 10:00", 4 * HOURS),
        ("sat 9am - noon", "2026-12-05 09:00", 3 * HOURS),
        ("tomorrow 6-9pm", "2026-12-05 18:00", 3 * HOURS),
        ("sat 10am until 2pm", "2026-12-05 10:00", 4 * HOURS),
        ("from 10am to 2pm sat", "2026-12-05 10:00", 4 * HOURS),
        ("sat 10-2pm", "2026-12-05 10:00", 4 * HOURS),
        ("sat 10:30-2:30", "2026-12-05 10:30", 4 * HOURS),
        ("sat 10pm-2am", "2026-12-05 22:00", 4 * HOURS),
        ("sat 10pm-2", "2026-12-05 22:00", 4 * HOURS),
        ("sat 22:00-02:00", "2026-12-05 22:00", 4 * HOURS),
        ("sat 9pm-midnight", "2026-12-05 21:00", 3 * HOURS),
        ("sat 10pm-12am", "2026-12-05 22:00", 2 * HOURS),
        # 24 is the 24-hour clock's: the start is too, not 10 PM.
        ("sat 10:00-24:00", "2026-12-05 10:00", 14 * HOURS),
        ("sat 10-24", "2026-12-05 10:00", 14 * HOURS),
        ("sat 9-24", "2026-12-05 09:00", 15 * HOURS),
        ("明日 10時から24時", "2026-12-05 10:00", 14 * HOURS),
        ("sat 22-24", "2026-12-05 22:00", 2 * HOURS),
        ("sat 11-1am", "2026-12-05 23:00", 2 * HOURS),
        ("sat 7-9 in the evening", "2026-12-05 19:00", 2 * HOURS),
        ("tonight 7-10", "2026-12-04 19:00", 3 * HOURS),
        ("sat 12-3", "2026-12-05 12:00", 3 * HOURS),
        ("sat 8-11", "2026-12-05 08:00", 3 * HOURS),
        ("Dec 5 10 to 2", "2026-12-05 10:00", 4 * HOURS),
        ("2026-12-05 10:00-14:00", "2026-12-05 10:00", 4 * HOURS),
        ("sat 10am", "2026-12-05 10:00", None),
    ],
)
def test_a_range_is_its_start_and_its_length(
    text: str, start: str, length: timedelta | None
) -> None:
    assert read(text) == (start, length)


def test_a_time_with_seconds_and_an_offset_is_read_as_machines_write_it() -> None:
    # As Python and many tools print an aware time: 2026-12-05 10:00:00-07:00.
    when = parse_when("2026-12-05 10:00:00-07:00", now=FRI, member_zone=NY)
    assert (when.instant_utc, when.duration) == (datetime(2026, 12, 5, 17, 0, tzinfo=UTC), None)


def test_an_end_before_the_start_that_is_no_offset_gets_no_offset_hint() -> None:
    assert "offset" not in refusal("sat 10:00-09:30")


def test_a_range_with_a_zone_is_read_in_that_zone() -> None:
    when = parse_when("sat 10am-2pm PT", now=FRI, member_zone=NY)
    assert (when.zone_name, f"{when.local:%H:%M}", when.duration) == (LA, "10:00", 4 * HOURS)
    assert when.ends_utc == when.instant_utc + 4 * HOURS


def test_a_range_says_what_was_taken() -> None:
    notes = parse_when("saturday 10-2", now=FRI, member_zone=LA).notes
    assert "“10-2” read as 10:00 AM to 2:00 PM (4 hours)." in notes
    notes = parse_when("sat 10pm-2am", now=FRI, member_zone=LA).notes
    assert "“10pm-2am” read as 10:00 PM to 2:00 AM on Sunday (4 hours)." in notes
    notes = parse_when("sat 8-11", now=FRI, member_zone=LA).notes
    assert any("24-hour clock" in note and "8pm-11pm" in note for note in notes), notes
    notes = parse_when("sat 0-2", now=FRI, member_zone=LA).notes
    assert not any("24-hour clock" in note for note in notes), notes


def test_the_length_is_the_time_that_passes_when_the_clocks_fall_back() -> None:
    assert read("2027-11-06 10pm-2am", now=FALL) == ("2027-11-06 22:00", 5 * HOURS)


def test_an_end_the_clocks_skip_is_refused() -> None:
    assert "spring forward" in refusal("2027-03-13 11pm-2:30am", now=SPRING)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sat 10am-10am", "“10am-10am” ends when it starts"),
        ("sat 10-10", "ends when it starts"),
        ("sat midnight-midnight", "ends when it starts"),
        ("sat 1pm-1", "ends when it starts"),
        ("sat 2pm-1pm", "“2pm-1pm” ends before it starts"),
        ("sat 10am-9am", "ends before it starts"),
        ("sat 10:00-02:00", "ends before it starts"),
        # An offset, ends before it starts: which it is, the member says.
        ("sat 10:00-07:00", "If -07:00 is an offset from UTC, write it as UTC-7."),
        ("Dec 5 10am to Dec 6 2pm", "“10am to Dec 6 2pm” names a second day"),
        ("sat 10am - sun 2pm", "at most 24 hours"),
        ("sat 10am-2pm 3pm-5pm", "two ranges, “10am-2pm” and “3pm-5pm”"),
        ("sat 10-2-4", "one start and one end"),
        ("every sat 10am-2pm", "repeat option"),
        ("weekly sat 10-2", "repeat option"),
        ("in 2 hours 10-2", "“in 2 hours” already says when"),
    ],
)
def test_what_cannot_be_one_range_is_refused(text: str, message: str) -> None:
    assert message in refusal(text)


def test_a_range_over_24_hours_when_the_clocks_fall_back_is_refused() -> None:
    assert "at most 24 hours" in refusal("2027-11-06 12pm-11:30am", now=FALL)


TIMES = st.sampled_from(
    [
        *("10", "2", "12", "0", "9", "11", "10am", "2pm", "12am", "12pm", "9:30", "14:00"),
        *("02:00", "22:00", "noon", "midnight", "10a", "2p", "1030am", "1400", "23:59", "7"),
    ]
)
SEPARATORS = st.sampled_from(["-", " - ", "\u2013", " to ", " until ", " thru ", "-", " "])
DAYS = st.sampled_from(["", "sat ", "tomorrow ", "tonight ", "Dec 5 ", "2027-11-07 ", "next fri "])
ZONES = st.sampled_from(["", " PT", " EST", " UTC-7", " Tokyo"])
NOWS = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2029, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=500)
@given(DAYS, st.lists(st.tuples(TIMES, SEPARATORS), min_size=1, max_size=3), ZONES, NOWS)
def test_any_range_is_a_future_time_and_a_day_at_most_or_a_refusal(
    day: str, pieces: list[tuple[str, str]], zone: str, now: datetime
) -> None:
    text = (day + "".join(time + sep for time, sep in pieces).rstrip(" -\u2013to") + zone)[
        :MAX_TEXT
    ]
    try:
        when = parse_when(text, now=now, member_zone=NY)
    except UserError:
        return
    assert now < when.instant_utc <= now + timedelta(days=731)
    if when.duration is not None:
        assert timedelta(0) < when.duration <= timedelta(hours=24)
        assert when.ends_utc == when.instant_utc + when.duration
