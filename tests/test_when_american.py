"""Times as American members type them in a meetup's `when`: sat night 1, fri night 1am, 9a.m.,
10 am-ish, a quarter after ten, sat 930, sat nite 9, 12-12 9am, EST/EDT, :) and Thanksgiving;
each read right and said so, or refused with a message that says what to write."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, notes, refusal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Saturday night's small hours are after its midnight, as tonight's are.
        ("sat night 1", "Sun 2026-12-06 01:00"),
        ("sat night 2:30", "Sun 2026-12-06 02:30"),
        ("sat 3 at night", "Sun 2026-12-06 03:00"),
        ("fri night 1am", "Sat 2026-12-05 01:00"),
        ("sat night 9", "Sat 2026-12-05 21:00"),
        ("sat night 11pm", "Sat 2026-12-05 23:00"),
        # On the 24-hour clock on purpose, the hour is the one typed, as with am or pm.
        ("tonight 05:00", "Sat 2026-12-05 05:00"),
        ("tonight 5am", "Sat 2026-12-05 05:00"),
        ("tonight 03:30", "Sat 2026-12-05 03:30"),
        ("tonight 00:30", "Sat 2026-12-05 00:30"),
        ("tonight 21:00", "Fri 2026-12-04 21:00"),
    ],
)
def test_a_nights_small_hours_are_after_its_midnight(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_nights_small_hours_say_which_night() -> None:
    assert notes("sat night 1") == (
        "1:00 AM read as the night of Saturday December 5, 2026, after midnight.",
    )


def test_a_morning_hour_is_no_night() -> None:
    assert refusal("sat night 7am") == "7:00 AM is not in the night: write the time with am or pm."


@pytest.mark.parametrize("text", ["sat afternoon 11", "sat 9 in the afternoon"])
def test_an_evening_hour_in_the_afternoon_is_refused_not_read_as_pm(text: str) -> None:
    hour = text.split()[-1] if text.split()[-1].isdigit() else "9"
    assert refusal(text) == (
        f"{hour} in the afternoon is no afternoon hour: write {hour}am or {hour}pm."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 9a.m.", "Sat 2026-12-05 09:00"),
        ("sat 9p.m.", "Sat 2026-12-05 21:00"),
        ("sat 9a.m.-noon", "Sat 2026-12-05 09:00"),
        ("sat 10 am-ish", "Sat 2026-12-05 10:00"),
        ("sat a quarter after 10am", "Sat 2026-12-05 10:15"),
        ("sat ten after six pm", "Sat 2026-12-05 18:10"),
        ("sat nite 9", "Sat 2026-12-05 21:00"),
        ("sat 9am :)", "Sat 2026-12-05 09:00"),
        ("sat 9am ;-)", "Sat 2026-12-05 09:00"),
        ("sat 9am :D", "Sat 2026-12-05 09:00"),
        ("sat 9am <3", "Sat 2026-12-05 09:00"),
        ("sat 9am pacific time zone", "Sat 2026-12-05 09:00"),
        ("sat 9am CST/CDT", "Sat 2026-12-05 09:00"),
        ("sat 9am est/edt", "Sat 2026-12-05 09:00"),
    ],
)
def test_american_ways_to_write_a_time_are_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_quarter_after_says_nothing_more_than_a_quarter_past() -> None:
    assert notes("sat a quarter after 10") == (
        "“a quarter after 10” read as 10:15 AM (24-hour clock); write 10:15pm for the afternoon "
        "or evening.",
    )


def test_one_time_in_two_zones_is_read_and_two_times_are_refused_with_both_readings() -> None:
    assert local("sat 10am CST/11am EST") == "Sat 2026-12-05 10:00"
    assert refusal("sat 10am CST/10am EST") == (
        "“10am CST” and “10am EST” are not the same time: 10am CST is 11:00 AM EST, and 10am EST "
        "is 9:00 AM CST. Give one of them."
    )
    assert refusal("sat 10am CST EST").startswith("I found two time zones, “CST” and “EST”")
    # One zone twice is no second reading, and a dash or "to" joins a range's ends.
    assert refusal("sat 3pm ET - 5pm ET").startswith("I found two time zones, “ET” and “ET”")
    assert refusal("sat 3pm ET to 6pm PT").startswith("I found two time zones, “ET” and “PT”")


def test_three_digits_beside_a_day_are_a_time_and_say_how_they_were_read() -> None:
    assert local("sat 930") == "Sat 2026-12-05 09:30"
    assert notes("sat 930") == (
        "“930” read as 9:30 AM (24-hour clock); write 9:30pm for the afternoon or evening.",
    )


def test_a_date_with_a_dash_beside_a_time_is_a_date() -> None:
    assert local("12-12 9am") == "Sat 2026-12-12 09:00"
    assert notes("12-12 9am") == ()
    assert local("1-2 9am") == "Sat 2027-01-02 09:00"
    assert notes("1-2 9am") == ("1-2 read as January 2 (month/day).",)
    assert refusal("13-5 9am") == (
        "Dates with a slash or dash are month/day: “13-5” has no month 13. For May 13, write "
        "5/13 or May 13."
    )


def test_my_is_no_typo_for_may() -> None:
    assert "Did you mean" not in refusal("sat 10am my place")


@pytest.mark.parametrize(
    ("text", "holiday", "date"),
    [
        ("thanksgiving 2pm", "thanksgiving", "Nov 25 2027 2pm"),
        ("Thanksgiving Day at 2pm", "Thanksgiving Day", "Nov 25 2027 at 2pm"),
        ("labor day 9am", "labor day", "Sep 6 2027 9am"),
        ("memorial day 10am", "memorial day", "May 31 2027 10am"),
    ],
)
def test_a_holiday_that_moves_is_refused_with_its_next_date(
    text: str, holiday: str, date: str
) -> None:
    assert refusal(text) == (f"“{holiday}” moves from year to year: give its date, like {date}.")


def test_till_ten_counted_back_from_ten_offers_no_range_of_ten_to_ten() -> None:
    assert notes("sat ten till ten am") == ()


def test_a_time_in_words_with_minutes_as_digits_says_how_to_write_it() -> None:
    assert refusal("sat 7 30 pm") == "“7 30 pm” is not a time of day; write 7:30pm."


@pytest.mark.parametrize(
    ("text", "expected", "hours"),
    [
        ("sat 930-1130", "Sat 2026-12-05 09:30", 2),
        ("sat between 10 and 2", "Sat 2026-12-05 10:00", 4),
        ("sat between 10am and 2pm", "Sat 2026-12-05 10:00", 4),
    ],
)
def test_more_ranges_as_americans_write_them(text: str, expected: str, hours: int) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.duration) == (expected, timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 9:30 a.m.-ish", "Sat 2026-12-05 09:30"),
        ("sat 10am...", "Sat 2026-12-05 10:00"),
        ("sat 10am…", "Sat 2026-12-05 10:00"),
        ("nye 9pm", "Thu 2026-12-31 21:00"),
    ],
)
def test_more_american_ways_to_write_a_time_are_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_easter_is_a_holiday_that_moves_not_a_zone() -> None:
    assert refusal("easter 10am") == (
        "“easter” moves from year to year: give its date, like Mar 28 2027 10am."
    )


def test_a_time_with_a_dot_beside_a_day_is_read_as_with_a_colon() -> None:
    # A date there would leave the day two days and no time: the dot can only be the clock's.
    assert local("sat 10.30") == "Sat 2026-12-05 10:30"
    assert local("sat 9.00") == "Sat 2026-12-05 09:00"
    assert notes("sat 10.30") == (
        "“10.30” read as 10:30 AM (24-hour clock); write 10:30pm for the afternoon or evening.",
    )


def test_a_time_with_a_dot_alone_that_may_be_a_date_says_how_to_write_either() -> None:
    assert refusal("10.30") == (
        "“10.30” may be a time or a date: write a time with a colon (10:30), or a date with its "
        "month named, like Oct 30."
    )
    assert refusal("5.12") == (
        "“5.12” may be a time or a date: write a time with a colon (5:12), or a date with its "
        "month named, like May 12 or Dec 5."
    )
    # One digit after the dot is no minutes: only a date.
    assert refusal("sat 10.5") == (
        "“10.5” may be May 10 or Oct 5: name the month, and the time, like May 10 10am."
    )


def test_a_range_with_minutes_on_the_24_hour_clock_says_how_to_write_the_afternoon() -> None:
    assert notes("sat 9:30-11:30") == (
        "“9:30-11:30” read as 9:30 AM to 11:30 AM (2 hours). Without am or pm that is the 24-hour "
        "clock; write 9:30pm-11:30pm for the afternoon.",
    )


def test_half_past_12am_on_a_day_says_which_night_as_12am_does() -> None:
    assert notes("sat 12:30am") == (
        "12:30 AM read as the start of Saturday December 5, 2026, the night after Friday; for the "
        "night after Saturday, write sun 12:30am.",
    )


def test_a_time_alone_that_passed_today_says_it_was_read_as_tomorrow() -> None:
    assert local("9am") == "Sat 2026-12-05 09:00"
    assert notes("9am") == (
        "9:00 AM has passed today: read as tomorrow, Saturday December 5, 2026.",
    )
    assert notes("10am") == ()


@pytest.mark.parametrize("typed", ["ten till", "quarter till", "twenty 'til", "half past"])
def test_minutes_counted_from_no_hour_say_to_add_the_hour(typed: str) -> None:
    assert refusal(f"sat {typed}") == (
        f"“{typed}” needs the hour it counts from, like {typed} seven pm."
    )


@pytest.mark.parametrize(
    "text", ["sat 10am my time", "sat 10am local", "sat 10am local time", "sat 10am (my time)"]
)
def test_my_time_or_local_time_is_the_zone_the_time_is_read_in_anyway(text: str) -> None:
    assert local(text) == "Sat 2026-12-05 10:00"
    assert notes(text) == ()


def test_my_time_is_the_members_zone_over_the_option_and_says_so() -> None:
    read = parse_when("sat 10am my time", now=FRI, zone_option="ET", member_zone="US/Pacific")
    assert read.zone_name == "US/Pacific"
    assert f"{read.local:%a %H:%M}" == "Sat 10:00"
    assert read.notes == (
        "my time (US/Pacific) in the time was used, not the timezone option (America/New_York).",
    )
    assert parse_when("sat 10am local", now=FRI, zone_option="ET", member_zone=CHI).zone_name == (
        "America/New_York"
    )


def test_my_time_without_a_zone_of_ones_own_says_how_to_set_one() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("sat 10am my time", now=FRI, server_zone=CHI)
    assert refused.value.message == (
        "“my time”: I don't know your time zone yet. Set it with /timezone set, or name the "
        "zone in the time (10am PT)."
    )
