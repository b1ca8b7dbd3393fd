"""A series cancelled after it was re-timed, on a real SQLite file: the dates its earlier rules
held stay held in calendar files, but for one still under way at the cancel, whose members
were told it is cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from bot.calendar import meetup_calendar
from bot.clock import ManualClock
from bot.meetups import MeetupService, card_link

from .test_meetup_series_edits import DALE, FIRST_SATURDAYS, GUILD, clock, denver, meetups, monthly

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

FIRST = denver(FIRST_SATURDAYS[0], 10)


async def earlier_rule_events(
    meetups: MeetupService, meetup_id: int, clock: ManualClock
) -> tuple[Event, dict[datetime, Event]]:
    """The first earlier rule's master event, and its overrides by the date each replaces."""
    [(meetup, stored)] = await meetups.with_exceptions([await meetups.get(GUILD, meetup_id)])
    ics = meetup_calendar([(meetup, stored)], name="Kei", card_url=card_link, now=clock.now())
    events = [
        event
        for event in Calendar.from_ical(ics).walk("VEVENT")
        if str(event["UID"]) == f"meetup-{GUILD}-{meetup_id}-rule1@keitora"
    ]
    [master] = [event for event in events if "RECURRENCE-ID" not in event]
    return master, {
        event["RECURRENCE-ID"].dt.astimezone(UTC): event
        for event in events
        if "RECURRENCE-ID" in event
    }


async def test_a_moved_date_under_way_at_the_cancel_is_one_cancelled_override_at_its_time(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.edit(GUILD, meetup_id, when="2026-12-05 08:00")  # the first date, alone
    clock.set(FIRST - timedelta(hours=1))  # 9 AM: it began at 8
    await meetups.edit(GUILD, meetup_id, repeat="monthly on the first sunday")

    cancelled = await meetups.cancel(GUILD, meetup_id, reason="Hail")

    assert DALE in cancelled.told
    master, overrides = await earlier_rule_events(meetups, meetup_id, clock)
    assert "STATUS" not in master
    [(name, held)] = overrides.items()
    assert name == FIRST
    assert held.start.astimezone(UTC) == FIRST - timedelta(hours=2)
    assert str(held["STATUS"]) == "CANCELLED"
    # Called off, as those there were told, and as its card and thread say.
    assert str(held["DESCRIPTION"]).startswith("Called off: Hail\nThe whole series is cancelled")
    assert await meetups.called_off(cancelled.meetup)


async def test_a_date_over_before_the_cancel_stays_held(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await monthly(meetups)
    clock.set(FIRST + timedelta(hours=1))
    await meetups.edit(GUILD, meetup_id, repeat="monthly on the first sunday")
    clock.set(FIRST + timedelta(hours=3))  # it ended

    await meetups.cancel(GUILD, meetup_id)

    master, overrides = await earlier_rule_events(meetups, meetup_id, clock)
    assert "STATUS" not in master
    assert overrides == {}
