"""An offset from UTC printed after a time with a space ("15:00 -07:00", "3pm +09:00"), as
many tools write one: read as the time's zone, not as the end of a range."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, notes, refusal


@pytest.mark.parametrize(
    ("text", "zone", "typed"),
    [
        ("2026-12-05 15:00 -07:00", "UTC-07:00", "-07:00"),
        ("sat 3pm -07:00", "UTC-07:00", "-07:00"),
        ("sat 15:00 -0700", "UTC-07:00", "-0700"),
        ("sat 3pm +09:00", "UTC+09:00", "+09:00"),
        ("sat 3:00 pm -05:30", "UTC-05:30", "-05:30"),
    ],
)
def test_an_offset_after_a_time_is_its_zone(text: str, zone: str, typed: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (when.zone_name, when.duration) == (zone, None)
    assert f"{when.local:%a %H:%M}" == "Sat 15:00"
    assert notes(text) == (f"“{typed}” read as the offset from UTC of the time ({zone}).",)


@pytest.mark.parametrize(
    ("text", "zone"), [("sat 15:00 UTC-7", "UTC-07:00"), ("sat 15:00 GMT+9", "UTC+09:00")]
)
def test_an_offset_named_by_utc_is_still_read(text: str, zone: str) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).zone_name == zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 3pm - 7pm", "Sat 2026-12-05 15:00"),
        ("sat 3-7pm", "Sat 2026-12-05 15:00"),
        ("sat 3pm -7pm", "Sat 2026-12-05 15:00"),
        ("sat 15:00-19:00", "Sat 2026-12-05 15:00"),
        ("sat 15:00 - 19:00", "Sat 2026-12-05 15:00"),
    ],
)
def test_a_range_with_its_dash_joined_or_spaced_stays_a_range(text: str, expected: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (local(text), when.zone_name, when.duration is not None) == (expected, CHI, True)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "sat 9:00 -11:00",
            "“9:00 -11:00” may be 9:00 at UTC-11:00 or a range to 11:00: write sat 9:00 "
            "UTC-11:00 for the zone, or sat 9:00-11:00 for the range.",
        ),
    ],
)
def test_an_offset_that_may_end_a_short_range_is_asked_about(text: str, asked: str) -> None:
    assert refusal(text) == asked


@pytest.mark.parametrize(
    "text", ["sat 9:00-11:00", "sat 9:00 - 11:00", "sat 10pm-02:00", "sat 9:00 -15:00"]
)
def test_the_range_offered_in_its_place_is_read_as_one(text: str) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).duration is not None


def test_the_zone_offered_in_its_place_is_read_as_one() -> None:
    when = parse_when("sat 9:00 UTC-11:00", now=FRI, member_zone=CHI)
    assert (when.zone_name, when.duration) == ("UTC-11:00", None)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "sat 3 -07:00",
            "“3” has no am or pm: write sat 3pm -07:00 for 3:00 PM, or sat 3am -07:00 for 3:00 AM.",
        ),
        (
            "sat 5 +09:00",
            "“5” has no am or pm: write sat 5pm +09:00 for 5:00 PM, or sat 5am +09:00 for 5:00 AM.",
        ),
    ],
)
def test_a_lone_hour_before_an_offset_is_asked_which_half_as_any_bare_hour(
    text: str, asked: str
) -> None:
    assert refusal(text) == asked


def test_a_lone_hour_before_an_offset_is_read_in_that_offset() -> None:
    when = parse_when("sat 9 -05:00", now=FRI, member_zone=CHI)
    assert (when.zone_name, when.duration, f"{when.local:%a %H:%M}") == (
        "UTC-05:00",
        None,
        "Sat 09:00",
    )


def test_a_lone_hour_whose_offset_may_end_a_short_range_is_still_asked_about() -> None:
    assert refusal("sat 9 -11:00") == (
        "“9 -11:00” may be 9 at UTC-11:00 or a range to 11:00: write sat 9 UTC-11:00 for the "
        "zone, or sat 9-11:00 for the range."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 9pm -05:00", "Sat 2026-12-05 21:00"),
        ("sat 21:00 -05:00", "Sat 2026-12-05 21:00"),
        ("sat 10pm -02:00", "Sat 2026-12-05 22:00"),
        ("sat 09:00 -11:00", "Sat 2026-12-05 09:00"),
        ("2026-12-12T21:00:00 -05:00", "Sat 2026-12-12 21:00"),
        ("2026-12-12 21:00:00 -05:00", "Sat 2026-12-12 21:00"),
        ("2026-12-12T21:00:00-05:00", "Sat 2026-12-12 21:00"),
    ],
)
def test_a_time_that_says_its_half_before_an_offset_is_read_in_it_unasked(
    text: str, expected: str
) -> None:
    """Am or pm, or the 24-hour clock on purpose, leaves only the offset to read: a range
    written so would mix two ways of writing its ends."""
    when = parse_when(text, now=FRI, member_zone=CHI)
    offset = text.rsplit("-", 1)[1]
    assert (local(text), when.zone_name, when.duration) == (expected, f"UTC-{offset}", None)


@pytest.mark.parametrize(
    "text", ["12/5 -07:00", "2026-12-05 -07:00", "12/12 -07:00", "12/5/2026 -07:00", "dec 5 -07:00"]
)
def test_an_offset_after_a_date_is_its_zone_and_the_time_of_day_is_asked_for(text: str) -> None:
    assert refusal(text).startswith(f"“{text}” has no time of day.")


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("2026-12-12 21:00-05:00", "UTC-05:00"),
        ("2026-12-12 21:00-0500", "UTC-05:00"),
        ("2026-12-12 21:00+09:00", "UTC+09:00"),
        ("2026-12-12 21:00Z", "UTC"),
        ("2026-12-12 9:30-07:00", "UTC-07:00"),
        ("2026-12-12 10:00-07:00", "UTC-07:00"),
    ],
)
def test_an_offset_joined_to_a_date_and_time_is_its_zone(text: str, zone: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (when.zone_name, when.duration) == (zone, None)
    assert local(text)[:14] == "Sat 2026-12-12"


@pytest.mark.parametrize(
    ("text", "start", "hours"),
    [("2026-12-12 09:00-11:00", "09:00", 2), ("2026-12-05 10:00-12:00", "10:00", 2)],
)
def test_a_range_with_minutes_joined_to_a_date_is_a_range_not_an_offset(
    text: str, start: str, hours: int
) -> None:
    """Both ends with minutes is how a range is written: asked whether 12:00 was UTC-12 (where
    no one lives), a member had to retype the plainest range there is."""
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%H:%M}", when.zone_name, when.duration) == (
        start,
        CHI,
        timedelta(hours=hours),
    )


@pytest.mark.parametrize("text", ["2026-12-12 09:00 UTC-11:00", "2026-12-12 09:00 to 11:00"])
def test_what_is_offered_for_a_joined_offset_is_read(text: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (when.zone_name == "UTC-11:00") == (when.duration is None)


@pytest.mark.parametrize(
    "text", ["sat -07:00", "tomorrow -05:00", "sat +09:00", "saturday -0700", "tmrw +09:00"]
)
def test_an_offset_after_a_day_in_words_is_its_zone_and_the_time_of_day_is_asked_for(
    text: str,
) -> None:
    assert refusal(text).startswith(f"“{text}” has no time of day.")


@pytest.mark.parametrize(
    ("text", "zone"), [("sat noon -07:00", "UTC-07:00"), ("sat ten pm +09:00", "UTC+09:00")]
)
def test_an_offset_after_a_time_in_words_is_its_zone(text: str, zone: str) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).zone_name == zone


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("12/5 -15:00", "15:00"),
        ("12/5 +15:00", "15:00"),
        ("2026-12-05 -1530", "15:30"),
        ("the 5th -15:00", "15:00"),
    ],
)
def test_an_offset_no_zone_has_after_a_date_is_refused(text: str, hour: str) -> None:
    # There is no UTC-15: read as 3 PM, the dash dropped, it would be the member's own zone.
    offset = text.split()[-1]
    date = text.rsplit(" ", 1)[0]
    assert refusal(text) == (
        f"“{offset}” is no such offset: offsets from UTC run from -12:00 to +14:00. For the "
        f"time, write {date} {hour}; for a zone, give it after the time, like {date} {hour} "
        "-07:00."
    )
