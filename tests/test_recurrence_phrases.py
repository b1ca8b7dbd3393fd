"""Repeats organizers type beyond the main table in test_recurrence: a span (for 4 weeks),
weekdays and weekends, counts written 4x, and the words that mean more than one thing."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.errors import UserError
from bot.recurrence import parse_repeat

DENVER = "America/Denver"
SATURDAY = datetime(2026, 12, 5, 10, 0)  # the first Saturday of December 2026


@pytest.mark.parametrize(
    ("text", "rrule", "description"),
    [
        # A span is as many meetups as fall within it from the start.
        ("weekly for 4 weeks", "FREQ=WEEKLY;COUNT=4", "every Saturday at 10:00 AM, 4 times"),
        ("every week for 6 weeks", "FREQ=WEEKLY;COUNT=6", "every Saturday at 10:00 AM, 6 times"),
        (
            "every other week for 8 weeks",
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4",
            "every 2 weeks on Saturday at 10:00 AM, 4 times",
        ),
        (
            "every saturday and sunday for 2 weeks",
            "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=4",
            "every Saturday and Sunday at 10:00 AM, 4 times",
        ),
        (
            "monthly for 6 months",
            "FREQ=MONTHLY;COUNT=6",
            "every month on the 5th at 10:00 AM, 6 times",
        ),
        (
            "monthly for a year",
            "FREQ=MONTHLY;COUNT=12",
            "every month on the 5th at 10:00 AM, 12 times",
        ),
        (
            "monthly on the first saturday for 3 months",
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=3",
            "the first Saturday of every month at 10:00 AM, 3 times",
        ),
        ("daily for 5 days", "FREQ=DAILY;COUNT=5", "every day at 10:00 AM, 5 times"),
        ("daily for two weeks", "FREQ=DAILY;COUNT=14", "every day at 10:00 AM, 14 times"),
        (
            "yearly for 3 years",
            "FREQ=YEARLY;COUNT=3",
            "every year on December 5 at 10:00 AM, 3 times",
        ),
        # Counts written the short way.
        ("weekly x4", "FREQ=WEEKLY;COUNT=4", "every Saturday at 10:00 AM, 4 times"),
        ("weekly 4x", "FREQ=WEEKLY;COUNT=4", "every Saturday at 10:00 AM, 4 times"),
        # Weekdays and weekends.
        (
            "every weekday",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "every Monday, Tuesday, Wednesday, Thursday and Friday at 10:00 AM; the first is on "
            "Monday, December 7, 2026",
        ),
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None),
        ("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", "every Saturday and Sunday at 10:00 AM"),
        ("weekends", "FREQ=WEEKLY;BYDAY=SA,SU", None),
        # Other ways of saying how often.
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3", "every 3 months on the 5th at 10:00 AM"),
        ("once a month", "FREQ=MONTHLY", None),
        ("once a week", "FREQ=WEEKLY", None),
        ("once per month", "FREQ=MONTHLY", None),
        ("alternate saturdays", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", None),
        ("every alternate saturday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", None),
        ("every saturday!", "FREQ=WEEKLY;BYDAY=SA", None),
        # Weekdays as a range or a list, and punctuation between the words.
        ("mon-fri", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None),
        ("mon thru fri", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None),
        ("every monday to wednesday", "FREQ=WEEKLY;BYDAY=MO,TU,WE", None),
        ("fri-sun", "FREQ=WEEKLY;BYDAY=FR,SA,SU", None),
        ("every tue/thu", "FREQ=WEEKLY;BYDAY=TU,TH", None),
        ("every sat + sun", "FREQ=WEEKLY;BYDAY=SA,SU", None),
        ("monthly (first saturday)", "FREQ=MONTHLY;BYDAY=1SA", None),
        ("monthly - first saturday", "FREQ=MONTHLY;BYDAY=1SA", None),
        ("monthly: first saturday", "FREQ=MONTHLY;BYDAY=1SA", None),
        # Days of the month said after it, and its end.
        ("on the 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=15", None),
        ("the last of the month", "FREQ=MONTHLY;BYMONTHDAY=-1", None),
        ("end of every month", "FREQ=MONTHLY;BYMONTHDAY=-1", None),
        ("every month end", "FREQ=MONTHLY;BYMONTHDAY=-1", None),
        # The ones members asked about, which already read.
        ("every other saturday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", None),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks on Saturday at 10:00 AM"),
        ("monthly on the 2nd sunday", "FREQ=MONTHLY;BYDAY=2SU", None),
        # The two readings "every 2nd saturday" is asked between.
        ("monthly on the second saturday", "FREQ=MONTHLY;BYDAY=2SA", None),
        ("every 2nd saturday of the month", "FREQ=MONTHLY;BYDAY=2SA", None),
        ("last saturday of the month", "FREQ=MONTHLY;BYDAY=-1SA", None),
        # An end at the end of a month.
        (
            "weekly until end of march",
            "FREQ=WEEKLY;UNTIL=20270401T055959Z",
            "every Saturday at 10:00 AM, until March 31, 2027",
        ),
        (
            "weekly until the end of february 2027",
            "FREQ=WEEKLY;UNTIL=20270301T065959Z",
            "every Saturday at 10:00 AM, until February 28, 2027",
        ),
        # A month-day end looks like a range of hours, but after "until" it is a date.
        ("weekly until 12-31", "FREQ=WEEKLY;UNTIL=20270101T065959Z", None),
        ("monthly until 1-15", "FREQ=MONTHLY;UNTIL=20270116T065959Z", None),
    ],
)
def test_repeats_organizers_type(text: str, rrule: str, description: str | None) -> None:
    repeat = parse_repeat(text, SATURDAY, DENVER)
    assert repeat.rrule == rrule
    if description is not None:
        assert repeat.description == description


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # A month holds four or five weeks: how many meetups is not said.
        ("every week for a month", "how many weekly meetups “for a month” gives"),
        ("weekly for 3 months", "how many weekly meetups “for 3 months” gives"),
        ("monthly for 6 weeks", "how many monthly meetups “for 6 weeks” gives"),
        ("weekly for 4 weeks, 4 times", "not both"),
        ("weekly for 4 weeks until 2027-06-30", "not both"),
        ("monthly on the 31st for 1 month", "only one meetup"),
        ("weekly for 1000 weeks", "at most 500"),
        # Words that mean one thing to some and another to others.
        ("bimonthly", "every 2 months to some and twice a month to others"),
        ("bi-monthly", "every 2 months to some and twice a month to others"),
        ("semi-monthly", "say which days"),
        ("twice a month", "say which days"),
        ("twice a week", "say which days"),
        ("every 2nd weekend", "name one, such as second saturday"),
        ("every 2nd saturday", "Type every other saturday, or monthly on the second saturday."),
        ("every second sun", "Type every other sunday, or monthly on the second sunday."),
        ("every 2nd week", "I understood “every 2nd” but not “week”"),
        # An end without its day.
        ("monthly until march", "Which day of March"),
        ("weekly until 2030", "Which day does “2030” end on?"),
        ("weekly until the 20th", "write it like 2027-06-30"),
        ("weekly until 20th", "Which day does “20th” end on?"),
        # Not a series at all.
        ("none", "Leave repeat empty for a single meetup"),
        ("once", "Leave repeat empty for a single meetup"),
        ("no", "Leave repeat empty for a single meetup"),
        # The start comes from when, and a date left out is cancelled on its own.
        ("every other saturday starting jan 9", "The series starts at the meetup's time"),
        ("weekly beginning next week", "The series starts at the meetup's time"),
        ("every saturday except dec 26", "/meetup cancel"),
        ("every weekday except friday", "/meetup cancel"),
        ("weekly, skip holidays", "/meetup cancel"),
        # The time comes from when.
        ("weekly on saturdays at 10am", "leave the time out of repeat"),
        ("every saturday 7pm", "leave the time out of repeat"),
        ("every sat @ 10", "leave the time out of repeat"),
        ("every saturday 10-2", "leave the time out of repeat"),
        ("weekly 9-11", "leave the time out of repeat"),
        ("weekly 9 - 11", "leave the time out of repeat"),
        ("every sat, 10 – 2", "leave the time out of repeat"),
        ("every saturday 10 a.m.", "leave the time out of repeat"),
    ],
)
def test_repeats_refused_say_what_to_write(text: str, says: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_repeat(text, SATURDAY, DENVER)
    assert says in refused.value.message


@pytest.mark.parametrize(
    ("text", "meant"),
    [("every saturdy", "saturday"), ("weeky", "weekly"), ("montly on the 1st", "monthly")],
)
def test_a_misspelt_word_of_a_repeat_is_refused_with_the_word_meant(text: str, meant: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_repeat(text, SATURDAY, DENVER)
    assert f"Did you mean {meant}?" in refused.value.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("weekly for 3 months", "(until 2029-09-30)"),
        ("weekly until the 20th", "write it like 2029-09-30"),
        ("weekly until 2030", "Write it like 2029-09-30"),
    ],
)
def test_an_end_date_to_write_is_months_after_the_start_not_a_date_gone(
    text: str, says: str
) -> None:
    # A series starting in March 2029: the end dates of 2027 offered before had passed.
    with pytest.raises(UserError) as refused:
        parse_repeat(text, datetime(2029, 3, 3, 10, 0), DENVER)
    assert says in refused.value.message
