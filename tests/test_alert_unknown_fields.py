"""A `field:` alerts have no condition on (`bogus:1`, `color:white`, `engine:660`) is refused
naming the fields they know and how to watch for the words instead: kept, it waited for the
phrase "color white", which hardly any item holds."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, refusal_of  # noqa: F401 (the fixture)

FIELDS = "(year, age, price, mileage, grade, model, make, drive, state and code)"


@pytest.mark.parametrize(
    ("typed", "field", "said"),
    [
        ("hijet bogus:1", "bogus", "bogus:1"),
        ("color:white", "color", "color:white"),
        ("carry engine:660 4wd", "engine", "engine:660"),
        ("Color:white hijet", "Color", "Color:white"),
        ("hijet miles<30000", "miles", "miles<30000"),
        ('hijet color:"pearl white"', "color", 'color:"pearl white"'),
    ],
)
async def test_an_unknown_field_is_refused_naming_the_fields(
    alerts: AlertService, typed: str, field: str, said: str
) -> None:
    assert await refusal_of(alerts, typed) == (
        f"“{field}” is not a field alerts know {FIELDS}: put “{said}” in quotes to watch for "
        "the words."
    )


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ('hijet "color:white"', 'hijet, "color white"'),
        ("hijet color: white", "hijet, color, white"),
        ("hijet a/c:yes", 'hijet, "a c yes"'),
        ("hijet 4wd:yes", 'hijet, "4wd yes"'),
        ("model:hijet", "model = hijet"),
    ],
)
async def test_quoted_or_no_field_a_colon_stays_words(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as
