"""A lone number after a date written day first ("5 december 19") is its hour, as it is after
a date written month first ("dec 5 19") and after a weekday ("sat 19"): never a year, which
would be one long passed (2019)."""

from __future__ import annotations

import pytest

from tests.when_reading import local, notes, refusal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 december 19", "Sat 2026-12-05 19:00"),
        ("5 dec 19", "Sat 2026-12-05 19:00"),
        ("5th of december 20", "Sat 2026-12-05 20:00"),
        ("19 dec 1930", "Sat 2026-12-19 19:30"),
        ("5 december 2027 19", "Sun 2027-12-05 19:00"),
        ("5 december 24", "Sun 2026-12-06 00:00"),
    ],
)
def test_a_lone_number_after_a_day_first_date_is_its_hour(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_morning_hour_after_a_day_first_date_says_so_as_after_a_month_first_one() -> None:
    assert local("5 dec 7") == local("dec 5 7") == "Sat 2026-12-05 07:00"
    assert notes("5 dec 7") == notes("dec 5 7")


def test_an_hour_of_either_half_after_a_day_first_date_is_asked_about() -> None:
    assert refusal("5 december 3") == (
        "“3” has no am or pm: write 5 december 3pm for 3:00 PM, or 5 december 3am for 3:00 AM."
    )


def test_a_number_that_is_no_hour_is_still_a_year() -> None:
    assert "2025, which has passed" in refusal("5 december 25")
