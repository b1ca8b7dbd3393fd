"""A dangling OR (`hijet OR`, `OR hijet`) is refused as dangling, rather than with the advice
to add two alerts, one of them for "…"."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize("typed", ["hijet OR", "OR hijet", "OR", "hijet dump or", "| carry"])
async def test_a_dangling_or_is_refused_as_dangling(alerts: AlertService, typed: str) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    message = str(refused.value)
    assert "“…”" not in message, message
    assert "OR with no word on its other side" in message, message
    assert await alerts.mine(GUILD, MIKA) == []
