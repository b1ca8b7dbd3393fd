"""When a truck comes (`due march`, `landing 2027`, `ETA Dec 2026`, `arrives 12/2026`) is a
date, not words to find nor a model year: an alert saying one is refused, as alerts have no
condition on dates (in quotes it is the words), and an item saying one names no model year by
it, while `Arriving: 1995 Hijet` still names 1995."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("hijet due march", "due march"),
        ("hijet due in March", "due in March"),
        ("hijet landing 2027", "landing 2027"),
        ("hijet arriving 2026", "arriving 2026"),
        ("hijet expected: March 2027", "expected: March 2027"),
        ("hijet ETA dec 2026", "ETA dec 2026"),
        ("hijet arrives 12/2026", "arrives 12/2026"),
        ("hijet lands late may", "lands late may"),
    ],
)
async def test_an_alert_saying_when_a_truck_comes_is_refused(
    alerts: AlertService, typed: str, said: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert str(refused.value) == (
        f"“{said}” says when a truck comes, and alerts have no condition on dates: each tells "
        f'you as an item goes out. Leave it out, or put it in quotes, "{said}", to watch for '
        "those words."
    )
    assert await alerts.mine(GUILD, MIKA) == []


async def test_a_date_too_long_to_quote_is_only_to_be_left_out(alerts: AlertService) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, "hijet expected in late March 2027")
    assert str(refused.value).endswith("each tells you as an item goes out. Leave it out.")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ('hijet "due march"', 'hijet, "due march"'),
        ("hijet arriving 1995", "hijet, arriving · year = 1995"),  # a model year long past
        ("hijet due", "hijet, due"),
    ],
)
async def test_what_is_no_date_is_kept(alerts: AlertService, typed: str, read: str) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read


@pytest.mark.parametrize(
    ("query", "title", "expected"),
    [
        ("hijet 2026", "Hijet due 2026", False),
        ("hijet 2026", "Hijet landing 03/2026", False),
        ("hijet 2026", "Hijet expected March 2026", False),
        ("hijet 2025", "Hijet ETA: 2025", False),
        ("hijet under 10 years", "Hijet 4WD, landing 2026", False),
        ("hijet 1995", "Arriving: 1995 Hijet", True),
        ("hijet 1995", "Hijet due 2026, a 1995", True),
        ("hijet 2026", "2026 Hijet", True),
    ],
)
async def test_an_items_date_names_no_model_year(
    alerts: AlertService, query: str, title: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title)) is expected
