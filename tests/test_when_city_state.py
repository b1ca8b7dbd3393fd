"""A city written with its state ("Denver, CO", "Phoenix AZ") is the city's zone, as the city
alone is; a state not its own is not read as it."""

from __future__ import annotations

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, refusal


@pytest.mark.parametrize(
    "text",
    [
        "sat 10am Denver, CO",
        "sat 10am Denver CO",
        "sat 10am denver, co",
        "sat 10am Denver, Colorado",
        "sat 10am Denver CO time",
    ],
)
def test_a_city_with_its_state_is_its_zone(text: str) -> None:
    reading = parse_when(text, now=FRI, member_zone=CHI)
    assert (reading.zone_name, f"{reading.local:%a %Y-%m-%d %H:%M}") == (
        "America/Denver",
        "Sat 2026-12-05 10:00",
    )


def test_a_state_after_its_city_is_no_second_zone() -> None:
    # AZ alone is Arizona's zone; after Phoenix it is the city's state.
    assert (
        parse_when("sat 10am Phoenix, AZ", now=FRI, member_zone=CHI).zone_name == "America/Phoenix"
    )


def test_a_state_not_the_citys_own_is_not_read_as_the_city() -> None:
    assert "IL" in refusal("sat 10am Denver, IL")
