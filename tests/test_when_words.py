"""Hours in words beside a part of the day (six in the evening), quarter to and half past noon
and midnight, and a range in words (six to eight pm)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import CHI, FRI, local


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat six in the evening", "Sat 2026-12-05 18:00"),
        ("Sat Six In The Evening", "Sat 2026-12-05 18:00"),
        ("sat seven in the morning", "Sat 2026-12-05 07:00"),
        ("six thirty this evening", "Fri 2026-12-04 18:30"),
        ("tonight six", "Fri 2026-12-04 18:00"),
        ("tonight seven fifteen", "Fri 2026-12-04 19:15"),
        ("sat three in the afternoon", "Sat 2026-12-05 15:00"),
    ],
)
def test_an_hour_in_words_with_a_part_of_the_day(text: str, expected: str) -> None:
    assert local(text) == expected


def test_an_hour_in_words_beside_a_day_alone_is_24_hour_as_a_digit_is() -> None:
    when = parse_when("sat eight", now=FRI, member_zone=CHI)
    assert f"{when.local:%H:%M}" == "08:00"
    assert when.notes == ("“eight” read as 8:00 AM; write 8pm for the afternoon or evening.",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat quarter to noon", "Sat 2026-12-05 11:45"),
        ("sat ten to noon", "Sat 2026-12-05 11:50"),
        ("sat half past noon", "Sat 2026-12-05 12:30"),
        ("sat quarter past midday", "Sat 2026-12-05 12:15"),
        # Midnight ends the day named, so a quarter before it is late that day ...
        ("sat quarter to midnight", "Sat 2026-12-05 23:45"),
        # ... and half past it is in the night after.
        ("sat half past midnight", "Sun 2026-12-06 00:30"),
        ("tonight quarter to midnight", "Fri 2026-12-04 23:45"),
    ],
)
def test_quarter_to_and_half_past_noon_and_midnight(text: str, expected: str) -> None:
    assert local(text) == expected


def test_half_past_midnight_says_which_night() -> None:
    when = parse_when("sat half past midnight", now=FRI, member_zone=CHI)
    assert "12:30 AM read as the night of Saturday December 5, 2026, after midnight." in (
        when.notes
    )


def test_noon_with_am_or_pm_is_refused() -> None:
    with pytest.raises(UserError, match="“quarter to noon pm”: noon says which half"):
        parse_when("sat quarter to noon pm", now=FRI, member_zone=CHI)


@pytest.mark.parametrize(
    ("text", "expected", "length"),
    [
        ("sat six to eight pm", "Sat 2026-12-05 18:00", timedelta(hours=2)),
        ("sat six-eight pm", "Sat 2026-12-05 18:00", timedelta(hours=2)),
        ("sat ten to two pm", "Sat 2026-12-05 13:50", None),  # ten to two: 1:50
        ("sat five to seven pm", "Sat 2026-12-05 18:55", None),
        ("sat eleven am to two pm", "Sat 2026-12-05 11:00", timedelta(hours=3)),
        ("sat nine until noon", "Sat 2026-12-05 09:00", timedelta(hours=3)),
    ],
)
def test_a_range_in_words(text: str, expected: str, length: timedelta | None) -> None:
    assert local(text) == expected
    assert parse_when(text, now=FRI, member_zone=CHI).duration == length


def test_a_range_in_words_says_how_it_was_read() -> None:
    when = parse_when("sat six to eight pm", now=FRI, member_zone=CHI)
    assert "“six to eight pm” read as 6:00 PM to 8:00 PM (2 hours)." in when.notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat ten till two pm", "Sat 2026-12-05 13:50"),
        ("sat quarter till seven pm", "Sat 2026-12-05 18:45"),
        ("sat twenty till seven pm", "Sat 2026-12-05 18:40"),
        ("sat five till seven pm", "Sat 2026-12-05 18:55"),
        ("sat five til seven pm", "Sat 2026-12-05 18:55"),
        ("sat ten 'til two pm", "Sat 2026-12-05 13:50"),
        ("sat ten ’til two pm", "Sat 2026-12-05 13:50"),
        ("sat a quarter till 7pm", "Sat 2026-12-05 18:45"),
        ("tonight ten till seven", "Fri 2026-12-04 18:50"),
        ("sat ten till nine", "Sat 2026-12-05 08:50"),
    ],
)
def test_till_counts_back_from_the_hour_as_to_does(text: str, expected: str) -> None:
    # "Ten till two" is American for 1:50, as "ten to two" is.
    assert local(text) == expected
    assert parse_when(text, now=FRI, member_zone=CHI).duration is None


def test_till_without_am_or_pm_says_how_it_was_read_as_to_does() -> None:
    when = parse_when("sat twenty till eight", now=FRI, member_zone=CHI)
    assert when.notes == (
        "“twenty till eight” read as 7:40 AM; write 7:40pm for the afternoon or evening.",
    )


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("sat ten till two pm", "“ten till two pm” read as 1:50 PM; for a range, write 10-2pm."),
        ("sat five to seven pm", "“five to seven pm” read as 6:55 PM; for a range, write 5-7pm."),
        (
            "sat five till nine",
            "“five till nine” read as 8:55 AM; write 8:55pm for the afternoon or "
            "evening, or 5-9 for a range.",
        ),
    ],
)
def test_minutes_that_could_be_an_hour_say_how_to_write_a_range(text: str, note: str) -> None:
    # "ten till two" may be meant as the range 10 to 2; the note says how to write that.
    assert parse_when(text, now=FRI, member_zone=CHI).notes == (note,)


@pytest.mark.parametrize("text", ["sat nine till noon", "sat 9 'til noon", "sat 9am ’til 12pm"])
def test_a_range_with_till_between_hours_is_still_a_range(text: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%H:%M}", when.duration) == ("09:00", timedelta(hours=3))


# A length typed where the time goes: refused in the member's own words, not as the minutes
# it is counted in, with the duration option named.
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("1.5 hours", "1.5 hours"),
        ("an hour and a half", "an hour and a half"),
        ("half an hour", "half an hour"),
        ("2 hours", "2 hours"),
        ("sat 10am for 1.5 hours", "for 1.5 hours"),
        ("sat 10am for two and a half hours", "for two and a half hours"),
        ("sat 10am 90 minutes", "90 minutes"),
    ],
)
def test_a_length_typed_as_the_time_is_refused_in_the_member_s_words(
    text: str, quoted: str
) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=FRI, member_zone="America/Denver")
    message = refused.value.message
    assert message.startswith(f"“{quoted}” is how long, not when")
    assert "duration option" in message
    assert "“90 minutes”" not in message or quoted == "90 minutes"


@pytest.mark.parametrize("text", ["in 1.5 hours", "in an hour and a half", "in half an hour"])
def test_a_length_from_now_is_still_when(text: str) -> None:
    assert parse_when(text, now=FRI, member_zone="America/Denver").instant_utc > FRI


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("2 hours from now", timedelta(hours=2)),
        ("an hour from now", timedelta(hours=1)),
        ("90 minutes from now", timedelta(minutes=90)),
        ("half an hour from now", timedelta(minutes=30)),
    ],
)
def test_a_length_counted_from_now_is_when_not_how_long(text: str, later: timedelta) -> None:
    when = parse_when(text, now=FRI, member_zone="America/Denver")
    assert when.instant_utc == FRI.replace(second=0, microsecond=0) + later
