"""Holidays on a fixed date, named for it in a time ("christmas 10am", "4th of july 6pm"):
rewritten as the date, which the reader then takes like any other. Holidays that move (Labor
Day, Thanksgiving) are not read: their date is the organizer's to give, and the refusal names
the next one."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, relativedelta

from bot.errors import UserError
from bot.when.words import any_of

_ON = {
    "christmas eve": "dec 24",
    "xmas eve": "dec 24",
    "christmas day": "dec 25",
    "christmas": "dec 25",
    "xmas day": "dec 25",
    "xmas": "dec 25",
    "new years eve": "dec 31",
    "nye": "dec 31",
    "new years day": "jan 1",
    "halloween": "oct 31",
    "4th of july": "jul 4",
    "fourth of july": "jul 4",
    "independence day": "jul 4",
    "veterans day": "nov 11",
}
_HOLIDAY = re.compile(rf"(?<!\w)(?:{any_of(_ON)})(?!\w)", re.I | re.A)
_POSSESSIVE = re.compile(r"(?<=year|eran)['’]s\b", re.I)


def holidays_as_dates(words: str) -> str:
    """`words` with each fixed-date holiday written as its month and day."""
    words = _POSSESSIVE.sub("s", words)
    return _HOLIDAY.sub(lambda match: f" {_ON[' '.join(match[0].casefold().split())]} ", words)


def names_holiday(text: str) -> bool:
    """Whether `text` names a fixed-date holiday: one a year, never a week on."""
    return _HOLIDAY.search(_POSSESSIVE.sub("s", text)) is not None


def _thanksgiving(year: int) -> date:
    return date(year, 11, 1) + relativedelta(weekday=TH(+4))


# The day each falls on in a year.
_MOVING: dict[str, Callable[[int], date]] = {
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "labor day": lambda year: date(year, 9, 1) + relativedelta(weekday=MO(+1)),
    "memorial day": lambda year: date(year, 5, 31) + relativedelta(weekday=MO(-1)),
    "easter": easter,
}
_MOVING_HOLIDAY = re.compile(rf"(?<!\w)(?:{any_of(_MOVING)})(?!\w)", re.I | re.A)


def refuse_moving_holiday(words: str, today: date) -> None:
    """Refuse a holiday that moves, saying how to write its next date."""
    if (match := _MOVING_HOLIDAY.search(words)) is None:
        return
    on = _MOVING[" ".join(match[0].casefold().split())]
    day = next(on(year) for year in (today.year, today.year + 1) if on(year) >= today)
    written = " ".join(
        f"{words[: match.start()]} {day:%b} {day.day} {day.year} {words[match.end() :]}".split()
    )
    raise UserError(f"“{match[0]}” moves from year to year: give its date, like {written}.")


def is_holiday(name: str) -> bool:
    """Whether `name` is a holiday's, fixed or moving (Easter is a zone's city too)."""
    return any(holiday.fullmatch(name.strip()) for holiday in (_HOLIDAY, _MOVING_HOLIDAY))
