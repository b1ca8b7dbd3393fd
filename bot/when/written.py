"""A date as written in a typed time (Dec 5, 12/5, 13.12, the 5th, 2026-12-05), read strictly,
with a "did you mean" for a misspelt one and a pointer to the location option for a place
typed beside the time."""

from __future__ import annotations

import calendar as calendar_names
import re
from dataclasses import dataclass
from datetime import date, datetime
from difflib import get_close_matches
from typing import NoReturn

from dateutil import parser

from bot.errors import UserError
from bot.when.clock import on_calendar, refuse_minutes_without_hour
from bot.when.days import MONTHS, examples
from bot.when.halves import retyped
from bot.when.place import CLOSING, TIME_WORDS, NotUnderstood, PlaceWords
from bot.when.span import Span
from bot.when.text import as_typed
from bot.when.zone import unknown_zone, unread_state


@dataclass(frozen=True)
class WrittenDate:
    """A date as written: month and day, the year when given, and what to point out. A day
    of the month alone ("the 5th") has no month: it is the next one ahead."""

    month: int | None
    day: int
    year: int | None
    notes: tuple[str, ...] = ()
    # The other reading of a slashed date (10/12: " For December 10, write …"), to offer when
    # the month/day one is refused as passed.
    day_month: str = ""
    # The words the date was read from ("12/3", "dec 3"), for a hint written in the member's own.
    typed: str = ""


# Two fill-ins that differ in every field: a field that comes back the same from both was
# written. Both years are leap years (so "Feb 29" reads) and both months have 31 days.
_FILL_A = datetime(2000, 1, 1, 0, 0, 0)
_FILL_B = datetime(2004, 3, 2, 1, 1, 1)
_MONTHDAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)", re.I | re.A)
# 10.30: a time, or October 30? A dot may end it, as Germans write 13.12.
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.?", re.A)
_DOTTED_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d\d)(?![\d.])", re.A)
_SLASHED = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})(?:[/-]\d{2}(?:\d{2})?)?(?![\d/.-])")


# A date's year in words, before or after it: "dec 5 next year", "next year 12/5".
_YEAR_IN_WORDS = re.compile(
    r"(?:(?P<which>this|next)\s+year\s+(?P<after>.+)|(?P<before>.+?)\s+(?:of\s+)?"
    r"(?P<which_after>this|next)\s+year)",
    re.I | re.A,
)


def year_in_figures(rest: str, this_year: int) -> str:
    """`rest` with a date's year in words written as the year ("dec 5 next year" as "dec 5
    2027" in 2026), which the date is then read with."""
    if (named := _YEAR_IN_WORDS.fullmatch(rest)) is None:
        return rest
    which = (named["which"] or named["which_after"]).casefold()
    year = this_year + (which == "next")
    return f"{named['before'] or named['after']} {year}"


def read_date(
    rest: str, text: str, today: date, *, clock_given: bool, span: Span | None = None
) -> WrittenDate:
    """The month, day and maybe year in `rest`, beside the time of day if `clock_given`:
    strict, since dateutil's fuzzy reading drops whatever it does not understand, and its
    fill-ins would pass for what was written. Where `rest` holds the start of a range not
    read as a time, `span`, the range is quoted whole."""
    if dotted := _DOTTED.fullmatch(rest):
        if span is not None and dotted[0] == span.start_typed:
            _refuse_dotted_range(dotted, span)
        return _dotted_date(dotted, clock_given)
    if span is not None:  # "5.12" of "5.12-6.30": what was typed is the range
        start = re.compile(rf"(?<!\S){re.escape(span.start_typed)}(?!\S)")
        rest_typed = as_typed(text, start.sub(lambda _: span.typed, rest, count=1))
    else:
        rest_typed = as_typed(text, rest)
    if monthday := _MONTHDAY.fullmatch(rest):
        if not 1 <= int(monthday[1]) <= 31:
            raise UserError(f"No month has a {rest}: give the 1st to the 31st.")
        return WrittenDate(None, int(monthday[1]), None)
    dotted_year = _DOTTED_YEAR.search(rest)
    if dotted_year and dotted_year[1] != dotted_year[2]:
        _refuse_dotted(dotted_year)
    slashed = _SLASHED.search(rest)
    if slashed and int(slashed[1]) > 12:
        raise UserError(
            f"Dates with a slash or dash are month/day: “{slashed[0]}” has no month {slashed[1]}."
            f"{_day_month_hint(int(slashed[1]), int(slashed[2]))}"
        )
    try:
        a = parser.parse(rest.casefold(), default=_FILL_A)
        b = parser.parse(rest.casefold(), default=_FILL_B)
    except (ValueError, OverflowError) as error:
        if "out of range" in str(error):  # dateutil's words for Feb 30, or Feb 29 in 2027
            raise UserError(
                f"“{rest_typed}” is not a day on the calendar{_days_in(rest, slashed)}."
            ) from None
        if zone := unknown_zone(rest):
            raise zone from None
        refuse_minutes_without_hour(rest)
        if "weekend" in rest.casefold():
            raise UserError(
                "A weekend is two days: name one, like sat 10am or next sun 10am."
            ) from None
        if week := _WEEK.search(rest):
            named = retyped(text, week[0], f"{week['which']} sat")
            raise UserError(
                f"“{as_typed(text, week[0])}” names no day: name it, like {named}."
            ) from None
        did_you_mean = _did_you_mean(rest)
        if not did_you_mean and (state := unread_state(rest, text)):
            refused = f"I couldn't read “{state.typed}” in “{text}”.{state.hint}"
            raise NotUnderstood(refused, rest, "") from None
        if clock_given and not did_you_mean and (place := _place_in(rest, text, today)):
            # Members type where beside when ("sat 10am at the walmart lot"); naming the
            # option it goes in says more than the examples of a time would.
            raise PlaceWords(place, text, today, rest) from None
        raise NotUnderstood(
            f"I couldn't read “{rest_typed}” in “{text}”.{did_you_mean} Try {examples(today)}.",
            rest,
            did_you_mean,
        ) from None
    written = {field: getattr(a, field) == getattr(b, field) for field in ("year", "month", "day")}
    if a.tzinfo or any(getattr(a, f) == getattr(b, f) for f in ("hour", "minute", "second")):
        raise UserError(
            f"I couldn't read the time in “{text}”. Write it like 10am, 2:30 PM or 14:30."
        )
    if not (written["month"] and written["day"]):
        raise UserError(f"Which day is “{rest_typed}”? Name the month and the day, like Dec 5.")
    notes: tuple[str, ...] = ()
    day_month = ""
    if slashed:
        first, second = int(slashed[1]), int(slashed[2])
        if (first, second) != (a.month, a.day):
            # dateutil turns 13/04/2027 round to April 13 rather than refuse it.
            raise UserError(f"I couldn't read “{slashed[0]}” as month/day.")
        if first != second:
            notes = (f"{slashed[0]} read as {a:%B} {a.day} (month/day).",)
            day_month = _day_month_hint(first, second)
    elif dotted_year and dotted_year[1] != dotted_year[2]:
        order = "month.day" if a.month == int(dotted_year[1]) else "day.month"
        notes = (f"{dotted_year[0]} read as {a:%B} {a.day} ({order}).",)
    return WrittenDate(a.month, a.day, a.year if written["year"] else None, notes, day_month)


# Words without a figure, as a place is named beside a time read ("walmart lot", "Tractor
# Supply", "Joe's"); a figure may be a date or a time mistyped.
_PLACE = re.compile(r"[^\W\d]+(?:['’&.-][^\W\d]*)*(?:\s+[^\W\d&]+(?:['’&.-][^\W\d]*)*)*")


def _place_in(rest: str, text: str, today: date) -> str | None:
    """The words that end `rest` and stand in the text as typed at its end, at its start
    ("Moab sat 10am") or after "at (the)" ("sat at the walmart 10am"), when they hold no
    figure nor word of a time (summer, next, month…) and the date before them ("dec 12" of
    "dec 12 Moab") reads or there is none: a place, most likely. As typed."""
    words = rest.split()
    for start in range(len(words)):
        head, tail = " ".join(words[:start]), " ".join(words[start:])
        if not _PLACE.fullmatch(tail) or TIME_WORDS & set(tail.casefold().split()):
            continue
        typed = as_typed(text, tail)
        before = text[: text.casefold().rfind(typed.casefold())]
        at_the_end = text.rstrip(CLOSING).casefold().endswith(typed.casefold())
        placed = at_the_end or not before.strip() or _INTRODUCED.search(before)
        if any(char.isdigit() for char in typed) or not placed:
            return None
        try:
            if head:
                read_date(head, text, today, clock_given=True)
        except UserError:
            return None
        return typed
    return None


# What introduces a place before a time: "at the walmart" of "sat at the walmart 10am".
_INTRODUCED = re.compile(r"(?:@|(?<!\w)(?:at|near|by))(?:\s+the)?\s+$", re.I)


# A week with no day in it ("next week 10am"); "next week sat" is read before this is met.
_WEEK = re.compile(r"(?<!\w)(?P<which>next|this(?:\s+coming)?|coming)\s+week(?!\w)", re.I | re.A)


def _days_in(rest: str, slashed: re.Match[str] | None) -> str:
    """ ": February has 29 days at most", for the month of a day past its end."""
    if slashed:
        month = int(slashed[1])
    elif named := re.search(rf"(?<!\w)(?:{MONTHS})(?!\w)", rest, re.I | re.A):
        month = [m.casefold() for m in calendar_names.month_abbr].index(named[0][:3].casefold())
    else:
        return ""
    most = calendar_names.monthrange(2000, month)[1]  # a leap year: February's 29th too
    if month == 2 and re.search(r"(?<!\d)29(?!\d)", rest):
        return ": February 29 comes only in a leap year"
    return f": {calendar_names.month_name[month]} has {most} days at most"


def _day_month_hint(first: int, second: int) -> str:
    """How to write a slashed date read the other way round, day/month, as much of the world
    writes it: " For December 13, write 12/13 or Dec 13." """
    if not 1 <= second <= 12 or not 1 <= first <= calendar_names.monthrange(2000, second)[1]:
        return ""
    month = calendar_names.month_name[second]
    return f" For {month} {first}, write {second}/{first} or {month[:3]} {first}."


def _dotted_date(dotted: re.Match[str], clock_given: bool) -> WrittenDate:
    """A date with a dot and no year beside a time ("12.12 10am"). Europeans write day.month,
    and Americans, who write a date with a slash, month.day when they use a dot: it is read
    only where the two agree (12.12) or one is not on the calendar (13.12, 12.25), and asked
    about otherwise (5.12). Without a time beside it, it may be the time itself (sat 19.30 is
    read as one before this), so it is asked about."""
    first, second = int(dotted[1]), int(dotted[2])
    readings = sorted({(m, d) for m, d in ((first, second), (second, first)) if on_calendar(m, d)})
    if not readings:
        raise UserError(f"“{dotted[0]}” is not a date: name the month, like Dec 5.")
    named = [f"{calendar_names.month_abbr[m]} {d}" for m, d in readings]
    dates = " or ".join(named)
    if not clock_given and len(dotted[2]) == 1:  # no minutes: a date without its time
        raise UserError(
            f"“{dotted[0]}” may be {dates}: name the month, and the time, like {named[0]} 10am."
        )
    if not clock_given:
        raise UserError(
            f"“{dotted[0]}” may be a time or a date: write a time with a colon ({dotted[1]}:"
            f"{dotted[2]}), or a date with its month named, like {dates}."
        )
    if len(readings) > 1:
        month_day, day_month = (
            f"{calendar_names.month_name[first]} {second}",
            f"{calendar_names.month_name[second]} {first}",
        )
        raise UserError(
            f"“{dotted[0]}” may be {month_day} (month.day) or {day_month} (day.month): write "
            f"{month_day[:3]} {second} or {day_month[:3]} {first}."
        )
    [(month, day)] = readings
    if first == second:
        return WrittenDate(month, day, None)
    order = "month.day" if month == first else "day.month"
    note = f"{dotted[0]} read as {calendar_names.month_name[month]} {day} ({order})."
    return WrittenDate(month, day, None, (note,))


def _refuse_dotted_range(start: re.Match[str], span: Span) -> NoReturn:
    """Refuse a range with a dotted start and no day (5.12-6.30), which may be times or
    dates, quoting all of it."""
    first, second = int(start[1]), int(start[2])
    dates = " or ".join(
        f"{calendar_names.month_abbr[m]} {d}"
        for m, d in sorted({(first, second), (second, first)})
        if on_calendar(m, d)
    )
    date = f", or a date with its month named, like {dates}" if dates else ""
    colons = _DOTTED_TIME.sub(r"\1:\2", span.said)
    raise UserError(
        f"“{span.said}” may be times or dates: write times with a colon after a day, like sat "
        f"{colons}{date}."
    )


_DOTTED_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d\d)(?![\d.])", re.A)


def _refuse_dotted(dotted: re.Match[str]) -> None:
    """Refuse a date with dots and a year (05.12.2026) that may be month.day or day.month, as
    the writer's country has it: dateutil would read it as the first, silently. One that can
    be only one of them (13.12.2026, 12.25.2026) is left to dateutil, which reads it so."""
    day, month = int(dotted[1]), int(dotted[2])
    if day > 12 or month > 12:
        return
    year = dotted[3] if len(dotted[3]) == 4 else f"20{dotted[3]}"
    raise UserError(
        f"“{dotted[0]}” may be month.day or day.month: name the month, like "
        f"{calendar_names.month_abbr[month]} {day} {year}, or write month/day with slashes."
    )


# The words of a time a typo most often hides.
_SPELLED = (
    *(name.casefold() for name in calendar_names.day_name),
    *(name.casefold() for name in calendar_names.month_name[1:]),
    *("today", "tonight", "tomorrow", "noon", "midnight"),
)


def _did_you_mean(rest: str) -> str:
    """ " Did you mean saturday?" for a word a letter or two off a day's or month's name."""
    for word in rest.casefold().split():
        # A word of two or three letters is a letter off too many others ("my" and may).
        if len(word) < 4 or word in _SPELLED:
            continue
        if close := get_close_matches(word, _SPELLED, 1, 0.8):
            return f" Did you mean {close[0]}?"
    return ""
