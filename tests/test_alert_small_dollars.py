"""A bare `$` amount under $100 (`hijet $5`) is refused with the way to say it: read as a price
up to it, it would match no truck; $100 and over is a price up to it."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet $5",
            "“$5” would read as a price of at most $5, which no truck is: say $5k or $5,000.",
        ),
        (
            "hijet $99",
            "“$99” would read as a price of at most $99, which no truck is: say $99k or $99,000.",
        ),
        (
            "price $8.5 hijet",
            "“$8.5” would read as a price of at most $8.5, which no truck is: say $8.5k or $8,500.",
        ),
    ],
)
async def test_a_bare_dollar_amount_under_100_is_refused(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [("hijet $100", "hijet · price ≤ $100"), ("hijet $5k", "hijet · price ≤ $5,000")],
)
async def test_a_bare_dollar_amount_of_100_or_more_is_a_price(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
