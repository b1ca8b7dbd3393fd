"""A feed item's two capital letters are a state only where a place is written: after a comma,
`in` or `near` (`Denver, CO`, `in CO`), or before a ZIP code. Not where a hyphen or slash
goes on (`4WD, HI-LO`, `HI/LO`), and a code that is also a word (`OK`, `HI`, `OR`, `IN`) only
at a clause's end after a comma (`Hilo, HI.`) or before a ZIP code: "in OK shape" and "Hijet,
OR Acty" name no state, and read so they sent a false alert to those watching it."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.alerts.places import states_named
from tests.test_alerts import alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "title", "body"),
    [
        ("hijet in HI", "1998 Hijet jumbo", "4WD, HI-LO, dump bed, 45k km"),
        ("carry in OK", "Suzuki Carry", "Runs great, in OK shape for its age"),
    ],
)
async def test_a_word_in_capitals_is_no_state_an_alert_waits_for(
    alerts: AlertService, typed: str, title: str, body: str
) -> None:
    assert not await matches(alerts, typed, item(title, body))


@pytest.mark.parametrize(
    "text",
    [
        "4WD, HI-LO, dump bed",
        "4x4, HI/LO",
        "Runs great, in OK shape",
        "Hijet, OR Acty",
        "dump, IN STOCK",
        "near OH my",
        "Denver, CO-op yard",
        "Austin, TX/OK border",
    ],
)
def test_capitals_going_on_or_a_word_too_mid_clause_name_no_state(text: str) -> None:
    assert states_named(text) == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hilo, HI.", ["hawaii"]),
        ("Tulsa, OK, pick up only", ["oklahoma"]),
        ("Portland, OR", ["oregon"]),
        ("Portland, OR\nclean title", ["oregon"]),
        ("at our lot, OK 73301", ["oklahoma"]),
        ("1995 Hijet, Denver, CO", ["colorado"]),
        ("1995 Hijet. In CO now", ["colorado"]),
        ("near TX, 4wd", ["texas"]),
        ("in CO 80202", ["colorado"]),
    ],
)
def test_a_place_written_names_its_state(text: str, named: list[str]) -> None:
    assert states_named(text) == named
