"""Ranges and bounds with one end said in words: `until`/`till` between two years is a range;
`thru 2000` with no start is up to that model year; `2000 thru` with no end is refused as
`1995-` is; a bare `from 2000` or `from 5k` is refused with both readings (an Acty "from 2000"
is as often that model year as 2000 or newer); `from the 90s` is the decade's, no word "from"
waited for; and a refusal quotes what the member typed, brackets taken off whole."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hijet 1995 until 2000", "hijet · year 1995–2000"),
        ("hijet 1995 till 2000", "hijet · year 1995–2000"),
        ("hijet thru 2000", "hijet · year ≤ 2000"),
        ("hijet through '99", "hijet · year ≤ 1999"),
        ("carry from the 90s", "carry · year 1990–1999"),
        ("hijet from the 1990s", "hijet · year 1990–1999"),
        ("hijet (4wd)", "hijet, 4wd"),
        # Kept as they were: a range from a start, and `up to 2000` a price as `under 2000` is.
        ("hijet from 1995 to 2000", "hijet · year 1995–2000"),
        ("hijet up to 2000", "hijet · price ≤ $2,000"),
        ("hijet under 2000", "hijet · price ≤ $2,000"),
    ],
)
async def test_a_one_ended_range_in_words_is_read_as_meant(
    alerts: AlertService, typed: str, read: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read


@pytest.mark.parametrize(
    ("typed", "stored"), [("hijet (4wd)", "hijet 4wd"), ("hijet (under 5k)", "hijet price<=5k")]
)
async def test_a_closing_bracket_goes_with_the_opening_one(
    alerts: AlertService, typed: str, stored: str
) -> None:
    assert (await alerts.add(GUILD, MIKA, typed)).query == stored


async def test_a_bare_from_a_year_is_refused_with_both_readings(alerts: AlertService) -> None:
    assert await refusal_of(alerts, "acty from 2000") == (
        "“from 2000” could be the model year 2000 or 2000 and newer: say year:2000 for the one "
        "model year, or 2000+ for it and newer."
    )


@pytest.mark.parametrize("typed", ["hijet from 5k", "hijet from $5k"])
async def test_a_bare_from_an_amount_is_refused_with_both_readings(
    alerts: AlertService, typed: str
) -> None:
    said = typed.removeprefix("hijet ")
    amount = said.removeprefix("from ")
    assert await refusal_of(alerts, typed) == (
        f"“{said}” could be a price of {amount} or more, or one up to it: say {amount}+ "
        f"for at least {amount}, or under {amount}."
    )


async def test_an_under_with_a_plus_is_refused_quoting_what_was_typed(
    alerts: AlertService,
) -> None:
    refused = await refusal_of(alerts, "under $5k+")
    assert refused.startswith("“under $5k+”"), refused


@pytest.mark.parametrize(
    ("typed", "said", "meant"),
    [
        ("hijet 1995 up to 5k", "1995 up to 5k", "a price from $1,995 to 5k"),
        ("hijet 1995-5k", "1995-5k", "a price from $1,995 to 5k"),
        ("hijet 2000 to 8k mi", "2000 to 8k mi", "a mileage from 2,000 to 8k mi"),
    ],
)
async def test_a_model_year_before_an_amount_is_asked_about_not_read_as_one_range(
    alerts: AlertService, typed: str, said: str, meant: str
) -> None:
    # "A 1995 Hijet up to $5k" is as likely as a price from $1,995: both readings are named.
    year = said.split()[0].split("-")[0]
    assert await refusal_of(alerts, typed) == (
        f"“{said}” could be the model year {year} and an amount, or {meant}: say "
        f"year:{year} apart from the amount, or write the range with a $ or k at each end."
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hijet $1995-5k", "hijet · price $1,995–$5,000"),
        ("hijet 1,995-5k", "hijet · price $1,995–$5,000"),
        ("hijet 500-5k", "hijet · price $500–$5,000"),
    ],
)
async def test_an_amount_range_that_says_so_is_read_as_one(
    alerts: AlertService, typed: str, read: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read
