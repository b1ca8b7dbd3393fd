"""Times as members say them: 午後 3:30 with a space and a colon, 3時 without 午前/午後 (read on
the 24-hour clock, and said so), 24 and 24時 as the end of the day, and hours in words (six pm,
half past six, quarter to seven)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.errors import UserError
from bot.when import EXAMPLES, parse_when
from tests.when_reading import CHI, FRI, local, notes, refusal


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
    # From 7: 3時 is asked about (test_when_either_half), as "sat 3" is.
    assert local("明日 9時") == "Sat 2026-12-05 09:00"
    assert notes("明日 9時") == (
        "“9時” read as 9:00 AM (24-hour clock); write 午後9時 for the afternoon or evening.",
    )
    # As with "tomorrow 15", an hour after noon needs no word on it.
    assert notes("明日 15時") == ()
    assert notes("明日 午前3時") == ()


@pytest.mark.parametrize(
    ("text", "typed", "shown", "later"),
    [
        ("tomorrow 7:30", "7:30", "7:30 AM", "7:30pm"),
        ("sat 10:15", "10:15", "10:15 AM", "10:15pm"),
        ("明日 7時半", "7:30", "7:30 AM", "7:30pm"),
        ("明日 8時15分", "8:15", "8:15 AM", "8:15pm"),
    ],
)
def test_a_morning_time_with_minutes_and_no_am_or_pm_says_how_it_was_read(
    text: str, typed: str, shown: str, later: str
) -> None:
    # As "tomorrow 9" and 9時 are: 7:30 may be a slip for the evening (3:30 is asked about).
    assert notes(text) == (
        f"“{typed}” read as {shown} (24-hour clock); write {later} for the afternoon or evening.",
    )


@pytest.mark.parametrize("text", ["tomorrow 03:30", "tomorrow 15:30", "明日 15時半", "sat 1030"])
def test_a_time_written_on_the_24_hour_clock_on_purpose_needs_no_word(text: str) -> None:
    # A leading zero, an hour past noon, four digits: the 24-hour clock, plainly.
    assert notes(text) == ()


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("six pm", "Fri 2026-12-04 18:00"),
        ("sat six pm", "Sat 2026-12-05 18:00"),
        ("tomorrow at seven pm", "Sat 2026-12-05 19:00"),
        ("sat eleven am", "Sat 2026-12-05 11:00"),
        ("sat twelve pm", "Sat 2026-12-05 12:00"),
        ("sat Six PM", "Sat 2026-12-05 18:00"),
        ("sat six o'clock pm", "Sat 2026-12-05 18:00"),
        ("sat half past six pm", "Sat 2026-12-05 18:30"),
        ("sat quarter past six pm", "Sat 2026-12-05 18:15"),
        ("sat quarter to seven pm", "Sat 2026-12-05 18:45"),
        ("sat quarter to one pm", "Sat 2026-12-05 12:45"),
        ("sat half past 6 pm", "Sat 2026-12-05 18:30"),
        ("sat a quarter to 7pm", "Sat 2026-12-05 18:45"),
        ("tonight at six", "Fri 2026-12-04 18:00"),
        ("tonight half past seven", "Fri 2026-12-04 19:30"),
        ("sat noon", "Sat 2026-12-05 12:00"),
        ("sat midnight", "Sun 2026-12-06 00:00"),
        # Counts of days are not hours.
        ("in three days six pm", "Mon 2026-12-07 18:00"),
    ],
)
def test_hours_in_words(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "note"),
    [
        ("sat half past seven", "Sat 2026-12-05 07:30", "“half past seven” read as 7:30 AM"),
        ("sat at seven", "Sat 2026-12-05 07:00", "“at seven” read as 7:00 AM"),
        ("sat seven o'clock", "Sat 2026-12-05 07:00", "“seven o'clock” read as 7:00 AM"),
        ("sat quarter to eight", "Sat 2026-12-05 07:45", "“quarter to eight” read as 7:45 AM"),
    ],
)
def test_hours_in_words_without_am_or_pm_are_morning_times_and_say_so(
    text: str, expected: str, note: str
) -> None:
    assert local(text) == expected
    [said] = notes(text)
    # No clock was typed, so the note names none.
    assert said.startswith(f"{note}; write ")
    assert said.endswith("pm for the afternoon or evening.")


def test_half_past_seven_says_how_to_write_the_evening() -> None:
    assert notes("sat half past seven") == (
        "“half past seven” read as 7:30 AM; write 7:30pm for the afternoon or evening.",
    )


def test_half_past_an_hour_past_twelve_is_refused() -> None:
    with pytest.raises(UserError, match="“half past 18” is not a time on a 12-hour clock"):
        parse_when("sat half past 18", now=FRI, member_zone=CHI)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # am/pm belongs to the hour named: a quarter before 12 pm (noon) is 11:45 AM.
        ("sat quarter to twelve pm", "Sat 2026-12-05 11:45"),
        ("sat quarter to 12pm", "Sat 2026-12-05 11:45"),
        ("sat quarter to one am", "Sat 2026-12-05 00:45"),
        ("sat quarter past twelve am", "Sat 2026-12-05 00:15"),
    ],
)
def test_quarter_to_counts_back_from_the_hour_named_with_its_am_or_pm(
    text: str, expected: str
) -> None:
    assert local(text) == expected


def test_quarter_to_twelve_am_is_the_night_before_and_refused_with_how_to_write_it() -> None:
    # 12 am starts the day named, so a quarter before it falls on the day before.
    with pytest.raises(UserError, match="“quarter to twelve am” is 11:45 PM on the day before"):
        parse_when("sat quarter to twelve am", now=FRI, member_zone=CHI)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tonight 1", "Sat 2026-12-05 01:00"),
        ("tonight 3am", "Sat 2026-12-05 03:00"),
        ("tonight 4:30", "Sat 2026-12-05 04:30"),
        ("tonight 7", "Fri 2026-12-04 19:00"),  # the evening, as before
        ("tonight 12", "Sat 2026-12-05 00:00"),
    ],
)
def test_tonights_small_hours_are_after_midnight(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    "text", ["fri 7 tonight", "friday tonight 7", "tonight fri 7", "this fri 7 tonight"]
)
def test_tonight_beside_todays_weekday_is_its_evening(text: str) -> None:
    # Said on Friday at 9:30 AM.
    assert (local(text), notes(text)) == ("Fri 2026-12-04 19:00", ())


@pytest.mark.parametrize(
    ("text", "typed"), [("sat 7 tonight", "sat"), ("next fri tonight 7", "next fri")]
)
def test_tonight_beside_another_weekday_says_they_disagree(text: str, typed: str) -> None:
    assert refusal(text) == (
        f"“{typed}” and “tonight” name different days: tonight is Friday December 4. "
        "Give one of them."
    )


def test_tonight_beside_todays_weekday_without_a_time_offers_an_evening_hour() -> None:
    assert refusal("fri tonight").startswith(
        "“fri tonight” has no time of day. Add one, like fri tonight 7pm"
    )


def test_tonight_beside_todays_weekday_gone_is_refused_as_passed() -> None:
    eleven_pm = FRI + timedelta(hours=13, minutes=30)
    assert refusal("fri 7 tonight", at=eleven_pm) == (
        "I read that as Friday December 4, 2026 7:00 PM (America/Chicago), which has passed. "
        "For next Friday, write next fri 7pm; for later tonight, an hour still ahead, like fri "
        "12 tonight."
    )


def test_tonights_small_hours_say_so() -> None:
    assert notes("tonight 1") == (
        "1:00 AM read as the night of Friday December 4, 2026, after midnight.",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat six thirty pm", "Sat 2026-12-05 18:30"),
        ("sat six fifteen pm", "Sat 2026-12-05 18:15"),
        ("sat six forty-five pm", "Sat 2026-12-05 18:45"),
        ("sat seven oh five pm", "Sat 2026-12-05 19:05"),
        ("sat twenty to seven pm", "Sat 2026-12-05 18:40"),
        ("sat ten past six pm", "Sat 2026-12-05 18:10"),
        ("sat five to seven pm", "Sat 2026-12-05 18:55"),
        ("sat twenty-five past six pm", "Sat 2026-12-05 18:25"),
        ("sat at seven thirty", "Sat 2026-12-05 07:30"),
    ],
)
def test_minutes_in_words(text: str, expected: str) -> None:
    assert local(text) == expected


def test_minutes_in_words_without_am_or_pm_say_how_they_were_read() -> None:
    assert notes("sat twenty to eight") == (
        "“twenty to eight” read as 7:40 AM; write 7:40pm for the afternoon or evening.",
    )


@pytest.mark.parametrize("text", ["in three days 6pm", "in two days at 6pm"])
def test_number_words_that_are_no_time_are_left_alone(text: str) -> None:
    assert local(text).endswith("18:00")


def test_a_time_not_read_is_refused_with_an_hour_in_words_among_the_examples() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("sat 10am blah", now=FRI, member_zone=CHI)
    assert "Try 2026-12-12 10:00, Dec 12 10am, sat 10am PT, tomorrow half past six pm" in (
        refused.value.message
    )


def test_every_example_in_the_hint_reads() -> None:
    for example in re.split(r", | or ", EXAMPLES):
        assert parse_when(example, now=FRI, member_zone=CHI).local > FRI


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("明日 10時から14時", "“10時から14時” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("明日 10時から14時まで", "“10時から14時まで” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("明日 午後3時から5時", "“午後3時から5時” read as 3:00 PM to 5:00 PM (2 hours)."),
        ("明日 １０時〜１４時", "“１０時〜１４時” read as 10:00 AM to 2:00 PM (4 hours)."),
    ],
)
def test_a_range_in_japanese_is_quoted_as_typed(text: str, said: str) -> None:
    assert notes(text) == (said,)


def test_a_range_in_japanese_asked_about_is_quoted_and_retyped_as_typed() -> None:
    assert refusal("sat 3時から5時") == (
        "“3時から5時” has no am or pm: write sat 3pm-5pm for 3:00 PM to 5:00 PM, or sat "
        "3am-5am for 3:00 AM to 5:00 AM."
    )
    assert refusal("明日 3時から5時まで") == (
        "“3時から5時まで” has no am or pm: write 明日 3pm-5pm for 3:00 PM to 5:00 PM, or 明日 "
        "3am-5am for 3:00 AM to 5:00 AM."
    )
    assert local("明日 3pm-5pm") == "Sat 2026-12-05 15:00"
