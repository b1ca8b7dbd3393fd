"""A repeat in plain words ("monthly on the first saturday, 10 times") read into a series' rule,
with the clamping that keeps a monthly meetup from the 29th to 31st in every month."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.parser import parse as parse_date
from dateutil.relativedelta import relativedelta

from bot.dates import DAY_NAMES
from bot.errors import UserError
from bot.recurrence.local_time import end_of_day
from bot.recurrence.rule import HINT, WEEKDAYS, Rule, read_count

_FREQUENCY_WORDS = {
    **{word: (word.upper(), 1) for word in ("daily", "weekly", "monthly", "yearly")},
    "annually": ("YEARLY", 1),
    **dict.fromkeys(("biweekly", "bi-weekly", "fortnightly"), ("WEEKLY", 2)),
}
_UNITS = {
    **dict.fromkeys(("day", "days"), "DAILY"),
    **dict.fromkeys(("week", "weeks"), "WEEKLY"),
    **dict.fromkeys(("month", "months"), "MONTHLY"),
    **dict.fromkeys(("year", "years"), "YEARLY"),
}
_INTERVAL_WORDS = {"other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_WEEKDAY_WORDS = {
    **{
        word: code
        for code, name in zip(WEEKDAYS, DAY_NAMES, strict=True)
        for word in (name.lower(), f"{name.lower()}s", name.lower()[:3])
    },
    **{"tues": "TU", "weds": "WE", "thur": "TH", "thurs": "TH"},
}
_FILLER = {"on", "the", "of", "each", "and", "a", "in", "&", "every"}
_COUNT_WORDS = re.compile(r"(?:\bfor\s+)?\b(\d+)\s*(?:times?|occurrences?|meetups?)\b")
_UNTIL_WORDS = re.compile(r"\b(?:until|till|til|through|thru|ending|ends)\b(?:\s+on\b)?\s*(.*)$")


@dataclass
class _Phrase:
    """What the words of a phrase have said so far."""

    freq: str | None = None
    interval: int = 1
    weekdays: list[tuple[int | None, str]] = field(default_factory=list)
    monthdays: list[int] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)  # waiting for a weekday or "day"

    def set_freq(self, freq: str, said: str) -> None:
        if self.freq not in (None, freq):
            raise UserError(f"“{said}” names two different frequencies. {HINT}")
        self.freq = freq

    def ordinals_are_days(self) -> None:
        self.monthdays += self.ordinals
        self.ordinals = []


def read_phrase(text: str, start_local: datetime, tz: ZoneInfo) -> Rule:
    """The rule a phrase such as "monthly on the first saturday, 10 times" asks for."""
    said = text.casefold().replace(",", " ").rstrip(".")
    count = None
    if found := _COUNT_WORDS.search(said):
        count = read_count(found[1])
        said = said[: found.start()] + said[found.end() :]
    until = None
    if found := _UNTIL_WORDS.search(said):
        until = _until_words(found[1].strip(), start_local, tz)
        said = said[: found.start()]
    if count is not None and until is not None:
        raise UserError("Give an end date (until …) or a number of meetups (… times), not both.")
    rule = _rule_of(_read_words(said.split()), start_local)
    return replace(rule, count=count, until=until)


# Four years on, a February 29 to fill in stays a day of the calendar.
_OTHER_YEAR = relativedelta(years=4)


def _until_words(text: str, start_local: datetime, tz: ZoneInfo) -> datetime:
    try:
        day = parse_date(text, default=start_local).date()
        # Read again with another year to fill in: a year that differs was not written.
        year_left_out = parse_date(text, default=start_local + _OTHER_YEAR).year != day.year
    except (ValueError, OverflowError):
        raise UserError(
            f"“{text}” is not an end date I can read; write it like 2027-06-30."
        ) from None
    if year_left_out and day < start_local.date():
        # "until Jan 31" typed in December means the coming January, as in a meetup's time.
        day += relativedelta(years=1)
    return end_of_day(day, tz)


def _read_words(words: list[str]) -> _Phrase:
    phrase = _Phrase()
    index = 0
    while index < len(words):
        word = words[index]
        after = words[index + 1] if index + 1 < len(words) else ""
        said = " ".join(words[: index + 1])
        if word == "every" and (after.isdecimal() or after in _INTERVAL_WORDS):
            phrase.interval = int(after) if after.isdecimal() else _INTERVAL_WORDS[after]
            if not 1 <= phrase.interval <= 9999:
                raise UserError(f"“{said} {after}”: say every 1 to 9999. {HINT}")
            index += 2
            continue
        if word in _FREQUENCY_WORDS:
            freq, phrase.interval = _FREQUENCY_WORDS[word]
            phrase.set_freq(freq, said)
        elif (ordinal := _ordinal(word)) is not None:
            phrase.ordinals.append(ordinal)
        elif word in _WEEKDAY_WORDS:
            ordinals = phrase.ordinals or [None]
            phrase.weekdays += [(n, _WEEKDAY_WORDS[word]) for n in ordinals]
            phrase.ordinals = []
        elif word in ("day", "days") and phrase.ordinals:
            phrase.ordinals_are_days()
        elif word in _UNITS and not phrase.ordinals:
            phrase.set_freq(_UNITS[word], said)
        elif word not in _FILLER:
            understood = " ".join(words[:index])
            heard = f"I understood “{understood}” but not “{word}”." if understood else ""
            raise UserError(f"{heard or f'I did not understand “{word}”.'} {HINT}")
        index += 1
    phrase.ordinals_are_days()
    return phrase


def _ordinal(word: str) -> int | None:
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    return int(match[1]) if match and 1 <= int(match[1]) <= 31 else None


def _rule_of(phrase: _Phrase, start_local: datetime) -> Rule:
    """The rule a phrase's words make, checking they make one."""
    weekdays = tuple(dict.fromkeys(phrase.weekdays))
    monthdays = tuple(dict.fromkeys(phrase.monthdays))
    numbered = any(n is not None for n, _ in weekdays)
    if numbered and not all(n is not None for n, _ in weekdays):
        raise UserError(f"Say which of each weekday, as in “first and third saturday”. {HINT}")
    if weekdays and monthdays:
        raise UserError(f"Give weekdays or days of the month, not both. {HINT}")
    if numbered and any(abs(n or 0) > 5 for n, _ in weekdays):
        raise UserError("A month has at most five of each weekday: say first to fifth, or last.")
    freq = phrase.freq or ("MONTHLY" if numbered or monthdays else "WEEKLY" if weekdays else None)
    if freq is None:
        raise UserError(f"Say how often the meetup repeats. {HINT}")
    if (numbered or monthdays) and freq != "MONTHLY":
        raise UserError(f"A day of the month repeats monthly, not {freq.lower()}. {HINT}")
    if weekdays and not numbered and freq == "DAILY":
        raise UserError(f"A weekday repeats weekly, not daily. {HINT}")
    if weekdays and not numbered and freq != "WEEKLY":
        raise UserError(
            f"Say which {DAY_NAMES[WEEKDAYS.index(weekdays[0][1])]} of the month: first, "
            f"second, third, fourth, fifth or last. {HINT}"
        )
    rule = Rule(freq, phrase.interval, byday=weekdays, bymonthday=monthdays)
    if len(monthdays) == 1:
        return _clamped(rule, monthdays[0])
    if freq == "MONTHLY" and not weekdays and not monthdays and start_local.day > 28:
        return _clamped(rule, start_local.day)
    if freq == "YEARLY" and (start_local.month, start_local.day) == (2, 29):
        return replace(rule, bymonth=(2,), bymonthday=(28, 29), bysetpos=(-1,))
    return rule


def _clamped(rule: Rule, day: int) -> Rule:
    """A monthly rule on `day`, falling on the last day of months too short for it."""
    if day in (31, -1):
        return replace(rule, bymonthday=(-1,))
    if day > 28:
        return replace(rule, bymonthday=tuple(range(28, day + 1)), bysetpos=(-1,))
    return replace(rule, bymonthday=(day,))
