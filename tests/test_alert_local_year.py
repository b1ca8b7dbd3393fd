""" "This year" and "now" for an alert are the server's: on the evening of Dec 31 in Chicago it is
still that year there, though UTC is in the next, so a member is not told "It is 2027" and an age
means the model years it means there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.alerts import AlertService
from bot.clock import ManualClock
from bot.errors import UserError
from bot.importers import Arrival
from bot.jobs import JobQueue
from bot.setup import SetupService
from bot.store import Store
from tests.test_alerts import GUILD, MIKA, item

# 21:00 on Dec 31 in Chicago, 03:00 on Jan 1 in UTC.
NEW_YEARS_EVE = datetime(2027, 1, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
async def local(store: Store, clock: ManualClock) -> AlertService:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Chicago")
    clock.set(NEW_YEARS_EVE)
    return AlertService(store, clock, JobQueue(store, clock), setup)


def built(year: int) -> Arrival:
    return Arrival("Daihatsu", "Hijet", year, None, None, None, None, None, None)


async def test_a_model_year_after_the_servers_year_is_refused_naming_that_year(
    local: AlertService,
) -> None:
    with pytest.raises(UserError, match="It is 2026, so no truck built after 2026"):
        await local.add(GUILD, MIKA, "hijet year:2027")


async def test_a_bare_year_is_read_up_to_the_servers_year(local: AlertService) -> None:
    # 2027 is not yet a model year in Chicago: asked about, as no model year yet.
    with pytest.raises(UserError, match=r"^“2027” is no model year yet \(it is 2026\): "):
        await local.add(GUILD, MIKA, "hijet 2027")


async def test_an_age_is_counted_on_the_arrival_cards_day_not_on_utcs(
    local: AlertService,
) -> None:
    # 25 years is the arrival card's line, which waits for the US day to end everywhere: on Dec
    # 31 there, a 2001 truck (maybe from that December) is 24 and a 2016 one 9, whatever UTC says.
    alert = await local.add(GUILD, MIKA, "hijet under 10 years")
    assert await local.ages_now(alert) == (
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        "rule counts: in 2026, age < 10 years is year ≥ 2016 (a 2016 truck may be from that "
        "December, so it is 10 from Jan 1, 2027)."
    )
    older, newer = item("Hijet", arrival=built(2015)), item("Hijet", arrival=built(2016))
    found = [alert.id in {a.id for a in await local.matching(one)} for one in (older, newer)]
    assert found == [False, True]


async def test_an_item_names_model_years_up_to_the_servers_year(local: AlertService) -> None:
    alert = await local.add(GUILD, MIKA, "year>=2020")
    found = await local.matching(item("2027 Hijet on the way"))
    assert alert.id not in {a.id for a in found}


async def test_a_server_without_a_zone_counts_in_utc(store: Store, clock: ManualClock) -> None:
    clock.set(NEW_YEARS_EVE)
    alerts = AlertService(store, clock, JobQueue(store, clock), SetupService(store, clock))
    with pytest.raises(UserError, match="It is 2027, so no truck built after 2027"):
        await alerts.add(GUILD, MIKA, "hijet year:2028")
    # An age still counts on the arrival card's day, which is Dec 31 in the US: said so.
    alert = await alerts.add(GUILD, MIKA, "hijet under 10 years")
    assert "in 2026 (until Jan 1 has begun everywhere in the US), age < 10" in (
        await alerts.ages_now(alert)
    )
