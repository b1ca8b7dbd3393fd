"""A place typed in `when` beside a time read ("sat 10am at the walmart lot") is refused with
where it goes, the location, not only as words not understood."""

from __future__ import annotations

import pytest

from bot.when import EXAMPLES
from tests.when_reading import refusal


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("sat 10am at the walmart lot", "walmart lot"),
        ("sun 2pm, Tractor Supply", "Tractor Supply"),
        ("dec 12 6pm Moab", "Moab"),
    ],
)
def test_a_place_beside_a_time_is_pointed_to_the_location_option(text: str, place: str) -> None:
    assert refusal(text) == (
        f"I couldn't read “{place}” in “{text}”. If it is where, give it as the location: "
        f"this option takes the day and time only. Try {EXAMPLES}."
    )


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
