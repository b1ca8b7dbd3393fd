"""A US state written by its two letters after `in` or `near` (`hijet in CO`) is the state, not
the word "co": the alert waits for its name, which an arrival in it holds (its state is read
into its text) and which a feed item naming the state holds, by name or by its two letters
after a comma (`Denver, CO`); a field condition (`state:CO`) would pass every feed item by, as
they carry no state. A place word left dangling before an exclusion (`hijet near -dump`) is
left out, as one with nothing after it is."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.importers import Arrival
from tests.test_alert_rough_words import read_and_left_out
from tests.test_alerts import alerts, item, matches  # noqa: F401 (the fixture)


def arrival_in(state: str) -> Arrival:
    return Arrival("Daihatsu", "Hijet", 1995, "S110P", "4wd", "4.5", 45000, 5500, state)


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out"),
    [
        # "co" was kept as a word: a feed item saying "Colorado" was passed by.
        ("hijet in CO", "hijet, colorado", ["in"]),
        ("hijet near CO", "hijet, colorado", ["near"]),
        ("hijet near TX 4wd", "hijet, texas, 4wd", ["near"]),
        ("hijet in NM", "hijet, new, mexico", ["in"]),
        # Refused as an OR with nothing on its other side.
        ("hijet in OR", "hijet, oregon", ["in"]),
        ("hijet in tx", "hijet, texas", ["in"]),
        ("hijet near co", "hijet, colorado", ["near"]),
        # Not a state's code, or a word too, not in capitals: words as before.
        ("hijet near XY", "hijet, xy", ["near"]),
        ("carry in ok shape", "carry, ok, shape", ["in"]),
        ("carry in la", "carry, la", ["in"]),
        ("hijet in OK condition", "hijet, ok, condition", ["in"]),
    ],
)
async def test_a_state_code_after_in_or_near_is_the_state(
    alerts: AlertService, typed: str, read_as: str, left_out: list[str]
) -> None:
    assert await read_and_left_out(alerts, typed) == (read_as, left_out)


@pytest.mark.parametrize(
    ("title", "arrival"),
    [
        ("1995 Hijet 4WD arrived", arrival_in("CO")),
        ("1995 Hijet in Colorado Springs", None),
        ("1995 Hijet, Denver, CO", None),
        ("1995 Hijet at our lot in CO 80202", None),
        ("1995 Hijet. In CO now", None),
    ],
)
@pytest.mark.parametrize("typed", ["hijet in CO", "hijet near CO"])
async def test_a_state_after_in_finds_arrivals_there_and_items_naming_it(
    alerts: AlertService, typed: str, title: str, arrival: Arrival | None
) -> None:
    assert await matches(alerts, typed, item(title, arrival=arrival))


@pytest.mark.parametrize(
    ("title", "arrival"),
    [
        ("1995 Hijet 4WD arrived", arrival_in("TX")),
        ("1995 Hijet from Kei Truck Co.", None),
    ],
)
async def test_a_state_after_in_passes_other_places_by(
    alerts: AlertService, title: str, arrival: Arrival | None
) -> None:
    assert not await matches(alerts, "hijet in CO", item(title, arrival=arrival))


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out"),
    [
        # "near" was kept as a word every item must hold.
        ("hijet near -dump", "hijet · not dump", ["near"]),
        ("hijet 4wd around -rust", "hijet, 4wd · not rust", ["around"]),
    ],
)
async def test_a_place_word_before_an_exclusion_is_left_out(
    alerts: AlertService, typed: str, read_as: str, left_out: list[str]
) -> None:
    assert await read_and_left_out(alerts, typed) == (read_as, left_out)
