"""Numbers and signs in a new alert that were read as words no member meant (tester16): a bare
price (`hijet 4500`) is a price up to it, as `hijet 5k` is; a price in pounds or euros is
refused as one in yen is; a negative or unreadable `$` amount and a free truck are refused; a
server's own emoji is said to be unmatchable; a year no arrival has, or two digits that could be
one, are asked about; and a condition or word another says already is merged into it."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches, refusal_of  # noqa: F401

IN_DOLLARS = (
    "Arrival cards give prices in US dollars; give the price in dollars, such as under $4k."
)


@pytest.mark.parametrize(
    ("typed", "read_as", "said"),
    [
        ("hijet 4500", "hijet · price ≤ $4,500", ["4500"]),
        ("hijet 4,500", "hijet · price ≤ $4,500", ["4,500"]),
        ("12345 carry", "carry · price ≤ $12,345", ["12345"]),
        # Under a thousand no truck is priced, and kei trucks' engine sizes are such words.
        ("hijet 660", "hijet, 660", []),
        # A model year, a range, a bound or quotes say what it is.
        ("hijet 1995", "hijet · year = 1995", []),
        ("hijet under 4500", "hijet · price ≤ $4,500", []),
        ('hijet "4500"', "hijet, 4500", []),
    ],
)
async def test_a_bare_number_of_thousands_is_a_price_up_to_it(
    alerts: AlertService, typed: str, read_as: str, said: list[str]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.bare_prices(alert)) == (read_as, said)


async def test_a_bare_price_finds_the_arrival_at_it(alerts: AlertService) -> None:
    # HIJET is $8,500.
    assert await matches(alerts, "hijet 8500", item("Hijet", arrival=HIJET))
    assert not await matches(alerts, "hijet 8000", item("Hijet", arrival=HIJET))


async def test_a_bare_number_that_could_be_an_odometer_is_asked_about(
    alerts: AlertService,
) -> None:
    assert await refusal_of(alerts, "hijet 123456") == (
        "“123456” could be a price or a mileage: say under $123456 for a price, or under 123456 "
        "mi or under 123456 km for a mileage."
    )


@pytest.mark.parametrize(
    "typed",
    [
        "hijet £5k",
        "hijet €5000",
        "hijet 5000€",
        "hijet under 5000 EUR",
        "hijet gbp 4000",
        "hijet 4,000 euros",
        "hijet C$5000",
        "hijet ₩5000000",
        "price<=€5000",
    ],
)
async def test_a_price_in_another_currency_is_refused_as_one_in_yen(
    alerts: AlertService, typed: str
) -> None:
    assert await refusal_of(alerts, typed) == IN_DOLLARS


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("hijet $-5", "“$-5” is a price below nothing, which no truck has: give one, as $5k."),
        ("hijet $ −5k", "“$ −5k” is a price below nothing, which no truck has: give one, as $5k."),
        ("hijet $1e4", "“$1e4” is no price: give it in digits, as $10,000 or $10k."),
        ("hijet $0x10", "“$0x10” is no price: give it in digits, as $10,000 or $10k."),
        (
            "hijet price<=0",
            "No truck is free (an arrival's price is at least $1), so no truck would match "
            "price ≤ $0.",
        ),
        (
            "hijet under $0",
            "No truck is free (an arrival's price is at least $1), so no truck would match "
            "price ≤ $0.",
        ),
    ],
)
async def test_a_price_no_truck_has_is_refused(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


@pytest.mark.parametrize("emoji", ["<:kei:123456789012345678>", "<a:kei:123456789012345678>"])
async def test_a_servers_own_emoji_is_said_to_be_unmatchable(
    alerts: AlertService, emoji: str
) -> None:
    assert await refusal_of(alerts, f"hijet {emoji}") == (
        "“:kei:” is this server's own emoji, which alerts cannot match: give words, or an emoji "
        "every keyboard has, such as 🛻."
    )


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "hijet 2027",
            "“2027” is no model year yet (it is 2026): for a price, say under $2,027; to watch "
            'for the number itself, put it in quotes, as "2027".',
        ),
        (
            "hijet 1959",
            "“1959” is before the first kei trucks (1960): for that model year, say year:1959; "
            "for a price, say under $1,959; to watch for the number itself, put it in quotes, as "
            '"1959".',
        ),
        (
            "hijet 05",
            "“05” could be the model year 2005: say 2005 for it; to watch for the number itself, "
            'put it in quotes, as "05".',
        ),
        (
            "hijet 95",
            "“95” could be the model year 1995: say 1995 for it; to watch for the number itself, "
            'put it in quotes, as "95".',
        ),
        (
            "hijet 25",
            "“25” could be the model year 2025 or an age: say 2025 for the model year, or 25+ "
            "years for trucks 25 years old or more; to watch for the number itself, put it in "
            'quotes, as "25".',
        ),
    ],
)
async def test_a_bare_number_a_model_year_could_mean_is_asked_about(
    alerts: AlertService, typed: str, refusal: str
) -> None:
    assert await refusal_of(alerts, typed) == refusal


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ('hijet "2027"', "hijet, 2027"),
        ("hijet '05", "hijet · year = 2005"),
        ("hijet 5 speed", "hijet, 5, speed"),
        ("hijet 12-16", "hijet · year 2012–2016"),
    ],
)
async def test_a_number_said_as_a_word_or_a_year_is_read_so(
    alerts: AlertService, typed: str, read_as: str
) -> None:
    assert reading(await alerts.add(GUILD, MIKA, typed)) == read_as


@pytest.mark.parametrize(
    ("typed", "read_as", "merged"),
    [
        (
            "hijet price<=5k price<=4k",
            "hijet · price ≤ $4,000",
            [("price ≤ $5,000", "price ≤ $4,000", False)],
        ),
        (
            "hijet over 3k price>=4k",
            "hijet · price ≥ $4,000",
            [("price ≥ $3,000", "price ≥ $4,000", False)],
        ),
        ("hijet 4x4 4wd", "hijet, 4x4", [("4wd", "4x4", True)]),
        ("hijet 4wd -dump -ダンプ", "hijet, 4wd · not dump", [("ダンプ", "dump", True)]),
        # The same word or condition twice is the one, with nothing to say.
        ("hijet 4wd 4WD price<=4k price<=4k", "hijet, 4wd · price ≤ $4,000", []),
        # Two ends of a range, and a condition with a word, are each kept.
        ("hijet over 3k under 5k", "hijet · price $3,000–$5,000", []),
        ("hijet 4wd drive:4wd", "hijet, 4wd · drive = 4wd", []),
    ],
)
async def test_a_condition_or_word_another_says_is_merged_into_it(
    alerts: AlertService, typed: str, read_as: str, merged: list[str]
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), alerts.merged(alert)) == (read_as, merged)
