"""The DM telling a member they moved up from the waitlist is sent only while that promotion
still stands: one whose DM waited (Discord failed it for a while) is not sent after the member
left Going, nor twice for a member who left, waited again and moved up again."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.jobs import GiveUp, Job, JobQueue
from bot.meetups import PROMOTED_JOB, Meetup, MeetupService, Occurrence
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


def notice(meetup: Meetup, occurrence: Occurrence) -> str:
    return f"You're going to {meetup.title}"


async def promotion_dms(store: Store, clock: ManualClock) -> list[Job]:
    return await JobQueue(store, clock).claim_due(50, worker="test", kinds=[PROMOTED_JOB])


async def member_12_moved_up(meetups: MeetupService) -> int:
    """A meetup of one place that member 11 left, so that member 12, waiting, moved up; its id."""
    meetup = await new_meetup(meetups, capacity=1)
    for member in (11, 12):
        await meetups.answer(GUILD, meetup, member, "going")
    await meetups.answer(GUILD, meetup, 11, "declined")
    return meetup


async def test_a_member_who_left_going_before_their_promotion_was_told_is_not_told(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await member_12_moved_up(meetups)
    await meetups.answer(GUILD, meetup, 12, "declined")
    [job] = await promotion_dms(store, clock)

    with pytest.raises(GiveUp):
        await meetups.promotion_handler(notice)(job)


async def test_a_member_promoted_twice_is_told_once_of_the_promotion_that_stands(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await new_meetup(meetups, capacity=1)
    for member in (11, 12, 13):
        await meetups.answer(GUILD, meetup, member, "going")
    await meetups.answer(GUILD, meetup, 11, "declined")  # 12 moves up
    await meetups.answer(GUILD, meetup, 12, "maybe")  # 13 moves up
    await meetups.answer(GUILD, meetup, 12, "going")  # waits behind nobody
    await meetups.answer(GUILD, meetup, 13, "declined")  # 12 moves up again
    jobs = await promotion_dms(store, clock)
    handler = meetups.promotion_handler(notice)

    sent = []
    for job in jobs:
        try:
            sent.append((await handler(job)).to.user_id)  # type: ignore[union-attr]
        except GiveUp:
            continue
    assert sent == [12]


async def test_a_promotion_told_after_its_date_moved_names_the_new_time(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup = await member_12_moved_up(meetups)  # the DM waits
    await meetups.edit(GUILD, meetup, when="2026-12-06 10:00")
    [job] = await promotion_dms(store, clock)

    def at(meetup: Meetup, occurrence: Occurrence) -> str:
        return occurrence.starts_at.isoformat()

    sent = await meetups.promotion_handler(at)(job)

    assert sent.content == "2026-12-06T17:00:00+00:00"
