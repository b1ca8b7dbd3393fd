"""A weekday counted in a month ("the first saturday in january", "last sun of dec", "first
sat of the month", "1st sat of next month", "2nd sat this month") or in a year ("the first
saturday of next year", "last sun of this year"), as meetups are announced: written as its
date, the next one ahead (of "this month", this month's, gone or not; of a year, that year's),
for the date's reader, which would else take "the first" for the 1st and refuse it as another
weekday."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NoReturn

from bot.errors import UserError
from bot.when.days import WEEKDAYS
from bot.when.halves import retyped
from bot.when.notes import ordinal
from bot.when.on_day import JUST_PASSED
from bot.when.words import any_of

# The counts of a weekday in a month, as words and ordinals: -1 is the last.
COUNTED = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
COUNTED |= {ordinal(n): n for n in range(1, 6)}
_MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if n}
_MONTHS |= {name.casefold(): n for n, name in enumerate(calendar.month_abbr) if n}
_MONTHS["sept"] = 9
# A month left out ("first saturday 10am", as a monthly series is said) is the month's, as "of
# the month" is; not with "last" (last saturday is the one gone by) nor with an ordinal, as
# "the 2nd sat" may be Saturday the 2nd.
_NTH_WEEKDAY = re.compile(
    rf"(?<!\w)(?:the\s+)?(?P<nth>{any_of(COUNTED)})\s+(?P<weekday>{any_of(WEEKDAYS)})(?P<tail>\s+"
    rf"(?:(?:of|in)\s+(?:(?P<month>{any_of(_MONTHS)})\.?(?:\s+(?P<year>\d{{4}}))?|the\s+month)"
    # "1st sat next month", "first sat this month": without "of" as often as with it.
    r"|(?:(?:of|in)\s+)?(?:(?P<this>this)|(?P<next>(?:the\s+)?next))\s+(?P<unit>month|year)))?"
    # Without a month read, none mistyped after it either ("in janaury" is quoted whole).
    r"(?(tail)|(?!\s+(?:of|in)(?!\w)))(?!\w)",
    re.I | re.A,
)


@dataclass(frozen=True)
class NextOne:
    """The next of a weekday counted in a month that is today, to offer should its time have
    passed: the member typed `typed`, and would write `instead` for it."""

    day: date
    typed: str
    instead: str
    how: str  # "add the year:", "write"

    def hint(self, text: str) -> str:
        """ " For the next one, Saturday December 4, 2027, add the year: first saturday of
        december 2027 10am", in the member's own words."""
        written = retyped(text, self.typed, self.instead)
        day = f"{self.day:%A %B} {self.day.day}, {self.day.year}"
        return f" For the next one, {day}, {self.how} {written}."


def nth_weekdays_as_dates(
    words: str, today: date, quote: Callable[[str], str]
) -> tuple[str, tuple[str, ...], tuple[NextOne, ...]]:
    """`words` with each weekday counted in a month written as its date: in the year given,
    else the next one ahead, in this month or the next of its name; of one counted in "the
    month", which month's it was read as; and the next of one that is today. Each is quoted
    as typed, by `quote` ("the first" is read as "the 1st")."""
    notes: list[str] = []
    next_ones: list[NextOne] = []

    def said(match: re.Match[str]) -> str:
        """What was typed, without "the" before it."""
        return quote(" ".join(match.string[match.start("nth") : match.end()].split()))

    def as_date(match: re.Match[str]) -> str:
        nth = COUNTED[match["nth"].casefold()]
        if match["tail"] is None and (nth < 0 or not said(match).split()[0].isalpha()):
            return match[0]
        weekday = WEEKDAYS[match["weekday"].casefold()]
        if match["unit"] and match["unit"].casefold() == "year":
            return in_the_year(match, weekday, nth)
        if match["next"]:
            year, month = _month_after(today)
            if (day := _counted(year, month, weekday, nth)) is None:
                _refuse_none(month, [year], weekday, nth)
            notes.append(_month_note(match, said(match), day, today, nth))
            return f" {day:%b} {day.day} {day.year} "
        if match["this"]:
            return this_months(match, weekday, nth)
        if not match["month"]:  # of the month, or none named
            day = _in_the_month(today, weekday, nth)
            notes.append(_month_note(match, said(match), day, today, nth))
            later = _in_the_month(today + timedelta(days=1), weekday, nth)
            if day == today and (later.year, later.month) == _month_after(today):
                typed = said(match)
                instead = (
                    re.sub(r"the\s+month$", "next month", typed)
                    if match["tail"]
                    else f"{typed} of next month"
                )
                next_ones.append(NextOne(later, typed, instead, "write"))
            return f" {day:%b} {day.day} {day.year} "
        month = _MONTHS[match["month"].casefold()]
        years = [int(match["year"])] if match["year"] else _next_two(month, today)
        found = [day for year in years if (day := _counted(year, month, weekday, nth))]
        ahead = [day for day in found if day >= today] or found[-1:]
        if not ahead:
            _refuse_none(month, years, weekday, nth)
        day = ahead[0]
        if (
            match["year"]
            and day <= today
            and (later := _counted(day.year + 1, month, weekday, nth))
        ):
            # A year typed just behind: that weekday of the year after, as typed.
            instead = re.sub(rf"{day.year}$", f"{day.year + 1}", said(match))
            next_ones.append(NextOne(later, said(match), instead, "write"))
        if day == today and not match["year"] and len(found) > 1:
            later = found[1]
            instead = f"{said(match)} {later.year}"
            next_ones.append(NextOne(later, said(match), instead, "add the year:"))
        # Said of next year's, and of this year's when last year's has only just gone (last
        # December's, typed in January), as a date gone in the last weeks would be refused.
        gone = _counted(day.year - 1, month, weekday, nth)
        just_gone = gone is not None and today - gone < JUST_PASSED
        if (day.year != today.year or just_gone) and not match["year"]:
            notes.append(f"“{said(match)}” read as {day:%A %B} {day.day}, {day.year}.")
        return f" {day:%b} {day.day} {day.year} "

    def this_months(match: re.Match[str], weekday: int, nth: int) -> str:
        """This month's, though it has gone (refused as passed, with the next to write)."""
        if (day := _counted(today.year, today.month, weekday, nth)) is None:
            _refuse_none(today.month, [today.year], weekday, nth)
        notes.append(_month_note(match, said(match), day, today, nth))
        if day <= today:  # the time read decides whether today's has passed
            later = _in_the_month(date(*_month_after(today), 1), weekday, nth)
            if (later.year, later.month) == _month_after(today):
                instead = re.sub(r"this(?=\s+month$)", "next", said(match), flags=re.I)
            else:  # a fifth weekday: the next month that has one, by its name
                typed = said(match)
                instead = re.sub(
                    r"(?:(?:of|in)\s+)?this\s+month$", f"of {later:%B}", typed, flags=re.I
                )
            next_ones.append(NextOne(later, said(match), instead, "write"))
        return f" {day:%b} {day.day} {day.year} "

    def in_the_year(match: re.Match[str], weekday: int, nth: int) -> str:
        """This year's or next year's, counted in the year: the first in January, the last
        in December. One of this year gone is refused as passed, with next year's to write."""
        year = today.year + 1 if match["next"] else today.year
        day = _counted_in_year(year, weekday, nth)
        notes.append(f"“{said(match)}” read as {day:%A %B} {day.day}, {day.year}.")
        if day <= today and match["this"]:  # the time read decides whether today's has passed
            later = _counted_in_year(year + 1, weekday, nth)
            instead = re.sub(r"this(?=\s+year$)", "next", said(match), flags=re.I)
            next_ones.append(NextOne(later, said(match), instead, "write"))
        return f" {day:%b} {day.day} {day.year} "

    return _NTH_WEEKDAY.sub(as_date, words), tuple(notes), tuple(next_ones)


def _month_after(today: date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def _refuse_none(month: int, years: list[int], weekday: int, nth: int) -> NoReturn:
    named = " or ".join(str(year) for year in years)
    which = "last" if nth < 0 else ordinal(nth)
    raise UserError(
        f"{calendar.month_name[month]} has no {which} {calendar.day_name[weekday]} in {named}: "
        "give the date."
    )


def _in_the_month(today: date, weekday: int, nth: int) -> date:
    """This month's counted weekday while it is ahead, else the next month's that has one
    (a fifth Saturday is in some months only)."""
    year, month = today.year, today.month
    while (day := _counted(year, month, weekday, nth)) is None or day < today:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return day


def _month_note(match: re.Match[str], typed: str, day: date, today: date, nth: int) -> str:
    """“first sat of the month” read as January's: Saturday January 2, 2027 (December's has
    passed); "of next month" needs no why."""
    year = f", {day.year}" if day.year != today.year else ""
    why = ""
    if day.month != today.month and not match["next"]:
        if _counted(today.year, today.month, day.weekday(), nth):
            why = f" ({today:%B}'s has passed)"
        else:
            why = f" ({today:%B} has no {ordinal(nth)} {day:%A})"
    return f"“{typed}” read as {day:%B}'s: {day:%A %B} {day.day}{year}{why}."


def _next_two(month: int, today: date) -> list[int]:
    """The years of the next two of `month` not over by `today`."""
    years = range(today.year, today.year + 3)
    return [y for y in years if date(y, month, calendar.monthrange(y, month)[1]) >= today][:2]


def _counted_in_year(year: int, weekday: int, nth: int) -> date:
    """The `nth` `weekday` of the year (the fifth Saturday may be February's), or its last."""
    if nth < 0:
        last = date(year, 12, 31)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, 1, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _counted(year: int, month: int, weekday: int, nth: int) -> date | None:
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    if nth > len(days):
        return None
    return date(year, month, days[nth - 1 if nth > 0 else -1])
