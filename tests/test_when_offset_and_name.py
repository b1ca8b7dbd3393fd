"""A time that gives its zone twice, as an offset and by name ("sat 10pm -08:00 PT", as some
copy both to be sure): read when the two agree on the day, refused naming both when not."""

from __future__ import annotations

import pytest

from bot.when import ZoneSource, parse_when
from tests.when_reading import CHI, FRI, local, refusal

LA = "America/Los_Angeles"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 10pm -08:00 PT", "Sat 2026-12-05 22:00"),
        ("sat 22:00 -0800 pacific", "Sat 2026-12-05 22:00"),
        ("2026-12-12T21:00:00-08:00 America/Los_Angeles", "Sat 2026-12-12 21:00"),
        ("sat 10pm UTC-8 PT", "Sat 2026-12-05 22:00"),
        ("2027-07-10 9pm -07:00 PT", "Sat 2027-07-10 21:00"),
    ],
)
def test_an_offset_and_a_zone_name_that_agree_are_read_in_the_zone(
    text: str, expected: str
) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (local(text), when.zone_name, when.zone_source) == (expected, LA, ZoneSource.TEXT)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (
            "sat 10pm -02:00 PT",
            "“-02:00” and “PT” name different zones: PT on Saturday December 5 is UTC-08:00 "
            "(PST), not UTC-02:00. Give one of them.",
        ),
        (
            "sat 10pm -07:00 PT",
            "“-07:00” and “PT” name different zones: PT on Saturday December 5 is UTC-08:00 "
            "(PST), not UTC-07:00. Give one of them.",
        ),
        (
            "2027-07-10 9pm UTC-8 PT",
            "“UTC-8” and “PT” name different zones: PT on Saturday July 10 is UTC-07:00 "
            "(PDT), not UTC-08:00. Give one of them.",
        ),
    ],
)
def test_an_offset_and_a_zone_name_that_disagree_are_refused_naming_both(
    text: str, refused: str
) -> None:
    assert refusal(text) == refused


def test_an_offset_that_may_end_a_range_beside_a_zone_name_is_the_range() -> None:
    """Its zone named, "9:00 -11:00" is the hours from 9 to 11 there, not a second zone."""
    when = parse_when("sat 9:00 -11:00 PT", now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %H:%M}", when.zone_name, str(when.duration)) == (
        "Sat 09:00",
        LA,
        "2:00:00",
    )


def test_two_zone_names_are_still_refused() -> None:
    assert refusal("sat 10pm PT ET") == "I found two time zones, “PT” and “ET”; give one."


def test_an_offset_and_a_zone_name_that_disagree_are_refused_before_am_or_pm_is_asked() -> None:
    """Both halves of the day are in December: the member fixes the zone first, not after
    answering which half."""
    assert refusal("sat 3 -02:00 PT") == (
        "“-02:00” and “PT” name different zones: PT on Saturday December 5 is UTC-08:00 "
        "(PST), not UTC-02:00. Give one of them."
    )


def test_an_offset_and_a_zone_name_that_agree_still_ask_am_or_pm() -> None:
    assert refusal("sat 3 -08:00 PT").startswith("“3” has no am or pm")
