"""A condition with its bound said after it (`grade>=4 or higher`, `price<=5k or less`) is the
condition, not an OR; a bound that contradicts its sign (`grade<=4 or higher`) is refused. A
grade said before its name (`4+ grade`) is the grade condition; a number of years with no word
for which way (`hijet 25 years`) is refused, as `25 years old` is; and an age no kei truck has
(`under 95 years old`, met by every truck) is refused."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet grade>=4 or higher", "hijet · grade ≥ 4"),
        ("hijet grade >= 4 or better", "hijet · grade ≥ 4"),
        ("hijet grade:4 or higher", "hijet · grade ≥ 4"),
        ("hijet grade=4 or above", "hijet · grade ≥ 4"),
        ("hijet grade≥4 and up", "hijet · grade ≥ 4"),
        ("hijet grade>3.5 or more", "hijet · grade > 3.5"),
        ("hijet grade<=3 or lower", "hijet · grade ≤ 3"),
        ("hijet price<=5k or less", "hijet · price ≤ $5,000"),
        ("hijet price:5k or below", "hijet · price ≤ $5,000"),
        ("hijet mileage<=30k mi or less", "hijet · mileage ≤ 48,280 km (30,000 mi)"),
        ("hijet year>=1995 or newer", "hijet · year ≥ 1995"),
        ("hijet year<=95 or older", "hijet · year ≤ 1995"),
        ("hijet age>=25 or older", "hijet · age ≥ 25 years"),
        ("hijet 4+ grade", "hijet · grade ≥ 4"),
        ("hijet 4.5+ grade", "hijet · grade ≥ 4.5"),
    ],
)
async def test_a_bound_said_after_a_condition_is_the_condition(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert reading(alert) == read_as


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet grade<=4 or higher",
            "“grade<=4 or higher” says both 4 or lower and 4 or higher: say grade>=4 for 4 or "
            "higher, or grade<=4 for 4 or lower.",
        ),
        (
            "hijet year>=1995 or older",
            "“year>=1995 or older” says both 1995 or newer and 1995 or older: say year<=1995 for "
            "1995 or older, or year>=1995 for 1995 or newer.",
        ),
        (
            "hijet price<5k or more",
            "“price<5k or more” says both 5k or less and 5k or more: say price>=5k for 5k or "
            "more, or price<=5k for 5k or less.",
        ),
    ],
)
async def test_a_bound_against_its_sign_is_refused(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


@pytest.mark.parametrize("typed", ["hijet 25 years", "25 yrs hijet", "hijet 3 year"])
async def test_a_number_of_years_with_no_word_for_which_way_is_refused(
    alerts: AlertService, typed: str
) -> None:
    with pytest.raises(UserError, match=r"say \d+\+ years for \d+ years old or older, under"):
        await alerts.add(GUILD, MIKA, typed)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet under 95 years old",
            "No kei truck is over 76 years old (the oldest arrivals are model year 1950), so "
            "age < 95 years would match every truck: for a model year, say before 95; for an "
            "age, give one under 76, as under 25 years.",
        ),
        (
            "hijet age<80",
            "No kei truck is over 76 years old (the oldest arrivals are model year 1950), so "
            "age < 80 years would match every truck: for a model year, say before 80; for an "
            "age, give one under 76, as under 25 years.",
        ),
        (
            "hijet 95 years old",
            "No kei truck is over 76 years old (the oldest arrivals are model year 1950), so "
            "“95 years old” is no age a truck has: for a model year, say 1995; for an age, give "
            "one under 76, as 25+ years.",
        ),
    ],
)
async def test_an_age_no_kei_truck_has_is_refused(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert str(refused.value) == refusal
