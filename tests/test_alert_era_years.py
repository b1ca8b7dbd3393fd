"""Japanese era years in an alert are the model years /eligibility reads them as; an era's
letter with a number is one only as a year arrivals can be of, and Reiwa's letter not at all."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet H10", "hijet · year = 1998"),
        ("hijet h10年式", "hijet · year = 1998"),
        ("hijet Ｈ１０", "hijet · year = 1998"),
        ("hijet S63", "hijet · year = 1988"),
        ("hijet 平成10年", "hijet · year = 1998"),
        ("hijet 平成元年式", "hijet · year = 1989"),
        ("hijet heisei 10", "hijet · year = 1998"),
        ("carry 令和2年", "carry · year = 2020"),
        # Shōwa 10 is 1935, before any arrival: a word, as the pickup's name.
        ("chevy S10", "chevy, s10"),
        ("subaru R2", "subaru, r2"),
    ],
)
async def test_an_era_year_is_a_model_year(alerts: AlertService, typed: str, read_as: str) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


async def test_a_year_outside_its_era_is_refused_as_eligibility_refuses_it(
    alerts: AlertService,
) -> None:
    with pytest.raises(UserError, match="“平成40年” is outside the Heisei era"):
        await alerts.add(GUILD, MIKA, "hijet 平成40年")
    assert await alerts.mine(GUILD, MIKA) == []
