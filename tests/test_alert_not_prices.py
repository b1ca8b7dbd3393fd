"""An amount in words with no unit that is no price is not given a price's advice: a model year
(`year under 95`) is pointed to `before 95`, and what alerts have no condition for (`under 3
owners`) is said to be none, naming the conditions they have."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


async def refusal(alerts: AlertService, typed: str) -> str:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []
    return str(refused.value)


async def test_year_under_95_points_to_before_95(alerts: AlertService) -> None:
    assert await refusal(alerts, "hijet year under 95") == (
        "“year under 95” would read 95 as a price: for a model year, say before 95 (year<1995)."
    )


async def test_under_95_year_points_to_before_95(alerts: AlertService) -> None:
    assert await refusal(alerts, "hijet under 95 year") == (
        "“under 95 year” would read 95 as a price: for a model year, say before 95 (year<1995)."
    )


async def test_year_under_1995_is_not_kept_as_a_price(alerts: AlertService) -> None:
    assert await refusal(alerts, "hijet year under 1995") == (
        "“year under 1995” would read 1995 as a price: for a model year, say before 1995 "
        "(year<1995)."
    )


async def test_an_unknown_measure_names_the_conditions_there_are(alerts: AlertService) -> None:
    message = await refusal(alerts, "hijet under 3 owners")
    assert "year, age, price, mileage, grade" in message, message


async def test_under_3_owners_is_no_condition(alerts: AlertService) -> None:
    message = await refusal(alerts, "hijet under 3 owners")
    assert "$" not in message, message
    assert "no condition on “owners”" in message, message


async def test_under_2_doors_is_no_condition(alerts: AlertService) -> None:
    message = await refusal(alerts, "hijet under 2 doors")
    assert "$" not in message, message
    assert "no condition on “doors”" in message, message


async def test_under_5_before_a_keyword_keeps_the_price_advice(alerts: AlertService) -> None:
    message = await refusal(alerts, "hijet under 5 dump")
    assert "would read as a price of $5: say under 5k" in message, message
