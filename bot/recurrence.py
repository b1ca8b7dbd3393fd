"""Repeating meetups: what organizers type, as an RFC 5545 RRULE, and the meetups it gives.

The rules a series follows, which the organizer sees in its description and a calendar app
reading our .ics applies the same way:

- A series repeats the local wall-clock time of its start in its own zone: 10:00 stays 10:00
  across daylight-saving changes.
- A wall-clock time skipped by a spring-forward gap happens after the clock change, later by the
  gap's length (2:30 AM on a day the clocks jump from 2:00 to 3:00 is 3:30 AM). A time repeated by
  a fall-back fold is its first, earlier instant. Both are RFC 5545's rules (section 3.3.5) and
  what `zoneinfo` does with fold=0; they hold for every local time here, moved meetups included.
- A typed "monthly" from the 29th, 30th or 31st falls on the last day of months too short for
  that day (BYMONTHDAY=28,29,30;BYSETPOS=-1, or BYMONTHDAY=-1 from the 31st), and a typed
  "yearly" from February 29 falls on February 28 in common years: a month without its meetup
  would surprise the people who come every month. A raw RRULE keeps RFC 5545's meaning, which
  skips those months; its description says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from types import MappingProxyType
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from dateutil.parser import parse as parse_date

from bot.dates import DAY_NAMES, MONTH_NAMES, clock_text, us_date, weekday_date
from bot.errors import UserError

MAX_TEXT_CHARS = 200
MAX_COUNT = 500
# A series' first two meetups must come within this span: long enough for the sparsest series a
# meetup could follow (February 29 every leap year: 8 years apart across 2100).
HORIZON = timedelta(days=366 * 8)
# The Gregorian calendar, weekdays included, repeats every 400 years.
CALENDAR_CYCLE_YEARS = 400

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
HINT = (
    "Try weekly, every 2 weeks, monthly, monthly on the first saturday, last sunday of the "
    "month, yearly or daily, with until 2027-06-30 or 10 times, or an RRULE such as "
    "FREQ=MONTHLY;BYDAY=1SA."
)
_NO_EXCEPTIONS: Mapping[datetime, datetime | None] = MappingProxyType({})

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
class Repeat:
    """A series the organizer asked for, ready to store beside the meetup."""

    rrule: str  # the RFC 5545 RRULE value, without the "RRULE:" name
    description: str  # what the organizer is shown: "every first Saturday at 10:00 AM, …"
    first: datetime  # the first meetup's naive local start: the start, or the rule's next date


@dataclass(frozen=True)
class _Rule:
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


def parse_repeat(text: str, start_local: datetime, zone: str) -> Repeat:
    """The series `text` asks for from a naive local start in `zone`, or a UserError saying
    what was understood. `text` is a phrase (`monthly on the first saturday, 10 times`) or an
    RRULE (`FREQ=MONTHLY;BYDAY=1SA`, with or without `RRULE:`)."""
    _require_naive(start_local)
    tz = ZoneInfo(zone)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError(f"Say how the meetup repeats. {HINT}")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise UserError(
            f"That repeat is {len(cleaned)} characters; keep it to {MAX_TEXT_CHARS}. {HINT}"
        )
    if re.match(r"(?i)(rrule:)?\s*[a-z]+\s*=", cleaned):
        rule = _read_rrule(cleaned, tz)
    else:
        rule = _read_phrase(cleaned, start_local, tz)
    description = _describe(rule, start_local, tz)
    first = _first_meetup(rule, start_local, tz, description)
    if first.date() != start_local.date():
        description += f"; the first is on {weekday_date(first)}"
    return Repeat(rule.text(), description, first)


def describe(start_local: datetime, zone: str, rrule: str) -> str:
    """The series in words for its card: "every first Saturday at 10:00 AM, until June 30, 2027"."""
    _require_naive(start_local)
    tz = ZoneInfo(zone)
    return _describe(_read_rrule(rrule, tz), start_local, tz)


def occurrences(
    start_local: datetime,
    zone: str,
    rrule: str,
    *,
    after: datetime,
    limit: int,
    exceptions: Mapping[datetime, datetime | None] = _NO_EXCEPTIONS,
) -> list[datetime]:
    """The series' next `limit` starts strictly after the instant `after`, as aware UTC
    instants in order. `exceptions` maps a meetup's original naive local start (a gap time as
    written, 2:30, or as it happens, 3:30) to its moved naive local start, or to None when that
    one meetup is cancelled; a key that is not a meetup of the series (left from an earlier
    version of it) changes nothing. `start_local` is the series' first start (Repeat.first):
    as in dateutil, a start off the rule is not a meetup."""
    _require_naive(start_local)
    if after.tzinfo is None:
        raise ValueError("after must be an aware instant")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    tz = ZoneInfo(zone)
    rule = _read_rrule(rrule, tz)
    walls = rule.walls(start_local)
    # Keyed by instant, so that a gap time matches however it was written.
    changed = {_instant(original, tz): moved for original, moved in exceptions.items()}
    found = [
        at
        for original, moved in changed.items()
        if moved is not None
        and (at := _instant(moved, tz)) > after
        and _is_meetup(rule, walls, original, tz)
    ]
    kept = 0
    for instant in _instants_from(walls, after, tz):
        if rule.until is not None and instant > rule.until:
            break
        if instant <= after or instant in changed:
            continue
        found.append(instant)
        kept += 1
        if kept == limit:
            break
    return sorted(found)[:limit]


def to_instant(local: datetime, zone: str) -> datetime:
    """The aware UTC instant of a naive local wall-clock time in `zone`, by the series' rule for
    gaps (later by the gap's length) and folds (the first of the two)."""
    _require_naive(local)
    return _instant(local, ZoneInfo(zone))


def _instant(wall: datetime, tz: ZoneInfo) -> datetime:
    # fold=0 reads a gap time with the offset before the change, which lands after it, and a
    # fold time as the first of the two: RFC 5545's rules, whatever fold the caller's value had.
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def _require_naive(local: datetime) -> None:
    if local.tzinfo is not None:
        raise ValueError("a local start is a naive wall-clock time; its zone is given apart")


def _is_meetup(rule: _Rule, walls: du.rrule, instant: datetime, tz: ZoneInfo) -> bool:
    if rule.until is not None and instant > rule.until:
        return False
    later = (at for at in _instants_from(walls, instant, tz) if at >= instant)
    return next(later, None) == instant


def _instants_from(walls: du.rrule, instant: datetime, tz: ZoneInfo) -> Iterator[datetime]:
    """The rule's meetups as instants, from a little before `instant` on."""
    # Two days before in wall time: meetups are a day or more apart and no zone's offset has
    # jumped by two days, so none at or after `instant` is missed.
    since = instant.astimezone(tz).replace(tzinfo=None) - timedelta(days=2)
    return (_instant(wall, tz) for wall in walls.xafter(since, inc=True))


def _first_meetup(rule: _Rule, start_local: datetime, tz: ZoneInfo, description: str) -> datetime:
    """The first meetup's local start, after refusing a series that is not one."""
    start = _instant(start_local, tz)
    if rule.until is not None and rule.until < start:
        raise UserError(
            f"“{description}” ends before the meetup's start on {weekday_date(start_local)}."
        )
    walls = _first_two(rule, start_local)
    if not walls:
        raise UserError(
            f"“{description}” gives no meetup in the next {HORIZON.days // 365} years. {HINT}"
        )
    first = walls[0]
    if rule.until is not None and _instant(first, tz) > rule.until:
        raise UserError(
            f"“{description}” ends before its first meetup, which would be on "
            f"{weekday_date(first)}."
        )
    ends_after_first = rule.count == 1 or (
        rule.until is not None and len(walls) == 2 and _instant(walls[1], tz) > rule.until
    )
    if len(walls) < 2 or ends_after_first:
        raise UserError(
            f"“{description}” gives only one meetup, on {weekday_date(first)}. "
            "Leave repeat empty for a single meetup."
        )
    return first


def _first_two(rule: _Rule, start_local: datetime) -> list[datetime]:
    """The rule's first two local starts within HORIZON of `start_local`, ignoring COUNT."""
    # dateutil stops a rule that gives nothing only at the year 9999: millions of days to walk
    # for a daily rule. The same search, whole calendar cycles later, ends soon after.
    cycles = (
        datetime.max.year - start_local.year - HORIZON.days // 365 - 1
    ) // CALENDAR_CYCLE_YEARS
    years = cycles * CALENDAR_CYCLE_YEARS
    late = rule.walls(start_local.replace(year=start_local.year + years), probe=True)
    return [wall.replace(year=wall.year - years) for wall in islice(late, 2)]


# Reading an RRULE


def _read_rrule(text: str, tz: ZoneInfo) -> _Rule:
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
    rule = _Rule(
        freq,
        interval=_interval(parts.get("INTERVAL", "1")),
        count=_count(parts["COUNT"]) if "COUNT" in parts else None,
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


def _count(value: str) -> int:
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
            return _end_of_day(datetime.strptime(day, "%Y%m%d").date(), tz)
        wall = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
    except ValueError:
        raise UserError(
            f"UNTIL={value} is not a date such as 20270630 or a time such as 20270630T235959Z."
        ) from None
    return wall.replace(tzinfo=UTC) if utc else _instant(wall, tz)


def _end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The last second of a local day: "until June 30" keeps any meetup on June 30."""
    return _instant(datetime.combine(day, time(23, 59, 59)), tz)


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


def _check_rfc(rule: _Rule) -> None:
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


# Reading a phrase

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


def _read_phrase(text: str, start_local: datetime, tz: ZoneInfo) -> _Rule:
    said = text.casefold().replace(",", " ").rstrip(".")
    count = None
    if found := _COUNT_WORDS.search(said):
        count = _count(found[1])
        said = said[: found.start()] + said[found.end() :]
    until = None
    if found := _UNTIL_WORDS.search(said):
        until = _until_words(found[1].strip(), start_local, tz)
        said = said[: found.start()]
    if count is not None and until is not None:
        raise UserError("Give an end date (until …) or a number of meetups (… times), not both.")
    rule = _rule_of(_read_words(said.split()), start_local)
    return replace(rule, count=count, until=until)


def _until_words(text: str, start_local: datetime, tz: ZoneInfo) -> datetime:
    try:
        day = parse_date(text, default=start_local).date()
    except (ValueError, OverflowError):
        raise UserError(
            f"“{text}” is not an end date I can read; write it like 2027-06-30."
        ) from None
    return _end_of_day(day, tz)


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


def _rule_of(phrase: _Phrase, start_local: datetime) -> _Rule:
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
    rule = _Rule(freq, phrase.interval, byday=weekdays, bymonthday=monthdays)
    if len(monthdays) == 1:
        return _clamped(rule, monthdays[0])
    if freq == "MONTHLY" and not weekdays and not monthdays and start_local.day > 28:
        return _clamped(rule, start_local.day)
    if freq == "YEARLY" and (start_local.month, start_local.day) == (2, 29):
        return replace(rule, bymonth=(2,), bymonthday=(28, 29), bysetpos=(-1,))
    return rule


def _clamped(rule: _Rule, day: int) -> _Rule:
    """A monthly rule on `day`, falling on the last day of months too short for it."""
    if day in (31, -1):
        return replace(rule, bymonthday=(-1,))
    if day > 28:
        return replace(rule, bymonthday=tuple(range(28, day + 1)), bysetpos=(-1,))
    return replace(rule, bymonthday=(day,))


# Describing a series

_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


def _describe(rule: _Rule, start_local: datetime, tz: ZoneInfo) -> str:
    describe_pattern = {"DAILY": _daily, "WEEKLY": _weekly, "MONTHLY": _monthly, "YEARLY": _yearly}
    pattern = describe_pattern[rule.freq](rule, start_local)
    if pattern is None:
        # Rules beyond plain words (BYSETPOS picks, week numbers…) are shown as written.
        pattern = f"on the dates of {replace(rule, count=None, until=None).text()}"
    words = f"{pattern} at {clock_text(start_local)}"
    if rule.count is not None:
        return f"{words}, {'once' if rule.count == 1 else f'{rule.count} times'}"
    if rule.until is not None:
        return f"{words}, until {us_date(rule.until.astimezone(tz))}"
    return words


def _daily(rule: _Rule, start_local: datetime) -> str | None:
    if rule.byyearday or rule.byweekno or rule.bymonthday or rule.bysetpos:
        return None
    if rule.byday:
        return f"every {_weekday_names(rule)}{_in_months(rule)}" if rule.interval == 1 else None
    return f"{_every(rule.interval, 'day')}{_in_months(rule)}"


def _weekly(rule: _Rule, start_local: datetime) -> str | None:
    if rule.bysetpos:
        return None
    days = _weekday_names(rule) if rule.byday else DAY_NAMES[start_local.weekday()]
    if rule.interval == 1:
        return f"every {days}{_in_months(rule)}"
    return f"every {rule.interval} weeks on {days}{_in_months(rule)}"


def _monthly(rule: _Rule, start_local: datetime) -> str | None:
    if rule.byday:
        if rule.bymonthday or rule.bysetpos or any(n is None for n, _ in rule.byday):
            return None
        days = _numbered_weekdays(rule.byday)
        if rule.interval == 1:
            return f"every {days}{_in_months(rule)}"
        return f"every {rule.interval} months on the {days}{_in_months(rule)}"
    days = _monthdays(rule.bymonthday or (start_local.day,), rule.bysetpos)
    return None if days is None else f"{_every(rule.interval, 'month')} on {days}{_in_months(rule)}"


def _monthdays(days: tuple[int, ...], bysetpos: tuple[int, ...]) -> str | None:
    if bysetpos == (-1,) and 29 <= days[-1] <= 31 and days == tuple(range(28, days[-1] + 1)):
        return f"the {_ordinal_number(days[-1])} (the last day in shorter months)"
    if bysetpos:
        return None
    words = f"the {_join([_monthday(day) for day in days])}"
    late = [day for day in days if day > 28]
    if len(late) == 1 and len(days) == 1:
        return f"{words} (months without a {_ordinal_number(late[0])} are skipped)"
    return f"{words} (a month without one of those days skips it)" if late else words


def _yearly(rule: _Rule, start_local: datetime) -> str | None:
    every = _every(rule.interval, "year")
    if rule.byyearday or rule.byweekno or len(rule.bymonth) > 1:
        return None
    month = rule.bymonth[0] if rule.bymonth else start_local.month
    if rule.bysetpos:
        clamped = (rule.bymonth, rule.bymonthday, rule.bysetpos) == ((2,), (28, 29), (-1,))
        return f"{every} on February 29 (February 28 in common years)" if clamped else None
    if rule.byday:
        if rule.bymonthday or not rule.bymonth or any(n is None for n, _ in rule.byday):
            return None
        return f"{every} on the {_numbered_weekdays(rule.byday)} of {MONTH_NAMES[month - 1]}"
    if len(rule.bymonthday) > 1 or any(day < 0 for day in rule.bymonthday):
        return None
    day = rule.bymonthday[0] if rule.bymonthday else start_local.day
    leap = " (leap years only)" if (month, day) == (2, 29) else ""
    return f"{every} on {MONTH_NAMES[month - 1]} {day}{leap}"


def _every(interval: int, unit: str) -> str:
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def _in_months(rule: _Rule) -> str:
    if not rule.bymonth:
        return ""
    return f" in {_join([MONTH_NAMES[month - 1] for month in sorted(rule.bymonth)])}"


def _weekday_names(rule: _Rule) -> str:
    codes = sorted({day for _, day in rule.byday}, key=WEEKDAYS.index)
    return _join([DAY_NAMES[WEEKDAYS.index(code)] for code in codes])


def _numbered_weekdays(byday: tuple[tuple[int | None, str], ...]) -> str:
    """ "first and third Saturday", grouping the numbers of each weekday."""
    numbers: dict[str, list[str]] = {}
    for n, day in byday:
        numbers.setdefault(day, []).append(_ordinal_word(n or 1))
    return _join(
        [f"{_join(words)} {DAY_NAMES[WEEKDAYS.index(day)]}" for day, words in numbers.items()]
    )


def _monthday(day: int) -> str:
    if day > 0:
        return _ordinal_number(day)
    return "last day" if day == -1 else f"{_ordinal_number(-day)}-to-last day"


def _ordinal_word(n: int) -> str:
    if n in _ORDINAL_NAMES:
        return _ORDINAL_NAMES[n]
    return _ordinal_number(n) if n > 0 else f"{_ordinal_number(-n)}-to-last"


def _ordinal_number(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _du_weekday(code: str, n: int | None = None) -> du.weekday:
    return du.weekdays[WEEKDAYS.index(code)](n)
