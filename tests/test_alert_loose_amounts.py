"""Amounts members type without the words alerts read them by: `hijet 5k` is `hijet $5k`, a
price up to it; `thru 5000` and `up thru 5k` are `under 5000` and `thru 5k`; `around 5k`, no
bound at all, is asked about rather than kept as the words "around 5k" no item holds."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import re

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as", "said"),
    [
        ("hijet 5k", "hijet · price ≤ $5,000", ["5k"]),
        ("hijet 4.5k 4wd", "hijet, 4wd · price ≤ $4,500", ["4.5k"]),
        ("hijet thru 5000", "hijet · price ≤ $5,000", []),
        ("hijet through 12,000", "hijet · price ≤ $12,000", []),
        ("hijet up thru 5k", "hijet · price ≤ $5,000", []),
        ("hijet up through 2000", "hijet · year ≤ 2000", []),
        # A model year after `thru` stays one, and a `k` with a unit a mileage's.
        ("hijet thru 2000", "hijet · year ≤ 2000", []),
        ("hijet under 50k mi", "hijet · mileage ≤ 80,467 km (50,000 mi)", []),
        ('hijet "5k"', "hijet, 5k", []),
        # A model year said roughly is the year, as years are read.
        ("hijet around 1995", "hijet · year = 1995", []),
    ],
)
async def test_an_amount_said_loosely_reads_as_its_nearest_form(
    alerts: AlertService, typed: str, read_as: str, said: list[str]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.bare_prices(alert)) == (read_as, said)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet around 5k",
            "“around 5k” gives no bound: say under 5k or over 5k, or give both ends of a range.",
        ),
        ("hijet about $4,500", "“about $4,500” gives no bound"),
        ("hijet approx 30k mi", "“approx 30k mi” gives no bound"),
        # With no unit either: not the words "around" and "5000" an item seldom holds.
        (
            "hijet around 5000",
            "“around 5000” gives no bound: say under $5,000 or over $5,000 for a price, or under "
            "5,000 mi or over 5,000 mi for a mileage, or give both ends of a range.",
        ),
        # A number a grade may be is given a grade's ways too.
        (
            "about 5",
            "“about 5” gives no bound: say under 5k or over 5k for a price, under 5k mi or over "
            "5k mi for a mileage, or grade under 5 or grade over 5 for a grade; or give both ends "
            "of a range.",
        ),
        (
            "hijet about 4.5",
            "“about 4.5” gives no bound: say under 4.5k or over 4.5k for a price, under 4.5k mi "
            "or over 4.5k mi for a mileage, or grade under 4.5 or grade over 4.5 for a grade; or "
            "give both ends of a range.",
        ),
        (
            "hijet about 250",
            "“about 250” gives no bound: say under 250k or over 250k for a price, or under 250k mi "
            "or over 250k mi for a mileage, or give both ends of a range.",
        ),
        ("hijet roughly 4500 4wd", "“roughly 4500” gives no bound: say under $4,500 or over"),
        (
            "hijet around 95",
            "for a mileage, or give both ends of a range; for a model year, say 1995.",
        ),
        # A field named before it is the one to bound.
        (
            "hijet grade around 4",
            "“grade around 4” gives no bound: say grade under 4 or grade over 4, or give both",
        ),
        ("carry mileage about 30k", "say mileage under 30k or mileage over 30k, or give both"),
        # Quoted as typed, not as read (`about grade:4`, `about $3,500`).
        ("hijet about grade 4", "“about grade 4” gives no bound: say grade under 4 or grade over"),
        ("hijet about 3,500$ 4wd", "“about 3,500$” gives no bound: say under $3,500 or over"),
        ("ハイゼット about ３５００ドル", "“about ３５００ドル” gives no bound: say under"),
        ("hijet about (5k)", "“about (5k)” gives no bound: say under 5k or over 5k"),
        # Near an amount is round it, as near a place is: not at most it.
        ("hijet near $4,500", "“near $4,500” gives no bound: say under $4,500 or over $4,500"),
        ("carry close to 5k", "“close to 5k” gives no bound: say under 5k or over 5k"),
        ("hijet near 30k mi", "“near 30k mi” gives no bound: say under 30k mi or over 30k mi"),
        # A number of four digits is no ZIP code: a price, as `near $4,500` is.
        ("hijet near 4500", "“near 4500” gives no bound: say under $4,500 or over $4,500"),
        # A word saying it is money is no count.
        ("hijet about 5 grand", "“about 5” gives no bound"),
        ("hijet thru 500", "“thru 500” has no unit"),
        (
            "hijet 100k",
            "“100k” could be a price or a mileage: say under $100k for a price, or under 100k mi "
            "or under 100k km for a mileage.",
        ),
    ],
)
async def test_an_amount_with_no_bound_is_asked_about(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    with pytest.raises(UserError, match=re.escape(refusal)):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        # A ZIP code is a place, as a town is: `near` is left out before it.
        ("hijet near 90210", "hijet, 90210"),
        ("acty 4wd near 78701", "acty, 4wd, 78701"),
        ("carry close to 10001", "carry, 10001"),
        # A number of something alerts have no condition on (a gearbox's speeds, owners) is
        # no price: kept as the words an item holds, as before place and rough words were asked
        # about; the rough word before it is no word an item holds either.
        ("carry near 5 speed", "carry, 5, speed"),
        ("hijet about 2 owners", "hijet, 2, owners"),
        ("hijet around 2 owners", "hijet, 2, owners"),
    ],
)
async def test_a_number_after_near_or_about_that_is_no_amount_is_kept(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
