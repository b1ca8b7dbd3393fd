"""A bare `$` amount (`hijet $5k`) is a price bound, as members typing it mean "up to $5k", not
the word "5k" few items hold; the reply says it was read so, and how to say another bound."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import re

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as", "said"),
    [
        ("hijet $5k", "hijet · price ≤ $5,000", ["$5k"]),
        ("$5,000 hijet", "hijet · price ≤ $5,000", ["$5,000"]),
        ("hijet $ 9000.", "hijet · price ≤ $9,000", ["$ 9000"]),
        ("hijet price $5k", "hijet · price ≤ $5,000", ["$5k"]),
        # A bound or a range said with it is read as said, and not guessed at.
        ("hijet under $5k", "hijet · price ≤ $5,000", []),
        ("hijet $5k or more", "hijet · price ≥ $5,000", []),
        ("hijet $3k-$5k", "hijet · price $3,000–$5,000", []),
        ("hijet price:$5k", "hijet · price = $5,000", []),
        # In quotes it is the words, as any number.
        ('hijet "$5k"', "hijet, 5k", []),
    ],
)
async def test_a_bare_dollar_amount_is_a_price_up_to_it(
    alerts: AlertService, typed: str, read_as: str, said: list[str]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.bare_prices(alert)) == (read_as, said)


async def test_a_bare_dollar_amount_finds_an_arrival_at_or_under_it(
    alerts: AlertService,
) -> None:
    # HIJET is $8,500.
    assert await matches(alerts, "hijet $9k", item("Hijet", arrival=HIJET))
    assert not await matches(alerts, "hijet $8k", item("Hijet", arrival=HIJET))


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("carry price <= $4,500", "carry · price ≤ $4,500"),
        ("carry price ≤ $4,500", "carry · price ≤ $4,500"),
        ("carry price >= $3k", "carry · price ≥ $3,000"),
        ("carry price: $4,500", "carry · price = $4,500"),
        ("carry price = $4500", "carry · price = $4,500"),
    ],
)
async def test_a_dollar_amount_after_a_spaced_sign_is_that_condition(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    # Spaces around the sign are allowed, and a `$` too: `price <= $4,500` is `price<=$4500`.
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.bare_prices(alert)) == (read_as, [])


@pytest.mark.parametrize("typed", ["carry ≤$4500", "carry <=$4500", "carry ≥$3k"])
async def test_a_sign_without_its_field_is_refused_quoting_what_was_typed(
    alerts: AlertService, typed: str
) -> None:
    sign = typed.removeprefix("carry ")
    with pytest.raises(UserError, match=f"“{re.escape(sign)}” is a sign without its field"):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []
