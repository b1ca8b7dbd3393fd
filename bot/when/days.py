"""The day of a typed time: a named day (today, sat, next week sat, in 3 days), and the date
with an hour after it (dec 24 9, 5 december 19). A date as written is bot.when.written's; the
date a weekday named falls on is bot.when.on_day's."""

from __future__ import annotations

import calendar as calendar_names
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from dateutil.relativedelta import SA, relativedelta

from bot.errors import UserError
from bot.when.clock import (
    LONE_CLOCK,
    Clock,
    clock_matches,
    dotted_clock,
    first_clock_typed,
    lone_clock,
)
from bot.when.japanese import from_japanese
from bot.when.text import as_typed
from bot.when.words import NUMBER_WORDS, any_of, take_one

# Examples without a date, which never go stale: the help shows them.
EXAMPLES = "sat 10am PT, tomorrow half past six pm or in 3 days 6pm"


def examples(today: date) -> str:
    """The examples of a time, with a date written two ways first: the first Saturday two days
    or more after `today`, ahead whatever the zone (today's UTC date may be a day off the
    member's), so that a member who types one as shown has it read."""
    saturday = today + timedelta(days=2) + relativedelta(weekday=SA)
    return f"{saturday:%Y-%m-%d} 10:00, {saturday:%b} {saturday.day} 10am, {EXAMPLES}"


@dataclass(frozen=True)
class Weekday:
    weekday: int
    weeks_later: int  # "next saturday" is a week after "saturday"
    typed: str = ""
    this: bool = False  # "this saturday": this week's, today's when today is one
    evening: bool = False  # "fri 7 tonight": that day must be today


@dataclass(frozen=True)
class NextWeek:
    """A weekday of next week ("next week sat"), which depends on the week's first day."""

    weekday: int
    typed: str


@dataclass(frozen=True)
class DaysAhead:
    days: int  # yesterday -1, today 0, tomorrow 1, in 3 days 3
    typed: str
    evening: bool = False  # tonight


@dataclass(frozen=True)
class FromNow:
    """A span counted from now ("in 2 hours", "2 hours from now"), as typed."""

    span: timedelta
    typed: str


_COUNTS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(NUMBER_WORDS, start=1)}
# Days and weeks move the date and keep the time given; hours and minutes count from now.
_DAYS_IN = {"day": 1, "week": 7}
_SPANS = {"minute": timedelta(minutes=1), "min": timedelta(minutes=1), "hour": timedelta(hours=1)}
_SPANS["hr"] = _SPANS["h"] = _SPANS["hour"]
WEEKDAYS = {
    word: number
    for number, words in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for word in words
}
_COUNT = rf"\d{{1,6}}|{any_of(_COUNTS)}"
_UNIT = any_of([*_DAYS_IN, *_SPANS])
# Tomorrow as texted too; "tom's" is someone's.
_TOMORROW = r"tomorrow|2morrow|2moro|tmrw|tmw|tmr|tom(?!['’])"
_DAY = re.compile(
    rf"(?<![\w/])(?:(?P<today>today|tonight)|(?P<tomorrow>{_TOMORROW})"
    r"|(?P<yesterday>yesterday)|(?P<overmorrow>day\s+after\s+tomorrow)"
    rf"|in\s+(?P<count>{_COUNT})\s*(?P<unit>{_UNIT})s?"
    rf"|(?P<count_from>{_COUNT})(?:\s+|(?<=\d))(?P<unit_from>{_UNIT})s?\s+from\s+"
    rf"(?:now|today|(?P<from_tomorrow>{_TOMORROW}))"
    rf"|next\s+week\s+(?:on\s+)?(?P<next_week>{any_of(WEEKDAYS)})"
    rf"|(?P<of_next_week>{any_of(WEEKDAYS)})\s+(?:of\s+)?next\s+week"
    rf"|(?:(?P<which>this\s+coming|this|coming|next|(?P<weeks>{_COUNT})\s+weeks?\s+from)\s+)?"
    rf"(?P<weekday>{any_of(WEEKDAYS)})(?:\s+(?P<after_next>after\s+next))?)(?![\w/])",
    re.I | re.A,
)
# Words that join the parts of a time and mean nothing alone; "near" is left of "near Denver"
# once the city is read as the zone, as "at" is of "at Denver".
FILLERS = frozenset(
    {"at", "on", "the", "in", "from", "starting", "starts", "around", "about", "sharp", "later"}
    | {"approx", "approximately", "roughly", "start", "onward", "onwards", "near"}
)
# Further than this is refused anyway; checking first keeps the arithmetic in range.
_FURTHEST = timedelta(days=800)
# A weekday and a date that agree only further ahead than this agree by chance: asked about.
FAR_MATCH = timedelta(days=60)

Day = DaysAhead | Weekday | NextWeek | FromNow


def take_day(
    words: str, quote: Callable[[str], str] = str, *, tom_timed: bool = False
) -> tuple[Day | None, str]:
    """The one named day (today, sat, in 3 days…) or span from now (in 2 hours), and the rest.
    "tom" beside another day is someone's, unless `tom_timed` (see `tom_before_a_time`)."""
    days = partial(_days, tom_timed=tom_timed)
    tonight, words = _tonight_beside_a_weekday(words, days(words))
    in_weeks, words = _weeks_beside_a_weekday(words, days(words))
    match, rest = take_one(_DAY, words, "two days, “{}” and “{}”; give one", quote, days(words))
    if match is None:
        return None, rest
    if match["today"]:
        return DaysAhead(0, match[0], evening=match[0].casefold() == "tonight"), rest
    if match["tomorrow"]:
        return DaysAhead(1, match[0]), rest
    if match["yesterday"]:
        # Read, so that it is refused as passed rather than as words not understood.
        return DaysAhead(-1, match[0]), rest
    if match["overmorrow"]:
        return DaysAhead(2, match[0]), rest
    if weekday := match["next_week"] or match["of_next_week"]:
        return NextWeek(WEEKDAYS[weekday.casefold()], match[0]), rest
    if match["weekday"]:
        which = " ".join((match["which"] or "").casefold().split())
        # "sat after next" is the one after the coming one, as "next sat" is; "2 weeks from
        # sat" two after it
        later = int(which.startswith("next") or match["after_next"] is not None)
        if weeks := match["weeks"] or (in_weeks and in_weeks["count"]):
            later = _COUNTS.get(weeks.casefold()) or int(weeks)
            if timedelta(weeks=later) > _FURTHEST:
                raise UserError(f"“{(in_weeks or match)[0]}” is more than 2 years ahead.")
        weekday = WEEKDAYS[match["weekday"].casefold()]
        return Weekday(weekday, later, match[0], which == "this", tonight), rest
    typed_count = match["count"] or match["count_from"]
    count = _COUNTS.get(typed_count.casefold()) or int(typed_count)
    unit = (match["unit"] or match["unit_from"]).casefold()
    span = count * _SPANS[unit] if unit in _SPANS else timedelta(days=count * _DAYS_IN[unit])
    if match["from_tomorrow"]:
        if unit in _SPANS:
            raise UserError(
                f"“{quote(match[0])}” counts time from a day, which starts at no hour of its "
                "own: give the day and the time, like tomorrow 6pm."
            )
        span += timedelta(days=1)
    if span > _FURTHEST:
        raise UserError(f"“{match[0]}” is more than 2 years ahead.")
    if unit in _SPANS:
        return FromNow(span, match[0]), rest
    return DaysAhead(span.days, match[0]), rest


def tom_before_a_time(words: str) -> bool:
    """Whether "tom" comes right before a time of day ("tom 6pm", "tom at 6pm"), where it is
    tomorrow even beside another day."""
    ends = [tom.end() for tom in _TOM.finditer(words)]
    return any(
        words[end : clock.start()].strip().casefold() in ("", "at")
        for end in ends
        for clock in clock_matches(words)
        if clock.start() >= end
    )


def refuse_days_each_timed(
    words: str, quote: Callable[[str], str] = str, *, tom_timed: bool = False
) -> None:
    """Two days each with a time ("sat 10am and sun 10am") are two meetups, or a series, not
    one meetup: say so, as "two times" would not tell what to do instead."""
    # One day named twice ("sat 8pm … sat 8am") is two times on one day, which that refusal
    # says: only two different days are two meetups.
    by_day: dict[str, re.Match[str]] = {}
    for day in _days(words, tom_timed=tom_timed):
        word = day[0].casefold()
        by_day.setdefault(str(WEEKDAYS.get(word, word)), day)
    named = list(by_day.values())
    if len(named) < 2 or len(clock_matches(words)) < 2:
        return
    first, second = quote(named[0][0]), quote(named[1][0])
    weekdays = all(day[0].casefold() in WEEKDAYS for day in named[:2])
    repeat = f", or one that repeats (repeat:every {first} and {second})" if weekdays else ""
    raise UserError(
        f"I found two days, “{first}” and “{second}”, each with a time; a meetup is on one "
        f"date. For both, create two meetups{repeat}."
    )


def _days(words: str, *, tom_timed: bool) -> list[re.Match[str]]:
    """The days named in `words`: "tom" is tomorrow alone, but beside another day a name
    ("sat 10am at tom and jerry's"), unless `tom_timed`."""
    days = list(_DAY.finditer(words))
    if len(days) < 2 or tom_timed:
        return days
    return [day for day in days if not _TOM.fullmatch(day[0])]


_TOM = re.compile(r"(?<![\w/])tom(?![\w/'’])", re.I | re.A)


def _tonight_beside_a_weekday(words: str, days: list[re.Match[str]]) -> tuple[bool, str]:
    """Whether "tonight" is written beside a weekday ("fri 7 tonight"), which it says the
    evening of, and the words without it."""
    tonight = [day for day in days if day[0].casefold() == "tonight"]
    if len(days) != 2 or len(tonight) != 1 or not any(day["weekday"] for day in days):
        return False, words
    return True, " ".join(f"{words[: tonight[0].start()]} {words[tonight[0].end() :]}".split())


def _weeks_beside_a_weekday(
    words: str, days: list[re.Match[str]]
) -> tuple[re.Match[str] | None, str]:
    """Weeks ahead typed beside a weekday ("in 2 weeks on sat", "sat 10am in 2 weeks"),
    which say which of its Saturdays, as "2 weeks from sat" does; and the words without
    them."""
    weeks = [day for day in days if (day["unit"] or "").casefold() == "week"]
    plain = [day for day in days if day["weekday"] and not day["which"] and not day["after_next"]]
    if len(days) != 2 or len(weeks) != 1 or len(plain) != 1:
        return None, words
    return weeks[0], " ".join(f"{words[: weeks[0].start()]} {words[weeks[0].end() :]}".split())


MONTHS = any_of(
    {*(m.casefold() for m in calendar_names.month_name[1:] + calendar_names.month_abbr[1:])}
    | {"sept"}
)
_NTH = r"(?:st|nd|rd|th)"
# Two days of the month joined as a range: "dec 5-6", "12/5-6", "the 5th to 6th"; the
# end's am or pm ("dec 5-6pm") makes it a range of hours instead.
_TWO_DAYS = re.compile(
    rf"(?<![\w/:.-])(?P<first>(?:{MONTHS})\.?\s+\d{{1,2}}{_NTH}?|\d{{1,2}}/\d{{1,2}}|\d{{1,2}}{_NTH})"
    r"(?:\s*-\s*|\s+(?:to|thru|through|till|until|and|&)\s+)"
    rf"(?:(?:{MONTHS})\.?\s+|\d{{1,2}}/)?\d{{1,2}}{_NTH}?(?![\w:/.-])(?!\s*[ap]\.?m?(?!\w))",
    re.I | re.A,
)


# A date and a lone hour after it ("dec 24 9", "5 december 19", "12/24 7", "12-24 7", "14th
# 6"), or its 24-hour clock without a colon ("dec 24 1930", "12/24 0900") or with a dot ("dec
# 24 19.30", "2026-12-19 19.30"); a year is no hour, and 2000 to 2099 are read as years. A
# number that may be an hour is one, as after a weekday (sat 19): 5 december 19 is no year
# long passed.
_DATE_THEN_HOUR = re.compile(
    rf"(?P<date>(?:.*\s)?(?:(?:{MONTHS})\.?\s+\d{{1,2}}{_NTH}?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}{_NTH}?\s+(?:of\s+)?(?:{MONTHS})\.?(?:,?\s+\d{{4}})?|\d{{4}}-\d\d-\d\d"
    rf"|\d{{1,2}}(?P<mark>[/-])\d{{1,2}}(?:(?P=mark)\d{{2}}(?:\d{{2}})?)?|\d{{1,2}}{_NTH}))"
    r"\s+(?P<hour>[01]?\d|2[0-4]|[01]?\d[0-5]\d|2[1-3][0-5]\d|\d{1,2}\.\d\d(?:\s*h)?)",
    re.I | re.A,
)


# A dotted date ("13.12", "13.12.", "13.12.2026") and a dotted clock after it ("19.30"), as
# Europeans write both; a lone number after such a date is left to the date's reader.
_DAY_FIRST_THEN_DOTTED = re.compile(
    r"(?P<date>(?:.*\s)?\d{1,2}\.\d{1,2}\.?(?:\d{4}|\d\d)?)"
    r"\s+(?P<hour>\d{1,2}\.\d\d(?:\s*h)?)",
    re.I | re.A,
)


def date_then_hour(rest: str) -> tuple[str, Clock] | None:
    """The date and the hour of "dec 24 9", read as "sat 9" is: the lone number its hour;
    and of "13.12 19.30", its dotted clock."""
    match = _DATE_THEN_HOUR.fullmatch(rest) or _DAY_FIRST_THEN_DOTTED.fullmatch(rest)
    if match and (dotted := dotted_clock(match["hour"], beside_a_day=True)):
        return match["date"], dotted
    clock = match and LONE_CLOCK.fullmatch(match["hour"])
    return (match["date"], lone_clock(clock)) if match and clock else None


# Two weekdays joined as a range: "sat-sun", "fri to sun".
_TWO_WEEKDAYS = re.compile(
    rf"(?<![\w/])(?P<first>(?:(?:this|next)\s+)?(?:{any_of(WEEKDAYS)}))"
    rf"(?:\s*-\s*|\s+(?:to|thru|through|till|until|and|&)\s+)(?:{any_of(WEEKDAYS)})(?![\w/])",
    re.I | re.A,
)


def refuse_two_days(words: str, text: str) -> None:
    """A meetup over two days ("dec 5-6 9am", "sat-sun 10am") starts on the first; its length
    is the duration option's, since a typed range runs at most 24 hours. Dates written in
    Japanese (12月5日〜6日) are quoted as typed, not as the English they were read as."""
    if match := _TWO_DAYS.search(words) or _TWO_WEEKDAYS.search(words):
        rest = f"{words[: match.start()]} {words[match.end() :]}"
        typed = as_typed(text, match[0]) if from_japanese(text) == text else text.strip()
        raise UserError(
            f"“{typed}” names two days; a meetup starts on one. Give the first day and its "
            f"time, like {match['first']} {first_clock_typed(rest) or '10am'}, and how long it "
            "runs in the duration option, in minutes (a day is 1440)."
        )


_THIS_WEEKEND = re.compile(r"(?<!\w)(?<!next\s)(?:this\s+)?weekend(?!\w)", re.I)


def without_this_weekend(words: str, day: Day | None) -> str:
    """The words without "this weekend" beside its Saturday or Sunday ("this weekend sat
    10am"), which says no more than the day does; beside no such day it is refused."""
    if isinstance(day, Weekday) and day.weekday in (5, 6) and not day.weeks_later:
        return _THIS_WEEKEND.sub(" ", words)
    return words
