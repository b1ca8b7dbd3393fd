"""A place typed in `when` beside a time read ("sat 10am at the walmart lot") is refused with
where it goes, the location, not only as words not understood; one with figures in it (the
7-11, exit 12) is no date nor time, and a time or date after "at" or a comma still reads."""

from __future__ import annotations

import pytest

from bot.when import examples
from tests.when_reading import FRI, local, refusal


def _pointed_to_location(text: str, place: str) -> str:
    return (
        f"I couldn't read “{place}” in “{text}”. If it is where, give it as the location: "
        f"this option takes the day and time only. Try {examples(FRI.date())}."
    )


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("sat 10am at the walmart lot", "walmart lot"),
        ("sun 2pm, Tractor Supply", "Tractor Supply"),
        ("dec 12 6pm Moab", "Moab"),
    ],
)
def test_a_place_beside_a_time_is_pointed_to_the_location_option(text: str, place: str) -> None:
    assert refusal(text) == _pointed_to_location(text, place)


def test_a_misspelt_day_is_still_asked_about_as_one() -> None:
    assert "Did you mean saturday?" in refusal("satruday 10am")
    assert "location" not in refusal("satruday 10am")


@pytest.mark.parametrize(
    "text",
    ["walmart lot", "xmas blah 10am", "jul 10 7pm central summer time", "sat 10am next year"],
)
def test_words_that_may_be_a_time_mistyped_are_not_taken_for_a_place(text: str) -> None:
    # Without a time read, before the time, or words of a time.
    assert "location" not in refusal(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The 7-Eleven was read as July 11: a meetup seven months out, or a weekday refused.
        ("sun 10am at the 7-11", "7-11"),
        ("10am at the 7-11", "7-11"),
        ("sat 10am at the 7-11", "7-11"),
        ("sat 10am @ the 7-11", "7-11"),
        ("sat 10am near the 7-11", "7-11"),
        ("sat 10am by the 7-11", "7-11"),
        ("sat 10am, the 7/11", "7/11"),
        ("sun 10am at 7-11", "7-11"),
        ("sat at the 7-11", "7-11"),
        # A place with a figure in it, after the time read.
        ("sat 10am at 123 main st", "123 main st"),
        ("sat 10am at exit 12", "exit 12"),
        ("sat 10am at walmart on hwy 6", "walmart on hwy 6"),
        ("sat 10am at 5th & main", "5th & main"),
        ("sun 2pm, 123 Main St.", "123 Main St"),
        ("sat at 10am, the walmart", "walmart"),
        # Before the time, or ahead of all of it.
        ("sat at the walmart 10am", "walmart"),
        ("Moab sat 10am", "Moab"),
        # Beside a time in two zones, which reads without the place.
        ("sat 10am-2pm ET / 7am-11am PT at walmart", "walmart"),
    ],
)
def test_a_place_with_figures_or_before_the_time_is_pointed_to_the_location(
    text: str, place: str
) -> None:
    assert refusal(text) == _pointed_to_location(text, place)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sat at 10am", "Sat 2026-12-05 10:00"),
        ("sat at 7", "Sat 2026-12-05 07:00"),
        ("@ 7pm", "Fri 2026-12-04 19:00"),
        ("dec 12 @ 10am", "Sat 2026-12-12 10:00"),
        # A date after the time and a comma is how calendars write it: still the day.
        ("sat 10am, dec 12", "Sat 2026-12-12 10:00"),
        ("10am, 12/12", "Sat 2026-12-12 10:00"),
        ("7pm, tomorrow", "Sat 2026-12-05 19:00"),
        ("Sat, Dec 5th, 2026 @ 10:00 AM ET", "Sat 2026-12-05 10:00"),
        ("sat 10am, Denver time", "Sat 2026-12-05 10:00"),
        ("sat 8 at night", "Sat 2026-12-05 20:00"),
        ("sat 10am-2pm ET / 7am-11am PT", "Sat 2026-12-05 10:00"),
    ],
)
def test_a_time_written_with_at_or_a_comma_still_reads(text: str, read: str) -> None:
    assert local(text) == read


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("sat 10am at 7pm", "I found two times"),
        ("sat 10am, tommorow", "Did you mean tomorrow?"),
        ("sat 10am, next year", "I couldn't read"),
    ],
)
def test_a_time_after_at_or_a_comma_is_not_taken_for_a_place(text: str, said: str) -> None:
    assert said in refusal(text)
    assert "location" not in refusal(text)
