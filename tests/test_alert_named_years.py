"""A model year in an alert (`hijet 1995`, `95-99`) is met by an arrival card's year, and by an
item without fields that names the year in its words ("1995 Hijet"), as it was when a bare
year was a word: one named year meets all of the alert's year conditions at once, and a span of
years it names ("1990-1999") meets them by overlapping; a price or a date it names is no model
year."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import sqlite3

import pytest

from bot.alerts import AlertService, reading
from bot.store import Store
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("query", "title", "body", "expected"),
    [
        ("hijet 1995", "1995 Hijet 4WD", "", True),
        ("hijet 1995", "1997 Hijet", "", False),
        ("hijet 1995", "Hijet 4WD", "Built 1995, runs well.", True),  # its text names it
        ("hijet 1995", "'95 Hijet", "", True),
        ("hijet 1995", "’95 Hijet", "", True),
        ("hijet 1995", "１９９５ Hijet", "", True),  # full-width digits are the digits
        ("hijet 95-99", "1997 Hijet", "", True),
        ("hijet 95-99", "1993 Hijet", "", False),
        ("hijet 1995+", "2001 Hijet", "", True),
        ("hijet before 2000", "1998 Hijet dump", "", True),
        # One year meets both ends of a range: a 1993 truck with a 2001 engine is not in 95-99.
        ("hijet 95-99", "1993 Hijet", "Engine swapped from a 2001.", False),
        # Numbers that are no model year: a price, an odometer, an engine, part of a word, one
        # before the first kei trucks or after this year (2026 on the test clock).
        ("hijet 1995", "Hijet $1995", "", False),
        ("hijet 1995", "Hijet 1995$ firm", "", False),
        ("hijet 1995", "Hijet, 1995 km", "", False),
        ("hijet 1995", "Hijet 1995cc", "", False),
        ("hijet 1995", "Hijet stock S1995", "", False),
        ("hijet 1995", "Hijet 1,995 miles", "", False),
        ("hijet 2020+", "Hijet, stock no. 2030", "", False),
        # A year alone asks for any item naming it.
        ("1995", "New 1995 Carry in stock", "", True),
        ("1995", "New Carry in stock", "", False),
        ("95-99", "Acty, 1996, 4WD", "", True),
        # Other fields are an arrival card's only.
        ("hijet 1995 price<=9000", "1995 Hijet for $5000", "", False),
        ("1995 state:TX", "1995 Hijet in Texas", "", False),
        # A span of years an item names meets a year condition it overlaps, not its ends only.
        ("hijet 1995", "Hijets 1990-1999 in stock", "", True),
        ("hijet 1995", "Hijets 1990–99 in stock", "", True),
        ("hijet 1995", "Hijets '90-'99 in stock", "", True),
        ("hijet 1995", "Hijets 1990 to 1999 in stock", "", True),
        ("hijet 95-99", "Hijets 1990-1999 in stock", "", True),
        ("hijet 95-99", "Hijets 1999-2003 in stock", "", True),
        ("hijet 95-99", "Hijets 1990-1994 in stock", "", False),
        ("hijet 2001", "Hijets 1990-1999 in stock", "", False),
        ("hijet 1995+", "Hijets 1990-1999 in stock", "", True),
        ("hijet before 1990", "Hijets 1990-1999 in stock", "", False),
        ("hijet before 1991", "Hijets 1990-1999 in stock", "", True),
        ("hijet after 1995", "Hijets 1990-1995 in stock", "", False),
        ("hijet after 1995", "Hijets 1990-1996 in stock", "", True),
        ("hijet 1992", "Hijets 1990-1999 km", "", False),  # an odometer's, not years
        # Written high to low, or a month ("1998-02"), it is no span: its years alone.
        ("hijet 1995", "Hijets 1999-1990", "", False),
        ("hijet 1999", "Hijets 1999-1990", "", True),
        ("hijet 1995", "Hijet 1998-02 auction", "", False),
        # An end past this year or before the first kei trucks makes no span either.
        ("hijet 2000", "Hijets 1990-2030", "", False),
        ("hijet 1990", "Hijets 1990-2030", "", True),
        # A price is no model year: after a price's word or sign, or before a currency.
        ("hijet 1995", "Hijet, Price: 1995", "", False),
        ("hijet 1995", "Hijet price 1995 firm", "", False),
        ("hijet 1995", "Hijet, asking 1995", "", False),
        ("hijet 1995", "Hijet, asking price 1995", "", False),
        ("hijet 1995", "Hijet, $ 1995", "", False),
        ("hijet 1995", "Hijet, US$1995", "", False),
        ("hijet 1995", "Hijet, USD 1995", "", False),
        ("hijet 1995", "Hijet, OBO 1995", "", False),
        ("hijet 1995", "Hijet 1995 OBO", "", False),
        ("hijet 1995", "Hijet 1995 bucks", "", False),
        ("hijet 1995", "Hijet 1995 $", "", False),
        ("hijet 1995", "Hijet, price: 1990-1999", "", False),
        # A year beside them is still one.
        ("hijet 1995", "1995 Hijet, asking 4500", "", True),
        ("hijet 1995", "1995 Hijet for $4500 OBO", "", True),
    ],
)
async def test_a_year_condition_is_met_by_a_year_an_item_names(
    alerts: AlertService, query: str, title: str, body: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title, body)) is expected


async def test_an_arrival_card_is_matched_by_its_year_field_not_its_words(
    alerts: AlertService,
) -> None:
    # The card of a 1995 Hijet (HIJET) whose title names another year.
    assert await matches(alerts, "hijet 1995", item("Hijet, 1997 paint", arrival=HIJET))
    assert not await matches(alerts, "hijet 1997", item("Hijet, 1997 paint", arrival=HIJET))


async def test_an_arrival_card_always_has_a_year_for_its_year_condition(store: Store) -> None:
    # An arrival's year condition is met by its year field alone, never by its words ("1995
    # Hijet" on a card of 1997 is a 1997 truck): that holds because no card is without one.
    with pytest.raises(sqlite3.IntegrityError, match=r"NOT NULL constraint failed: arrivals\.year"):
        await store.execute(
            "INSERT INTO arrivals (announcement_id, guild_id, make, model, year) "
            "VALUES (1, ?, 'Daihatsu', 'Hijet', NULL)",
            (GUILD,),
        )


@pytest.mark.parametrize(
    ("typed", "read_as", "title"),
    [
        ("hijet asking 1995", "hijet, asking, 1995", "Hijet, asking 1995"),
        ("hijet asking: 1995", "hijet, asking, 1995", "Hijet, asking: 1995"),
        ("hijet obo 1995", "hijet, obo, 1995", "Hijet, OBO 1995"),
        ("hijet usd 1995", "hijet, usd, 1995", "Hijet for USD 1995"),
        ("hijet 1995 obo", "hijet, 1995, obo", "Hijet 1995 OBO"),
        ("hijet 1995 bucks", "hijet, 1995, bucks", "Hijet, 1995 bucks"),
    ],
)
async def test_an_alert_reads_a_price_as_an_item_does_not_as_a_model_year(
    alerts: AlertService, typed: str, read_as: str, title: str
) -> None:
    # An item's "asking 1995" names no model year, so an alert asking it so is for its words.
    alert = await alerts.add(GUILD, MIKA, typed)
    assert reading(alert) == read_as
    assert await alerts.bare_years(alert) == []
    assert alert.id in {found.id for found in await alerts.matching(item(title))}


@pytest.mark.parametrize(
    ("query", "title", "body"),
    [
        ("hijet 2026", "2003 Hijet", "Listed 2026-11-30."),
        ("hijet 2026", "2003 Hijet", "Arrives 2026-11-30T09:00."),
        ("hijet 2026", "2003 Hijet", "Listed 2026/11/30."),
        ("hijet 2026", "2003 Hijet", "Listed 11/30/2026."),
        ("hijet 2026", "2003 Hijet", "Listed 30.11.2026."),
        ("hijet 2026", "2003 Hijet", "Listed Nov 30, 2026."),
        ("hijet 2026", "2003 Hijet", "Listed Nov. 30th 2026."),
        ("hijet 2026", "2003 Hijet", "Listed November 30, 2026."),
        ("hijet 2026", "2003 Hijet", "Listed 30 November 2026."),
        ("hijet 2020-2026", "2003 Hijet", "Listed 2026-11-30."),
        ("hijet 2025+", "2003 Hijet", "Arrives 11/30/2026, listed Nov 2, 2025."),
        ("hijet 20-26", "2003 Hijet", "Listed 2026-11-30."),
        # A month and year after a word that dates the listing: when it comes, not the truck.
        ("hijet 2026", "2003 Hijet", "Arrives 12/2026."),
        ("hijet 2026", "2003 Hijet", "Arriving: 12/2026"),
        ("hijet 2026", "2003 Hijet", "ETA 12-2026, 4WD."),
        ("hijet 2026", "2003 Hijet", "In port 12.2026"),
        ("hijet 2026", "2003 Hijet", "Ships in 12/2026"),
        ("hijet 2026", "2003 Hijet", "Available from Dec 2026"),
        ("hijet 2025+", "2003 Hijet", "Listed 11/2025, arrives 1/2026."),
    ],
)
async def test_a_date_an_item_names_is_no_model_year(
    alerts: AlertService, query: str, title: str, body: str
) -> None:
    # "Listed 2026-11-30" dates the listing, not the truck: a 2003 Hijet is no 2026 one.
    assert not await matches(alerts, query, item(title, body))


@pytest.mark.parametrize(
    ("query", "title", "body"),
    [
        ("hijet 2003", "2003 Hijet", "Listed 2026-11-30."),
        ("hijet 2003", "Hijet", "Listed Nov 30, 2026: a 2003, 4WD."),
        ("hijet 2003", "Hijet 2003/4WD", ""),  # a slash parting words, not a date's
        ("hijet 1998", "Hijet 1998-02 auction", ""),  # a year and month: the truck's
        # A month and year with no word dating the listing: a first registration, the truck's.
        ("hijet 1995", "Hijet", "First registered 03/1995."),
        ("hijet 1995", "Hijet 03/1995, arrives 12/2026", ""),
    ],
)
async def test_a_year_beside_a_date_is_still_one(
    alerts: AlertService, query: str, title: str, body: str
) -> None:
    assert await matches(alerts, query, item(title, body))
