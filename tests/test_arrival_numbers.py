"""An arrival's mileage and price as importers type them: full-width digits from a Japanese
keyboard, thousands as `k`, cents of nothing, and an odometer read in miles."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.importers import ArrivalDraft
from bot.importers.arrivals import check_arrival


def arrival(mileage: str | None = None, price: str | None = None) -> tuple[int | None, ...]:
    checked = check_arrival(
        ArrivalDraft("Daihatsu", "Hijet", 1995, mileage_km=mileage, price=price), 2026
    ).arrival
    return checked.mileage_km, checked.price_usd


@pytest.mark.parametrize(
    ("mileage", "price", "expected"),
    [
        ("４５，０００", "＄８，５００", (45000, 8500)),  # typed with the Japanese IME on
        ("45k km", "8.5k", (45000, 8500)),
        ("45K", "$8,500.00", (45000, 8500)),
        ("30,000 mi", "9k USD", (48280, 9000)),  # an odometer read in miles, kept in km
        ("12 miles", "1", (19, 1)),
        ("45,000 km", "$ 8 500", (45000, 8500)),
    ],
)
def test_numbers_are_read_as_importers_type_them(
    mileage: str, price: str, expected: tuple[int, int]
) -> None:
    assert arrival(mileage, price) == expected


@pytest.mark.parametrize(
    ("mileage", "price", "message"),
    [
        (None, "8.25", "The price must be a whole number of dollars"),
        (None, "8.5555k", "The price must be a whole number of dollars"),
        (None, "¥850,000", "The price is in US dollars"),
        (None, "８５万円", "The price is in US dollars"),
        ("４５²", None, "The mileage must be a whole number"),
        (None, "-5", "positive whole number"),
        (None, "0", "positive whole number"),
        ("45.000", None, "The mileage must be a whole number"),
        ("lots", None, "The mileage must be a whole number"),
        ("3,000k", None, "The mileage can be at most 2,000,000 km"),
        ("9" * 400, None, "The mileage can be at most 2,000,000 km"),
        (None, "20,000,000", r"The price can be at most \$10,000,000"),
    ],
)
def test_numbers_that_are_not_whole_or_not_dollars_are_refused(
    mileage: str | None, price: str | None, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        arrival(mileage, price)
