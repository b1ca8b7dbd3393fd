"""A number of thousands alone is a price (`hijet 4500`), but not one a measure follows: a
tractor's `1500 hours`, a payload's `1200 lbs` or `1100 kg` are no price, and an alert reading
them so would wait for cheap trucks the member never asked about."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("kubota 1500 hours", "kubota, 1500, hours"),
        ("hijet 1200 lbs", "hijet, 1200, lbs"),
        ("carry 1100 kg", "carry, 1100, kg"),
        ("carry 1100kg", "carry, 1100kg"),
    ],
)
async def test_a_number_before_a_measure_is_no_price(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.bare_prices(alert)) == (read_as, [])


async def test_a_number_before_a_word_is_still_a_price(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet 4500 dump")
    assert reading(alert) == "hijet, dump · price ≤ $4,500"
