"""Only a capacity raised too little tells the first in line of the places it is too large for:
one left as it was (a truck limit changed), or lowered, frees nothing and DMs nobody."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.meetups import MeetupService
from bot.store import Store

from .test_meetups import GUILD, clock, meetups, new_meetup
from .test_meetups_capacity import too_large_jobs

__all__ = ["clock", "meetups"]


@pytest.mark.parametrize(("capacity", "trucks"), [(6, 2), (5, None)])
async def test_a_capacity_not_raised_tells_the_first_in_line_nothing(
    meetups: MeetupService, store: Store, clock: ManualClock, capacity: int, trucks: int | None
) -> None:
    meetup = await new_meetup(meetups, capacity=6)
    await meetups.set_party(GUILD, meetup, 11, guests=3, truck=None)  # 4 going, 2 free
    answer = await meetups.set_party(GUILD, meetup, 12, guests=3, truck=None)  # 4: waits
    assert answer.party.status == "waitlist"
    assert await too_large_jobs(store, clock) == []  # joining the line told nobody by DM

    await meetups.set_capacity(GUILD, meetup, capacity, trucks)  # trucks only, or lowered

    jobs = await too_large_jobs(store, clock)
    assert [(job.payload["member_id"], job.payload.get("first_in_line")) for job in jobs] == []
