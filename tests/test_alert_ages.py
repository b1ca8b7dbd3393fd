"""A truck's age said in words (`under 10 years`, `over 25 years`, `25+ years old`, `10-20
years old`) is kept as an age (`age<=10`), not as a price or a model year, and is counted from
the model year on the day an item goes out: the same alert finds a truck one more model year
newer each January, as the 25-year import rule does. A bare `25 years old` (exactly? at least?)
is refused with the ways to say it."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.alerts import AlertService, reading
from bot.clock import ManualClock
from bot.errors import UserError
from bot.importers import Arrival
from bot.importers.arrivals import eligibility_of
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)

COUNTED_IN_2026 = (
    "An age counts from the model year on the day an item goes out, as the 25-year import rule "
    "counts: in 2026,"
)


def built(year: int) -> Arrival:
    return Arrival("Daihatsu", "Hijet", year, None, None, None, None, None, None)


@pytest.mark.parametrize(
    ("typed", "kept", "read"),
    [
        ("hijet under 10 years", "hijet age<10", "hijet · age < 10 years"),
        ("hijet less than 10 years old", "hijet age<10", "hijet · age < 10 years"),
        ("hijet within the last 10 years", "hijet age<=10", "hijet · age ≤ 10 years"),
        ("hijet 10 years old or newer", "hijet age<=10", "hijet · age ≤ 10 years"),
        ("hijet over 25 years", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet over 25 years old", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet 25+ years old", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet 25+ yrs", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet 25 years or older", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet 25 years and older", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet older than 25 years", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet at least 25 years old", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet age 25+", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet age under 10", "hijet age<10", "hijet · age < 10 years"),
        ("hijet 10 years or less", "hijet age<=10", "hijet · age ≤ 10 years"),
        ("hijet at most 10 years old", "hijet age<=10", "hijet · age ≤ 10 years"),
        ("hijet age >= 25", "hijet age>=25", "hijet · age ≥ 25 years"),
        ("hijet 10-20 years old", "hijet age>=10 age<=20", "hijet · age 10–20 years"),
        ("hijet between 10 and 20 years", "hijet age>=10 age<=20", "hijet · age 10–20 years"),
        # No kei truck is 95 years old: these are model years, as before.
        ("hijet 95-99", "hijet year>=1995 year<=1999", "hijet · year 1995–1999"),
        ("hijet older than 95", "hijet year<1995", "hijet · year < 1995"),
    ],
)
async def test_an_age_in_words_is_kept_as_an_age(
    alerts: AlertService, typed: str, kept: str, read: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (alert.query, reading(alert)) == (kept, read)


async def test_an_age_stays_right_as_years_pass(alerts: AlertService, clock: ManualClock) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet over 25 years")
    # On Nov 25 2026 a 2001 truck's card says "eligible from Jan 1 2027": not yet 25.
    older, newer = item("Hijet", arrival=built(2000)), item("Hijet", arrival=built(2001))

    async def found(announcement: object) -> bool:
        return alert.id in {a.id for a in await alerts.matching(announcement)}  # type: ignore[arg-type]

    assert (await found(older), await found(newer)) == (True, False)
    clock.set(datetime(2027, 1, 2, tzinfo=UTC))
    assert (await found(older), await found(newer)) == (True, True)


@pytest.mark.parametrize(
    ("query", "year", "expected"),
    [
        # An age is counted from the model year's last month, as the 25-year rule is: a 2016
        # truck may be from that December, so it is 9 all through 2026, and 10 from Jan 1 2027.
        ("hijet under 10 years", 2016, True),
        ("hijet under 10 years", 2015, False),
        ("hijet 10 years or less", 2015, True),
        ("hijet 10 years or less", 2014, False),
        ("hijet 10-20 years old", 2015, True),
        ("hijet 10-20 years old", 2016, False),
        ("hijet 10-20 years old", 2005, True),
        ("hijet 10-20 years old", 2004, False),
        ("hijet over 25 years", 2000, True),
        ("hijet over 25 years", 2001, False),
    ],
)
async def test_an_age_matches_by_the_model_year(
    alerts: AlertService, query: str, year: int, expected: bool
) -> None:
    assert await matches(alerts, query, item("Hijet", arrival=built(year))) is expected


async def test_an_age_is_met_by_a_year_an_item_names(alerts: AlertService) -> None:
    assert await matches(alerts, "hijet over 25 years", item("1995 Hijet 4WD"))
    assert not await matches(alerts, "hijet over 25 years", item("2010 Hijet 4WD"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("hijet 25 years old", "“25 years old”: say 25+ years"),
        ("hijet 20-10 years old", "“20-10 years old” runs backwards"),
        (
            "hijet older than 25",
            "“older than 25” could be the model year 2025 or an age: say before 2025 for the "
            "model year, or over 25 years for an age.",
        ),
        ("hijet age>=100", "An age is 0 to 76 years (model years 1950 to 2026)"),
        ("hijet age<0", "An age is 0 to 76 years"),
        ("hijet age:2.5", "An age is a whole number of years"),
        ("hijet over 25 years year>=2010", "age ≥ 25 years and year ≥ 2010 cannot both hold"),
        ("hijet under 5 years under 10 years", None),
    ],
)
async def test_an_age_no_truck_could_have_is_refused(
    alerts: AlertService, typed: str, message: str | None
) -> None:
    if message is None:
        await alerts.add(GUILD, MIKA, typed)  # two ages that can both hold
        return
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    assert message in str(refused.value), str(refused.value)
    assert await alerts.mine(GUILD, MIKA) == []


async def test_a_model_year_said_with_years_is_still_one(alerts: AlertService) -> None:
    # No kei truck is 95 years old: `under 95 years` is a model year's slip, and is told so,
    # not that it would read 95 as a price the member never wrote.
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, "hijet under 95 years")
    assert str(refused.value) == (
        "“under 95 years” is no age a kei truck has: for a model year, say before 95 (year<1995)."
    )


@pytest.mark.parametrize("typed", ["hijet age 25", "hijet AGE  25 dump"])
async def test_an_age_with_no_sign_nor_bound_is_refused_with_both_readings(
    alerts: AlertService, typed: str
) -> None:
    # Kei buyers mean the 25-year import rule by "age 25" as often as the one model year that
    # is 25 now: neither is guessed.
    with pytest.raises(UserError) as refused:
        await alerts.add(GUILD, MIKA, typed)
    said = " ".join(typed.split()[1:3])
    assert str(refused.value) == (
        f"“{said}” could be 25 or older, as the 25-year import rule counts: say age 25+; or only "
        "the model year 25 years old now, as the rule counts: say age:25."
    )
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize("typed", ["hijet age:25", "hijet age: 25", "hijet age=25"])
async def test_an_age_given_with_its_sign_is_one_model_year_the_reply_names(
    alerts: AlertService, typed: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (reading(alert), await alerts.ages_now(alert)) == (
        "hijet · age = 25 years",
        f"{COUNTED_IN_2026} age = 25 years is year = 2000 (a 2001 truck may be from that "
        "December, so it is 25 from Jan 1, 2027).",
    )


async def test_an_age_in_quotes_is_the_words(alerts: AlertService) -> None:
    with pytest.raises(UserError, match='in quotes, "3 year old", it is the words'):
        await alerts.add(GUILD, MIKA, "hijet 3 year old tires")
    alert = await alerts.add(GUILD, MIKA, 'hijet "3 year old" tires')
    assert reading(alert) == 'hijet, "3 year old", tires'


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # Why not 2001 (2026 - 25), as the import rule the member knows counts it.
        (
            "hijet over 25 years",
            "age ≥ 25 years is year ≤ 2000 (a 2001 truck may be from that December, so it is 25 "
            "from Jan 1, 2027)",
        ),
        (
            "hijet age>25",
            "age > 25 years is year ≤ 1999 (a 2000 truck may be from that December, so it is 26 "
            "from Jan 1, 2027)",
        ),
        (
            "hijet 10 years or less",
            "age ≤ 10 years is year ≥ 2015 (a 2015 truck may be from that December, so it is 11 "
            "from Jan 1, 2027)",
        ),
        (
            "hijet 10-20 years old",
            "age ≥ 10 years is year ≤ 2015 (a 2016 truck may be from that December, so it is 10 "
            "from Jan 1, 2027) and age ≤ 20 years is year ≥ 2005 (a 2005 truck may be from that "
            "December, so it is 21 from Jan 1, 2027)",
        ),
    ],
)
async def test_the_reply_says_what_an_age_is_this_year(
    alerts: AlertService, typed: str, said: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert await alerts.ages_now(alert) == f"{COUNTED_IN_2026} {said}."


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 5, 12, 0, tzinfo=UTC),
        # The new year in UTC and the eastern US, not yet where the US day ends last.
        datetime(2027, 1, 1, 5, 0, tzinfo=UTC),
        datetime(2027, 1, 1, 12, 0, tzinfo=UTC),
    ],
)
async def test_over_25_years_is_what_the_arrival_card_calls_eligible(
    alerts: AlertService, clock: ManualClock, now: datetime
) -> None:
    clock.set(now)
    alert = await alerts.add(GUILD, MIKA, "hijet over 25 years")
    for year in range(1998, 2004):
        arrival = built(year)
        found = alert.id in {a.id for a in await alerts.matching(item("Hijet", arrival=arrival))}
        assert found is eligibility_of(arrival, now).eligible_now, year
