"""A city written with its state ("Denver, CO", "Phoenix AZ") is the city's zone, as the city
alone is; a state not its own is not read as it. Any other city with a state's two letters
(Tulsa, OK) is in the state's zone, or its own (Boise, ID); where the state keeps more than one
(Austin, TX), which is asked."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal

DENVER = "America/Denver"


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


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("dec 19 10am Tulsa, OK", "America/Chicago"),  # Oklahoma keeps one zone
        ("dec 19 10am tulsa OK", "America/Chicago"),
        ("dec 19 10am Salt Lake City, UT", "America/Denver"),
        ("dec 19 10am Boise, ID", "America/Boise"),  # Idaho has two; Boise is its own
        ("dec 19 10am Reno, NV", "America/Los_Angeles"),
    ],
)
def test_a_city_with_a_state_of_one_zone_or_a_known_city_is_read_in_it(
    text: str, zone: str
) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.zone_name) == ("Sat 2026-12-19 10:00", zone)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sat three in the afternoon", "Sat 2026-12-05 15:00"),
        ("sat seven oh five pm", "Sat 2026-12-05 19:05"),
        ("SAT THREE IN THE AFTERNOON", "Sat 2026-12-05 15:00"),
    ],
)
def test_words_that_are_a_states_letters_in_lower_case_are_no_state(text: str, read: str) -> None:
    assert local(text) == read


def test_a_city_in_a_state_of_two_zones_is_asked_which() -> None:
    assert refusal("dec 19 10am Austin, TX") == (
        "“Austin, TX”: Texas keeps two time zones, America/Chicago and America/Denver. For "
        "the time, write dec 19 10am America/Chicago or dec 19 10am America/Denver; a place "
        "goes in the location option."
    )


def test_a_city_with_a_state_after_at_is_asked_about_as_a_city_alone_is() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("sat 10am at Tulsa, OK", now=FRI, member_zone=DENVER)
    assert refused.value.message == (
        "“at Tulsa, OK” looks like where, not when: give the place in the location option. For "
        "the time zone of Tulsa, write sat 10am America/Chicago."
    )


def test_a_city_with_a_state_after_at_in_the_zone_read_anyway_reads() -> None:
    assert local("sat 10am at Tulsa, OK") == "Sat 2026-12-05 10:00"


@pytest.mark.parametrize(
    "text",
    [
        "sat 10am sharp CT",
        "sat 10am approx CT",
        "sat 10am start CT",
    ],
)
def test_ct_after_a_word_no_city_is_central_time(text: str) -> None:
    # CT is Connecticut only after a comma or a city the zone table knows.
    reading = parse_when(text, now=FRI, member_zone="America/Los_Angeles")
    assert (reading.zone_name, f"{reading.local:%a %H:%M}") == ("America/Chicago", "Sat 10:00")


@pytest.mark.parametrize("word", ["brunch", "potluck", "promptly"])
def test_ct_after_a_word_the_time_does_not_hold_is_asked_about_not_eastern(word: str) -> None:
    assert refusal(f"sat 10am {word} CT").startswith(f"I couldn't read “{word}”")


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am sharp MT", "America/Denver"),
        ("sat 10am Hartford, CT", "America/New_York"),
    ],
)
def test_zone_letters_say_a_state_after_a_comma_or_a_known_city(text: str, zone: str) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).zone_name == zone
