"""A capacity lowered below a waiting party's size, on a real SQLite file: the party keeps its
place, is told once by DM that it cannot move up as it stands, and moves up once it brings fewer
guests and a place fits it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.jobs import GiveUp, Job, JobQueue
from bot.meetups import TOO_LARGE_JOB, Meetup, MeetupService, Occurrence, Party
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup, promoted_dms

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


async def too_large_jobs(store: Store, clock: ManualClock) -> list[Job]:
    return await JobQueue(store, clock).claim_due(50, worker="test", kinds=[TOO_LARGE_JOB])


def notice(
    meetup: Meetup, occurrence: Occurrence, party: Party, signup_closed: bool, free: int | None
) -> str:
    closed = ", signup closed" if signup_closed else ""
    first = "" if free is None else f", first in line, {free} free"
    return f"{meetup.title}: capacity {meetup.capacity}, party of {party.people}{closed}{first}"


async def waiting_line(meetups: MeetupService, meetup_id: int) -> list[tuple[int, int]]:
    meetup = await meetups.get(GUILD, meetup_id)
    occurrence = await meetups.occurrence(meetup, None)
    return [
        (party.member_id, party.people)
        for party in await meetups.parties(occurrence)
        if party.status == "waitlist"
    ]


async def test_a_waiting_party_larger_than_a_lowered_capacity_keeps_its_place_and_is_told_once(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=6)
    await meetups.set_party(GUILD, meetup, 11, guests=3, truck=None)  # 4 going
    await meetups.set_party(GUILD, meetup, 14, guests=0, truck=None)  # 1 more going
    await meetups.set_party(GUILD, meetup, 12, guests=4, truck=None)  # 5 wait: too large soon
    await meetups.set_party(GUILD, meetup, 13, guests=2, truck=None)  # 3 wait, still fit

    assert await meetups.set_capacity(GUILD, meetup, 4, None) == []
    assert await waiting_line(meetups, meetup) == [(12, 5), (13, 3)]
    occurrence = (await meetups.answer(GUILD, meetup, 14, "going")).occurrence
    counts = await meetups.counts(occurrence)
    assert (counts.people, counts.waiting, counts.too_large) == (5, 2, 1)
    # Lowered again, the party was too large already: it is not told a second time (a second
    # later, so that a notice would not share the first one's job key).
    clock.advance(timedelta(seconds=1))
    await meetups.set_capacity(GUILD, meetup, 3, None)
    [job] = await too_large_jobs(store, clock)
    assert (job.guild_id, job.payload["member_id"]) == (GUILD, 12)

    handler = meetups.too_large_handler(notice)
    sent = await handler(job)
    assert sent.to.user_id == 12  # type: ignore[union-attr]
    assert sent.content == "Kei Truck Day: capacity 3, party of 5"


async def test_a_party_that_brings_fewer_guests_keeps_its_place_and_moves_up_when_it_fits(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=8)
    await meetups.set_party(GUILD, meetup, 11, guests=3, truck=None)  # 4 going
    await meetups.set_party(GUILD, meetup, 12, guests=3, truck=None)  # 4 going
    await meetups.set_party(GUILD, meetup, 13, guests=5, truck=None)  # 6 wait
    await meetups.set_party(GUILD, meetup, 14, guests=3, truck=None)  # 4 wait behind
    await meetups.set_capacity(GUILD, meetup, 5, None)
    [job] = await too_large_jobs(store, clock)

    smaller = await meetups.set_party(GUILD, meetup, 13, guests=1, truck=None)
    assert (smaller.party.status, smaller.position) == ("waitlist", 1)
    # The DM not yet sent is not sent: the party fits the capacity again.
    with pytest.raises(GiveUp, match="fits the capacity again"):
        await meetups.too_large_handler(notice)(job)

    assert (await meetups.answer(GUILD, meetup, 11, "declined")).promoted == ()  # 1 place
    # Five places: the party of 2, first in line, moves up; the party of 4 no longer fits.
    assert (await meetups.answer(GUILD, meetup, 12, "declined")).promoted == (13,)
    assert await promoted_dms(store) == [13]
    assert await waiting_line(meetups, meetup) == [(14, 4)]


async def test_raising_the_capacity_again_and_lowering_it_tells_the_party_again(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=2)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.answer(GUILD, meetup, 12, "going")
    await meetups.set_party(GUILD, meetup, 13, guests=1, truck=None)  # 2 wait
    await meetups.set_capacity(GUILD, meetup, 1, None)
    await meetups.set_capacity(GUILD, meetup, 2, None)  # still full: nobody moves up
    clock.advance(timedelta(seconds=1))
    await meetups.set_capacity(GUILD, meetup, 1, None)
    told = await too_large_jobs(store, clock)
    assert [job.payload["member_id"] for job in told] == [13, 13]
    assert await waiting_line(meetups, meetup) == [(13, 2)]


async def test_a_party_told_after_signup_closed_is_not_asked_to_shrink(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=3, cutoff="2h")
    await meetups.set_party(GUILD, meetup, 11, guests=2, truck=None)  # 3 going
    await meetups.set_party(GUILD, meetup, 12, guests=2, truck=None)  # 3 wait
    await meetups.set_capacity(GUILD, meetup, 2, None)
    [job] = await too_large_jobs(store, clock)
    occurrence = await meetups.occurrence(await meetups.get(GUILD, meetup), None)
    clock.set(occurrence.starts_at - timedelta(hours=1))  # the DM goes out after the cutoff

    sent = await meetups.too_large_handler(notice)(job)

    assert sent.content == "Kei Truck Day: capacity 2, party of 3, signup closed"


async def test_a_member_waiting_at_several_dates_of_a_series_is_told_once_for_the_first(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=3, repeat="weekly")
    dates = (await meetups.occurrences(await meetups.get(GUILD, meetup), limit=2))[:2]
    for occurrence in dates:
        start = occurrence.original_start
        await meetups.set_party(GUILD, meetup, 11, guests=2, truck=None, original_start=start)
        await meetups.set_party(GUILD, meetup, 12, guests=2, truck=None, original_start=start)
    await meetups.set_capacity(GUILD, meetup, 2, None)

    [job] = await too_large_jobs(store, clock)
    sent = await meetups.too_large_handler(notice)(job)
    assert sent.to.user_id == 12  # type: ignore[union-attr]
    assert job.payload["occurrence_id"] == await store.fetchval(
        "SELECT id FROM occurrences WHERE meetup_id = ? ORDER BY original_start LIMIT 1",
        (meetup,),
    )


async def test_a_capacity_raised_moves_up_those_waiting_at_every_date_of_a_series_ahead(
    meetups: MeetupService, store: Store
) -> None:
    """Not the first 50 dates only: a weekly series' date more than a year ahead is one too,
    as is its first."""
    meetup = await new_meetup(meetups, capacity=1, repeat="weekly")
    dates = await meetups.occurrences(await meetups.get(GUILD, meetup), limit=80)
    for occurrence in (dates[0], dates[79]):
        start = occurrence.original_start
        await meetups.answer(GUILD, meetup, 11, "going", original_start=start)
        await meetups.answer(GUILD, meetup, 12, "going", original_start=start)  # waits

    assert await meetups.set_capacity(GUILD, meetup, 2, None) == [12, 12]
    assert await promoted_dms(store) == [12, 12]
