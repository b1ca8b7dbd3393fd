"""A city named after "at" (@, near, by, a comma) in a typed time ("sat 10am at Denver") is
where the meetup is more likely than the zone its name also gives: asked about, with the
location option for the place and the zone to write for the time, and nothing read. A zone
by its name (PT, Pacific, MT, America/Denver), a city alone, "Denver time" or "in New York" (how
the time there is said) is still the zone."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal


@pytest.mark.parametrize(
    ("text", "typed", "city", "instead"),
    [
        ("sat 10am at Denver", "at Denver", "Denver", "sat 10am America/Denver"),
        ("sat 10am @ Denver", "@ Denver", "Denver", "sat 10am America/Denver"),
        ("sat 10am @denver", "@denver", "denver", "sat 10am America/Denver"),
        ("sat 10am near Denver", "near Denver", "Denver", "sat 10am America/Denver"),
        ("sat 10am at Denver!", "at Denver", "Denver", "sat 10am America/Denver!"),
        ("sat at Denver 10am", "at Denver", "Denver", "sat America/Denver 10am"),
        (
            "sat 10am at Los Angeles",
            "at Los Angeles",
            "Los Angeles",
            "sat 10am America/Los_Angeles",
        ),
        ("sat 10am, Phoenix", "Phoenix", "Phoenix", "sat 10am, America/Phoenix"),
        # A city the reader takes no zone from is a place all the same, not a zone to fix.
        ("sat 10am at Boise", "at Boise", "Boise", "sat 10am America/Boise"),
        ("sat 10am at Regina", "at Regina", "Regina", "sat 10am America/Regina"),
    ],
)
def test_a_city_introduced_as_a_place_is_asked_about(
    text: str, typed: str, city: str, instead: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” looks like where, not when: give the place in the location option. For the "
        f"time zone of {city}, write {instead}."
    )


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am Denver", "America/Denver"),
        ("Denver sat 10am", "America/Denver"),
        ("sat 10am at Denver time", "America/Denver"),
        ("sat 10am in Denver time", "America/Denver"),
        ("sat 10am in Denver", "America/Denver"),
        ("sat 10am, Denver time", "America/Denver"),
        ("sat 10am at PT", "America/Los_Angeles"),
        ("sat 10am at Pacific", "America/Los_Angeles"),
        ("sat 10am in MT", "America/Denver"),
        ("sat 10am at America/Denver", "America/Denver"),
    ],
)
def test_a_zone_by_its_name_or_a_city_alone_is_still_the_zone(text: str, zone: str) -> None:
    assert local(text) == "Sat 2026-12-05 10:00"
    assert parse_when(text, now=FRI, member_zone=CHI).zone_name == zone


def test_a_place_with_a_city_in_its_name_is_pointed_to_the_location_as_before() -> None:
    assert refusal("sat 10am at the Denver fairgrounds").startswith(
        "I couldn't read “Denver fairgrounds” in “sat 10am at the Denver fairgrounds”. If it is "
        "where, give it as the location"
    )


def test_a_holiday_named_as_a_city_is_still_the_holiday() -> None:
    # Pacific/Easter is a zone too.
    assert refusal("10am at easter").startswith("“easter” moves from year to year")


def test_the_zone_to_write_stands_where_the_city_was_typed() -> None:
    assert refusal("sat 10am America/Denver, Denver").endswith(
        "For the time zone of Denver, write sat 10am America/Denver, America/Denver."
    )


def test_a_city_with_its_state_is_quoted_whole_and_left_out_of_the_zone_to_write() -> None:
    assert refusal("sat 10am at Denver, CO") == (
        "“at Denver, CO” looks like where, not when: give the place in the location option. "
        "For the time zone of Denver, write sat 10am America/Denver."
    )


DENVER = "America/Denver"


@pytest.mark.parametrize(
    "text", ["sat 10am at Denver", "sat 10am, Denver", "sat 10am @ Denver", "sat at Denver 10am"]
)
@pytest.mark.parametrize(
    "zones",
    [
        {"server_zone": DENVER},
        {"member_zone": DENVER, "server_zone": CHI},
        {"template_zone": DENVER, "member_zone": CHI},
        {"zone_option": "MT", "member_zone": CHI},
    ],
    ids=["server", "member", "template", "option"],
)
def test_a_city_in_the_zone_the_meetup_uses_anyway_is_read_as_typed(
    text: str, zones: dict[str, str]
) -> None:
    # Whether it is the place or the zone, the time is the same: nothing to ask.
    read = parse_when(text, now=FRI, **zones)
    assert read.zone_name == DENVER
    assert f"{read.local:%a %Y-%m-%d %H:%M}" == "Sat 2026-12-05 10:00"


def test_a_city_in_another_zone_than_the_one_used_anyway_is_still_asked_about() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("sat 10am at Phoenix", now=FRI, server_zone=DENVER)
    assert refused.value.message.startswith("“at Phoenix” looks like where, not when")
    with pytest.raises(UserError) as refused:
        parse_when("sat 10am at Denver", now=FRI, member_zone=CHI, server_zone=DENVER)
    assert refused.value.message.startswith("“at Denver” looks like where, not when")
