"""Holidays on a fixed date, named for it in a time ("christmas 10am", "4th of july 6pm"):
rewritten as the date, which the reader then takes like any other. Holidays that move (Labor
Day, Thanksgiving) are left out: their date is the organizer's to give."""

from __future__ import annotations

import re

from bot.when.words import any_of

_ON = {
    "christmas eve": "dec 24",
    "xmas eve": "dec 24",
    "christmas day": "dec 25",
    "christmas": "dec 25",
    "xmas day": "dec 25",
    "xmas": "dec 25",
    "new years eve": "dec 31",
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
