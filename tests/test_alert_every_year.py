"""A model year every truck meets (`year>=1950`, `after 1940`: 1950 is the earliest model year
arrivals have) is refused, as an age every truck meets is: it asks nothing."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("hijet year>=1950", "year ≥ 1950"),
        ("hijet year>1949", "year > 1949"),
        ("hijet after 1940", "year > 1940"),
        ("hijet since 1950", "year ≥ 1950"),
    ],
)
async def test_a_model_year_every_truck_meets_is_refused(
    alerts: AlertService, typed: str, said: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert str(refused.value) == (
        f"The earliest arrivals are model year 1950, so {said} would match every truck: give "
        "a later year, as after 1995, or leave it out."
    )
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [("hijet year>=1951", "hijet · year ≥ 1951"), ("hijet after 1950", "hijet · year > 1950")],
)
async def test_a_model_year_past_the_earliest_is_kept(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
