"""The Events tab mirror's rules on a real SQLite file, with a plain recording EventsTab: what an
event shows within Discord's limits, what an edit sends, and how the bot's own echo is told
apart from someone's edit, even while its call is in flight."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.delivery import Outbox
from bot.jobs import JobQueue, JobRunner
from bot.meetup_event_fields import DESCRIPTION_MAX, LOCATION_MAX, event_fields, marked_meetup
from bot.meetup_events import EVENT_NOTE_JOB, EVENTS_JOB, MeetupEvents
from bot.meetups import Meetup, MeetupDraft, MeetupService, Occurrence
from bot.setup import SetupService
from bot.store import Store
from tests.test_delivery import RecordingSender

GUILD, ORGANIZER = 100, 1
START = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


class RecordingTab:
    """Discord's Events tab as a dict: every call recorded, ids counted up."""

    def __init__(self) -> None:
        self.events: dict[int, dict[str, Any]] = {}
        self.calls: list[tuple[str, int | None, dict[str, Any]]] = []
        self.failures: list[Exception] = []  # raised by the next creates, as a 5xx would be

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int:
        if self.failures:
            raise self.failures.pop(0)
        event_id = 1000 + len(self.calls)
        self.events[event_id] = dict(body)
        self.calls.append(("create", event_id, dict(body)))
        return event_id

    async def edit_event(self, guild_id: int, event_id: int, body: Mapping[str, Any]) -> None:
        self.events[event_id] |= body
        self.calls.append(("edit", event_id, dict(body)))

    async def delete_event(self, guild_id: int, event_id: int) -> None:
        del self.events[event_id]
        self.calls.append(("delete", event_id, {}))

    async def own_events(self, guild_id: int) -> dict[int, str]:
        return {event_id: body["description"] for event_id, body in self.events.items()}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
async def mirror(store: Store, clock: ManualClock) -> tuple[MeetupService, MeetupEvents]:
    setup = SetupService(store, clock)
    jobs = JobQueue(store, clock)
    meetups = MeetupService(store, clock, setup, jobs)
    events = MeetupEvents(store, clock, jobs, meetups)
    meetups.subscribe(events.on_meetup_changed)
    await setup.set_timezone(GUILD, "America/Denver")
    return meetups, events


def test_an_event_shows_the_meetup_within_discords_limits() -> None:
    meetup = Meetup(
        id=7, guild_id=GUILD, organizer_id=ORGANIZER, title="T" * 100, description="d" * 2000,
        location="L" * 200, region=None, zone="America/Denver", start_local=datetime(2026, 12, 5),
        starts_at=START, duration=timedelta(hours=3), rrule=None, capacity=None,
        truck_capacity=None, channel_id=None, message_id=None, cancelled_at=None,
        cancel_reason=None,
    )  # fmt: skip
    fields = event_fields(meetup, Occurrence(7, START, START))

    assert len(fields.name) == 100
    assert len(fields.description) <= DESCRIPTION_MAX
    assert len(fields.location) <= LOCATION_MAX
    assert fields.ends_at - fields.starts_at == timedelta(hours=3)
    assert marked_meetup(fields.description) == 7
    assert "is not an RSVP" in fields.description
    moved = replace(fields, location="Boise", starts_at=START + timedelta(hours=1))
    assert moved.body(fields) == {
        "entity_metadata": {"location": "Boise"},
        "scheduled_start_time": "2026-12-05T18:00:00+00:00",
    }
    assert (fields.body()["entity_type"], fields.body()["privacy_level"]) == (3, 2)


def test_an_event_links_to_the_meetups_card_within_discords_limit() -> None:
    # The description tells members to answer on the card: it gives them the way there.
    snowflake = 2**63 - 1  # the longest id Discord gives
    meetup = Meetup(
        id=7, guild_id=snowflake, organizer_id=ORGANIZER, title="Swap", description="d" * 2000,
        location="Moab", region=None, zone="America/Denver", start_local=datetime(2026, 12, 5),
        starts_at=START, duration=timedelta(hours=3), rrule=None, capacity=None,
        truck_capacity=None, channel_id=snowflake, message_id=snowflake, cancelled_at=None,
        cancel_reason=None,
    )  # fmt: skip
    fields = event_fields(meetup, Occurrence(7, START, START))

    link = f"https://discord.com/channels/{snowflake}/{snowflake}/{snowflake}"
    assert len(fields.description) <= DESCRIPTION_MAX
    assert f"the meetup's card in Discord: {link}\n" in fields.description
    assert marked_meetup(fields.description) == 7


async def test_the_bots_own_change_is_no_edit_even_while_its_call_is_in_flight(
    store: Store, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    tab = RecordingTab()
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab")
    meetup = (await meetups.create(GUILD, ORGANIZER, draft)).meetup
    await events.sync(tab, GUILD)
    [(_, event_id, _)] = tab.calls
    shown = event_fields(meetup, Occurrence(meetup.id, START, START))
    moved = replace(shown, location="Boise")

    assert not await events.event_updated(GUILD, event_id, shown)  # the echo of the create
    await store.execute("UPDATE meetup_events SET sending = ?", (moved.to_json(),))
    assert not await events.event_updated(GUILD, event_id, moved)  # echo before the answer
    await store.execute("UPDATE meetup_events SET sending = NULL")
    assert await events.event_updated(GUILD, event_id, moved)  # someone else's edit
    await events.sync(tab, GUILD)

    assert tab.calls[-1] == ("edit", event_id, {"entity_metadata": {"location": "Moab"}})
    notes = await store.fetchall("SELECT payload FROM jobs WHERE kind = ?", (EVENT_NOTE_JOB,))
    assert [json.loads(row["payload"])["kind"] for row in notes] == ["edited"]
    await store.execute("UPDATE meetup_events SET sending = ?", (json.dumps("delete"),))
    assert not await events.event_deleted(GUILD, event_id)  # the bot's own delete


def runner_for(
    store: Store, clock: ManualClock, events: MeetupEvents, tab: RecordingTab
) -> tuple[JobRunner, RecordingSender]:
    sender = RecordingSender()
    jobs = JobQueue(store, clock)
    runner = JobRunner(jobs, clock, outbox=Outbox(store, jobs, clock, sender))
    for kind, handler in events.handlers(tab, lambda m, kind, f: f"{kind}: {m.title}").items():
        runner.register(kind, handler)
    return runner, sender


async def test_a_call_discord_failed_is_retried_later_and_makes_one_event(
    store: Store, clock: ManualClock, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    tab = RecordingTab()
    tab.failures = [ConnectionError("503 Service Unavailable")]
    runner, _ = runner_for(store, clock, events, tab)
    await meetups.create(GUILD, ORGANIZER, MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab"))

    await runner.run_due()
    assert tab.events == {}
    clock.advance(timedelta(hours=1))  # past the back-off
    await runner.run_due()

    assert [call[0] for call in tab.calls] == ["create"]
    assert len(tab.events) == 1


async def test_notes_go_to_the_organizer_through_the_outbox_once(
    store: Store, clock: ManualClock, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    tab = RecordingTab()
    runner, sender = runner_for(store, clock, events, tab)
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab")
    await meetups.create(GUILD, ORGANIZER, draft)
    await runner.run_due()
    [(_, event_id, _)] = tab.calls

    assert await events.event_deleted(GUILD, event_id)
    while await runner.run_due():
        pass

    assert [message.content for message, _ in sender.sent] == ["deleted: Kei Truck Day"]
    assert [call[0] for call in tab.calls] == ["create"]  # not made again


async def shown_weekly(mirror: tuple[MeetupService, MeetupEvents]) -> tuple[Meetup, RecordingTab]:
    """A weekly series from Saturday, December 5, its event shown in a new Events tab."""
    meetups, events = mirror
    weekly = MeetupDraft("Coffee and kei", "2026-12-05 10:00", "Moab", repeat="weekly")
    meetup = (await meetups.create(GUILD, ORGANIZER, weekly)).meetup
    tab = RecordingTab()
    await events.sync(tab, GUILD)
    return meetup, tab


async def test_a_series_re_timed_during_one_of_its_dates_keeps_that_date_shown_until_it_ends(
    clock: ManualClock, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    meetup, tab = await shown_weekly(mirror)
    clock.set(START + timedelta(minutes=30))  # under way

    await meetups.edit(GUILD, meetup.id, repeat="weekly on sunday")
    await events.sync(tab, GUILD)

    assert [call[0] for call in tab.calls] == ["create"]  # neither deleted nor moved
    clock.set(START + timedelta(hours=3))  # it ended: the series rolls on to its Sundays
    await events.sync(tab, GUILD)
    assert [call[0] for call in tab.calls] == ["create", "delete", "create"]
    assert tab.calls[-1][2]["scheduled_start_time"] == "2026-12-13T17:00:00+00:00"


async def test_a_series_given_a_new_rule_before_its_next_date_keeps_its_event_there(
    clock: ManualClock, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    # The re-time carries the next date's answers to the new rule's first date: the members
    # "Interested" in its event go along, and a date off or a date ended still gets a new one.
    meetups, events = mirror
    meetup, tab = await shown_weekly(mirror)

    await meetups.edit(GUILD, meetup.id, repeat="weekly on sunday")
    await events.sync(tab, GUILD)
    sunday = "2026-12-06T17:00:00+00:00"
    assert [(call[0], call[2].get("scheduled_start_time")) for call in tab.calls[1:]] == [
        ("edit", sunday)
    ]

    await meetups.cancel(GUILD, meetup.id, original_start=datetime(2026, 12, 6, 17, tzinfo=UTC))
    await events.sync(tab, GUILD)
    assert [call[0] for call in tab.calls[2:]] == ["delete", "create"]
    assert tab.calls[-1][2]["scheduled_start_time"] == "2026-12-13T17:00:00+00:00"


async def test_a_date_under_way_stays_shown_and_one_not_shown_gives_way_to_the_next(
    clock: ManualClock, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    shown_first, tab = await shown_weekly(mirror)
    # Another series is not mirrored until its first date is under way (the bot was down, or
    # the tab full): an event cannot be made in the past.
    late = MeetupDraft("Kei and donuts", "2026-12-05 09:00", "Boise", repeat="weekly")
    unshown = (await meetups.create(GUILD, ORGANIZER, late)).meetup
    clock.set(START + timedelta(minutes=30))  # both under way

    await events.sync(tab, GUILD)

    starts = {
        body["name"]: body["scheduled_start_time"] for _, _, body in tab.calls if "name" in body
    }
    assert starts == {
        shown_first.title: "2026-12-05T17:00:00+00:00",  # under way, and still shown
        unshown.title: "2026-12-12T16:00:00+00:00",  # the next week's
    }


class HeldTab(RecordingTab):
    """A tab whose next create waits until `go` is set: a run held between its read of the
    meetups and what it plans after."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = asyncio.Event()
        self.go = asyncio.Event()

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int:
        self.holding.set()
        await self.go.wait()
        return await super().create_event(guild_id, body)


async def test_a_run_that_read_a_meetup_cancelled_meanwhile_leaves_no_run_at_its_end(
    store: Store, mirror: tuple[MeetupService, MeetupEvents]
) -> None:
    meetups, events = mirror
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab")
    meetup = (await meetups.create(GUILD, ORGANIZER, draft)).meetup
    tab = HeldTab()
    first = asyncio.create_task(events.sync(tab, GUILD))
    await tab.holding.wait()  # it read the meetup as live, and is creating its event

    await meetups.cancel(GUILD, meetup.id, reason="its card could not be posted")
    second = asyncio.create_task(events.sync(tab, GUILD))  # the run the cancel asks for
    tab.go.set()
    await asyncio.gather(first, second)

    assert tab.events == {}
    at_an_end = await JobQueue(store, ManualClock(START)).pending_keys(EVENTS_JOB, f"{GUILD}:at:")
    assert at_an_end == []
