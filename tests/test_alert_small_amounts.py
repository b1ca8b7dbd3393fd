"""An amount said in words with no unit and under a thousand (`under 5`, `over 300`) would read
as a $5 or $300 truck: refused, with the ways to say what was meant (`under 5k`, `under $5,000`,
`under 5k mi`); with its unit, a `$` or a `k` it is read as typed."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "hijet under 5",
            "“under 5” has no unit, so it would read as a price of $5: say under 5k or "
            "under $5,000 for a price, or under 5k mi for a mileage.",
        ),
        (
            "hijet over 300",
            "“over 300” has no unit, so it would read as a price of $300: say over 300k or "
            "over $300,000 for a price, or over 300k mi for a mileage.",
        ),
        (
            "hijet at most 4.5",
            "“at most 4.5” has no unit, so it would read as a price of $4.5: say at most 4.5k "
            "or at most $4,500 for a price, or at most 4.5k mi for a mileage.",
        ),
        (
            "carry price under 7",
            "“price under 7” has no unit, so it would read as a price of $7: say price under "
            "7k or price under $7,000.",
        ),
        (
            "carry mileage under 50",
            "“mileage under 50” has no unit, so it would read as a mileage of 50 km: say "
            "mileage under 50k mi or mileage under 50k km.",
        ),
    ],
)
async def test_a_small_amount_with_no_unit_is_refused_with_a_hint(
    alerts: AlertService, typed: str, said: str
) -> None:
    assert await refusal_of(alerts, typed) == said


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet under 5k", "hijet · price ≤ $5,000"),
        ("hijet under $500", "hijet · price ≤ $500"),
        ("hijet under 500 dollars", "hijet · price ≤ $500"),
        ("hijet under 1000", "hijet · price ≤ $1,000"),
        ("hijet under 50 mi", "hijet · mileage ≤ 80 km (50 mi)"),
        ("hijet grade over 4", "hijet · grade ≥ 4"),
        ('hijet "under 5"', 'hijet, "under 5"'),  # quoted, the words themselves
    ],
)
async def test_an_amount_with_its_unit_or_a_thousand_and_more_is_read(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
