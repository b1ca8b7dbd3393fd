"""An age and its complement meet every model year between them, at any instant: `age>=25` and
`age<25` both count the truck's age on one day, the one the arrival card's 25-year line counts
(the day begun everywhere in the US), so neither a model year the card is unsure of (a 2001
truck in 2026 may be from that December) nor the hours after a server's New Year's midnight
leave a year out of both. The reply names the year it counts in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.alerts import AlertService
from bot.clock import ManualClock
from bot.importers import Arrival
from bot.importers.arrivals import eligibility_of
from bot.jobs import JobQueue
from bot.setup import SetupService
from bot.store import Store
from tests.test_alerts import GUILD, MIKA, item

DEC_5 = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
# 00:30 on Jan 1 in Denver, the server's zone: still Dec 31 in American Samoa, the US day that
# turns over last.
DENVER_NEW_YEAR = datetime(2027, 1, 1, 7, 30, tzinfo=UTC)
# The last minute of Dec 31 in American Samoa, and the first of Jan 1 there.
US_LAST_MINUTE = datetime(2027, 1, 1, 10, 59, tzinfo=UTC)
US_NEW_YEAR = datetime(2027, 1, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
async def denver(store: Store, clock: ManualClock) -> AlertService:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    return AlertService(store, clock, JobQueue(store, clock), setup)


def built(year: int) -> Arrival:
    return Arrival("Daihatsu", "Hijet", year, None, None, None, None, None, None)


async def matched_years(alerts: AlertService, typed: str, years: range) -> set[int]:
    alert = await alerts.add(GUILD, MIKA, typed)
    try:
        return {
            year
            for year in years
            if alert.id in {a.id for a in await alerts.matching(item("Hijet", arrival=built(year)))}
        }
    finally:
        await alerts.remove(GUILD, MIKA, alert.id)


@pytest.mark.parametrize("now", [DEC_5, DENVER_NEW_YEAR, US_LAST_MINUTE, US_NEW_YEAR])
@pytest.mark.parametrize(
    ("age", "complement"),
    [
        ("age>=25", "age<25"),
        ("age>10", "age<=10"),
        # Ages are whole years: one with a half means them too.
        ("age>=25.5", "age<25.5"),
        ("age>24.5", "age<=24.5"),
    ],
)
async def test_an_age_and_its_complement_meet_every_model_year_once(
    denver: AlertService, clock: ManualClock, now: datetime, age: str, complement: str
) -> None:
    clock.set(now)
    years = range(1990, 2027)
    older = await matched_years(denver, f"hijet {age}", years)
    younger = await matched_years(denver, f"hijet {complement}", years)
    assert older.isdisjoint(younger), sorted(older & younger)
    assert older | younger == set(years), sorted(set(years) - older - younger)


@pytest.mark.parametrize(
    ("now", "newest_25", "oldest_under_25"),
    [
        # All through 2026 a 2001 truck may be from that December: 24 till Jan 1 2027.
        (DEC_5, 2000, 2001),
        (DENVER_NEW_YEAR, 2000, 2001),
        (US_LAST_MINUTE, 2000, 2001),
        (US_NEW_YEAR, 2001, 2002),
    ],
)
async def test_25_years_turns_at_the_us_new_year_on_both_sides_at_once(
    denver: AlertService, clock: ManualClock, now: datetime, newest_25: int, oldest_under_25: int
) -> None:
    clock.set(now)
    around = range(newest_25 - 1, newest_25 + 3)
    assert await matched_years(denver, "hijet age>=25", around) == {newest_25 - 1, newest_25}
    assert await matched_years(denver, "hijet age<25", around) == {
        oldest_under_25,
        oldest_under_25 + 1,
    }
    # As the arrival card says it.
    assert eligibility_of(built(newest_25), now).eligible_now
    assert not eligibility_of(built(newest_25 + 1), now).eligible_now


@pytest.mark.parametrize(
    ("now", "year", "typed", "said"),
    [
        (
            DEC_5,
            2026,
            "hijet age>=25",
            "age ≥ 25 years is year ≤ 2000 (a 2001 truck may be from that December, so it is "
            "25 from Jan 1, 2027)",
        ),
        (
            DEC_5,
            2026,
            "hijet age<25",
            "age < 25 years is year ≥ 2001 (a 2001 truck may be from that December, so it is "
            "25 from Jan 1, 2027)",
        ),
        (
            DEC_5,
            2026,
            "hijet age:25",
            "age = 25 years is year = 2000 (a 2001 truck may be from that December, so it is "
            "25 from Jan 1, 2027)",
        ),
        (
            US_NEW_YEAR,
            2027,
            "hijet under 10 years",
            "age < 10 years is year ≥ 2017 (a 2017 truck may be from that December, so it is "
            "10 from Jan 1, 2028)",
        ),
    ],
)
async def test_the_reply_names_the_year_an_age_is_counted_in(
    denver: AlertService, clock: ManualClock, now: datetime, year: int, typed: str, said: str
) -> None:
    clock.set(now)
    alert = await denver.add(GUILD, MIKA, typed)
    assert await denver.ages_now(alert) == (
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        f"rule counts: in {year}, {said}."
    )


async def test_after_the_servers_new_year_the_reply_says_which_year_an_age_still_counts_in(
    denver: AlertService, clock: ManualClock
) -> None:
    clock.set(DENVER_NEW_YEAR)
    alert = await denver.add(GUILD, MIKA, "hijet age>=25")
    assert await denver.ages_now(alert) == (
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        "rule counts: in 2026 (until Jan 1 has begun everywhere in the US), age ≥ 25 years is "
        "year ≤ 2000 (a 2001 truck may be from that December, so it is 25 from Jan 1, 2027)."
    )


@pytest.mark.parametrize(
    ("typed", "whole"),
    [
        # Older than 24 and a half is 25 or more: the trucks newly 25 are those wanted most.
        ("hijet age>24.5", "hijet age>=25"),
        ("hijet age>=25.5", "hijet age>=26"),
        ("hijet age<25.5", "hijet age<=25"),
        ("hijet age<=9.5", "hijet age<=9"),
    ],
)
async def test_an_age_with_a_half_is_the_whole_years_it_means(
    denver: AlertService, clock: ManualClock, typed: str, whole: str
) -> None:
    clock.set(DEC_5)
    years = range(1990, 2027)
    assert await matched_years(denver, typed, years) == await matched_years(denver, whole, years)


async def test_the_reply_says_the_whole_years_an_age_with_a_half_is_read_as(
    denver: AlertService, clock: ManualClock
) -> None:
    clock.set(DEC_5)
    alert = await denver.add(GUILD, MIKA, "hijet age>24.5")
    assert await denver.ages_now(alert) == (
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        "rule counts: in 2026, age > 24.5 years, in whole years age ≥ 25 years, is year ≤ 2000 "
        "(a 2001 truck may be from that December, so it is 25 from Jan 1, 2027)."
    )
