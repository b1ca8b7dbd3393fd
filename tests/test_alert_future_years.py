"""A model year after this one is refused: no truck built after it has arrived, so the alert
would never match. Recent years are kept, rare as the 25-year rule makes them."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    "typed",
    [
        "year>=2040 hijet",
        "hijet year:2027",
        "hijet year>2026",
        "hijet 2030-2040",
        "hijet year 2027-2030",
        "hijet year 2030",
        "hijet 30-40",
    ],
)
async def test_a_model_year_after_this_one_is_refused(alerts: AlertService, typed: str) -> None:
    # The test clock is in 2026: no truck built after it has arrived.
    with pytest.raises(UserError, match="It is 2026, so no truck built after 2026 has arrived"):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize("typed", ["hijet year>=2026", "hijet year<=2040", "hijet year>2025"])
async def test_a_recent_or_open_ended_year_is_kept(alerts: AlertService, typed: str) -> None:
    assert (await alerts.add(GUILD, MIKA, typed)).query == typed
