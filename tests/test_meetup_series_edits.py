"""A series re-timed from its next date on (`MeetupService.edit` with `every_date` or a new
`repeat`), on a real SQLite file: the new rule, answers carried over date by date, dates
cancelled or moved on their own, one notice per member, and refusals that change nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from bot.calendar import meetup_calendar
from bot.clock import ManualClock, unix
from bot.errors import UserError
from bot.meetups import CHANGED_DM_JOB, MeetupDraft, MeetupService, card_link
from bot.store import Store
from tests.old_schema import migrations_up_to

from .test_meetups import GUILD, ORGANIZER, clock, meetups

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

DALE, ROSA, HANK = 11, 12, 13
# Dec 2026: the first Saturdays are Dec 5, Jan 2, Feb 6; Denver is UTC-7 all winter.
FIRST_SATURDAYS = [datetime(2026, 12, 5), datetime(2027, 1, 2), datetime(2027, 2, 6)]


def denver(local: datetime, hour: int) -> datetime:
    return (local + timedelta(hours=hour + 7)).replace(tzinfo=UTC)


async def monthly(meetups: MeetupService, title: str = "Breakfast") -> int:
    """A "first Saturday 10am" series from Dec 5: Dale going to the first and third dates, Rosa
    to the second, and Hank only Maybe for the first."""
    draft = MeetupDraft(title, "2026-12-05 10:00", "Moab", repeat="monthly on the first saturday")
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    first, second, third = (denver(day, 10) for day in FIRST_SATURDAYS)
    await meetups.answer(GUILD, meetup_id, DALE, "going", original_start=first)
    await meetups.answer(GUILD, meetup_id, HANK, "maybe", original_start=first)
    await meetups.answer(GUILD, meetup_id, ROSA, "going", original_start=second)
    await meetups.answer(GUILD, meetup_id, DALE, "going", original_start=third)
    return meetup_id


async def going(meetups: MeetupService, meetup_id: int) -> list[tuple[datetime, list[int]]]:
    """Each date ahead, at its time, with who is going."""
    meetup = await meetups.get(GUILD, meetup_id)
    return [
        (
            occurrence.starts_at,
            [p.member_id for p in await meetups.parties(occurrence) if p.status == "going"],
        )
        for occurrence in await meetups.occurrences(meetup, limit=3)
    ]


async def calendar_events(
    meetups: MeetupService, meetup_id: int, clock: ManualClock
) -> dict[str, Event]:
    """The VEVENTs of the series' calendar file, by UID."""
    [(meetup, occurrences)] = await meetups.with_exceptions([await meetups.get(GUILD, meetup_id)])
    ics = meetup_calendar([(meetup, occurrences)], name="Kei", card_url=card_link, now=clock.now())
    return {str(event["uid"]): event for event in Calendar.from_ical(ics).walk("VEVENT")}


async def dm_payloads(store: Store) -> list[dict[str, object]]:
    rows = await store.fetchall(
        "SELECT payload FROM jobs WHERE kind = ? ORDER BY id", (CHANGED_DM_JOB,)
    )
    return [json.loads(row["payload"]) for row in rows]


async def test_a_new_time_for_every_date_keeps_each_answer_on_its_day(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await monthly(meetups)
    edited = await meetups.edit(GUILD, meetup_id, when="2026-12-05 11:00", every_date=True)

    eleven = [denver(day, 11) for day in FIRST_SATURDAYS]
    assert await going(meetups, meetup_id) == [
        (eleven[0], [DALE]),
        (eleven[1], [ROSA]),
        (eleven[2], [DALE]),
    ]
    changed = edited.changed
    assert changed is not None
    assert changed.series == "the first Saturday of every month at 11:00 AM (America/Denver)"
    assert changed.moved_from == denver(FIRST_SATURDAYS[0], 10)
    assert sorted(changed.told) == [DALE, ROSA, HANK]  # Maybe is told, as for any move
    # One DM each, about the first date they answered for, naming its old time.
    assert [
        (p["member_id"], p["starts_at"], p["moved_from"]) for p in await dm_payloads(store)
    ] == [
        (DALE, unix(eleven[0]), unix(denver(FIRST_SATURDAYS[0], 10))),
        (HANK, unix(eleven[0]), unix(denver(FIRST_SATURDAYS[0], 10))),
        (ROSA, unix(eleven[1]), unix(denver(FIRST_SATURDAYS[1], 10))),
    ]
    meetup = await meetups.get(GUILD, meetup_id)
    assert (meetup.rrule, meetup.starts_at) == ("FREQ=MONTHLY;BYDAY=1SA", eleven[0])


async def test_a_new_rule_moves_each_answer_to_the_new_date_in_its_place(
    meetups: MeetupService,
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.edit(
        GUILD, meetup_id, when="2026-12-06 10:00", repeat="monthly on the first sunday"
    )

    sundays = [datetime(2026, 12, 6), datetime(2027, 1, 3), datetime(2027, 2, 7)]
    assert await going(meetups, meetup_id) == [
        (denver(sundays[0], 10), [DALE]),
        (denver(sundays[1], 10), [ROSA]),
        (denver(sundays[2], 10), [DALE]),
    ]


async def test_past_dates_keep_their_answers_and_cancelled_or_moved_dates_are_carried_over(
    meetups: MeetupService, store: Store, clock: ManualClock
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.cancel(GUILD, meetup_id, original_start=denver(FIRST_SATURDAYS[2], 10))
    clock.set(datetime(2026, 12, 10, tzinfo=UTC))  # the first date is past
    # January's date moved on its own to the Friday evening before.
    await meetups.edit(GUILD, meetup_id, when="2027-01-01 18:00")

    edited = await meetups.edit(GUILD, meetup_id, when="2027-01-02 11:00", every_date=True)

    meetup = await meetups.get(GUILD, meetup_id)
    dates = await meetups.occurrences(meetup, limit=2)
    # January's moved date follows the new time; February's cancelled date stays cancelled.
    assert [d.starts_at for d in dates] == [
        denver(FIRST_SATURDAYS[1], 11),
        denver(datetime(2027, 3, 6), 11),
    ]
    assert [p.member_id for p in await meetups.parties(dates[0])] == [ROSA]
    assert edited.changed is not None
    assert edited.changed.moved_from == denver(datetime(2027, 1, 1), 18)
    assert edited.changed.told == (ROSA,)  # Dale answered only for the cancelled date ahead
    assert await stored_parties(store, meetup_id, denver(FIRST_SATURDAYS[2], 11)) == [
        (DALE, "going")
    ]
    past = await stored_parties(store, meetup_id, denver(FIRST_SATURDAYS[0], 10))
    assert past == [(DALE, "going"), (HANK, "maybe")]


async def test_a_date_under_way_when_the_series_is_re_timed_stays_under_way_until_it_ends(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await monthly(meetups)
    first = denver(FIRST_SATURDAYS[0], 10)
    clock.set(first + timedelta(hours=1))  # at the first date, which lasts 3 hours

    await meetups.edit(GUILD, meetup_id, repeat="monthly on the first sunday")

    # Its organizer still reads who came, and the Events tab still shows it, until it ends.
    meetup = await meetups.get(GUILD, meetup_id)
    under_way = await meetups.date_under_way(meetup)
    assert under_way is not None
    assert under_way.starts_at == first
    assert [p.member_id for p in await meetups.parties(under_way)] == [DALE, HANK]
    [(_, shown)] = await meetups.upcoming(GUILD, ongoing=True)
    assert shown.starts_at == first
    [(_, next_date)] = await meetups.upcoming(GUILD)
    assert next_date.starts_at == denver(datetime(2027, 1, 3), 10)

    clock.set(first + timedelta(hours=3))  # it ended
    assert await meetups.date_under_way(meetup) is None
    [(_, shown)] = await meetups.upcoming(GUILD, ongoing=True)
    assert shown.starts_at == denver(datetime(2027, 1, 3), 10)


async def test_the_first_date_held_becomes_the_new_first_date(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.cancel(GUILD, meetup_id, original_start=denver(FIRST_SATURDAYS[0], 10))
    await meetups.edit(GUILD, meetup_id, when="2027-01-02 11:00", every_date=True)
    assert await going(meetups, meetup_id) == [
        (denver(FIRST_SATURDAYS[1], 11), [ROSA]),
        (denver(FIRST_SATURDAYS[2], 11), [DALE]),
        (denver(datetime(2027, 3, 6), 11), []),
    ]
    # December's cancellation stays as it was, answers and all.
    assert await stored_parties(store, meetup_id, denver(FIRST_SATURDAYS[0], 10)) == [
        (DALE, "going"),
        (HANK, "maybe"),
    ]


async def stored_parties(store: Store, meetup_id: int, original: datetime) -> list[tuple[int, str]]:
    """The answers kept for one date, by its original start, whether or not it is ahead."""
    rows = await store.fetchall(
        "SELECT member_id, status FROM rsvps JOIN occurrences ON occurrences.id = occurrence_id "
        "WHERE meetup_id = ? AND original_start = ? ORDER BY member_id",
        (meetup_id, unix(original)),
    )
    return [(row["member_id"], row["status"]) for row in rows]


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        ({"when": "2026-11-01 11:00", "every_date": True}, "passed"),
        ({"repeat": "every blue moon"}, "not “blue”"),
        ({"repeat": "FREQ=WEEKLY;UNTIL=20261101T000000Z"}, "ends before"),
        ({"every_date": True}, "Say what every date from now on changes to"),
        (
            {"when": "2026-12-06 11:00", "every_date": True},
            "Sunday, December 6, 2026 is not a date of a series that meets the first "
            "Saturday of every month at 11:00 AM: give a date it falls on, or a new `repeat` too",
        ),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    meetups: MeetupService, store: Store, options: dict[str, object], refusal: str
) -> None:
    meetup_id = await monthly(meetups)
    before = await meetups.get(GUILD, meetup_id)
    answers = await store.fetchall("SELECT * FROM rsvps ORDER BY occurrence_id, member_id")
    with pytest.raises(UserError, match=refusal):
        await meetups.edit(GUILD, meetup_id, title="New name", **options)  # type: ignore[arg-type]
    assert await meetups.get(GUILD, meetup_id) == before
    assert await store.fetchall("SELECT * FROM rsvps ORDER BY occurrence_id, member_id") == answers
    assert await dm_payloads(store) == []


async def test_the_rule_it_has_beside_a_new_title_changes_only_the_title(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await monthly(meetups)
    before = await meetups.get(GUILD, meetup_id)
    edited = await meetups.edit(
        GUILD, meetup_id, title="New name", repeat="monthly on the first saturday"
    )
    assert edited.changed is None
    after = await meetups.get(GUILD, meetup_id)
    assert (after.title, after.rrule, after.starts_at) == (
        "New name",
        before.rrule,
        before.starts_at,
    )
    assert await dm_payloads(store) == []
    with pytest.raises(UserError, match=r"already meets .*: nothing changed"):
        await meetups.edit(GUILD, meetup_id, repeat="monthly on the first saturday")


async def test_a_one_off_or_cancelled_meetup_cannot_be_re_timed_as_a_series(
    meetups: MeetupService,
) -> None:
    draft = MeetupDraft("Once", "2026-12-05 10:00", "Moab")
    one_off = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    with pytest.raises(UserError, match="is a single meetup, not a series"):
        await meetups.edit(GUILD, one_off, when="2026-12-05 11:00", every_date=True)
    series = await monthly(meetups)
    await meetups.cancel(GUILD, series, reason="Snow")
    with pytest.raises(UserError, match="was cancelled"):
        await meetups.edit(GUILD, series, repeat="weekly")


async def test_a_rule_with_fewer_dates_than_those_answered_for_is_refused(
    meetups: MeetupService,
) -> None:
    meetup_id = await monthly(meetups)
    with pytest.raises(UserError, match="gives 2 dates, fewer than the 3 dates ahead"):
        await meetups.edit(GUILD, meetup_id, repeat="weekly, 2 times")


async def test_a_count_keeps_only_the_dates_left(
    meetups: MeetupService, clock: ManualClock
) -> None:
    draft = MeetupDraft("Four", "2026-12-05 10:00", "Moab", repeat="weekly, 4 times")
    meetup_id = (await meetups.create(GUILD, ORGANIZER, draft)).meetup.id
    clock.set(datetime(2026, 12, 6, tzinfo=UTC))  # one of the four is past
    await meetups.edit(GUILD, meetup_id, when="2026-12-12 11:00", every_date=True)
    meetup = await meetups.get(GUILD, meetup_id)
    left = await meetups.occurrences(meetup, limit=10)
    assert [d.starts_at for d in left] == [
        denver(datetime(2026, 12, day), 11) for day in (12, 19, 26)
    ]


async def test_the_same_schedule_again_puts_dates_moved_on_their_own_back_on_it(
    meetups: MeetupService,
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.edit(GUILD, meetup_id, when="2026-12-05 18:00")  # the next date alone
    edited = await meetups.edit(GUILD, meetup_id, when="2026-12-05 10:00", every_date=True)
    assert edited.changed is not None
    assert edited.changed.moved_from == denver(FIRST_SATURDAYS[0], 18)
    ten = [denver(day, 10) for day in FIRST_SATURDAYS]
    assert await going(meetups, meetup_id) == [(ten[0], [DALE]), (ten[1], [ROSA]), (ten[2], [DALE])]


async def test_the_new_time_keeps_its_wall_clock_time_across_daylight_saving(
    meetups: MeetupService,
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.edit(GUILD, meetup_id, when="2026-12-05 11:00", every_date=True)
    meetup = await meetups.get(GUILD, meetup_id)
    dates = await meetups.occurrences(meetup, limit=5)
    # March 6 is still on standard time (UTC-7); April 3 is on daylight time (UTC-6).
    assert [d.starts_at for d in dates[3:]] == [
        datetime(2027, 3, 6, 18, 0, tzinfo=UTC),
        datetime(2027, 4, 3, 17, 0, tzinfo=UTC),
    ]


async def test_a_calendar_file_keeps_the_dates_a_series_held_before_it_was_re_timed(
    meetups: MeetupService, clock: ManualClock
) -> None:
    started = clock.now()
    meetup_id = await monthly(meetups)
    first, second, third = (denver(day, 10) for day in FIRST_SATURDAYS)
    await meetups.cancel(GUILD, meetup_id, reason="snow", original_start=second)
    clock.set(third - timedelta(days=3))  # Dec 5 held, Jan 2 called off
    await meetups.edit(GUILD, meetup_id, repeat="monthly on the first sunday")

    events = await calendar_events(meetups, meetup_id, clock)
    # The Saturdays held before, as an event of their own, ending where the Sundays begin; the
    # one called off stays called off.
    saturdays = events[f"meetup-{GUILD}-{meetup_id}-rule1@keitora"]
    assert saturdays.decoded("dtstart") == first.astimezone(ZoneInfo("America/Denver"))
    assert saturdays["rrule"]["until"] == [third - timedelta(seconds=1)]
    assert [d.dt for d in saturdays["exdate"].dts] == [
        second.astimezone(ZoneInfo("America/Denver"))
    ]
    sundays = events[f"meetup-{GUILD}-{meetup_id}@keitora"]
    assert sundays.decoded("dtstart") == denver(datetime(2027, 2, 7), 10).astimezone(
        ZoneInfo("America/Denver")
    )
    assert "exdate" not in sundays

    # Re-timed before it held a date, a series has no earlier rule to keep: nor when the dates
    # before were all called off.
    clock.set(started)
    # Titled apart: the same title on the same Sundays would be a twin of the first.
    fresh = await monthly(meetups, "Fresh breakfast")
    await meetups.edit(GUILD, fresh, repeat="monthly on the first sunday")
    [(unheld, _)] = await meetups.with_exceptions([await meetups.get(GUILD, fresh)])
    assert unheld.earlier_rules == ()
    called_off = await monthly(meetups, "Breakfast called off")
    await meetups.cancel(GUILD, called_off, original_start=first)
    await meetups.edit(GUILD, called_off, repeat="monthly on the first sunday")
    [(none_held, _)] = await meetups.with_exceptions([await meetups.get(GUILD, called_off)])
    assert none_held.earlier_rules == ()


async def test_dates_held_before_a_re_time_keep_the_title_place_and_length_they_had(
    meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await monthly(meetups)
    first = denver(FIRST_SATURDAYS[0], 10)
    clock.set(first + timedelta(days=1))  # Dec 5 held, at Moab, for the default 3 hours
    # Renamed in the edit that re-times it (saved first), then described and lengthened.
    await meetups.edit(
        GUILD,
        meetup_id,
        repeat="monthly on the first sunday",
        location="Price",
        title="Kei breakfast",
    )
    await meetups.edit(GUILD, meetup_id, description="Gate 3", duration_minutes=90)
    events = await calendar_events(meetups, meetup_id, clock)
    held = events[f"meetup-{GUILD}-{meetup_id}-rule1@keitora"]
    assert (str(held["summary"]), str(held["location"])) == ("Breakfast", "Moab")
    assert "description" not in held  # it had none
    assert held.decoded("dtend") - held.decoded("dtstart") == timedelta(hours=3)
    ahead = events[f"meetup-{GUILD}-{meetup_id}@keitora"]
    assert (str(ahead["summary"]), str(ahead["location"])) == ("Kei breakfast", "Price")
    assert str(ahead["description"]).startswith("Gate 3")
    assert ahead.decoded("dtend") - ahead.decoded("dtstart") == timedelta(minutes=90)
    assert ahead.decoded("dtstart") == denver(datetime(2027, 1, 3), 10)


async def test_rules_stored_before_the_upgrade_keep_the_details_the_series_has_then(
    tmp_path: Path,
) -> None:
    """Nothing said what an earlier rule's dates were called: the nearest known is what the
    series is called when the upgrade runs, which later edits no longer rewrite."""
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "migrations", 27)) as old:
        meetup_id = await old.insert(
            "INSERT INTO meetups (guild_id, organizer_id, title, description, location, zone, "
            "start_local, starts_at, duration_minutes, rrule, created_at) VALUES (?, ?, "
            "'Breakfast', 'Gate 3', 'Moab', 'America/Denver', '2027-02-07T10:00:00', "
            "1801933200, 120, 'FREQ=MONTHLY;BYDAY=1SU', 0)",
            (GUILD, ORGANIZER),
        )
        await old.execute(
            "INSERT INTO meetup_earlier_rules (meetup_id, rrule, start_local, replaced_at) "
            "VALUES (?, 'FREQ=MONTHLY;BYDAY=1SA', '2026-12-05T10:00:00', 1801846800)",
            (meetup_id,),
        )
    async with await Store.open(path) as upgraded:
        row = await upgraded.fetchone(
            "SELECT title, location, description, duration_minutes FROM meetup_earlier_rules"
        )
    assert tuple(row) == ("Breakfast", "Moab", "Gate 3", 120)


async def test_cancelling_a_re_timed_series_leaves_the_dates_it_held_before_as_held(
    meetups: MeetupService, clock: ManualClock
) -> None:
    """A cancelled series is never re-timed, so an earlier rule's dates were all held before
    the cancel: a calendar marking them cancelled would take them out of members' calendars."""
    meetup_id = await monthly(meetups)
    clock.set(denver(FIRST_SATURDAYS[0], 10) + timedelta(days=1))
    await meetups.edit(GUILD, meetup_id, repeat="monthly on the first sunday")
    await meetups.cancel(GUILD, meetup_id, reason="the lot is sold")

    events = await calendar_events(meetups, meetup_id, clock)
    held = events[f"meetup-{GUILD}-{meetup_id}-rule1@keitora"]
    assert "status" not in held
    assert "Cancelled" not in str(held.get("description", ""))
    assert str(events[f"meetup-{GUILD}-{meetup_id}@keitora"]["status"]) == "CANCELLED"


async def test_a_date_a_re_time_leaves_where_it_was_is_no_news_to_those_going(
    meetups: MeetupService, store: Store
) -> None:
    """First Saturdays turned "monthly" (on the 5th): Dec 5 stays, Jan 2 and Feb 6 move. Dale,
    going to Dec 5 and Feb 6, hears of Feb 6 only; nobody reads "moved from 10 AM to 10 AM"."""
    meetup_id = await monthly(meetups)
    edited = await meetups.edit(GUILD, meetup_id, repeat="monthly")

    assert edited.changed is not None
    assert edited.changed.series == "every month on the 5th at 10:00 AM (America/Denver)"
    assert [
        (p["member_id"], p["starts_at"], p["moved_from"]) for p in await dm_payloads(store)
    ] == [
        (ROSA, unix(denver(datetime(2027, 1, 5), 10)), unix(denver(FIRST_SATURDAYS[1], 10))),
        (DALE, unix(denver(datetime(2027, 2, 5), 10)), unix(denver(FIRST_SATURDAYS[2], 10))),
    ]
    assert sorted(edited.changed.told) == [DALE, ROSA]


async def test_one_who_cant_go_to_one_date_hears_of_the_date_they_go_to_as_going(
    meetups: MeetupService, store: Store
) -> None:
    meetup_id = await monthly(meetups)
    await meetups.answer(
        GUILD, meetup_id, ROSA, "declined", original_start=denver(FIRST_SATURDAYS[0], 10)
    )

    await meetups.edit(GUILD, meetup_id, when="2026-12-05 11:00", every_date=True)

    # Rosa's one DM of the change is the one about the date she goes to, not the one she is off.
    [rosa] = [p for p in await dm_payloads(store) if p["member_id"] == ROSA]
    at_eleven = denver(FIRST_SATURDAYS[1], 11)  # her date's place on the new rule
    assert (rosa["original_start"], rosa.get("declined", False)) == (unix(at_eleven), False)
