"""A start typed as a weekday counted in its month ("the first saturday in january") with a
plain `monthly` repeat: members mean that weekday of every month, not the date it fell on
("every month on the 2nd"), as `repeat:first saturday of every month` would say."""

from __future__ import annotations

import calendar
import re
from datetime import date

from bot.dates import DAY_NAMES
from bot.when.days import WEEKDAYS
from bot.when.notes import ordinal
from bot.when.nth_weekday import COUNTED
from bot.when.words import any_of

_PLAIN_MONTHLY = re.compile(r"(?i)\s*(?:monthly|every\s+month|each\s+month|once\s+a\s+month)\s*")
_COUNTED = re.compile(
    rf"(?<!\w)(?P<nth>{any_of(COUNTED)})\s+(?P<weekday>{any_of(WEEKDAYS)})(?!\w)", re.I
)
_WORDS = {n: word for word, n in COUNTED.items() if word.isalpha()}


def counted_weekday_repeat(repeat: str, when: str, start: date) -> str | None:
    """The repeat to read instead of a plain monthly `repeat`, when the start time `when`
    names a weekday counted in the month ("last sat of jan") that `start` is; else None."""
    if not _PLAIN_MONTHLY.fullmatch(repeat):
        return None
    for match in _COUNTED.finditer(when):
        nth = COUNTED[match["nth"].casefold()]
        if WEEKDAYS[match["weekday"].casefold()] == start.weekday() and _is_nth(start, nth):
            return f"monthly on the {_WORDS[nth]} {DAY_NAMES[start.weekday()].lower()}"
    return None


def _is_nth(day: date, nth: int) -> bool:
    """Whether `day` is the `nth` of its weekday in its month (-1: the last)."""
    if nth < 0:
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1 == nth


def same_day_hint(start: date) -> str:
    """How to ask for the date instead, said beside the weekday rule read."""
    return (
        f"for the {ordinal(start.day)} of every month, repeat `monthly on the {ordinal(start.day)}`"
    )
