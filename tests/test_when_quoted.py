"""What members type for a meetup start that was quoted back half-read or refused without
saying what to type instead: ranges in words, two days with a dash, 12 at night, 18h."""

from __future__ import annotations

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
    "text", ["sat 12 at night", "sat night 12", "saturday night 12", "sat nite 12"]
)
def test_12_at_night_is_the_midnight_that_ends_the_night_named(text: str) -> None:
    assert local(text) == "Sun 2026-12-06 00:00"
    assert notes(text) == ("Midnight read as the end of Saturday December 5, 2026.",)
