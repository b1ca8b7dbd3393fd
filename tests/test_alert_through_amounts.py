"""`thru 5k` and `through $5,000` are a price up to it, as `up to 5k` is (a range's end with
no start, as `thru 2000` is a model year's); a bare number after them stays a model year's or
the words."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet thru 5k", "hijet · price ≤ $5,000"),
        ("hijet through 5k", "hijet · price ≤ $5,000"),
        ("hijet THRU $5,000", "hijet · price ≤ $5,000"),
        ("hijet through 5,000", "hijet · price ≤ $5,000"),
        ("hijet until 5k", "hijet · price ≤ $5,000"),
        ("carry 4wd thru 8k", "carry, 4wd · price ≤ $8,000"),
        ("hijet thru 30k mi", "hijet · mileage ≤ 48,280 km (30,000 mi)"),
        ("hijet thru 5k or less", "hijet · price ≤ $5,000"),
        # A range keeps reading as one, and a bare year after them as a model year.
        ("hijet 3k thru 5k", "hijet · price $3,000–$5,000"),
        ("hijet thru 2000", "hijet · year ≤ 2000"),
        ("hijet through '99", "hijet · year ≤ 1999"),
    ],
)
async def test_thru_an_amount_is_up_to_it(alerts: AlertService, typed: str, read_as: str) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
