"""Ranges as members type them (`year 1995-1999`, `price 3000-6000`): the field's name is the
range's, not a word an item must hold; a range written high to low is refused, not turned round.
The reply says a range back as one (`year 1995–1999`)."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from bot.importers import Arrival
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)

HIJET_96 = Arrival("Daihatsu", "Hijet", 1996, "S110P", "4wd", "4.5", 45000, 4500, "TX")


@pytest.mark.parametrize(
    ("typed", "kept", "read_as"),
    [
        ("hijet 1995-1999", "hijet year>=1995 year<=1999", "hijet · year 1995–1999"),
        (
            "hijet year 1995-1999",
            "hijet year>=1995 year<=1999",
            "hijet · year 1995–1999",
        ),
        (
            "hijet years 1995-1999",
            "hijet year>=1995 year<=1999",
            "hijet · year 1995–1999",
        ),
        (
            "hijet Year: 1995 to 1999",
            "hijet year>=1995 year<=1999",
            "hijet · year 1995–1999",
        ),
        (
            "hijet model year 1995—1999",
            "hijet year>=1995 year<=1999",
            "hijet · year 1995–1999",
        ),
        (
            "hijet price 3000-6000",
            "hijet price>=3000 price<=6000",
            "hijet · price $3,000–$6,000",
        ),
        (
            "hijet price: $3k-$6k",
            "hijet price>=$3k price<=$6k",
            "hijet · price $3,000–$6,000",
        ),
        (
            "hijet price 1900-2000",  # not model years
            "hijet price>=1900 price<=2000",
            "hijet · price $1,900–$2,000",
        ),
        (
            "hijet mileage 30k-50k mi",
            "hijet mileage>=30kmi mileage<=50kmi",
            "hijet · mileage 48,280–80,467 km (30,000–50,000 mi)",
        ),
    ],
)
async def test_a_range_with_its_field_named_is_read_as_the_range(
    alerts: AlertService, typed: str, kept: str, read_as: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (alert.query, reading(alert)) == (kept, read_as)
    [listed] = await alerts.mine(GUILD, MIKA)
    assert (listed.query, reading(listed)) == (kept, read_as)  # listed as it was said back


@pytest.mark.parametrize(
    "typed", ["hijet year 1995-1999", "hijet years: 1995-1999", "hijet price 3000-6000"]
)
async def test_a_range_with_its_field_named_matches_an_arrival_in_it(
    alerts: AlertService, typed: str
) -> None:
    assert await matches(alerts, typed, item("1996 Hijet arrived", arrival=HIJET_96))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "hijet year 1995-1990",
            "“year 1995-1990” runs backwards: give the lower end first, as 1990-1995",
        ),
        ("hijet 1999-1995", "“1999-1995” runs backwards: give the lower end first, as 1995-1999"),
        (
            "hijet price 6000-3000",
            "“price 6000-3000” runs backwards: give the lower end first, as price 3000-6000",
        ),
        ("hijet price $6k-$3,000", "runs backwards"),
        ("hijet 99-95", "“99-95” runs backwards: give the lower end first, as 95-99"),
    ],
)
async def test_a_range_written_high_to_low_is_refused(
    alerts: AlertService, typed: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("typed", "guessed"),
    [
        # Two bare two-digit ends could be other numbers (`12-16` of a kei truck): read as
        # model years, as `95-99` always was, and said so.
        ("kei truck 12-16", [("12-16", 2012, 2016)]),
        ("hijet 95-99", [("95-99", 1995, 1999)]),
        ("hijet 95 to 99", [("95 to 99", 1995, 1999)]),
        ("hijet 95-05", [("95-05", 1995, 2005)]),
        # An apostrophe, four digits or the field's name says years already.
        ("hijet '12-'16", []),
        ("hijet 2012-16", []),
        ("hijet years 12-16", []),
        ("hijet year: 12-16", []),
        # Another field's range, or the numbers quoted, are no model years.
        ("hijet price 12-16k", []),
        ('hijet "12-16"', []),
    ],
)
async def test_a_range_of_two_digit_numbers_is_said_to_be_read_as_model_years(
    alerts: AlertService, typed: str, guessed: list[tuple[str, int, int]]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert await alerts.year_ranges(alert) == guessed


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hijet 3-5k", "hijet · price $3,000–$5,000"),
        ("hijet $3-5k", "hijet · price $3,000–$5,000"),
        ("hijet price 3-5k", "hijet · price $3,000–$5,000"),
        ("hijet between 3 and 5k", "hijet · price $3,000–$5,000"),
        ("hijet 10-20k km", "hijet · mileage 10,000–20,000 km (6,214–12,427 mi)"),
        # A lower end already past the upper end's number has its own size.
        ("hijet $500-5k", "hijet · price $500–$5,000"),
    ],
)
async def test_a_k_on_the_upper_end_is_the_lower_ends_too(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
