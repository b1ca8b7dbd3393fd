"""A repeat in plain words ("monthly on the first saturday, 10 times") read into a series' rule,
with the clamping that keeps a monthly meetup from the 29th to 31st in every month."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from difflib import get_close_matches
from zoneinfo import ZoneInfo

from dateutil.parser import parse as parse_date
from dateutil.relativedelta import relativedelta

from bot.dates import DAY_NAMES, MONTH_NAMES
from bot.errors import UserError
from bot.recurrence.local_time import end_of_day
from bot.recurrence.rule import HINT, MAX_COUNT, WEEKDAYS, NotASeries, Rule, read_count

_FREQUENCY_WORDS = {
    **{word: (word.upper(), 1) for word in ("daily", "weekly", "monthly", "yearly")},
    "annually": ("YEARLY", 1),
    **dict.fromkeys(("biweekly", "bi-weekly", "fortnightly"), ("WEEKLY", 2)),
    "quarterly": ("MONTHLY", 3),
}
# Words read one way by some and another by others: refused, saying what to write instead.
_TWO_READINGS = {
    **dict.fromkeys(
        ("bimonthly", "bi-monthly"),
        "“{}” means every 2 months to some and twice a month to others: write every 2 months, "
        "or the days, such as monthly on the 1st and 15th or first and third saturday.",
    ),
    **dict.fromkeys(
        ("biannually", "biannual", "bi-annually", "semiannually", "semi-annually"),
        "“{}” means twice a year to some and every 2 years to others: write every 6 months "
        "or every 2 years.",
    ),
    **dict.fromkeys(
        ("twice", "semimonthly", "semi-monthly", "semiweekly", "semi-weekly"),
        "“{}” does not say which days: say which days, such as monthly on the 1st and 15th, "
        "first and third saturday, or every tuesday and thursday.",
    ),
}
_NOT_A_SERIES = {"no", "none", "never", "once", "n/a", "single", "one-off", "one time"}
_WEEKDAY_GROUPS = {
    **dict.fromkeys(("weekday", "weekdays"), WEEKDAYS[:5]),
    **dict.fromkeys(("weekend", "weekends"), WEEKDAYS[5:]),
}
_UNITS = {
    **dict.fromkeys(("day", "days"), "DAILY"),
    **dict.fromkeys(("week", "weeks"), "WEEKLY"),
    **dict.fromkeys(("month", "months"), "MONTHLY"),
    **dict.fromkeys(("year", "years"), "YEARLY"),
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_INTERVAL_WORDS = {"other": 2, "alternate": 2} | {w: n for w, n in _NUMBER_WORDS.items() if n > 1}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_WEEKDAY_WORDS = {
    **{
        word: code
        for code, name in zip(WEEKDAYS, DAY_NAMES, strict=True)
        for word in (name.lower(), f"{name.lower()}s", name.lower()[:3])
    },
    **{"tues": "TU", "weds": "WE", "thur": "TH", "thurs": "TH"},
}
_FILLER = {"on", "the", "of", "each", "and", "a", "in", "&", "every", "once", "per"}
_COUNT_WORDS = re.compile(
    r"(?:\bfor\s+)?\b(\d+)\s*(?:times?|occurrences?|meetups?|x)\b|\bx\s*(\d+)\b"
)
# "for 4 weeks": the meetups that fall within four weeks of the start.
_SPAN_WORDS = re.compile(
    rf"\bfor\s+(?:the\s+next\s+)?(\d+|{'|'.join(_NUMBER_WORDS)})\s+(day|week|month|year)s?\b"
)
# The spans that hold a whole number of each frequency's periods: a month holds four or five
# weeks, so "weekly for a month" does not say how many meetups.
_SPAN_UNITS = {
    "DAILY": ("day", "week"),
    "WEEKLY": ("week",),
    "MONTHLY": ("month", "year"),
    "YEARLY": ("year",),
}
# After _plain_words, which leaves out the dots of "10 a.m.".
_TIME_OF_DAY = re.compile(r"(?:\bat|@)\s*\d|\d\s*[ap]\s?m\b|\d:\d\d|\bnoon\b")
# A bare range of hours ("every saturday 10-2", "9 - 11") is a time too, looked for in the text
# as typed (_plain_words drops a spaced dash) before any "until" (whose date may be 12-31),
# unless it is part of a date (2027-06-30) or a unit follows it.
_HOURS_RANGE = re.compile(
    r"(?<![-/\d])\b\d{1,2}\s*[-–]\s*\d{1,2}\b(?![-/\d])"
    r"(?!\s*(?:times?|x|days?|weeks?|months?|years?)\b)"
)
_WEEKDAY_RANGE = re.compile(
    rf"\b({'|'.join(_WEEKDAY_WORDS)})\s*(?:[-–]|\s(?:to|thru|through)\s)\s*({'|'.join(_WEEKDAY_WORDS)})\b"
)
# The words a typo most often hides, for a "did you mean".
_KNOWN_WORDS = (*_FREQUENCY_WORDS, *_UNITS, *_ORDINAL_WORDS, *_WEEKDAY_WORDS, *_WEEKDAY_GROUPS)
_UNTIL_WORDS = re.compile(r"\b(?:until|till|til|through|thru|ending|ends)\b(?:\s+on\b)?\s*(.*)$")


@dataclass
class _Phrase:
    """What the words of a phrase have said so far."""

    freq: str | None = None
    interval: int = 1
    weekdays: list[tuple[int | None, str]] = field(default_factory=list)
    monthdays: list[int] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)  # waiting for a weekday or "day"
    weekday_picks: list[int] = field(default_factory=list)  # "the last weekday" of the month

    def set_freq(self, freq: str, said: str) -> None:
        if self.freq not in (None, freq):
            raise UserError(f"“{said}” names two different frequencies. {HINT}")
        self.freq = freq

    def ordinals_are_days(self) -> None:
        self.monthdays += self.ordinals
        self.ordinals = []


def _plain_words(text: str) -> str:
    """The phrase's words, folded, with the marks between them left out and weekday ranges
    ("mon-fri", "tue thru thu") and lists ("tue/thu", "sat + sun") written out."""
    said = re.sub(r"[,()\[\]:;!]|(?<=[a-z])\.|(?<!\S)[-–](?!\S)", " ", text.casefold())
    said = re.sub(r"(?<=[a-z])\s*[/+]\s*(?=[a-z])", " and ", said)
    return " ".join(_WEEKDAY_RANGE.sub(_weekdays_in_range, said).split())


def _weekdays_in_range(match: re.Match[str]) -> str:
    first, last = (WEEKDAYS.index(_WEEKDAY_WORDS[day]) for day in match.groups())
    days = range(first, last + 1 if last >= first else last + 8)
    return " and ".join(DAY_NAMES[day % 7].casefold() for day in days)


def read_phrase(text: str, start_local: datetime, tz: ZoneInfo) -> Rule:
    """The rule a phrase such as "monthly on the first saturday, 10 times" asks for."""
    said = _plain_words(text)
    if said in _NOT_A_SERIES:
        raise NotASeries()
    typed = _UNTIL_WORDS.sub("", text.casefold())
    if _TIME_OF_DAY.search(said) or _HOURS_RANGE.search(typed):
        raise UserError(
            "A series repeats at the meetup's own time, from when: leave the time out of "
            f"repeat. {HINT}"
        )
    if re.search(r"\b(?:starting|starts|beginning|begins)\b", said):
        raise UserError(
            "The series starts at the meetup's time, from when: leave the start out of repeat "
            f"(a start off the pattern moves to its first date). {HINT}"
        )
    if re.search(r"\b(?:except|excluding|skip|skipping|but not)\b", said):
        raise UserError(
            "Say the pattern only; to leave out a date, cancel that one with /meetup cancel "
            "and its occurrence once the series is posted."
        )
    count = None
    if found := _COUNT_WORDS.search(said):
        count = read_count(found[1] or found[2])
        said = said[: found.start()] + said[found.end() :]
    span = None
    if found := _SPAN_WORDS.search(said):
        span = found
        said = said[: found.start()] + said[found.end() :]
    until = None
    if found := _UNTIL_WORDS.search(said):
        until = _until_words(found[1].strip(), start_local, tz)
        said = said[: found.start()]
    if sum(end is not None for end in (count, span, until)) > 1:
        raise UserError(
            "Give one end: a date (until …), a number of meetups (… times) or a span "
            "(for 4 weeks), not both."
        )
    rule = _rule_of(_read_words(said.split()), start_local)
    if span is not None:
        count = _count_within(rule, span, start_local)
    return replace(rule, count=count, until=until)


def _count_within(rule: Rule, span: re.Match[str], start_local: datetime) -> int:
    """How many of the rule's meetups fall within `span` ("for 4 weeks") of the start."""
    number, unit = span.groups()
    if unit not in _SPAN_UNITS[rule.freq]:
        raise UserError(
            f"I can't tell how many {rule.freq.lower()} meetups “{span[0]}” gives: say how many "
            f"times (… 4 times) or until which date (until {_end_to_write(start_local)})."
        )
    amount = int(number) if number.isdecimal() else _NUMBER_WORDS[number]
    end = start_local + relativedelta(**{f"{unit}s": amount})
    within = 0
    for wall in rule.walls(start_local):
        if wall >= end:
            break
        within += 1
        if within > MAX_COUNT:
            break
    if within == 0:
        raise UserError(f"No meetup of that series falls within “{span[0]}” of the start.")
    return read_count(str(within))


# Four years on, a February 29 to fill in stays a day of the calendar.
_OTHER_YEAR = relativedelta(years=4)
_MONTH_END = re.compile(r"(?:the\s+)?end\s+of\s+(?:the\s+month\s+of\s+)?(.+)")


def _until_words(text: str, start_local: datetime, tz: ZoneInfo) -> datetime:
    month_end = _MONTH_END.fullmatch(text)
    if month_end:
        text = month_end[1]
    # Read with two fill-ins, January 1 and February 2 four years on: a field that differs
    # between the readings was not written.
    first = start_local.replace(month=1, day=1)
    try:
        day = parse_date(text, default=first).date()
        other = parse_date(text, default=first.replace(month=2, day=2) + _OTHER_YEAR).date()
    except (ValueError, OverflowError):
        raise UserError(
            f"“{text}” is not an end date I can read; write it like {_end_to_write(start_local)}."
        ) from None
    if other.month != day.month:
        raise UserError(
            f"Which day does “{text}” end on? Write it like {_end_to_write(start_local)}."
        )
    if month_end:
        day = _last_of_month(day)
    elif other.day != day.day:
        month = MONTH_NAMES[day.month - 1]
        last = _last_of_month(day).day
        raise UserError(
            f"Which day of {month}? Write until {month} {last} or until end of {month}."
        )
    if other.year != day.year and day < start_local.date():
        # "until Jan 31" typed in December means the coming January, as in a meetup's time.
        day += relativedelta(years=1)
        if month_end:
            day = _last_of_month(day)
    return end_of_day(day, tz)


def _end_to_write(start_local: datetime) -> str:
    """An end date to show as an example: the end of the month six months after the start, so
    it is never a date gone (from a December 2026 start, 2027-06-30)."""
    return f"{_last_of_month((start_local + relativedelta(months=6)).date()):%Y-%m-%d}"


def _last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _read_words(words: list[str]) -> _Phrase:
    phrase = _Phrase()
    index = 0
    while index < len(words):
        word = words[index]
        after = words[index + 1] if index + 1 < len(words) else ""
        said = " ".join(words[: index + 1])
        if word == "every" and (question := _every_second_weekday(words, index)):
            raise question
        if word == "every" and (after.isdecimal() or after in _INTERVAL_WORDS):
            phrase.interval = int(after) if after.isdecimal() else _INTERVAL_WORDS[after]
            if not 1 <= phrase.interval <= 9999:
                raise UserError(f"“{said} {after}”: say every 1 to 9999. {HINT}")
            index += 2
            continue
        if word in _TWO_READINGS:
            raise UserError(_TWO_READINGS[word].format(word))
        if word in ("alternate", "alternating"):
            phrase.interval = 2
        elif word in ("weekday", "weekdays") and phrase.ordinals:
            phrase.weekday_picks += phrase.ordinals
            phrase.weekdays += [(None, day) for day in _WEEKDAY_GROUPS[word]]
            phrase.ordinals = []
        elif word in _WEEKDAY_GROUPS:
            if phrase.ordinals:
                raise UserError(
                    f"“{said}” picks among several days: name one, such as second saturday, or "
                    "write an RRULE (FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1 is the first weekend "
                    "day of each month)."
                )
            phrase.weekdays += [(None, day) for day in _WEEKDAY_GROUPS[word]]
        elif word in _FREQUENCY_WORDS:
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
        elif word in ("month", "months") and phrase.ordinals:
            # "the 15th of every month", "the last of the month"
            phrase.ordinals_are_days()
            phrase.set_freq("MONTHLY", said)
        elif word in _UNITS and not phrase.ordinals:
            phrase.set_freq(_UNITS[word], said)
        elif word == "end":  # "end of every month", "every month end"
            phrase.monthdays.append(-1)
        elif word not in _FILLER:
            understood = " ".join(words[:index])
            heard = f"I understood “{understood}” but not “{word}”." if understood else ""
            close = get_close_matches(word, _KNOWN_WORDS, 1, 0.8)
            meant = f" Did you mean {close[0]}?" if close else ""
            raise UserError(f"{heard or f'I did not understand “{word}”.'}{meant} {HINT}")
        index += 1
    phrase.ordinals_are_days()
    return phrase


def _every_second_weekday(words: list[str], index: int) -> UserError | None:
    """The question to ask of "every 2nd saturday" (the word `every` at `index`): every other
    Saturday to many, the second Saturday of each month to others; none when the phrase names
    the month, which says the second reading. "Every third thursday" reads monthly, as few
    meet every three weeks."""
    second = index + 1 < len(words) and _ordinal(words[index + 1]) == 2
    day = words[index + 2] if index + 2 < len(words) else ""
    if not second or day not in _WEEKDAY_WORDS or any(w.startswith("month") for w in words):
        return None
    name = DAY_NAMES[WEEKDAYS.index(_WEEKDAY_WORDS[day])].lower()
    return UserError(
        f"“every {words[index + 1]} {day}” reads two ways: which did you mean? Type every "
        f"other {name}, or monthly on the second {name}."
    )


def _ordinal(word: str) -> int | None:
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    return int(match[1]) if match and 1 <= int(match[1]) <= 31 else None


def _rule_of(phrase: _Phrase, start_local: datetime) -> Rule:
    """The rule a phrase's words make, checking they make one."""
    weekdays = tuple(dict.fromkeys(phrase.weekdays))
    monthdays = tuple(dict.fromkeys(phrase.monthdays))
    if phrase.weekday_picks:
        return _weekday_picks(phrase, weekdays, monthdays)
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


def _weekday_picks(
    phrase: _Phrase, weekdays: tuple[tuple[int | None, str], ...], monthdays: tuple[int, ...]
) -> Rule:
    """ "The last weekday of the month": the month's weekdays picked by their places."""
    if monthdays or weekdays != tuple((None, day) for day in WEEKDAYS[:5]):
        raise UserError(f"Give the weekday of the month alone, as in “last weekday”. {HINT}")
    if phrase.freq not in (None, "MONTHLY"):
        raise UserError(f"A weekday of the month repeats monthly, not {phrase.freq.lower()}.")
    picks = tuple(sorted(set(phrase.weekday_picks), key=lambda n: (n < 0, n)))
    return Rule("MONTHLY", phrase.interval, byday=weekdays, bysetpos=picks)


def _clamped(rule: Rule, day: int) -> Rule:
    """A monthly rule on `day`, falling on the last day of months too short for it: the 31st
    too is written as the latest of the month's days from the 28th on (not as its last day,
    the same dates), so that it is said as typed, with what shorter months do."""
    if day == -1:
        return replace(rule, bymonthday=(-1,))
    if day > 28:
        return replace(rule, bymonthday=tuple(range(28, day + 1)), bysetpos=(-1,))
    return replace(rule, bymonthday=(day,))
