"""MeetupService on a real SQLite file: creating meetups, series, and RSVP with capacity, guests,
trucks and the waitlist."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue
from bot.meetups import (
    CHANGED_DM_JOB,
    CHANGED_POST_JOB,
    PROMOTED_JOB,
    MeetupDraft,
    MeetupService,
    Room,
)
from bot.setup import SetupService
from bot.store import Store

GUILD, OTHER = 100, 200
ORGANIZER = 1


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
async def meetups(store: Store, clock: ManualClock) -> MeetupService:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    return MeetupService(store, clock, setup, JobQueue(store, clock))


async def new_meetup(meetups: MeetupService, **fields: object) -> int:
    draft = MeetupDraft(
        **{"title": "Kei Truck Day", "when": "2026-12-05 10:00", "location": "Moab", **fields}  # type: ignore[arg-type]
    )
    return (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id


async def promoted_dms(store: Store) -> list[int]:
    rows = await store.fetchall(
        "SELECT payload ->> '$.member_id' AS member FROM jobs WHERE kind = ? ORDER BY id",
        (PROMOTED_JOB,),
    )
    return [row["member"] for row in rows]


async def test_a_meetup_is_read_in_the_servers_zone_and_stored_in_utc(
    meetups: MeetupService,
) -> None:
    created = await meetups.create(
        GUILD, ORGANIZER, MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab")
    )
    assert created.meetup.starts_at == datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    assert created.meetup.zone == "America/Denver"
    assert created.when.zone_source == "server"
    with pytest.raises(NotFound):
        await meetups.get(OTHER, created.meetup.id)


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"title": "x" * 300}, "The title is 300 characters"),
        ({"capacity": -1}, "Capacity must be from 1 to 10,000"),
        ({"capacity": 1_000_000}, "Capacity must be from 1 to 10,000"),
        ({"when": "2026-11-01 10:00"}, "passed"),
        ({"zone_option": "Mars/Olympus"}, "Mars/Olympus"),
        ({"duration_minutes": 5}, "15 minutes to 7 days"),
        ({"when": "2026-12-05 10:00 UTC-7", "repeat": "weekly"}, "needs a named zone"),
    ],
)
async def test_bad_meetups_are_refused_and_nothing_is_stored(
    meetups: MeetupService, store: Store, fields: dict[str, object], refusal: str
) -> None:
    with pytest.raises(UserError, match=refusal):
        await new_meetup(meetups, **fields)
    assert await store.fetchval("SELECT count(*) FROM meetups") == 0


async def test_going_fills_capacity_then_waits_in_click_order(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, capacity=2)
    first = await meetups.answer(GUILD, meetup, 11, "going")
    second = await meetups.answer(GUILD, meetup, 12, "going")
    assert (first.party.status, second.party.status) == ("going", "going")
    third = await meetups.answer(GUILD, meetup, 13, "going")
    fourth = await meetups.answer(GUILD, meetup, 14, "going")
    assert (third.party.status, third.position) == ("waitlist", 1)
    assert (fourth.party.status, fourth.position) == ("waitlist", 2)
    again = await meetups.answer(GUILD, meetup, 14, "going")  # clicking again keeps the place
    assert (again.party.status, again.position) == ("waitlist", 2)


async def test_a_going_member_leaving_promotes_the_first_waiting_party_and_tells_them(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups, capacity=1)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.answer(GUILD, meetup, 12, "going")
    await meetups.answer(GUILD, meetup, 13, "going")

    left = await meetups.answer(GUILD, meetup, 11, "declined")

    assert left.promoted == (12,)
    assert await promoted_dms(store) == [12]
    occurrence = left.occurrence
    counts = await meetups.counts(occurrence)
    assert (counts.people, counts.waiting) == (1, 1)


async def test_a_freed_place_goes_to_the_first_in_line_and_nobody_jumps_it(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=4)
    await meetups.set_party(GUILD, meetup, 11, guests=2, truck=None)  # 3 people
    big = await meetups.set_party(GUILD, meetup, 13, guests=3, truck=None)  # 4: waits
    assert (big.party.status, big.room) == ("waitlist", Room(places=1, trucks=None))
    small = await meetups.answer(GUILD, meetup, 14, "going")  # 1 fits, but waits behind
    assert (small.party.status, small.position) == ("waitlist", 2)

    assert (await meetups.answer(GUILD, meetup, 11, "maybe")).promoted == (13,)  # 4 places
    parties = {p.member_id: p.status for p in await meetups.parties(big.occurrence)}
    assert parties == {11: "maybe", 13: "going", 14: "waitlist"}


async def test_trucks_have_their_own_capacity(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, truck_capacity=1)
    first = await meetups.set_party(GUILD, meetup, 11, guests=0, truck="93 Acty 4WD")
    second = await meetups.set_party(GUILD, meetup, 12, guests=0, truck="Hijet jumbo")
    walking = await meetups.answer(GUILD, meetup, 13, "going")  # needs no truck spot
    assert [a.party.status for a in (first, second, walking)] == ["going", "waitlist", "going"]
    assert second.room == Room(places=None, trucks=0)
    counts = await meetups.counts(first.occurrence)
    assert (counts.trucks, counts.people) == (1, 2)
    assert (await meetups.answer(GUILD, meetup, 11, "declined")).promoted == (12,)


async def test_a_going_party_grows_only_while_nobody_waits(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, capacity=3, truck_capacity=2)
    await meetups.set_party(GUILD, meetup, 11, guests=0, truck="93 Acty 4WD")
    await meetups.answer(GUILD, meetup, 12, "going")
    # Two people and a truck, for one place and one truck spot left: they wait.
    waiting = await meetups.set_party(GUILD, meetup, 13, guests=1, truck="Hijet jumbo")
    assert waiting.party.status == "waitlist"
    for guests, truck, refused in ((0, "Carry", "a truck"), (1, None, "more guests")):
        with pytest.raises(UserError, match=f"so {refused} cannot go ahead of them"):
            await meetups.set_party(GUILD, meetup, 12, guests=guests, truck=truck)
    assert (await meetups.answer(GUILD, meetup, 11, "declined")).promoted == (13,)
    grown = await meetups.set_party(GUILD, meetup, 12, guests=0, truck="Carry")
    assert (grown.party.status, grown.party.truck) == ("going", "Carry")


async def test_more_guests_than_the_room_left_is_refused_and_changes_nothing(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=3)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.answer(GUILD, meetup, 12, "going")
    with pytest.raises(UserError, match="still going with no guests"):
        await meetups.set_party(GUILD, meetup, 11, guests=2, truck=None)
    with pytest.raises(UserError, match="from 0 to 10 guests"):
        await meetups.set_party(GUILD, meetup, 11, guests=11, truck=None)
    fine = await meetups.set_party(GUILD, meetup, 11, guests=1, truck=None)
    assert (fine.party.status, fine.party.guests) == ("going", 1)


async def test_lowering_capacity_bumps_nobody_and_raising_it_promotes_in_order(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups, capacity=3)
    for member in (11, 12, 13, 14, 15):
        await meetups.answer(GUILD, meetup, member, "going")
    assert await meetups.set_capacity(GUILD, meetup, 1, None) == []
    occurrence = (await meetups.answer(GUILD, meetup, 11, "going")).occurrence
    assert (await meetups.counts(occurrence)).people == 3

    assert await meetups.set_capacity(GUILD, meetup, 4, None) == [14]
    assert await meetups.set_capacity(GUILD, meetup, None, None) == [15]
    assert await promoted_dms(store) == [14, 15]


async def test_answers_to_a_started_or_cancelled_meetup_are_refused(
    meetups: MeetupService, clock: ManualClock, store: Store
) -> None:
    meetup = await new_meetup(meetups)
    clock.set(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))
    with pytest.raises(UserError, match="no date still ahead"):
        await meetups.answer(GUILD, meetup, 11, "going")
    later = await new_meetup(meetups, when="2026-12-24 10:00")
    await store.execute("UPDATE meetups SET cancelled_at = 1 WHERE id = ?", (later,))
    with pytest.raises(UserError, match="was cancelled"):
        await meetups.answer(GUILD, later, 11, "going")
    assert await store.fetchval("SELECT count(*) FROM rsvps") == 0


async def test_a_series_answers_for_its_next_occurrence_at_the_same_local_time(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await new_meetup(meetups, when="2027-03-06 10:00", repeat="weekly")
    meetup = await meetups.get(GUILD, meetup_id)
    upcoming = await meetups.occurrences(meetup, limit=3)
    # US clocks spring forward on March 14, 2027: 10:00 in Denver stays 10:00.
    assert [o.starts_at.hour for o in upcoming] == [17, 17, 16]
    answer = await meetups.answer(GUILD, meetup_id, 11, "going")
    assert answer.occurrence.starts_at == upcoming[0].starts_at
    later = await meetups.answer(
        GUILD, meetup_id, 11, "going", original_start=upcoming[2].original_start
    )
    assert later.occurrence == upcoming[2]
    clock.set(upcoming[0].starts_at + timedelta(hours=4))
    assert (await meetups.next_occurrence(meetup)) == upcoming[1]


async def test_three_hundred_members_clicking_at_once_never_overfill(
    db_path: Path, clock: ManualClock
) -> None:
    # Separate connections, as separate workers would have: the transaction is what keeps order.
    stores = [await Store.open(db_path) for _ in range(3)]
    try:
        services = []
        for store in stores:
            setup = SetupService(store, clock)
            services.append(MeetupService(store, clock, setup, JobQueue(store, clock)))
        await stores[0].execute(
            "INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (?, ?, 0)",
            (GUILD, "America/Denver"),
        )
        meetup = await new_meetup(services[0], capacity=50)
        answers = await asyncio.gather(
            *(services[m % 3].answer(GUILD, meetup, 1000 + m, "going") for m in range(300))
        )
        going = [a for a in answers if a.party.status == "going"]
        waiting = sorted(
            (a for a in answers if a.party.status == "waitlist"), key=lambda a: a.position or 0
        )
        assert len(going) == 50
        assert [a.position for a in waiting] == list(range(1, 251))
        counts = await services[0].counts(answers[0].occurrence)
        assert (counts.people, counts.waiting) == (50, 250)
    finally:
        for store in stores:
            await store.close()


async def notices(store: Store, kind: str) -> list[dict[str, object]]:
    rows = await store.fetchall("SELECT payload FROM jobs WHERE kind = ? ORDER BY id", (kind,))
    return [json.loads(row["payload"]) for row in rows]


async def test_cancelling_tells_everyone_going_waiting_or_maybe_and_refuses_later_answers(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups, capacity=1)
    await meetups.set_card(meetup, 555, 777)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.answer(GUILD, meetup, 12, "going")  # waits
    await meetups.answer(GUILD, meetup, 13, "maybe")
    await meetups.answer(GUILD, meetup, 15, "declined")  # not coming: no news to them

    cancelled = await meetups.cancel(GUILD, meetup, reason="Snow @everyone")

    assert cancelled.told == (11, 12, 13)
    assert [n["member_id"] for n in await notices(store, CHANGED_DM_JOB)] == [11, 12, 13]
    [post] = await notices(store, CHANGED_POST_JOB)
    assert (post["members"], post["reason"], post["kind"]) == (
        [11, 12, 13],
        "Snow @everyone",
        "cancelled",
    )
    with pytest.raises(UserError, match="was cancelled"):
        await meetups.answer(GUILD, meetup, 14, "going")
    with pytest.raises(UserError, match="was already cancelled"):
        await meetups.cancel(GUILD, meetup)


async def test_a_post_mentions_at_most_sixty_members_and_the_rest_follow(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups)
    await meetups.set_card(meetup, 555, 777)
    for member in range(1000, 1150):
        await meetups.answer(GUILD, meetup, member, "going")
    await meetups.cancel(GUILD, meetup)
    posts = await notices(store, CHANGED_POST_JOB)
    assert [len(post["members"]) for post in posts] == [60, 60, 30]  # type: ignore[arg-type]


async def test_one_occurrence_of_a_series_is_cancelled_and_the_next_is_shown(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="weekly")
    meetup = await meetups.get(GUILD, meetup_id)
    first, second = await meetups.occurrences(meetup, limit=2)
    await meetups.answer(GUILD, meetup_id, 11, "going")

    changed = await meetups.cancel(GUILD, meetup_id, original_start=first.original_start)

    assert changed.told == (11,)
    assert changed.meetup.cancelled_at is None
    assert await meetups.next_occurrence(meetup) == second
    with pytest.raises(UserError, match="was cancelled"):
        await meetups.answer(GUILD, meetup_id, 12, "going", original_start=first.original_start)


async def test_moving_a_meetup_keeps_its_answers_and_tells_of_both_times(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups)
    await meetups.answer(GUILD, meetup, 11, "going")

    moved = await meetups.move(GUILD, meetup, "2026-12-06 11:00")

    assert moved.meetup.starts_at == datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
    [occurrence] = moved.occurrences
    assert [p.member_id for p in await meetups.parties(occurrence)] == [11]
    [dm] = await notices(store, CHANGED_DM_JOB)
    assert (dm["kind"], dm["moved_from"]) == (
        "moved",
        int(datetime(2026, 12, 5, 17, tzinfo=UTC).timestamp()),
    )
    with pytest.raises(UserError, match="passed"):
        await meetups.move(GUILD, meetup, "2026-11-01 11:00")


async def test_moving_the_next_occurrence_of_a_series_leaves_the_rest(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="weekly")
    meetup = await meetups.get(GUILD, meetup_id)
    first, second = await meetups.occurrences(meetup, limit=2)
    await meetups.move(GUILD, meetup_id, "2026-12-05 12:00")
    upcoming = await meetups.occurrences(meetup, limit=2)
    assert [o.starts_at.hour for o in upcoming] == [19, 17]
    assert upcoming[0].original_start == first.original_start
    assert upcoming[1] == second


async def test_a_date_of_a_series_cannot_be_moved_onto_another_date(
    meetups: MeetupService,
) -> None:
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="weekly")
    with pytest.raises(UserError, match="Another date"):
        await meetups.move(GUILD, meetup_id, "2026-12-12 10:00")
    meetup = await meetups.get(GUILD, meetup_id)
    assert [o.starts_at.day for o in await meetups.occurrences(meetup, limit=2)] == [5, 12]


async def test_a_cancelled_meetup_promotes_nobody(meetups: MeetupService, store: Store) -> None:
    meetup = await new_meetup(meetups, capacity=1)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.answer(GUILD, meetup, 12, "going")  # waits
    await meetups.cancel(GUILD, meetup)
    with pytest.raises(UserError, match="was cancelled"):
        await meetups.set_capacity(GUILD, meetup, 5, None)
    assert await promoted_dms(store) == []


async def test_two_moves_in_one_second_are_both_told(meetups: MeetupService, store: Store) -> None:
    meetup = await new_meetup(meetups)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.move(GUILD, meetup, "2026-12-06 10:00")
    await meetups.move(GUILD, meetup, "2026-12-07 10:00")
    told = await notices(store, CHANGED_DM_JOB)
    assert [n["starts_at"] for n in told] == [
        int(datetime(2026, 12, 6, 17, tzinfo=UTC).timestamp()),
        int(datetime(2026, 12, 7, 17, tzinfo=UTC).timestamp()),
    ]


async def test_signup_closes_at_the_cutoff_for_going_maybe_and_party_but_not_cant_go(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await new_meetup(meetups, cutoff="1h30m")
    assert (await meetups.get(GUILD, meetup_id)).cutoff == timedelta(minutes=90)
    await meetups.answer(GUILD, meetup_id, 7, "going")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 10:00 in Denver

    clock.set(start - timedelta(minutes=91))
    await meetups.answer(GUILD, meetup_id, 8, "maybe")
    clock.set(start - timedelta(minutes=90))
    for late in (
        meetups.answer(GUILD, meetup_id, 9, "going"),
        meetups.answer(GUILD, meetup_id, 8, "maybe"),
        meetups.set_party(GUILD, meetup_id, 7, guests=2, truck=None),
    ):
        with pytest.raises(UserError, match="Signup for “Kei Truck Day” closed 90 minutes before"):
            await late
    left = await meetups.answer(GUILD, meetup_id, 7, "declined")
    assert left.party.status == "declined"


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("soon", "Give the signup cutoff as time before the start"),
        ("31d", "from 1 minute to 30 days"),
        # A bare number is hours however long: told the range, not that it is no number.
        ("100000", "from 1 minute to 30 days"),
        ("9" * 60, "from 1 minute to 30 days"),
        ("11d", "which is already past"),  # the meetup is 10 days and 5 hours away
    ],
)
async def test_a_cutoff_that_cannot_be_read_or_is_already_past_is_refused(
    meetups: MeetupService, store: Store, typed: str, refusal: str
) -> None:
    with pytest.raises(UserError, match=refusal):
        await new_meetup(meetups, cutoff=typed)
    assert await store.fetchval("SELECT count(*) FROM meetups") == 0


async def test_an_edit_with_one_bad_part_changes_nothing(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, capacity=5)
    for bad in (
        {"when": "blurgh"},
        {"when": "2026-11-01 10:00"},
        {"capacity": -1},
        {"location": ""},
        {"duration_minutes": 10},
        {"duration_minutes": 2**53 - 1},
        {"duration_minutes": 90, "when": "blurgh"},  # a good length beside a bad time
        {"when": "2026-12-06 10am-2pm", "duration_minutes": 90},  # two lengths
    ):
        with pytest.raises(UserError):
            await meetups.edit(GUILD, meetup, title="New title", **bad)  # type: ignore[arg-type]
    unchanged = await meetups.get(GUILD, meetup)
    assert (unchanged.title, unchanged.capacity) == ("Kei Truck Day", 5)
    assert unchanged.duration == timedelta(hours=3)

    moved = await meetups.edit(
        GUILD,
        meetup,
        title="New title",
        capacity=8,
        duration_minutes=90,
        when="2026-12-06 10:00",
    )
    assert moved.changed is not None
    edited = await meetups.get(GUILD, meetup)
    assert (edited.title, edited.capacity, edited.starts_at.day) == ("New title", 8, 6)
    assert edited.duration == timedelta(minutes=90)


async def test_a_time_typed_as_a_range_gives_the_meetup_its_length(
    meetups: MeetupService, store: Store
) -> None:
    meetup = await new_meetup(meetups, when="2026-12-05 10am-2pm")
    assert (await meetups.get(GUILD, meetup)).duration == timedelta(hours=4)
    agreed = await new_meetup(meetups, when="2026-12-05 9-11", duration_minutes=120)
    assert (await meetups.get(GUILD, agreed)).duration == timedelta(hours=2)
    with pytest.raises(UserError, match="lasts 4 hours, but the duration option says 1 hour"):
        await new_meetup(meetups, title="Twice", when="2026-12-05 10am-2pm", duration_minutes=60)
    assert await store.fetchval("SELECT count(*) FROM meetups WHERE title = 'Twice'") == 0

    await meetups.edit(GUILD, meetup, when="2026-12-06 9am-noon")
    moved = await meetups.get(GUILD, meetup)
    assert (moved.starts_at.day, moved.duration) == (6, timedelta(hours=3))

    # Moving one date of a series must not change how long all its dates last.
    series = await new_meetup(meetups, title="Weekly", repeat="weekly")
    with pytest.raises(UserError, match="Every date of a series lasts the same, 3 hours"):
        await meetups.edit(GUILD, series, when="2026-12-05 9am-1pm")
    assert (await meetups.get(GUILD, series)).duration == timedelta(hours=3)
    await meetups.edit(GUILD, series, when="2026-12-05 9am-noon")  # the length it has: moved
    await meetups.edit(GUILD, series, when="2026-12-05 9am-1pm", every_date=True)
    assert (await meetups.get(GUILD, series)).duration == timedelta(hours=4)


async def test_upcoming_matching_finds_by_title_or_number(meetups: MeetupService) -> None:
    day = await new_meetup(meetups, title="Kei Truck Day")
    coffee = await new_meetup(meetups, title="Cars and Coffee", when="2026-12-06 08:00")
    assert [m.id for m, _ in await meetups.upcoming(GUILD, matching="truck")] == [day]
    assert [m.id for m, _ in await meetups.upcoming(GUILD, matching=f"#{coffee}")] == [coffee]
    assert [m.id for m, _ in await meetups.upcoming(GUILD, matching="")] == [day, coffee]
    assert await meetups.upcoming(GUILD, matching="picnic") == []
