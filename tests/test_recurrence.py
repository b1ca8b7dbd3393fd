from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.recurrence import MAX_TEXT_CHARS, Repeat, describe, occurrences, parse_repeat, to_instant
from bot.zones import COMMON_ZONES

DENVER = "America/Denver"
SATURDAY = datetime(2026, 12, 5, 10, 0)  # the first Saturday of December 2026
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def walls(instants: list[datetime], zone: str) -> list[datetime]:
    """The instants as naive local wall-clock times, as a member in `zone` reads them."""
    return [instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None) for instant in instants]


def at_ten(*days: date) -> list[datetime]:
    return [datetime.combine(day, time(10, 0)) for day in days]


def series(
    text: str, start: datetime = SATURDAY, zone: str = DENVER, limit: int = 4
) -> list[datetime]:
    repeat = parse_repeat(text, start, zone)
    return walls(occurrences(repeat.first, zone, repeat.rrule, after=LONG_AGO, limit=limit), zone)


# Each phrase an organizer types, with the rule it stores and its first meetups.
PHRASES = [
    ("weekly", "FREQ=WEEKLY", at_ten(date(2026, 12, 5), date(2026, 12, 12), date(2026, 12, 19))),
    (
        "every 2 weeks",
        "FREQ=WEEKLY;INTERVAL=2",
        at_ten(date(2026, 12, 5), date(2026, 12, 19), date(2027, 1, 2)),
    ),
    (
        "biweekly",
        "FREQ=WEEKLY;INTERVAL=2",
        at_ten(date(2026, 12, 5), date(2026, 12, 19), date(2027, 1, 2)),
    ),
    (
        "every other saturday",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        at_ten(date(2026, 12, 5), date(2026, 12, 19), date(2027, 1, 2)),
    ),
    (
        "weekly on saturday and sunday",
        "FREQ=WEEKLY;BYDAY=SA,SU",
        at_ten(date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 12)),
    ),
    ("monthly", "FREQ=MONTHLY", at_ten(date(2026, 12, 5), date(2027, 1, 5), date(2027, 2, 5))),
    (
        "monthly on the first saturday",
        "FREQ=MONTHLY;BYDAY=1SA",
        at_ten(date(2026, 12, 5), date(2027, 1, 2), date(2027, 2, 6)),
    ),
    (
        "last sunday of the month",
        "FREQ=MONTHLY;BYDAY=-1SU",
        at_ten(date(2026, 12, 27), date(2027, 1, 31), date(2027, 2, 28)),
    ),
    (
        "every third thursday",
        "FREQ=MONTHLY;BYDAY=3TH",
        at_ten(date(2026, 12, 17), date(2027, 1, 21), date(2027, 2, 18)),
    ),
    (
        "every 3rd thursday",
        "FREQ=MONTHLY;BYDAY=3TH",
        at_ten(date(2026, 12, 17), date(2027, 1, 21), date(2027, 2, 18)),
    ),
    (
        "first and third saturday",
        "FREQ=MONTHLY;BYDAY=1SA,3SA",
        at_ten(date(2026, 12, 5), date(2026, 12, 19), date(2027, 1, 2)),
    ),
    (
        "monthly on the 15th",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        at_ten(date(2026, 12, 15), date(2027, 1, 15), date(2027, 2, 15)),
    ),
    (
        "last day of the month",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        at_ten(date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)),
    ),
    ("yearly", "FREQ=YEARLY", at_ten(date(2026, 12, 5), date(2027, 12, 5), date(2028, 12, 5))),
    ("annually", "FREQ=YEARLY", at_ten(date(2026, 12, 5), date(2027, 12, 5), date(2028, 12, 5))),
    ("daily", "FREQ=DAILY", at_ten(date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 7))),
    (
        "every 3 days",
        "FREQ=DAILY;INTERVAL=3",
        at_ten(date(2026, 12, 5), date(2026, 12, 8), date(2026, 12, 11)),
    ),
    (
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=MONTHLY;BYDAY=1SA",
        at_ten(date(2026, 12, 5), date(2027, 1, 2), date(2027, 2, 6)),
    ),
    (
        "RRULE:FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=MONTHLY;BYDAY=1SA",
        at_ten(date(2026, 12, 5), date(2027, 1, 2), date(2027, 2, 6)),
    ),
    (
        "rrule: freq=monthly; byday=+1sa;",
        "FREQ=MONTHLY;BYDAY=1SA",
        at_ten(date(2026, 12, 5), date(2027, 1, 2), date(2027, 2, 6)),
    ),
    (
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        at_ten(date(2027, 11, 25), date(2028, 11, 23), date(2029, 11, 22)),
    ),
]


@pytest.mark.parametrize(("text", "rrule", "first_meetups"), PHRASES)
def test_a_phrase_becomes_a_rule_and_its_meetups(
    text: str, rrule: str, first_meetups: list[datetime]
) -> None:
    assert parse_repeat(text, SATURDAY, DENVER).rrule == rrule
    assert series(text, limit=len(first_meetups)) == first_meetups


def test_until_keeps_the_meetups_on_the_last_day_and_none_after() -> None:
    repeat = parse_repeat("weekly until 2027-01-02", SATURDAY, DENVER)

    assert repeat.rrule == "FREQ=WEEKLY;UNTIL=20270103T065959Z"  # 23:59:59 MST, Jan 2
    assert series("weekly until 2027-01-02", limit=10) == at_ten(
        date(2026, 12, 5),
        date(2026, 12, 12),
        date(2026, 12, 19),
        date(2026, 12, 26),
        date(2027, 1, 2),
    )
    assert series("weekly until Jan 2, 2027", limit=10) == series(
        "weekly until 2027-01-02", limit=10
    )
    assert series("FREQ=WEEKLY;UNTIL=20270102", limit=10) == series(
        "weekly until 2027-01-02", limit=10
    )


def test_count_gives_that_many_meetups() -> None:
    assert parse_repeat("monthly, 10 times", SATURDAY, DENVER).rrule == "FREQ=MONTHLY;COUNT=10"
    assert len(series("monthly, 10 times", limit=50)) == 10
    assert len(series("FREQ=DAILY;COUNT=3", limit=50)) == 3


def test_a_start_off_the_rule_moves_the_series_to_its_first_date() -> None:
    repeat = parse_repeat("every third thursday", SATURDAY, DENVER)

    assert repeat.first == datetime(2026, 12, 17, 10, 0)
    assert repeat.description.endswith("; the first is on Thursday, December 17, 2026")


def test_a_monthly_series_keeps_10_am_across_both_2027_daylight_saving_changes() -> None:
    repeat = parse_repeat("monthly", datetime(2027, 2, 7, 10, 0), DENVER)
    instants = occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=11)

    mst, mdt = timedelta(hours=7), timedelta(hours=6)  # Denver is 7 hours behind UTC, or 6
    expected = [
        datetime(2027, month, 7, 10, 0, tzinfo=UTC) + (mdt if 3 < month < 11 else mst)
        for month in range(2, 13)
    ]
    assert instants == expected
    assert {wall.time() for wall in walls(instants, DENVER)} == {time(10, 0)}


def test_a_time_the_clocks_skip_happens_later_by_the_gap() -> None:
    # Denver skips 2:00 to 3:00 on Sunday, March 14, 2027, the second Sunday of March.
    repeat = parse_repeat("monthly on the second sunday", datetime(2027, 2, 14, 2, 30), DENVER)
    instants = occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=3)

    assert instants == [
        datetime(2027, 2, 14, 9, 30, tzinfo=UTC),  # 2:30 MST
        datetime(2027, 3, 14, 9, 30, tzinfo=UTC),  # 3:30 MDT: 2:30 does not exist that day
        datetime(2027, 4, 11, 8, 30, tzinfo=UTC),  # 2:30 MDT
    ]
    assert to_instant(datetime(2027, 3, 14, 2, 30), DENVER) == instants[1]


def test_a_time_the_clocks_repeat_is_the_first_of_the_two() -> None:
    # Denver goes from 2:00 MDT back to 1:00 MST on Sunday, November 7, 2027.
    repeat = parse_repeat("monthly on the first sunday", datetime(2027, 10, 3, 1, 30), DENVER)
    instants = occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=3)

    assert instants == [
        datetime(2027, 10, 3, 7, 30, tzinfo=UTC),  # 1:30 MDT
        datetime(2027, 11, 7, 7, 30, tzinfo=UTC),  # 1:30 MDT, not the 1:30 MST an hour later
        datetime(2027, 12, 5, 8, 30, tzinfo=UTC),  # 1:30 MST
    ]


@pytest.mark.parametrize(
    ("zone", "start", "gap_day_instant"),
    [
        # Lord Howe Island moves half an hour, 2:00 to 2:30, on Sunday, October 3, 2027.
        ("Australia/Lord_Howe", datetime(2027, 10, 2, 2, 15), datetime(2027, 10, 2, 15, 45)),
        # The Chatham Islands move 2:45 to 3:45 on Sunday, September 26, 2027.
        ("Pacific/Chatham", datetime(2027, 9, 25, 3, 0), datetime(2027, 9, 25, 14, 15)),
    ],
)
def test_gaps_of_other_lengths_shift_by_their_own_length(
    zone: str, start: datetime, gap_day_instant: datetime
) -> None:
    repeat = parse_repeat("daily", start, zone)
    instants = occurrences(repeat.first, zone, repeat.rrule, after=LONG_AGO, limit=3)

    assert instants[1] == gap_day_instant.replace(tzinfo=UTC)
    gap = walls(instants, zone)[1] - datetime.combine(
        start.date() + timedelta(days=1), start.time()
    )
    assert gap == timedelta(minutes=30 if zone == "Australia/Lord_Howe" else 60)
    assert walls(instants, zone)[2].time() == start.time()


@pytest.mark.parametrize(
    ("start", "rrule", "days"),
    [
        # On the 31st: the month's last day when it has no 31st.
        (
            datetime(2027, 1, 31, 10, 0),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)],
        ),
        (
            datetime(2027, 1, 30, 10, 0),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            [date(2027, 1, 30), date(2027, 2, 28), date(2027, 3, 30), date(2027, 4, 30)],
        ),
        (
            datetime(2028, 1, 29, 10, 0),
            "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1",
            [date(2028, 1, 29), date(2028, 2, 29), date(2028, 3, 29), date(2028, 4, 29)],
        ),
    ],
)
def test_monthly_from_a_late_day_falls_on_the_last_day_of_shorter_months(
    start: datetime, rrule: str, days: list[date]
) -> None:
    assert parse_repeat("monthly", start, DENVER).rrule == rrule
    assert series("monthly", start) == at_ten(*days)


def test_a_raw_rrule_on_the_31st_skips_shorter_months_and_says_so() -> None:
    repeat = parse_repeat("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 1, 31, 10, 0), DENVER)

    assert "(months without a 31st are skipped)" in repeat.description
    assert series("FREQ=MONTHLY;BYMONTHDAY=31", datetime(2027, 1, 31, 10, 0)) == at_ten(
        date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31), date(2027, 7, 31)
    )


def test_yearly_from_february_29_falls_on_february_28_in_common_years() -> None:
    assert series("yearly", datetime(2028, 2, 29, 10, 0)) == at_ten(
        date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28)
    )


@pytest.mark.parametrize(
    ("text", "start", "description"),
    [
        ("weekly", SATURDAY, "every Saturday at 10:00 AM"),
        ("every 2 weeks", SATURDAY, "every 2 weeks on Saturday at 10:00 AM"),
        (
            "monthly on the first saturday until 2027-06-30",
            SATURDAY,
            "the first Saturday of every month at 10:00 AM, until June 30, 2027",
        ),
        (
            "first and third saturday",
            SATURDAY,
            "the first and third Saturday of every month at 10:00 AM",
        ),
        # Not "every second Saturday", which many read as every other Saturday.
        (
            "second saturday of the month",
            datetime(2026, 12, 12, 10, 0),
            "the second Saturday of every month at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1SU;BYMONTH=6,7",
            datetime(2027, 6, 27, 10, 0),
            "the last Sunday of June and July at 10:00 AM",
        ),
        ("daily, 10 times", datetime(2027, 1, 1, 18, 30), "every day at 6:30 PM, 10 times"),
        (
            "monthly",
            datetime(2027, 1, 31, 0, 5),
            "every month on the 31st (the last day in shorter months) at 12:05 AM",
        ),
        (
            "monthly",
            datetime(2027, 1, 30, 12, 0),
            "every month on the 30th (the last day in shorter months) at 12:00 PM",
        ),
        (
            "yearly",
            datetime(2028, 2, 29, 10, 0),
            "every year on February 29 (February 28 in common years) at 10:00 AM",
        ),
        ("every 3 months", SATURDAY, "every 3 months on the 5th at 10:00 AM"),
        (
            "FREQ=WEEKLY;BYMONTH=6,7",
            datetime(2027, 6, 5, 10, 0),
            "every Saturday in June and July at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            datetime(2026, 12, 31, 18, 0),
            "the last weekday of every month at 6:00 PM",
        ),
    ],
)
def test_the_description_says_what_will_happen(
    text: str, start: datetime, description: str
) -> None:
    repeat = parse_repeat(text, start, DENVER)

    assert repeat.description == description
    assert describe(repeat.first, DENVER, repeat.rrule) == description


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("FREQ=HOURLY", "more often than daily"),
        # str.isdigit takes superscripts that int() refuses.
        ("FREQ=WEEKLY;COUNT=²", "gives no meetup"),
        ("every ² weeks", "not “²”"),
        ("FREQ=MINUTELY;INTERVAL=30", "more often than daily"),
        ("FREQ=DAILY;BYHOUR=9,18", "at most once a day"),
        ("FREQ=MONTHLY;BYDAY=SA;BYSETPOS=6", "gives no meetup"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "gives no meetup"),
        ("weekly until 2026-11-01", "ends before the meetup's start"),
        ("FREQ=WEEKLY;UNTIL=20261101T000000Z", "ends before the meetup's start"),
        ("FREQ=WEEKLY;COUNT=501", "at most 500"),
        ("weekly, 501 times", "at most 500"),
        ("monthly 1 times", "only one meetup"),
        ("FREQ=DAILY;UNTIL=20261206T000000Z", "only one meetup"),
        ("weekly until 2027-06-30, 10 times", "not both"),
        ("FREQ=WEEKLY;COUNT=10;UNTIL=20270630", "not both"),
        ("every blue moon", "I understood “every” but not “blue”"),
        ("fortnight", "I did not understand “fortnight”"),
        ("x" * (MAX_TEXT_CHARS + 1), f"{MAX_TEXT_CHARS + 1} characters"),
        ("", "Say how the meetup repeats"),
        ("every 2", "Say how often"),
        ("monthly on saturday", "Say which Saturday of the month"),
        ("weekly on the first saturday", "repeats monthly"),
        ("weekly monthly", "two different frequencies"),
        ("weekly until someday", "not an end date"),
        ("FREQ=FORTNIGHTLY", "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("BYDAY=SA", "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=5", "RFC 5545 does not allow BYMONTHDAY"),
        ("FREQ=WEEKLY;BYDAY=1SA", "RFC 5545 does not allow BYDAY"),
        ("FREQ=WEEKLY;BYDAY=XX", "not a weekday"),
        ("FREQ=WEEKLY;X-NAME=1", "I don't know the RRULE part X-NAME"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ appears twice"),
        ("FREQ=WEEKLY;UNTIL=2027", "not a date"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0"),
    ],
)
def test_what_cannot_be_a_meetup_series_is_refused_saying_why(text: str, says: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_repeat(text, SATURDAY, DENVER)

    assert says in refused.value.message


def test_occurrences_are_strictly_after_and_page_without_gaps() -> None:
    repeat = parse_repeat("weekly", SATURDAY, DENVER)
    everything = occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=9)
    first_page = occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=4)
    second_page = occurrences(repeat.first, DENVER, repeat.rrule, after=first_page[-1], limit=5)

    assert first_page + second_page == everything
    assert everything[0] == datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


def test_one_meetup_is_cancelled_or_moved_without_touching_the_series() -> None:
    repeat = parse_repeat("weekly", SATURDAY, DENVER)
    changes: Mapping[datetime, datetime | None] = {
        datetime(2026, 12, 12, 10, 0): None,
        datetime(2026, 12, 19, 10, 0): datetime(2026, 12, 20, 14, 0),
        datetime(2027, 6, 5, 10, 0): datetime(2026, 12, 24, 18, 0),  # moved from far ahead
        datetime(2026, 12, 13, 10, 0): datetime(2026, 12, 14, 9, 0),  # not a meetup: ignored
    }
    instants = occurrences(
        repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=4, exceptions=changes
    )

    assert walls(instants, DENVER) == [
        datetime(2026, 12, 5, 10, 0),
        datetime(2026, 12, 20, 14, 0),
        datetime(2026, 12, 24, 18, 0),
        datetime(2026, 12, 26, 10, 0),
    ]


def test_a_meetup_moved_before_after_is_left_out_and_one_moved_past_it_is_kept() -> None:
    repeat = parse_repeat("weekly", SATURDAY, DENVER)
    after = datetime(2026, 12, 15, tzinfo=UTC)
    changes = {
        datetime(2026, 12, 19, 10, 0): datetime(2026, 12, 14, 10, 0),
        datetime(2026, 12, 12, 10, 0): datetime(2026, 12, 16, 10, 0),
    }
    instants = occurrences(
        repeat.first, DENVER, repeat.rrule, after=after, limit=2, exceptions=changes
    )

    assert walls(instants, DENVER) == [datetime(2026, 12, 16, 10, 0), datetime(2026, 12, 26, 10, 0)]


def test_before_bounds_the_dates_moved_ones_included() -> None:
    repeat = parse_repeat("weekly", SATURDAY, DENVER)
    before = datetime(2026, 12, 20, 0, 0, tzinfo=UTC)  # Dec 19, 5 PM in Denver
    changes = {
        datetime(2026, 12, 12, 10, 0): datetime(2026, 12, 22, 10, 0),  # moved past the bound
        datetime(2027, 1, 9, 10, 0): datetime(2026, 12, 18, 10, 0),  # moved within it
    }
    instants = occurrences(
        repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=50, before=before,
        exceptions=changes,
    )  # fmt: skip

    assert walls(instants, DENVER) == [
        datetime(2026, 12, 5, 10, 0),
        datetime(2026, 12, 18, 10, 0),
        datetime(2026, 12, 19, 10, 0),
    ]


@pytest.mark.parametrize("written", [datetime(2027, 3, 14, 2, 30), datetime(2027, 3, 14, 3, 30)])
def test_a_meetup_in_a_gap_is_cancelled_however_its_time_is_written(written: datetime) -> None:
    repeat = parse_repeat("monthly on the second sunday", datetime(2027, 2, 14, 2, 30), DENVER)
    instants = occurrences(
        repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=2, exceptions={written: None}
    )

    assert walls(instants, DENVER) == [datetime(2027, 2, 14, 2, 30), datetime(2027, 4, 11, 2, 30)]


def test_an_exception_past_the_end_of_the_series_changes_nothing() -> None:
    repeat = parse_repeat("weekly, 2 times", SATURDAY, DENVER)
    changes = {datetime(2026, 12, 19, 10, 0): datetime(2026, 12, 20, 10, 0)}

    assert walls(
        occurrences(
            repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=5, exceptions=changes
        ),
        DENVER,
    ) == at_ten(date(2026, 12, 5), date(2026, 12, 12))


def test_local_times_are_naive_and_instants_aware() -> None:
    repeat = parse_repeat("weekly", SATURDAY, DENVER)

    with pytest.raises(ValueError, match="naive"):
        parse_repeat("weekly", SATURDAY.replace(tzinfo=UTC), DENVER)
    with pytest.raises(ValueError, match="aware"):
        occurrences(repeat.first, DENVER, repeat.rrule, after=SATURDAY, limit=1)
    with pytest.raises(ValueError, match="limit"):
        occurrences(repeat.first, DENVER, repeat.rrule, after=LONG_AGO, limit=0)


# Properties, over the zones members pick first and real zones with unusual daylight saving:
# none (Phoenix, Honolulu, Tokyo, Kolkata, Sao Paulo since 2019), half an hour (Lord Howe), at
# 2:45 (Chatham), at midnight (Havana), in southern summers (Lord Howe, Chatham).
ZONES = (
    *COMMON_ZONES,
    "America/St_Johns",
    "America/Sao_Paulo",
    "America/Havana",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
)
TYPED = (
    "weekly",
    "every 2 weeks",
    "biweekly",
    "every other saturday",
    "weekly on tuesday and thursday",
    "monthly",
    "every 2 months",
    "monthly on the first saturday",
    "last sunday of the month",
    "every third thursday",
    "first and third sunday",
    "monthly on the 30th",
    "last day of the month",
    "yearly",
    "daily",
    "every 3 days",
)
RRULES = (
    "FREQ=MONTHLY;BYDAY=1SA",
    "RRULE:FREQ=WEEKLY;BYDAY=SA,SU",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=2SU",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
    "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU",
    "FREQ=DAILY;BYMONTH=3,4,10,11",
    "FREQ=YEARLY;BYWEEKNO=10,44;BYDAY=SU",
    "FREQ=MONTHLY;BYDAY=SA;BYSETPOS=6",
    "FREQ=HOURLY",
)


# Starts lean towards the months and small hours in which clocks change.
STARTS = st.builds(
    datetime.combine,
    st.dates(date(2026, 1, 1), date(2032, 12, 31))
    | st.builds(
        date, st.integers(2026, 2032), st.sampled_from((3, 4, 9, 10, 11)), st.integers(1, 28)
    ),
    st.builds(
        time,
        st.sampled_from((0, 1, 2, 3)) | st.integers(0, 23),
        st.sampled_from((0, 15, 30, 45)),
    ),
)


@cache
def clock_changes(zone: str) -> tuple[tuple[datetime, datetime], ...]:
    """The local wall-clock times just before and just after each change of `zone`'s clocks
    from 2026 to 2032 (every zone here changes on a quarter hour)."""
    tz = ZoneInfo(zone)
    changes = []
    day = datetime(2026, 1, 1, tzinfo=UTC)
    while day.year < 2033:
        offset = day.astimezone(tz).utcoffset()
        if (day + timedelta(days=1)).astimezone(tz).utcoffset() != offset:
            moment = day
            while moment.astimezone(tz).utcoffset() == offset:
                moment += timedelta(minutes=15)
            before = moment.replace(tzinfo=None) + offset
            changes.append((before, moment.astimezone(tz).replace(tzinfo=None)))
        day += timedelta(days=1)
    return tuple(changes)


@st.composite
def series_asked(draw: st.DrawFn) -> tuple[str, datetime, str]:
    """A zone, a start and what an organizer types (a phrase or an RRULE, perhaps an end).
    Half the starts are at a time a clock change skips or repeats, some days or weeks before."""
    zone = draw(st.sampled_from(ZONES))
    start = draw(STARTS)
    if clock_changes(zone) and draw(st.booleans()):
        before, after = draw(st.sampled_from(clock_changes(zone)))
        low, high = min(before, after), max(before, after)
        quarters = (high - low) // timedelta(minutes=15)
        wall = low + timedelta(minutes=15 * draw(st.integers(0, quarters - 1)))
        start = wall - timedelta(days=draw(st.sampled_from((0, 1, 7, 14, 28, 35, 364))))
    typed = draw(st.booleans())
    text = draw(st.sampled_from(TYPED if typed else RRULES))
    end = draw(st.sampled_from(("", "count", "until")))
    if end == "count":
        count = draw(st.integers(1, 30))
        text = f"{text}, {count} times" if typed else f"{text};COUNT={count}"
    elif end == "until":
        until = start.date() + timedelta(days=draw(st.integers(-30, 3000)))
        text = f"{text} until {until.isoformat()}" if typed else f"{text};UNTIL={until:%Y%m%d}"
    return zone, start, text


def accepted(text: str, start: datetime, zone: str) -> Repeat | None:
    """The series, or None when it was refused (which the properties allow)."""
    try:
        return parse_repeat(text, start, zone)
    except UserError:
        return None


def instant(wall: datetime, zone: ZoneInfo) -> datetime:
    return wall.replace(tzinfo=zone).astimezone(UTC)


def shifted_by_a_gap(wall: datetime, meant: time, zone: ZoneInfo) -> bool:
    """Whether `wall` is the time `meant` on a day the clocks skipped it, later by the gap."""
    for day in (wall.date(), wall.date() - timedelta(days=1)):
        skipped = datetime.combine(day, meant)
        before, after = skipped.replace(tzinfo=zone), skipped.replace(tzinfo=zone, fold=1)
        round_trip = before.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        gap = after.utcoffset() - before.utcoffset()
        if round_trip != skipped and skipped + gap == wall:
            return True
    return False


@settings(max_examples=300)
@given(series_asked())
def test_every_meetup_keeps_the_first_ones_wall_clock_time(
    asked: tuple[str, datetime, str],
) -> None:
    zone, start, text = asked
    repeat = accepted(text, start, zone)
    if repeat is None:
        return
    tz = ZoneInfo(zone)
    first = instant(repeat.first, tz)
    instants = occurrences(
        repeat.first, zone, repeat.rrule, after=first - timedelta(seconds=1), limit=40
    )

    assert repeat.first >= start
    assert instants[0] == first
    assert instants == sorted(set(instants))
    for at in instants:
        local = at.astimezone(tz)
        assert local.fold == 0  # of a time the clocks repeat, the first
        wall = local.replace(tzinfo=None)
        assert wall.time() == repeat.first.time() or shifted_by_a_gap(wall, repeat.first.time(), tz)
    # Paging on from any meetup continues the same list.
    page_end = instants[len(instants) // 2]
    rest = [at for at in instants if at > page_end]
    assert (
        occurrences(repeat.first, zone, repeat.rrule, after=page_end, limit=40)[: len(rest)] == rest
    )


@cache
def vtimezone(tzid: str) -> icalendar.Timezone:
    """The zone's VTIMEZONE as `Calendar.add_missing_timezones` writes it, built once per zone:
    building it from the zone's rules for every example was half this test's time."""
    return icalendar.Timezone.from_tzid(tzid)


def calendar_expansion(
    repeat_first: datetime,
    tz: ZoneInfo,
    rrule: str,
    changes: Mapping[datetime, datetime | None],
    after: datetime,
    limit: int,
) -> list[datetime]:
    """The series as a calendar app sees it: an .ics written with icalendar and read back,
    expanded by recurring-ical-events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Keitora tests//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "series@keitora.test")
    event.add("dtstart", repeat_first.replace(tzinfo=tz))
    event.add("rrule", icalendar.vRecur.from_ical(rrule))
    cancelled = [
        original.replace(tzinfo=tz) for original, moved in changes.items() if moved is None
    ]
    if cancelled:
        event.add("exdate", cancelled)
    calendar.add_component(event)
    for original, moved in changes.items():
        if moved is not None:
            override = icalendar.Event()
            override.add("uid", "series@keitora.test")
            override.add("recurrence-id", original.replace(tzinfo=tz))
            override.add("dtstart", moved.replace(tzinfo=tz))
            calendar.add_component(override)
    for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(position, vtimezone(tzid))
    read_back = icalendar.Calendar.from_ical(calendar.to_ical())
    starts = (
        event["DTSTART"].dt.astimezone(UTC)
        for event in recurring_ical_events.of(read_back).after(after)
    )
    return list(islice((start for start in starts if start > after), limit))


@settings(max_examples=200, suppress_health_check=[HealthCheck.filter_too_much])
@given(series_asked(), st.data())
def test_occurrences_match_a_calendar_apps_reading_of_the_ics(
    asked: tuple[str, datetime, str], data: st.DataObject
) -> None:
    zone, start, text = asked
    repeat = accepted(text, start, zone)
    if repeat is None:
        reject()
    tz = ZoneInfo(zone)
    first = instant(repeat.first, tz)
    planned = occurrences(
        repeat.first, zone, repeat.rrule, after=first - timedelta(seconds=1), limit=12
    )
    # Exceptions are keyed by the local time a member sees, a gap's shifted time included.
    chosen = data.draw(st.sets(st.sampled_from(walls(planned, zone)), max_size=4))
    quarters = st.integers(-288, -1) | st.integers(1, 288)  # up to 3 days either way
    shifts = st.none() | quarters.map(lambda q: timedelta(minutes=15 * q))
    changes = {}
    for original in sorted(chosen):
        shift = data.draw(shifts)
        changes[original] = None if shift is None else original + shift
    moved = [instant(wall, tz) for wall in changes.values() if wall is not None]
    assume(len(set(moved) | set(planned)) == len(moved) + len(planned))
    after = data.draw(st.sampled_from([first - timedelta(days=1), *planned]))
    limit = data.draw(st.integers(1, 20))

    ours = occurrences(
        repeat.first, zone, repeat.rrule, after=after, limit=limit, exceptions=changes
    )

    assert ours == calendar_expansion(repeat.first, tz, repeat.rrule, changes, after, limit)
