"""A series re-timed more than once, or after a date was moved on its own past the next one,
on a real SQLite file: a date off left where it was by one re-time is not held again by the
next, a date moved past the next one takes the new time on its own day with its answers (a
COUNT still giving the dates it gave), and one a new rule has no place for is refused,
changing nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.meetups import MeetupDraft, MeetupService
from bot.store import Store

from .test_meetup_series_days_off import DEC_5, WEEK, cancelled_dates, dates_ahead, weekly
from .test_meetup_series_edits import (
    DALE,
    GUILD,
    HANK,
    ROSA,
    clock,
    denver,
    meetups,
    monthly,
    stored_parties,
)
from .test_meetups import ORGANIZER

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

HOUR = timedelta(hours=1)


async def test_a_date_off_left_where_it_was_is_not_held_again_by_a_later_re_time(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    clock.set(DEC_5 - timedelta(hours=15))  # Friday evening
    meetup_id = await weekly(meetups)  # Dec 5 off, Rosa going to Dec 12
    # "dec 12 11am" names the date held: Dec 5 stays off at 10, where it was.
    await meetups.edit(GUILD, meetup_id, when="2026-12-12 11:00", every_date=True)
    assert await cancelled_dates(meetups, clock) == [DEC_5]

    # "sat 9am" names Dec 5, the date off: it stays off, at 9, and Dec 12 keeps Rosa.
    edited = await meetups.edit(GUILD, meetup_id, when="sat 9am", every_date=True)
    assert edited.changed is not None
    assert edited.changed.occurrences[0].starts_at == DEC_5 + WEEK - HOUR
    ahead = await dates_ahead(meetups, meetup_id, 2)
    assert ahead == [DEC_5 + WEEK - HOUR, DEC_5 + 2 * WEEK - HOUR]
    assert await cancelled_dates(meetups, clock) == [DEC_5 - HOUR]
    assert await stored_parties(store, meetup_id, DEC_5 + WEEK - HOUR) == [(ROSA, "going")]


async def moved_past_the_next(meetups: MeetupService, repeat: str) -> int:
    """A Saturday 10am series from Dec 5: Rosa going to Dec 5, moved on its own to Sunday the
    13th; Dale going to Dec 12, now the next date."""
    draft = MeetupDraft("Weekly", "2026-12-05 10:00", "Moab", repeat=repeat)
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    await meetups.answer(GUILD, meetup_id, ROSA, "going", original_start=DEC_5)
    await meetups.edit(GUILD, meetup_id, when="2026-12-13 10:00")
    await meetups.answer(GUILD, meetup_id, DALE, "going", original_start=DEC_5 + WEEK)
    return meetup_id


async def test_a_date_moved_past_the_next_takes_the_new_time_on_its_day_and_counts(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await moved_past_the_next(meetups, "weekly, 4 times")
    edited = await meetups.edit(GUILD, meetup_id, when="2026-12-12 11:00", every_date=True)
    assert edited.changed is not None
    assert edited.changed.moved_from == DEC_5 + WEEK + timedelta(days=1)  # Rosa's, Sunday
    # The four dates the series had, at 11: Rosa's back on Dec 5, Dale's on Dec 12.
    assert await dates_ahead(meetups, meetup_id, 5) == [DEC_5 + n * WEEK + HOUR for n in range(4)]
    assert await stored_parties(store, meetup_id, DEC_5 + HOUR) == [(ROSA, "going")]
    assert await stored_parties(store, meetup_id, DEC_5 + WEEK + HOUR) == [(DALE, "going")]


async def test_a_date_moved_past_the_next_that_a_new_rule_has_no_place_for_is_refused(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await moved_past_the_next(meetups, "weekly")
    # Monthly from Dec 12 has no date before it for Rosa's.
    before = await meetups.get(GUILD, meetup_id)
    answers = await store.fetchall("SELECT * FROM rsvps ORDER BY occurrence_id, member_id")
    with pytest.raises(UserError, match="moved on its own past its next date"):
        await meetups.edit(GUILD, meetup_id, when="2026-12-12 11:00", repeat="monthly")
    assert await meetups.get(GUILD, meetup_id) == before
    assert await store.fetchall("SELECT * FROM rsvps ORDER BY occurrence_id, member_id") == answers


async def test_a_count_shorter_than_the_way_back_still_places_a_date_moved_past_the_next(
    meetups: MeetupService, store: Store
) -> None:
    """First Saturdays, Dec 5 (Dale's) moved on its own past Jan 2 (Rosa's), turned weekly
    from Jan 2 for two dates: Dec 5's answers go to the week before."""
    meetup_id = await monthly(meetups)
    await meetups.edit(GUILD, meetup_id, when="2027-01-03 10:00")
    await meetups.edit(GUILD, meetup_id, when="2027-01-02 11:00", repeat="weekly, 2 times")
    dec_26 = denver(datetime(2026, 12, 26), 11)
    assert await dates_ahead(meetups, meetup_id, 4) == [dec_26, dec_26 + WEEK, dec_26 + 2 * WEEK]
    assert await stored_parties(store, meetup_id, dec_26) == [(DALE, "going"), (HANK, "maybe")]
    assert await stored_parties(store, meetup_id, dec_26 + WEEK) == [(ROSA, "going")]


async def test_a_new_rule_alone_over_a_date_moved_on_its_own_is_refused(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    clock.set(DEC_5 - timedelta(hours=15))  # Friday evening
    draft = MeetupDraft("Weekly", "2026-12-05 10:00", "Moab", repeat="weekly")
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    await meetups.answer(GUILD, meetup_id, ROSA, "going", original_start=DEC_5)
    await meetups.edit(GUILD, meetup_id, when="2026-12-06 10:30")
    before = await meetups.get(GUILD, meetup_id)
    # Rosa's date keeps its time under a new rule alone; daily from Dec 5 meets at 10 on the 6th.
    with pytest.raises(UserError, match="moved on its own and keeps its day"):
        await meetups.edit(GUILD, meetup_id, repeat="daily")
    assert await meetups.get(GUILD, meetup_id) == before
    assert await dates_ahead(meetups, meetup_id, 2) == [
        DEC_5 + timedelta(days=1, minutes=30),
        DEC_5 + WEEK,
    ]
