"""What members type that means a condition: a bare model year (`hijet 1995`), a range in two
digits (`95-99`, `'95-'99`), a price in words without a dollar sign (`under 5k`); and an alert
is listed as typed, read as it was understood."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from bot.store import Store
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        # A bare four-digit number from 1960 to this year (2026 on the test clock) is a year.
        ("hijet 1996", "hijet · year = 1996"),
        ("hijet year 1996", "hijet · year = 1996"),
        ("1996 hijet.", "hijet · year = 1996"),
        ("hijet 2026", "hijet · year = 2026"),
        # Not a year: a price, a mileage, a part of a word, left out, quoted (one out of the
        # range is asked about: see test_alert_numbers_said).
        ("hijet $1996", "hijet · price ≤ $1,996"),
        ("hijet 1996cc", "hijet, 1996cc"),
        ("hijet -1996", "hijet · not 1996"),
        ('hijet "1996"', "hijet, 1996"),
        ("hijet price<=1996", "hijet · price ≤ $1,996"),
        ("hijet price 1996", "hijet, price, 1996"),
        # A year said in words.
        ("hijet 1996+", "hijet · year ≥ 1996"),
        ("hijet before 2000", "hijet · year < 2000"),
        ("hijet after '95", "hijet · year > 1995"),
        ("hijet newer than 1995", "hijet · year > 1995"),
        ("hijet since 97", "hijet · year ≥ 1997"),
        # Two-digit year ranges, with or without apostrophes, and a mixed one.
        ("hijet 95-99", "hijet · year 1995–1999"),
        ("hijet '95-'99", "hijet · year 1995–1999"),
        ("hijet ’95–’99", "hijet · year 1995–1999"),
        ("hijet 95-05", "hijet · year 1995–2005"),
        ("hijet years 95-99", "hijet · year 1995–1999"),
        ("hijet 1995-99", "hijet · year 1995–1999"),
        ("hijet 1995-1999", "hijet · year 1995–1999"),
        # Prices in words, with or without a dollar sign.
        ("hijet under 5k", "hijet · price ≤ $5,000"),
        ("hijet below $5,000", "hijet · price ≤ $5,000"),
        ("hijet less than 5000", "hijet · price ≤ $5,000"),
        ("hijet over 3k", "hijet · price ≥ $3,000"),
        ("hijet max 5k", "hijet · price ≤ $5,000"),
        ("hijet up to 5000 dollars", "hijet · price ≤ $5,000"),
        ("hijet under 5000$", "hijet · price ≤ $5,000"),
        ("hijet at least $3k", "hijet · price ≥ $3,000"),
        ("hijet price under 5k", "hijet · price ≤ $5,000"),
        # A mileage said in words is a mileage, by its unit or its field.
        ("hijet under 30k mi", "hijet · mileage ≤ 48,280 km (30,000 mi)"),
        ("hijet mileage under 50000", "hijet · mileage ≤ 50,000 km (31,069 mi)"),
        ("hijet grade over 4", "hijet · grade ≥ 4"),
        # All of it at once, as the reply says it back.
        (
            "Hijet '95-'99 under 5k",
            "hijet · year 1995–1999 · price ≤ $5,000",
        ),
    ],
)
async def test_what_was_typed_is_read_as_meant(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert reading(alert) == read_as
    [listed] = await alerts.mine(GUILD, MIKA)
    assert reading(listed) == read_as


async def test_an_alert_is_listed_as_typed_and_read_as_understood(
    alerts: AlertService, store: Store
) -> None:
    typed = "Hijet  '95-'99 under 5k"
    alert = await alerts.add(GUILD, MIKA, typed)
    assert alert.typed == "Hijet '95-'99 under 5k"  # one space between words
    assert alert.query == "Hijet year>=1995 year<=1999 price<=5k"
    [listed] = await alerts.mine(GUILD, MIKA)
    assert (listed.typed, listed.query) == (alert.typed, alert.query)
    with pytest.raises(UserError, match="already have the alert “Hijet '95-'99 under 5k”"):
        await alerts.add(GUILD, MIKA, "hijet year 1995-1999 price<=5000")


async def test_an_alert_kept_before_its_typed_text_was_is_listed_as_kept(
    alerts: AlertService, store: Store
) -> None:
    await store.execute(
        "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, ?, 0)",
        (GUILD, MIKA, "1995 hijet"),
    )
    [kept] = await alerts.mine(GUILD, MIKA)
    # Read as it was kept: then a bare year was a word, and its meaning does not move.
    assert (kept.typed, reading(kept)) == ("1995 hijet", "1995, hijet")


async def test_an_alert_longer_once_read_than_an_alert_keeps_says_so(
    alerts: AlertService,
) -> None:
    typed = " ".join(["hijet"] * 7) + " 95-99 " + "x" * 140
    assert len(typed) <= 200
    with pytest.raises(UserError, match="Read as conditions, “hijet"):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []
