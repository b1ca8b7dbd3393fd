"""A series with a date cancelled on its own, re-timed from its next date on, on a real SQLite
file: the date off stays off at its new place when the new time names its day, whether the
organizer gives a new time, a new rule or both, with a COUNT of the series' or one typed; and
a re-time that would change nothing is refused rather than failing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from bot.meetups import MeetupDraft, MeetupService
from bot.store import Store

from .test_meetup_series_edits import (
    DALE,
    GUILD,
    ROSA,
    calendar_events,
    clock,
    denver,
    dm_payloads,
    meetups,
    stored_parties,
)
from .test_meetups import ORGANIZER

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

WEEK = timedelta(days=7)
DEC_5 = denver(datetime(2026, 12, 5), 10)  # a Saturday


async def weekly(meetups: MeetupService, repeat: str = "weekly", title: str = "Weekly") -> int:
    """A Saturday 10am series from Dec 5: Dale going to Dec 5, which is then cancelled, and
    Rosa going to Dec 12."""
    draft = MeetupDraft(title, "2026-12-05 10:00", "Moab", repeat=repeat)
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    await meetups.set_card(meetup_id, 100, 200)  # a date off is listed once its card is out
    await meetups.answer(GUILD, meetup_id, DALE, "going", original_start=DEC_5)
    await meetups.answer(GUILD, meetup_id, ROSA, "going", original_start=DEC_5 + WEEK)
    await meetups.cancel(GUILD, meetup_id, reason="snow", original_start=DEC_5)
    return meetup_id


async def dates_ahead(meetups: MeetupService, meetup_id: int, limit: int = 4) -> list[datetime]:
    meetup = await meetups.get(GUILD, meetup_id)
    return [o.starts_at for o in await meetups.occurrences(meetup, limit=limit)]


async def cancelled_dates(meetups: MeetupService, clock: ManualClock) -> list[datetime]:
    return [
        occurrence.starts_at
        for _, occurrence in await meetups.cancelled_dates(GUILD, after=clock.now(), limit=10)
    ]


@pytest.mark.parametrize(
    ("options", "new_hour", "new_day"),
    [
        ({"when": "sat 11am", "every_date": True}, 11, 0),
        ({"when": "sun 11am", "repeat": "weekly"}, 11, 1),
        ({"when": "sun 10am", "repeat": "weekly on sunday"}, 10, 1),
    ],
)
async def test_a_new_time_on_the_day_off_keeps_it_off_there(
    meetups: MeetupService,
    store: Store,
    clock: ManualClock,
    options: dict[str, object],
    new_hour: int,
    new_day: int,
) -> None:
    clock.set(DEC_5 - timedelta(hours=12))  # the day of the date off
    meetup_id = await weekly(meetups)
    edited = await meetups.edit(GUILD, meetup_id, **options)  # type: ignore[arg-type]
    assert edited.changed is not None
    shift = timedelta(days=new_day, hours=new_hour - 10)
    # The new rule starts on the date off, still off; the series goes on from the first date
    # held, at its new time.
    assert edited.changed.meetup.starts_at == DEC_5 + shift
    assert edited.changed.occurrences[0].starts_at == DEC_5 + WEEK + shift
    assert await dates_ahead(meetups, meetup_id, 2) == [
        DEC_5 + WEEK + shift,
        DEC_5 + 2 * WEEK + shift,
    ]
    assert await cancelled_dates(meetups, clock) == [DEC_5 + shift]
    assert await stored_parties(store, meetup_id, DEC_5 + shift) == [(DALE, "going")]
    assert await stored_parties(store, meetup_id, DEC_5 + WEEK + shift) == [(ROSA, "going")]
    # Rosa hears of her date's new time; Dale, told Dec 5 is off, hears nothing more.
    assert [(p["member_id"], p["kind"]) for p in await dm_payloads(store)][-1:] == [(ROSA, "moved")]
    assert edited.changed.told == (ROSA,)


async def test_a_new_time_named_after_the_day_off_leaves_it_as_it_was(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    clock.set(DEC_5 - timedelta(hours=12))
    meetup_id = await weekly(meetups)
    await meetups.edit(GUILD, meetup_id, when="2026-12-12 11:00", every_date=True)
    assert await dates_ahead(meetups, meetup_id, 2) == [
        DEC_5 + WEEK + timedelta(hours=1),
        DEC_5 + 2 * WEEK + timedelta(hours=1),
    ]
    assert await cancelled_dates(meetups, clock) == [DEC_5]


async def test_the_dates_a_count_gives_are_kept(meetups: MeetupService, clock: ManualClock) -> None:
    clock.set(DEC_5 - timedelta(hours=12))
    hour = timedelta(hours=1)
    # The series' own four dates: Dec 5 off, then three held.
    own = await weekly(meetups, "weekly, 4 times")
    await meetups.edit(GUILD, own, when="sat 11am", every_date=True)
    assert await dates_ahead(meetups, own) == [DEC_5 + n * WEEK + hour for n in (1, 2, 3)]
    # Three dates typed from Dec 5, the date off: two held.
    # Titled apart: the same title on the same dates would be a twin of the first.
    typed = await weekly(meetups, title="Weekly typed")
    await meetups.edit(GUILD, typed, when="sat 11am", repeat="weekly, 3 times")
    assert await dates_ahead(meetups, typed) == [DEC_5 + n * WEEK + hour for n in (1, 2)]


async def test_the_time_it_has_on_the_day_off_is_refused_and_changes_nothing(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    clock.set(DEC_5 - timedelta(hours=12))
    meetup_id = await weekly(meetups)
    before = await meetups.get(GUILD, meetup_id)
    with pytest.raises(UserError, match="already meets"):
        await meetups.edit(GUILD, meetup_id, when="sat 10am", every_date=True)
    assert await meetups.get(GUILD, meetup_id) == before
    assert await cancelled_dates(meetups, clock) == [DEC_5]


async def test_the_calendar_ends_the_dates_held_before_at_the_day_off(
    meetups: MeetupService, clock: ManualClock
) -> None:
    draft = MeetupDraft("Weekly", "2026-11-28 10:00", "Moab", repeat="weekly")
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    await meetups.cancel(GUILD, meetup_id, original_start=DEC_5)
    clock.set(DEC_5 - timedelta(hours=12))  # Nov 28 held
    await meetups.edit(GUILD, meetup_id, when="sat 11am", every_date=True)
    events = await calendar_events(meetups, meetup_id, clock)
    zone = ZoneInfo("America/Denver")
    held = events[f"meetup-{GUILD}-{meetup_id}-rule1@keitora"]
    # Nov 28 at 10 only: Dec 5 at 10 is neither held nor a date of the old rule any more.
    assert held["rrule"]["until"] == [DEC_5 - timedelta(seconds=1)]
    # The new rule from Dec 5 at 11, which it leaves out.
    ahead = events[f"meetup-{GUILD}-{meetup_id}@keitora"]
    assert ahead.decoded("dtstart") == (DEC_5 + timedelta(hours=1)).astimezone(zone)
    assert [d.dt for d in ahead["exdate"].dts] == [(DEC_5 + timedelta(hours=1)).astimezone(zone)]


async def test_a_date_off_stays_listed_off_once_another_date_is_held_at_its_hour(
    meetups: MeetupService, clock: ManualClock
) -> None:
    clock.set(DEC_5 - timedelta(hours=12))
    meetup_id = await weekly(meetups)
    await meetups.cancel(GUILD, meetup_id, original_start=DEC_5 + 2 * WEEK)
    assert await cancelled_dates(meetups, clock) == [DEC_5, DEC_5 + 2 * WEEK]
    # Dec 12 moved to the hour Dec 19 had: Dec 12 is held there, and Dec 19, off by itself,
    # is still listed off (by the date it is, not by its hour), as its members were told.
    await meetups.edit(GUILD, meetup_id, when="2026-12-19 10:00")
    assert await dates_ahead(meetups, meetup_id, 1) == [DEC_5 + 2 * WEEK]
    assert await cancelled_dates(meetups, clock) == [DEC_5, DEC_5 + 2 * WEEK]
