"""A series' rule: RFC 5545's RRULE as a value, read from its text (refusing what the RFC or a
meetup series does not allow), written back, and walked as local dates and times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from bot.errors import UserError
from bot.recurrence.local_time import end_of_day, instant_of

MAX_COUNT = 500
# A series' first two meetups must come within this span: long enough for the sparsest series a
# meetup could follow (February 29 every leap year: 8 years apart across 2100).
HORIZON = timedelta(days=366 * 8)

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class NotASeries(UserError):
    """A repeat that gives one meetup, not a series: `said` is what it gives (or nothing, for
    "none"). A new meetup is told to leave repeat empty; an edit of a series, where an empty
    repeat keeps the series, says how to end one instead."""

    def __init__(self, said: str = "") -> None:
        super().__init__(f"{said}Leave repeat empty for a single meetup.")
        self.said = said


# Its end date has no year, so it is the coming one whenever the series starts: a year in it
# would go stale.
HINT = (
    "Try weekly, every 2 weeks, every weekday, monthly, monthly on the first saturday, last "
    "sunday of the month, yearly or daily, with until June 30, 10 times or for 8 weeks, or "
    "an RRULE such as FREQ=MONTHLY;BYDAY=1SA."
)

_FREQUENCIES = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
_TOO_OFTEN = ("HOURLY", "MINUTELY", "SECONDLY")
# Signed RRULE number lists and their ranges (RFC 5545 section 3.3.10).
_NUMBER_PARTS = {
    "BYMONTH": (1, 12, False),
    "BYWEEKNO": (1, 53, True),
    "BYYEARDAY": (1, 366, True),
    "BYMONTHDAY": (1, 31, True),
    "BYSETPOS": (1, 366, True),
}
_KNOWN_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", *_NUMBER_PARTS}
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?")


@dataclass(frozen=True)
class Rule:
    """A series' rule, part by part as RFC 5545 names them."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: datetime | None = None  # an aware UTC instant, inclusive
    byday: tuple[tuple[int | None, str], ...] = ()  # (ordinal or None, "SA")
    bymonth: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str | None = None

    def text(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        for name, numbers in (
            ("BYMONTH", self.bymonth),
            ("BYWEEKNO", self.byweekno),
            ("BYYEARDAY", self.byyearday),
            ("BYMONTHDAY", self.bymonthday),
        ):
            if numbers:
                parts.append(f"{name}={_numbers_text(numbers)}")
        if self.byday:
            days = ",".join(f"{'' if n is None else n}{day}" for n, day in self.byday)
            parts.append(f"BYDAY={days}")
        if self.bysetpos:
            parts.append(f"BYSETPOS={_numbers_text(self.bysetpos)}")
        if self.wkst:
            parts.append(f"WKST={self.wkst}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    def walls(self, start_local: datetime, *, probe: bool = False) -> du.rrule:
        """Naive local dates-and-times of the rule from `start_local`. UNTIL is left to the caller,
        who compares instants as RFC 5545 means; a probe also drops COUNT and stops at HORIZON."""
        weekdays = [_du_weekday(day, n) for n, day in self.byday]
        return du.rrule(
            _FREQUENCIES[self.freq],
            dtstart=start_local,
            interval=self.interval,
            wkst=_du_weekday(self.wkst) if self.wkst else None,
            count=None if probe else self.count,
            until=start_local + HORIZON if probe else None,
            bysetpos=self.bysetpos or None,
            bymonth=self.bymonth or None,
            bymonthday=self.bymonthday or None,
            byyearday=self.byyearday or None,
            byweekno=self.byweekno or None,
            byweekday=weekdays or None,
            cache=False,
        )


def read_rrule(text: str, tz: ZoneInfo) -> Rule:
    """The rule an RRULE (with or without "RRULE:") gives, or a UserError saying what is wrong."""
    body = re.sub(r"\s+", "", text).upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for item in filter(None, body.split(";")):
        name, equals, value = item.partition("=")
        if not equals or not value:
            raise UserError(f"“{item}” is not a NAME=VALUE part of an RRULE. {HINT}")
        if name in parts:
            raise UserError(f"{name} appears twice in that RRULE.")
        parts[name] = value
    unknown = sorted(parts.keys() - _KNOWN_PARTS)
    if any(name in ("BYHOUR", "BYMINUTE", "BYSECOND") for name in unknown):
        raise UserError(
            "A meetup series repeats at most once a day, at its start's time: leave out "
            "BYHOUR, BYMINUTE and BYSECOND."
        )
    if unknown:
        raise UserError(f"I don't know the RRULE part {', '.join(unknown)}. {HINT}")
    freq = parts.get("FREQ", "")
    if freq in _TOO_OFTEN:
        raise UserError(
            f"FREQ={freq} repeats more often than daily; a meetup series repeats at most once "
            "a day (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."
        )
    if freq not in _FREQUENCIES:
        raise UserError(f"An RRULE needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY. {HINT}")
    rule = Rule(
        freq,
        interval=_interval(parts.get("INTERVAL", "1")),
        count=read_count(parts["COUNT"]) if "COUNT" in parts else None,
        until=_until(parts["UNTIL"], tz) if "UNTIL" in parts else None,
        byday=_byday(parts["BYDAY"]) if "BYDAY" in parts else (),
        wkst=_weekday_code(parts["WKST"]) if "WKST" in parts else None,
        **{
            name.lower(): _number_list(name, parts[name]) for name in _NUMBER_PARTS if name in parts
        },
    )
    _check_rfc(rule)
    return rule


def _interval(value: str) -> int:
    if not re.fullmatch(r"\d{1,4}", value) or int(value) < 1:
        raise UserError(f"INTERVAL={value} is not a whole number from 1 to 9999.")
    return int(value)


def read_count(value: str) -> int:
    """A series' number of meetups, refused outside 1 to MAX_COUNT."""
    if not value.isdecimal() or int(value) < 1:
        raise UserError(f"COUNT={value} gives no meetup: a series has 2 to {MAX_COUNT}.")
    if int(value) > MAX_COUNT:
        raise UserError(f"A series has at most {MAX_COUNT} meetups; COUNT={value} is more.")
    return int(value)


def _until(value: str, tz: ZoneInfo) -> datetime:
    match = _UNTIL.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        day, clock, utc = match.groups()
        if clock is None:
            return end_of_day(datetime.strptime(day, "%Y%m%d").date(), tz)
        wall = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
    except ValueError:
        raise UserError(
            f"UNTIL={value} is not a date such as 20270630 or a time such as 20270630T235959Z."
        ) from None
    return wall.replace(tzinfo=UTC) if utc else instant_of(wall, tz)


def _weekday_code(value: str) -> str:
    if value not in WEEKDAYS:
        raise UserError(f"{value} is not a weekday of an RRULE (MO, TU, WE, TH, FR, SA, SU).")
    return value


def _byday(value: str) -> tuple[tuple[int | None, str], ...]:
    days = []
    for item in value.split(","):
        match = _BYDAY.fullmatch(item)
        if match is None or (match[1] is not None and not 1 <= abs(int(match[1])) <= 53):
            raise UserError(f"BYDAY={value}: “{item}” is not a weekday such as SA, 1SA or -1SU.")
        days.append((None if match[1] is None else int(match[1]), match[2]))
    return tuple(dict.fromkeys(days))


def _number_list(name: str, value: str) -> tuple[int, ...]:
    low, high, signed = _NUMBER_PARTS[name]
    numbers = []
    for item in value.split(","):
        pattern = r"[+-]?\d{1,3}" if signed else r"\d{1,2}"
        if not re.fullmatch(pattern, item) or not low <= abs(int(item)) <= high:
            sign = "minus or plus " if signed else ""
            raise UserError(f"{name}={value}: each value is {sign}{low} to {high}.")
        numbers.append(int(item))
    return tuple(dict.fromkeys(numbers))


def _numbers_text(numbers: tuple[int, ...]) -> str:
    return ",".join(map(str, numbers))


def _check_rfc(rule: Rule) -> None:
    """Refuse what RFC 5545 forbids, so every calendar app reads the series as we do."""
    if rule.count is not None and rule.until is not None:
        raise UserError("Give an end date (UNTIL) or a number of meetups (COUNT), not both.")
    ordinals = any(n is not None for n, _ in rule.byday)
    forbidden = (
        (ordinals and rule.freq not in ("MONTHLY", "YEARLY"), "BYDAY with a number like 1SA"),
        (ordinals and bool(rule.byweekno), "BYDAY with a number like 1SA beside BYWEEKNO"),
        (bool(rule.bymonthday) and rule.freq == "WEEKLY", "BYMONTHDAY"),
        (bool(rule.byyearday) and rule.freq != "YEARLY", "BYYEARDAY"),
        (bool(rule.byweekno) and rule.freq != "YEARLY", "BYWEEKNO"),
    )
    for refused, what in forbidden:
        if refused:
            raise UserError(f"RFC 5545 does not allow {what} in a FREQ={rule.freq} rule.")
    if rule.bysetpos and not (
        rule.byday or rule.bymonthday or rule.bymonth or rule.byyearday or rule.byweekno
    ):
        raise UserError("BYSETPOS picks among the dates of another BY part; the RRULE has none.")


def _du_weekday(code: str, n: int | None = None) -> du.weekday:
    return du.weekdays[WEEKDAYS.index(code)](n)
