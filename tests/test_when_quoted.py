"""What members type for a meetup start that was quoted back half-read or refused without
saying what to type instead: ranges in words, two days with a dash, 12 at night, 18h."""

from __future__ import annotations

from calendar import month_abbr as month_abbrs

import pytest

from tests.when_reading import local, notes, refusal


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("sat between 10 and 2", "“between 10 and 2” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("sat 9ish-noon", "“9-noon” read as 9:00 AM to 12:00 PM (3 hours)."),
        ("9ish-noon sat", "“9-noon” read as 9:00 AM to 12:00 PM (3 hours)."),
        ("sat 10ish-2ish", "“10-2” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("sat 9ish - noon", "“9-noon” read as 9:00 AM to 12:00 PM (3 hours)."),
        ("sat 9ish to noon", "“9 to noon” read as 9:00 AM to 12:00 PM (3 hours)."),
    ],
)
def test_a_range_is_quoted_as_typed_or_cleanly_not_half_read(text: str, quoted: str) -> None:
    assert notes(text)[0] == quoted


def test_a_range_in_words_that_ends_when_it_starts_is_quoted_as_typed() -> None:
    assert refusal("sat between 10 and 10").startswith("“between 10 and 10” ends when it starts")


@pytest.mark.parametrize(
    ("text", "typed", "first"),
    [
        ("dec 5-6 9am", "dec 5-6", "dec 5 9am"),
        ("dec 5 - 6 9am", "dec 5 - 6", "dec 5 9am"),
        ("Dec 5 to 6 at 9am", "Dec 5 to 6", "Dec 5 9am"),
        ("12/5-6 9am", "12/5-6", "12/5 9am"),
        ("dec 5th-6th 9am", "dec 5th-6th", "dec 5th 9am"),
        ("the 5th and 6th 9am", "5th and 6th", "5th 9am"),
        ("dec 5-6", "dec 5-6", "dec 5 10am"),
    ],
)
def test_two_days_as_a_range_say_to_give_the_first_and_the_length(
    text: str, typed: str, first: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” names two days; a meetup starts on one. Give the first day and its time, "
        f"like {first}, and how long it runs in the duration option, in minutes (a day is 1440)."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("dec 5 5-6pm", "Sat 2026-12-05 17:00"), ("dec 5 10-2", "Sat 2026-12-05 10:00")],
)
def test_a_date_beside_a_range_of_hours_is_still_one_day(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    "text", ["sat 12 at night", "sat night 12", "saturday night 12", "sat nite 12"]
)
def test_12_at_night_is_the_midnight_that_ends_the_night_named(text: str) -> None:
    assert local(text) == "Sun 2026-12-06 00:00"
    assert notes(text) == ("Midnight read as the end of Saturday December 5, 2026.",)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "today 5",
            "“5” read as 5:00 AM (24-hour clock); write today 5pm for the afternoon or evening.",
        ),
        (
            "today at 9",
            "“at 9” read as 9:00 AM (24-hour clock); write today 9pm for the afternoon or evening.",
        ),
        (
            "today 5 PT",
            "“5” read as 5:00 AM (24-hour clock); write today 5pm PT for the afternoon or evening.",
        ),
        (
            "today half past seven",
            "“half past seven” read as 7:30 AM; write today half past seven pm for the "
            "afternoon or evening.",
        ),
    ],
)
def test_an_hour_without_am_or_pm_gone_today_says_how_to_write_the_evening(
    text: str, hint: str
) -> None:
    assert refusal(text).endswith(f"which has passed. {hint}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 18h: the 24-hour clock as Europeans write it; in 2h: two hours from now
        ("18h", "Fri 2026-12-04 18:00"),
        ("sat 18h", "Sat 2026-12-05 18:00"),
        ("sat 18h30", "Sat 2026-12-05 18:30"),
        ("sat 9h", "Sat 2026-12-05 09:00"),
        ("in 2h", "Fri 2026-12-04 11:30"),
        ("in 2hrs", "Fri 2026-12-04 11:30"),
        ("2h from now", "Fri 2026-12-04 11:30"),
        ("in 30min", "Fri 2026-12-04 10:00"),
        ("sat at 10 oclock", "Sat 2026-12-05 10:00"),
        ("sat at 7 o'clock pm", "Sat 2026-12-05 19:00"),
        ("sat 10:00 hrs", "Sat 2026-12-05 10:00"),
        ("sat 1800 hrs", "Sat 2026-12-05 18:00"),
        ("今週土曜 10時", "Sat 2026-12-05 10:00"),
        ("今晩 8時", "Fri 2026-12-04 20:00"),
    ],
)
def test_more_ways_members_write_a_start_are_read(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize("text", ["sat 18h", "sat 10:00 hrs", "in 2h"])
def test_the_24_hour_clock_said_so_or_hours_from_now_need_no_note(text: str) -> None:
    assert notes(text) == ()


def test_a_range_written_with_h_is_read() -> None:
    assert notes("sat 18h-20h") == ("“18h-20h” read as 6:00 PM to 8:00 PM (2 hours).",)


def test_four_digits_alone_say_how_to_write_the_time() -> None:
    assert refusal("1800") == (
        "“1800” alone may be a year: write the time as 18:00 or 6:00 PM, or after a day, like "
        "sat 1800."
    )


def test_a_day_first_date_with_a_slash_says_how_to_write_it() -> None:
    assert refusal("13/12 7pm") == (
        "Dates with a slash or dash are month/day: “13/12” has no month 13. For December 13, "
        "write 12/13 or Dec 13."
    )


def test_a_date_that_passed_as_month_day_offers_the_day_month_reading() -> None:
    assert refusal("10/12 @ 7pm").endswith(
        "For the next one, add the year: oct 12 2027 @ 7pm. For December 10, write 12/10 or Dec 10."
    )


@pytest.mark.parametrize("text", ["05.12.2026 10:00", "05.01.2027 10am"])
def test_a_date_with_dots_and_a_year_says_to_name_the_month(text: str) -> None:
    day, month, year = text.split()[0].split(".")
    assert refusal(text) == (
        f"“{text.split()[0]}” may be month.day or day.month: name the month, like "
        f"{month_abbrs[int(month)]} {int(day)} {year}, or write month/day with slashes."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2moro 9am", "Sat 2026-12-05 09:00"),
        ("tmw 9am", "Sat 2026-12-05 09:00"),
        ("later today 5pm", "Fri 2026-12-04 17:00"),
        ("sat eve 6", "Sat 2026-12-05 18:00"),
        ("christmas eve 6pm", "Thu 2026-12-24 18:00"),
        ("sat 1500Z", "Sat 2026-12-05 15:00"),
        ("sat 15:00Z", "Sat 2026-12-05 15:00"),
        # as calendars and browsers copy them
        ("Sat, Dec 5 · 9–11 AM", "Sat 2026-12-05 09:00"),
        ("Saturday, December 12 ⋅ 9:00 – 11:00am", "Sat 2026-12-12 09:00"),
        ("12/5/2026, 9:00:00 AM", "Sat 2026-12-05 09:00"),
    ],
)
def test_shorthand_zulu_and_copied_calendar_times_are_read(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "bare"),
    [
        ("dec 24 9", "Thu 2026-12-24 09:00", "9"),
        ("12/24 7", "Thu 2026-12-24 07:00", "7"),
        ("the 14th 8", "Mon 2026-12-14 08:00", "8"),
    ],
)
def test_a_lone_hour_after_a_date_is_its_hour_as_after_a_day(
    text: str, expected: str, bare: str
) -> None:
    assert local(text) == expected
    assert notes(text)[0].startswith(f"“{bare}” read as {int(bare)}:00 AM (24-hour clock)")


@pytest.mark.parametrize("text", ["dec 5 2026", "dec 5 26"])
def test_a_year_after_a_date_is_no_hour(text: str) -> None:
    assert "has no time of day" in refusal(text)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (
            "sat dec 11 10am",
            "December 11, 2026 is a Friday, not a Saturday: for Friday December 11 write "
            "fri dec 11 10am, for Saturday December 12 write sat dec 12 10am.",
        ),
        (
            "dec 5 10 10am",
            "I read the year as 2010, which has passed: leave the year out, or give 2026, 2027 "
            "or 2028.",
        ),
        (
            "dec 5 2030 10am",
            "I read the year as 2030, more than 2 years ahead: give 2026, 2027 or 2028.",
        ),
        (
            "sat 13:30pm",
            "“13:30pm” is not a time on a 12-hour clock: write 1:30pm, or 13:30 without pm.",
        ),
        ("sat 10:61 am", "“10:61 am” is not a time on a 12-hour clock: write it like 10:30am."),
        ("2/30 10am", "“2/30” is not a day on the calendar: February has 29 days at most."),
    ],
)
def test_refusals_say_what_to_write_instead(text: str, refused: str) -> None:
    assert refusal(text) == refused


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("sat between ten and two", "“between ten and two” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("sat between 10 & 2", "“between 10 & 2” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("sat between 10am & 2pm", "“between 10am & 2pm” read as 10:00 AM to 2:00 PM (4 hours)."),
        ("土曜 10時〜正午", "“10時〜正午” read as 10:00 AM to 12:00 PM (2 hours)."),
    ],
)
def test_more_ranges_in_words_are_ranges(text: str, quoted: str) -> None:
    assert local(text) == "Sat 2026-12-05 10:00"
    assert notes(text)[0] == quoted


def test_a_dash_between_a_weekday_and_its_time_joins_them() -> None:
    assert local("sat-10am") == "Sat 2026-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("tomorrow morning", "tomorrow morning 9am"),
        ("sat afternoon", "sat afternoon 2pm"),
        ("tonight", "tonight 7pm"),
        ("the 14th", "the 14th 10am"),
    ],
)
def test_a_day_without_a_time_says_how_to_add_one_to_what_was_typed(
    text: str, example: str
) -> None:
    assert refusal(text) == (
        f"“{text}” has no time of day. Add one, like {example} (or 2:30 PM, 14:30, noon)."
    )
    assert local(example)  # the example given is read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 10 in the am", "Sat 2026-12-05 10:00"),
        ("sat 7 in the pm", "Sat 2026-12-05 19:00"),
        ("sat after next 10am", "Sat 2026-12-12 10:00"),
        ("the saturday after next 10am", "Sat 2026-12-12 10:00"),
        ("this weekend sat 10am", "Sat 2026-12-05 10:00"),
        ("sun 10am this weekend", "Sun 2026-12-06 10:00"),
    ],
)
def test_the_am_the_day_after_next_and_a_weekend_day_are_read(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_weekday_that_is_no_weekend_day_this_weekend_is_refused() -> None:
    assert refusal("this weekend mon 10am").startswith("A weekend is two days")


def test_next_weekend_beside_its_day_is_still_refused_as_two_days() -> None:
    assert refusal("next weekend sat 10am").startswith("A weekend is two days")


def test_two_days_written_in_japanese_are_quoted_as_typed() -> None:
    assert refusal("12月5日〜6日 9時").startswith(
        "“12月5日〜6日 9時” names two days; a meetup starts on one. Give the first day and its "
        "time, like Dec 5 9時,"
    )


def test_european_hours_in_a_range_are_the_24_hour_clock_said_plainly() -> None:
    assert notes("sat 9h-11h") == ("“9h-11h” read as 9:00 AM to 11:00 AM (2 hours).",)


@pytest.mark.parametrize(
    ("text", "typed"), [("sat-sun 10am", "sat-sun"), ("sat to sun 10am", "sat to sun")]
)
def test_two_weekdays_as_a_range_say_to_give_the_first_and_the_length(
    text: str, typed: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” names two days; a meetup starts on one. Give the first day and its time, "
        "like sat 10am, and how long it runs in the duration option, in minutes (a day is 1440)."
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("the 1st sat of next decade 10am", "“1st sat of next decade”"),
        ("the first saturday in janaury 10am", "“first saturday in janaury”"),
    ],
)
def test_words_not_read_are_quoted_as_one_stretch_as_typed(text: str, quoted: str) -> None:
    # Not the words left unread glued together ("1st of next decade"), which no one typed.
    assert refusal(text).startswith(f"I couldn't read {quoted} in")
