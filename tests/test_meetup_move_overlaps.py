"""One date of a series moved so it would overlap another of its dates is refused: two dates of
one series at once split those going between two cards' worth of answers for one afternoon."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupService

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups


@pytest.mark.parametrize("typed", ["2026-12-12 09:00", "2026-12-12 12:59", "2026-12-12 07:01"])
async def test_a_date_moved_into_another_dates_hours_is_refused(
    meetups: MeetupService, typed: str
) -> None:
    # Weekly from Saturday Dec 5, 10 AM to 1 PM (3 hours) in Denver.
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="weekly")
    with pytest.raises(UserError) as refused:
        await meetups.edit(GUILD, meetup_id, when=typed)
    assert str(refused.value) == (
        "That time would overlap the date of “Kei Truck Day” on Sat Dec 12, 10:00 AM MST, "
        "which lasts 3 hours: choose a time clear of it, or cancel one of them."
    )
    meetup = await meetups.get(GUILD, meetup_id)
    assert [o.starts_at.day for o in await meetups.occurrences(meetup, limit=2)] == [5, 12]


async def test_a_date_moved_far_ahead_onto_another_is_refused(meetups: MeetupService) -> None:
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="daily")
    with pytest.raises(UserError, match="Another date"):
        await meetups.edit(GUILD, meetup_id, when="2027-01-30 10:00")  # its 57th date


@pytest.mark.parametrize("typed", ["2026-12-12 13:00", "2026-12-12 07:00", "2026-12-05 12:00"])
async def test_a_date_moved_next_to_another_or_within_its_own_hours_is_moved(
    meetups: MeetupService, typed: str
) -> None:
    meetup_id = await new_meetup(meetups, when="2026-12-05 10:00", repeat="weekly")
    edited = await meetups.edit(GUILD, meetup_id, when=typed)
    assert edited.changed is not None
