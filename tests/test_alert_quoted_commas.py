"""Commas parting an alert's words get their advice with a quoted phrase among them as without:
a list of trucks is refused offering an alert for each, and words parted by commas are said to
be all wanted, the phrase one of them; a comma inside quotes is the phrase's."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "each"),
    [
        ('hijet, carry, "dump bed"', '“hijet”, “carry”, “"dump bed"”'),
        ('"dump bed", hijet, carry', '“"dump bed"”, “hijet”, “carry”'),
        ("hijet, carry “flat bed”", "“hijet”, “carry “flat bed””"),
    ],
)
async def test_trucks_listed_beside_a_phrase_are_refused_as_without(
    alerts: AlertService, typed: str, each: str
) -> None:
    assert await refusal_of(alerts, typed) == (
        f"Alerts have no OR: every word must appear, so “{typed}” would wait for an item naming "
        f"all of them; for any of them, add an alert for each: {each}."
    )


@pytest.mark.parametrize(
    ("typed", "read_as", "commas"),
    [
        ('hijet, "dump bed", 4wd', 'hijet, "dump bed", 4wd', ["hijet", '"dump bed"', "4wd"]),
        ('"flat bed" hijet, dump, 4wd', '"flat bed", hijet, dump, 4wd', ["dump", "4wd"]),
        # A comma inside quotes is the phrase's, and parts nothing.
        ('hijet "dump, bed" 4wd', 'hijet, "dump bed", 4wd', []),
        ('"hijet, carry" dump', '"hijet carry", dump', []),
    ],
)
async def test_words_parted_by_commas_beside_a_phrase_are_said_all_wanted(
    alerts: AlertService, typed: str, read_as: str, commas: list[str]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), alerts.comma_words(alert)) == (read_as, commas)
