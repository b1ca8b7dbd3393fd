"""Alerts typed the odd ways members type them, as tried in the sandbox console."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, parse_query
from tests.test_alerts import alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Hijet's", "Hijet dump arrived"),
        ("hijet’s dump", "1995 Hijet 4WD dump"),
        ("carry's", "Suzuki Carry's bed, 4WD"),
    ],
)
async def test_a_possessive_asks_for_the_word_itself(
    alerts: AlertService, query: str, title: str
) -> None:
    assert await matches(alerts, query, item(title)), (query, title)


def test_a_possessive_is_read_as_its_word() -> None:
    assert parse_query("Hijet's 4wd") == (("hijet", "4wd"), (), ())
