"""An amount in words with a measure alerts have no condition on (`under 5 tons`, `over 50 hp`,
`under 40 mpg`, `over 100 km/h`, `under 660cc`) is refused naming the measure and the
conditions there are, not given a price's or a mileage's reading; and an engine size as a word
(`660cc`, `660 cc`) finds an item that writes it either way."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.errors import UserError
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "said", "measure"),
    [
        ("hijet under 5 tons", "under 5 tons", "tons"),
        ("hijet under 5 ton", "under 5 ton", "ton"),
        ("hijet max 350 kg", "max 350 kg", "kg"),
        ("hijet over 50 hp", "over 50 hp", "hp"),
        ("hijet over 50hp", "over 50hp", "hp"),
        ("hijet under 40 mpg", "under 40 mpg", "mpg"),
        ("hijet over 100 km/h", "over 100 km/h", "km/h"),
        ("hijet over 60 mph", "over 60 mph", "mph"),
        ("hijet under 5k hours", "under 5k hours", "hours"),
        ("hijet over 3 cyl", "over 3 cyl", "cyl"),
        ("hijet at least 4 seats", "at least 4 seats", "seats"),
    ],
)
async def test_an_amount_of_a_measure_alerts_lack_is_refused_naming_it(
    alerts: AlertService, typed: str, said: str, measure: str
) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    message = str(refused.value)
    assert message.startswith(f"“{said}”: alerts have no condition on “{measure}”"), message
    assert "year, age, price, mileage, grade" in message, message
    assert "$" not in message, message
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize("typed", ["hijet under 660cc", "hijet over 550 cc"])
async def test_an_engine_size_in_words_points_to_the_word(alerts: AlertService, typed: str) -> None:
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    message = str(refused.value)
    assert "no condition on “cc”" in message, message
    assert "660 cc at most" in message, message
    assert "660cc" in message, message


@pytest.mark.parametrize(
    ("typed", "title", "expected"),
    [
        ("hijet 660cc", "Hijet, 660 cc engine", True),
        ("hijet 660cc", "Hijet 660cc", True),
        ("hijet 660 cc", "Hijet, 660cc engine", True),
        ("hijet 660 cc", "Hijet 660 cc", True),
        ("hijet 550cc", "Hijet 660 cc", False),
    ],
)
async def test_an_engine_size_is_one_word_however_spaced(
    alerts: AlertService, typed: str, title: str, expected: bool
) -> None:
    assert await matches(alerts, typed, item(title)) is expected


async def test_an_engine_size_reads_as_one_word(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet 660 cc")
    assert reading(alert) == "hijet, 660cc"


async def test_a_price_in_a_state_is_still_a_price(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet under $5k in texas")
    assert "price ≤ $5,000" in reading(alert)
