"""Rules that pick among a month's days with BYSETPOS, as calendar apps write "the first Monday"
or "the last weekday", described in words; what cannot be worded is shown as written."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.errors import UserError
from bot.recurrence import describe, parse_repeat

DENVER = "America/Denver"


@pytest.mark.parametrize(
    ("rrule", "start", "words"),
    [
        (
            "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
            datetime(2026, 12, 7, 18, 0),
            "the first Monday of every month at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2",
            datetime(2026, 12, 12, 10, 0),
            "the second Saturday of every month at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=SU;BYSETPOS=-1",
            datetime(2026, 12, 27, 10, 0),
            "the last Sunday of every month at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=SA;BYSETPOS=1,3",
            datetime(2026, 12, 5, 10, 0),
            "the first and third Saturday of every month at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            datetime(2026, 12, 31, 18, 0),
            "the last weekday of every month at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
            datetime(2027, 1, 1, 18, 0),
            "the first weekday of every month at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1",
            datetime(2027, 1, 2, 10, 0),
            "the first weekend day of every month at 10:00 AM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-1",
            datetime(2026, 12, 31, 18, 0),
            "the last day of every month at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2,-1",
            datetime(2026, 12, 30, 18, 0),
            "the 2nd-to-last and last weekday of every month at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=MO;BYSETPOS=1",
            datetime(2026, 12, 7, 18, 0),
            "every 3 months on the first Monday at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1;BYMONTH=6,7,8",
            datetime(2027, 6, 25, 18, 0),
            "the last Friday of June, July and August at 6:00 PM",
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            datetime(2027, 3, 31, 18, 0),
            "every year on the last weekday of March at 6:00 PM",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1;COUNT=6",
            datetime(2026, 12, 7, 18, 0),
            "the first Monday of every month at 6:00 PM, 6 times",
        ),
        # The last day of the month, as BYMONTHDAY writes it.
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            datetime(2026, 12, 31, 18, 0),
            "every month on the last day at 6:00 PM",
        ),
    ],
)
def test_set_positions_people_use_are_described_in_words(
    rrule: str, start: datetime, words: str
) -> None:
    assert describe(start, DENVER, rrule) == words


@pytest.mark.parametrize(
    ("rrule", "start"),
    [
        # The first of two weekdays: no words say it without misleading.
        ("FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=1", datetime(2026, 12, 1, 18, 0)),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15;BYDAY=MO;BYSETPOS=1", datetime(2027, 2, 1, 18, 0)),
        ("FREQ=MONTHLY;BYDAY=1MO,3MO;BYSETPOS=1", datetime(2026, 12, 7, 18, 0)),
        ("FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1", datetime(2026, 12, 7, 18, 0)),
        ("FREQ=YEARLY;BYDAY=MO;BYSETPOS=1", datetime(2027, 1, 4, 18, 0)),
    ],
)
def test_what_cannot_be_worded_is_shown_as_written(rrule: str, start: datetime) -> None:
    assert describe(start, DENVER, rrule) == f"on the dates of {rrule} at 6:00 PM"


@pytest.mark.parametrize(
    ("text", "rrule", "words"),
    [
        (
            "last weekday of the month",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "the last weekday of every month at 6:00 PM",
        ),
        (
            "monthly on the last weekday",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "the last weekday of every month at 6:00 PM",
        ),
        (
            "every 3 months on the last weekday",
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "every 3 months on the last weekday at 6:00 PM",
        ),
    ],
)
def test_the_last_weekday_in_words_is_a_rule(text: str, rrule: str, words: str) -> None:
    repeat = parse_repeat(text, datetime(2026, 12, 31, 18, 0), DENVER)

    assert (repeat.rrule, repeat.description) == (rrule, words)


@pytest.mark.parametrize(
    "text", ["first weekend of the month", "weekly on the last weekday", "last weekday and 1st"]
)
def test_a_pick_among_days_that_says_no_one_day_is_refused(text: str) -> None:
    with pytest.raises(UserError):
        parse_repeat(text, datetime(2026, 12, 31, 18, 0), DENVER)
