"""Properties of the reader of typed times: any text is a future instant or a refusal, and
the clocks, weekdays and zones agree with each other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.when import MAX_TEXT, parse_when
from tests.test_when import ANC, CHI, DEN, HNL, LA, NY, PHX, WED

ZONES = st.sampled_from([NY, CHI, DEN, PHX, LA, HNL, ANC])
NOWS = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
WORDS = st.sampled_from(
    [
        *("sat", "sunday", "next", "this", "today", "tonight", "tomorrow", "tmrw", "in", "a"),
        *("3", "days", "hours", "weeks", "2", "0", "10", "5", "29", "5th", "999999"),
        *("10am", "at", "@", "noon", "midnight", "12:30", "14:30", "9:45pm", "pm", "am"),
        *("dec", "december", "feb", "2026", "2027", "2030", "03/04", "12/5", "13/04"),
        *("2026-12-05", "2027-03-14T02:30", "2026-12-05T10:00-07:00", "the", "on", "of"),
        *("10-2", "6-9pm", "10pm-2am", "to", "until", "\u2013", "every"),
        *("-", "/", ":", ",", ".", "T", "z", "PT", "PST", "EDT", "MST", "akt", "Arizona"),
        *("America/Denver", "Mars/Olympus", "UTC-7", "utc+5:30", "gmt"),
        *(
            "six",
            "twelve",
            "half",
            "past",
            "quarter",
            "o'clock",
            "24",
            "3時",
            "24時",
            "午後",
            "CDT",
        ),
    ]
)


def _future_or_refused(text: str, now: datetime, zone: str) -> None:
    try:
        when = parse_when(text, now=now, member_zone=zone)
    except UserError:
        return
    assert when.instant_utc.tzinfo is UTC
    assert now < when.instant_utc <= now + timedelta(days=731)
    assert when.local.astimezone(UTC) == when.instant_utc


@settings(max_examples=400)
@given(st.text(max_size=MAX_TEXT), NOWS, ZONES)
def test_any_text_is_a_future_instant_or_a_refusal(text: str, now: datetime, zone: str) -> None:
    _future_or_refused(text, now, zone)


@settings(max_examples=600)
@given(st.lists(WORDS, min_size=1, max_size=7), st.booleans(), NOWS, ZONES)
def test_any_mix_of_time_words_is_a_future_instant_or_a_refusal(
    words: list[str], joined: bool, now: datetime, zone: str
) -> None:
    _future_or_refused(("" if joined else " ").join(words)[:MAX_TEXT], now, zone)


@given(
    st.datetimes(min_value=datetime(2026, 11, 26), max_value=datetime(2028, 11, 24)),
    ZONES,
)
def test_an_iso_time_is_that_wall_clock_time_unless_the_clocks_skip_it(
    wall: datetime, zone: str
) -> None:
    wall = wall.replace(second=0, microsecond=0, fold=0)  # the first of a time shown twice
    first = wall.replace(tzinfo=ZoneInfo(zone))
    skipped = first.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != wall
    text = f"{wall:%Y-%m-%d %H:%M}"
    if skipped:
        with pytest.raises(UserError, match="spring forward"):
            parse_when(text, now=WED, member_zone=zone)
        return
    when = parse_when(text, now=WED, member_zone=zone)
    assert when.instant_utc == first.astimezone(UTC)


@given(st.integers(1, 12), st.integers(0, 59), st.booleans(), ZONES)
def test_twelve_and_twenty_four_hour_clocks_agree(
    hour: int, minute: int, afternoon: bool, zone: str
) -> None:
    twelve = f"Dec 5 {hour}:{minute:02d}{'pm' if afternoon else 'am'}"
    # With its leading zero, as the 24-hour clock is written on purpose: 3:05 may be a slip
    # for 3:05pm, and is asked about (test_when_either_half).
    twenty_four = f"Dec 5 {hour % 12 + 12 * afternoon:02d}:{minute:02d}"
    read_twelve = parse_when(twelve, now=WED, member_zone=zone)
    read_twenty_four = parse_when(twenty_four, now=WED, member_zone=zone)
    assert (read_twelve.instant_utc, read_twelve.local) == (
        read_twenty_four.instant_utc,
        read_twenty_four.local,
    )


@given(NOWS, st.sampled_from(["mon", "tuesday", "wed", "thurs", "fri", "sat", "sunday"]), ZONES)
def test_a_weekday_is_the_next_one_ahead_and_next_is_a_week_later(
    now: datetime, weekday: str, zone: str
) -> None:
    this = parse_when(f"{weekday} 10am", now=now, member_zone=zone)
    following = parse_when(f"next {weekday} 10am", now=now, member_zone=zone)
    assert this.instant_utc > now
    # Seven days, not 168 hours: a week that crosses a clock change is an hour longer or shorter.
    assert 0 <= (this.local.date() - now.astimezone(ZoneInfo(zone)).date()).days <= 7
    assert this.local.strftime("%a").casefold() == weekday[:3]
    # A week after this week's: on the weekday itself, a week from today, whatever the time.
    today = now.astimezone(ZoneInfo(zone)).date()
    this_weeks = today + timedelta(days=(this.local.weekday() - today.weekday()) % 7)
    assert following.local.date() - this_weeks == timedelta(weeks=1)
    assert following.local.hour == this.local.hour == 10
