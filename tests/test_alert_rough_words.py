"""Words saying a number is rough (`about`, `circa`, `approx`, `roughly`, `~`) and words saying
where the member is (`near me`) are no words an item must hold: before a model year they are
left out as `around` is, so `hijet about 1995` finds a 1995 Hijet; before an amount `~` is
refused as `about` is; `near me` is left out whole, and a `near` with nothing after it too."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.importers import Arrival
from tests.test_alerts import GUILD, MIKA, alerts, item, matches, refusal_of  # noqa: F401


async def read_and_left_out(alerts: AlertService, typed: str) -> tuple[str, list[str]]:
    """How Mika's new alert `typed` is read, and the words its reply says are left out."""
    alert = await alerts.add(GUILD, MIKA, typed)
    return reading(alert), list((await alerts.small_words(alert)).left_out)


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out"),
    [
        # "About" and "circa" were kept as words an item must hold, so the alert never fired
        # on a 1995 Hijet, while "around" was left out.
        ("hijet about 1995", "hijet · year = 1995", ["about"]),
        ("carry circa 1995", "carry · year = 1995", ["circa"]),
        ("hijet around 1995", "hijet · year = 1995", ["around"]),
        ("hijet approx 1995", "hijet · year = 1995", ["approx"]),
        ("hijet approx. 1995", "hijet · year = 1995", ["approx."]),
        ("hijet approximately 1995", "hijet · year = 1995", ["approximately"]),
        ("hijet roughly 1995", "hijet · year = 1995", ["roughly"]),
        ("hijet c. 1995", "hijet · year = 1995", ["c."]),
        ("hijet ca. 1995", "hijet · year = 1995", ["ca."]),
        ("hijet ~1995", "hijet · year = 1995", ["~"]),
        ("hijet ~ 1995", "hijet · year = 1995", ["~"]),
        ("hijet about '95", "hijet · year = 1995", ["about"]),
        ("hijet ~'95", "hijet · year = 1995", ["~"]),
        ("hijet about H10", "hijet · year = 1998", ["about"]),
        ("hijet circa 1995-1999", "hijet · year 1995–1999", ["circa"]),
        ("hijet about 1990s", "hijet · year 1990–1999", ["about"]),
        ("hijet about year 1995", "hijet · year = 1995", ["about"]),
        # A range after a tilde stays the range it was read as.
        ("hijet ~5k-8k", "hijet · price $5,000–$8,000", ["~"]),
        ("hijet 3k~5k", "hijet · price $3,000–$5,000", []),
        ("hijet 1995~1999", "hijet · year 1995–1999", []),
        # A count alerts have no condition on, after "about" as after "around".
        ("hijet about 2 owners", "hijet, 2, owners", ["about"]),
        # "About" before a word is no rough number: kept.
        ("hijet about town", "hijet, about, town", []),
    ],
)
async def test_a_rough_word_before_a_model_year_is_left_out(
    alerts: AlertService, typed: str, read_as: str, left_out: list[str]
) -> None:
    assert await read_and_left_out(alerts, typed) == (read_as, left_out)


async def test_a_rough_year_finds_a_truck_of_that_year(alerts: AlertService) -> None:
    hijet = Arrival("Daihatsu", "Hijet", 1995, "S110P", "4wd", "4.5", 45000, 5500, "TX")
    carry = Arrival("Suzuki", "Carry", 1995, "DA51T", "4wd", "4", 45000, 5500, "TX")
    for typed, truck in (
        ("hijet about 1995", hijet),
        ("carry circa 1995", carry),
        ("hijet ~ 1995", hijet),
    ):
        announcement = item(f"1995 {truck.make} {truck.model}", arrival=truck)
        assert await matches(alerts, typed, announcement), typed


@pytest.mark.parametrize(
    ("typed", "quoted", "ways"),
    [
        # `~5k` was read as a price up to $5,000 while `about 5k` was refused.
        ("hijet ~5k", "~5k", "under 5k or over 5k, or give both ends of a range."),
        ("hijet ~ 5k", "~ 5k", "under 5k or over 5k, or give both ends of a range."),
        ("hijet ~$3500", "~$3500", "under $3500 or over $3500, or give both ends of a range."),
        ("hijet ~30k mi", "~30k mi", "under 30k mi or over 30k mi, or give both ends of a range."),
        (
            "hijet ~5000",
            "~5000",
            "under $5,000 or over $5,000 for a price, or under 5,000 mi or over 5,000 mi for a "
            "mileage, or give both ends of a range.",
        ),
        ("hijet circa 5k", "circa 5k", "under 5k or over 5k, or give both ends of a range."),
    ],
)
async def test_a_tilde_before_an_amount_is_refused_as_about_is(
    alerts: AlertService, typed: str, quoted: str, ways: str
) -> None:
    assert await refusal_of(alerts, typed) == f"“{quoted}” gives no bound: say {ways}"


async def test_about_and_a_tilde_give_the_same_hint(alerts: AlertService) -> None:
    about = await refusal_of(alerts, "hijet about 5k")
    tilde = await refusal_of(alerts, "hijet ~5k")
    assert tilde == about.replace("about 5k", "~5k", 1)


async def test_a_japanese_wave_dash_before_a_price_is_still_up_to_it(
    alerts: AlertService,
) -> None:
    # `～3500` is how Japanese listings write "up to 3,500", and was read so.
    assert reading(await alerts.add(GUILD, MIKA, "hijet ～$3500")) == "hijet · price ≤ $3,500"


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out"),
    [
        # "Me" was kept as a word an item must hold.
        ("hijet near me", "hijet", ["near me"]),
        ("hijet near you", "hijet", ["near you"]),
        ("hijet around here", "hijet", ["around here"]),
        ("carry close to me 4wd", "carry, 4wd", ["close to me"]),
        ("hijet nearby me", "hijet", ["nearby me"]),
        ("hijet in my area", "hijet", ["in my area"]),
        ("hijet near my location", "hijet", ["near my location"]),
        ("hijet state:TX near me", "hijet · state = TX", ["near me"]),
        # A place word with nothing after it was kept as a required word.
        ("hijet state:CO near", "hijet · state = CO", ["near"]),
        ("hijet near", "hijet", ["near"]),
        ("hijet nearby", "hijet", ["nearby"]),
        ('hijet near "fort worth"', 'hijet, "fort worth"', ["near"]),
        # A state after `near` is read as after `in`: its name, which an arrival in it holds
        # (tests/test_alert_state_places.py).
        ("hijet near CO", "hijet, colorado", ["near"]),
        ("hijet in CO", "hijet, colorado", ["in"]),
        ("hijet near new mexico", "hijet, new, mexico", ["near"]),
        ("hijet near ME", "hijet, maine", ["near"]),  # Maine, in capitals as a state's code
        ("hijet near Me", "hijet", ["near Me"]),
        # "Me" or "here" as part of a word is the word's.
        ("hijet near meyersdale", "hijet, meyersdale", ["near"]),
        ("hijet near hereford", "hijet, hereford", ["near"]),
    ],
)
async def test_where_the_member_is_is_no_word_to_wait_for(
    alerts: AlertService, typed: str, read_as: str, left_out: list[str]
) -> None:
    assert await read_and_left_out(alerts, typed) == (read_as, left_out)


@pytest.mark.parametrize("typed", ["hijet near me", "hijet near CO", "hijet state:CO near"])
async def test_near_me_and_near_a_state_find_a_truck_there(
    alerts: AlertService, typed: str
) -> None:
    truck = Arrival("Daihatsu", "Hijet", 1995, "S110P", "4wd", "4.5", 45000, 5500, "CO")
    assert await matches(alerts, typed, item("1995 Daihatsu Hijet", arrival=truck))


async def test_near_me_alone_is_refused_as_no_words(alerts: AlertService) -> None:
    assert await refusal_of(alerts, "near me") == (
        "Give some words to watch for, such as `hijet 4wd dump`."
    )
