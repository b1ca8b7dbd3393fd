"""MeetupTemplates on a real SQLite file: saved from a meetup, found however the name is typed,
replaced, limited per server, and turned back into a meetup at a new time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue
from bot.meetup_templates import TEMPLATES_MAX, MeetupTemplates
from bot.meetups import Meetup, MeetupDraft, MeetupService
from bot.setup import SetupService
from bot.store import Store

GUILD, OTHER = 100, 200
TAMMY, MARCUS, DALE = 1, 2, 3


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
async def meetups(store: Store, clock: ManualClock) -> MeetupService:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    return MeetupService(store, clock, setup, JobQueue(store, clock))


@pytest.fixture
def templates(store: Store, clock: ManualClock) -> MeetupTemplates:
    return MeetupTemplates(store, clock)


async def kei_truck_day(meetups: MeetupService, guild_id: int = GUILD) -> Meetup:
    draft = MeetupDraft(
        title="Kei Truck Day",
        when="2026-12-05 10:00",
        location="Ventura County Fairgrounds",
        description="軽トラ市 🚚",
        zone_option="America/Los_Angeles",
        repeat="monthly on the first saturday",
        capacity=40,
        truck_capacity=20,
        region="SoCal",
        duration_minutes=240,
        cutoff="90m",
    )
    return (await meetups.create(guild_id, TAMMY, draft)).meetup


async def test_a_template_becomes_the_same_meetup_at_a_new_time_without_its_repeat(
    meetups: MeetupService, templates: MeetupTemplates
) -> None:
    source = await kei_truck_day(meetups)
    saved = await templates.save(source, "  Kei Truck Day ", TAMMY, may_replace_others=False)
    assert saved.replaced is None
    assert saved.template.name == "Kei Truck Day"

    draft = (await templates.get(GUILD, "KEI   truck day")).draft("Jan 9 9am", None)
    copy = (await meetups.create(GUILD, MARCUS, draft)).meetup
    kept = ("title", "description", "location", "region", "zone", "duration", "capacity")
    assert {name: getattr(copy, name) for name in kept} == {
        name: getattr(source, name) for name in kept
    }
    assert (copy.truck_capacity, copy.cutoff) == (20, timedelta(minutes=90))
    assert copy.rrule is None
    assert copy.organizer_id == MARCUS
    assert copy.starts_at == datetime(2027, 1, 9, 17, 0, tzinfo=UTC)

    other_zone = (await templates.get(GUILD, "kei truck day")).draft("Jan 9 9am", "Central")
    assert (await meetups.create(GUILD, TAMMY, other_zone)).meetup.zone == "America/Chicago"
    # A time typed as a range gives this one its own length in place of the template's.
    shorter = (await templates.get(GUILD, "kei truck day")).draft("Jan 16 9am-11am", None)
    assert (await meetups.create(GUILD, TAMMY, shorter)).meetup.duration == timedelta(hours=2)


async def test_saving_a_name_again_replaces_that_template_only(
    meetups: MeetupService, templates: MeetupTemplates
) -> None:
    first = await kei_truck_day(meetups)
    await templates.save(first, "Kei Truck Day", TAMMY, may_replace_others=False)
    await templates.save(first, "Swap meet", TAMMY, may_replace_others=False)
    moved = await meetups.create(
        GUILD, TAMMY, MeetupDraft(title="Winter day", when="Dec 19 11am", location="Ojai")
    )
    saved = await templates.save(moved.meetup, "kei truck day", MARCUS, may_replace_others=True)
    assert saved.replaced is not None
    assert saved.replaced.title == "Kei Truck Day"
    assert (saved.template.name, saved.template.title, saved.template.saved_by) == (
        "kei truck day",
        "Winter day",
        MARCUS,
    )
    assert [t.name for t in await templates.named(GUILD, "", 25)] == ["kei truck day", "Swap meet"]
    assert [t.name for t in await templates.named(GUILD, "SWAP", 25)] == ["Swap meet"]


async def test_only_its_saver_or_a_moderator_replaces_a_template(
    meetups: MeetupService, templates: MeetupTemplates
) -> None:
    source = await kei_truck_day(meetups)
    await templates.save(source, "Kei Truck Day", TAMMY, may_replace_others=False)
    with pytest.raises(UserError, match="Only its organizer or a moderator"):
        await templates.save(source, "kei truck day", DALE, may_replace_others=False)
    assert (await templates.get(GUILD, "Kei Truck Day")).saved_by == TAMMY
    saved = await templates.save(source, "kei truck day", MARCUS, may_replace_others=True)
    assert saved.template.saved_by == MARCUS


async def test_templates_stay_in_their_server_and_unknown_names_are_refused(
    meetups: MeetupService, templates: MeetupTemplates
) -> None:
    source = await kei_truck_day(meetups)
    await templates.save(source, "Kei Truck Day", TAMMY, may_replace_others=False)
    assert await templates.named(OTHER, "", 25) == []
    with pytest.raises(NotFound, match="no meetup template named “Kei Truck Day”"):
        await templates.get(OTHER, "Kei Truck Day")


@pytest.mark.parametrize(("name", "message"), [(" ", "cannot be empty"), ("x" * 51, "limit is 50")])
async def test_a_bad_name_is_refused_and_nothing_is_saved(
    meetups: MeetupService, templates: MeetupTemplates, name: str, message: str
) -> None:
    source = await kei_truck_day(meetups)
    with pytest.raises(UserError, match=message):
        await templates.save(source, name, TAMMY, may_replace_others=False)
    assert await templates.named(GUILD, "", 25) == []


async def test_a_server_keeps_at_most_its_limit_of_templates_but_may_still_replace(
    meetups: MeetupService, templates: MeetupTemplates
) -> None:
    source = await kei_truck_day(meetups)
    for number in range(TEMPLATES_MAX):
        await templates.save(source, f"Day {number}", TAMMY, may_replace_others=False)
    with pytest.raises(UserError, match=f"has {TEMPLATES_MAX} meetup templates"):
        await templates.save(source, "One more", TAMMY, may_replace_others=False)
    assert (await templates.save(source, "day 7", TAMMY, may_replace_others=False)).replaced
    await templates.delete(await templates.get(GUILD, "Day 0"))
    await templates.save(source, "One more", TAMMY, may_replace_others=False)
    assert len(await templates.named(GUILD, "", 100)) == TEMPLATES_MAX
