"""An alert whose conditions cannot all hold is refused, naming the clash, and nothing is kept:
empty ranges, two values one field cannot have at once, a code, make and model of two trucks."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from bot.models import find_model
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches  # noqa: F401


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("price<=5k price>=9k", "price ≤ $5,000 and price ≥ $9,000 cannot both hold"),
        ("hijet grade>=4.5 grade<=3", "grade ≥ 4.5 and grade ≤ 3 cannot both hold"),
        ("grade:4 grade:4.5", "grade = 4 and grade = 4.5 cannot both hold"),
        ("hijet price:5000 price>5000", "price = $5,000 and price > $5,000 cannot both hold"),
        ("grade>4 grade<4", "grade > 4 and grade < 4 cannot both hold"),
        ("year>=1999 year<=1995", "year ≥ 1999 and year ≤ 1995 cannot both hold"),
        # Years, prices and odometers are whole numbers: nothing lies between 1995 and 1996.
        ("hijet year>1995 year<1996", "year > 1995 and year < 1996 cannot both hold"),
        ("hijet year:1995.5", "A year is a whole number, so no truck would match year = 1995"),
        ("model:carry model:hijet", "model = carry and model = hijet cannot both hold"),
        ("make:suzuki make:daihatsu", "make = suzuki and make = daihatsu cannot both hold"),
        ("make:suzuki model:hijet", "make = suzuki and model = hijet cannot both hold"),
        ("model:daihatsu model:carry", "model = daihatsu and model = carry cannot both hold"),
        ("drive:2wd drive:4wd", "drive = 2wd and drive = 4wd cannot both hold"),
        ("hijet state:TX state:colorado", "state = TX and state = CO cannot both hold"),
        ("code:S110P code:DA63T", "code = S110P and code = DA63T cannot both hold"),
        ("model:hijet code:DA63T", "model = hijet and code = DA63T cannot both hold"),
        ("make:honda code:s110p", "make = honda and code = S110P cannot both hold"),
    ],
)
async def test_an_alert_whose_conditions_cannot_all_hold_is_refused(
    alerts: AlertService, query: str, message: str
) -> None:
    with pytest.raises(UserError, match=message.replace("$", r"\$")) as refused:
        await alerts.add(GUILD, MIKA, query)
    assert "no truck would match" in str(refused.value)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    "query",
    [
        "price>=5k price<=5k",
        "grade>4 grade<=4.5",
        "year>=1995 year<=1995",
        "year>1994 year<1996",
        "model:daihatsu model:hijet",
        "make:daihatsu model:hijet code:s110p",
        "model:hijet model:ハイゼット",
        "model:jumbo model:hijet",  # a model name the data does not know is not judged
        "price<=9k price<=5k grade>=3 grade>=4",
        "state:TX state:texas",
    ],
)
async def test_conditions_that_can_all_hold_are_kept(alerts: AlertService, query: str) -> None:
    await alerts.add(GUILD, MIKA, query)


async def test_a_kept_range_still_matches(alerts: AlertService) -> None:
    assert await matches(alerts, "price>=8500 price<=8500", item("Hijet", arrival=HIJET))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "code:DA63T year>=2014",
            "code = DA63T and year ≥ 2014 cannot both hold \\(the Suzuki Carry DA63T was "
            "built 2002–2013\\)",
        ),
        ("year<2002 code:da63t", "year < 2002 and code = DA63T cannot both hold"),
    ],
)
async def test_a_code_is_of_the_years_it_was_built(
    alerts: AlertService, query: str, message: str
) -> None:
    # An arrival's year must be one its code was built in, so no DA63T is of 2014.
    with pytest.raises(UserError, match=message):
        await alerts.add(GUILD, MIKA, query)
    await alerts.add(GUILD, MIKA, "code:DA63T year>=2013")


async def test_a_code_whose_years_are_unconfirmed_clashes_with_no_year(
    alerts: AlertService,
) -> None:
    # Its years are a guess, so an arrival outside them is taken, and an alert may wait for one.
    model = find_model("S110P")
    assert model is not None
    assert model.unverified
    await alerts.add(GUILD, MIKA, "code:S110P year>=2010")
