"""An amount with `ish` on it (`$5000ish`, `5k-ish`, `5000ish`) is a rough one, as `~$5000`
is: it gives no bound and is asked about with the ways to say one. Before, `$5000ish` was
refused as "no price: give it in digits", though digits were what the member gave, and
`5000ish` was kept as a word no item holds. Letters after a `$` amount that say no roughness
(`$4500obo`) are refused asking for the amount alone."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet $5000ish",
            "“$5000ish” gives no bound: say under $5000 or over $5000, or give both ends of a "
            "range.",
        ),
        (
            "hijet $5,000-ish",
            "“$5,000-ish” gives no bound: say under $5,000 or over $5,000, or give both ends of "
            "a range.",
        ),
        (
            "hijet 5kish",
            "“5kish” gives no bound: say under 5k or over 5k, or give both ends of a range.",
        ),
    ],
)
async def test_an_amount_with_ish_is_asked_about_as_one_with_a_tilde(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


async def test_a_number_with_ish_is_asked_about_as_around_it(alerts: AlertService) -> None:
    around = await refusal_of(alerts, "hijet around 5000")
    assert await refusal_of(alerts, "hijet 5000ish") == around.replace("around 5000", "5000ish")


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("hijet $4500obo", "“$4500obo” is no price: write the amount alone, as $4500."),
        ("hijet $5000s", "“$5000s” is no price: write the amount alone, as $5000."),
    ],
)
async def test_letters_after_a_dollar_amount_are_asked_off_it(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet ~$5000.",
            "“~$5000” gives no bound: say under $5000 or over $5000, or give both ends of a range.",
        ),
        (
            "hijet $5kish, 4wd",
            "“$5kish” gives no bound: say under $5k or over $5k, or give both ends of a range.",
        ),
        (
            "hijet about 5000!",
            "“about 5000” gives no bound: say under $5,000 or over $5,000 for a price, or under "
            "5,000 mi or over 5,000 mi for a mileage, or give both ends of a range.",
        ),
    ],
)
async def test_a_rough_amount_is_asked_about_without_the_mark_after_it(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    # "say under $5000. or over $5000." quoted the full stop with the amount.
    assert await refusal_of(alerts, typed) == refusal
