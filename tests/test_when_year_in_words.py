"""A month and day with its year in words ("dec 5 next year", "next year 12/5") is that date in
that year."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize(
    "text",
    [
        "dec 5 next year 10am",
        "10am dec 5 next year",
        "12/5 next year 10am",
        "next year dec 5 10am",
        "dec 5 of next year 10am",
    ],
)
def test_a_month_day_of_next_year_is_that_date_next_year(text: str) -> None:
    assert local(text) == "Sun 2027-12-05 10:00"


def test_a_date_of_this_year_in_words_is_this_years() -> None:
    assert local("dec 19 this year 10am") == "Sat 2026-12-19 10:00"
    assert local("jan 3 next year 10am") == "Sun 2027-01-03 10:00"


def test_a_february_29th_next_year_is_refused_as_no_day() -> None:
    assert "comes only in a leap year" in refusal("feb 29 next year 10am")
