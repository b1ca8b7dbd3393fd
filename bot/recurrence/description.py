"""A series in words for the organizer and its card: "the first Saturday of every month at
10:00 AM, until June 30, 2027"; a rule beyond plain words is shown as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dates import DAY_NAMES, MONTH_NAMES, clock_text, us_date
from bot.limits import listed
from bot.recurrence.local_time import require_naive
from bot.recurrence.rule import WEEKDAYS, Rule, read_rrule
from bot.zones import zone_label

_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


def describe(start_local: datetime, zone: str, rrule: str, *, zone_named: bool = False) -> str:
    """The series in words: "the first Saturday of every month at 10:00 AM, until June 30,
    2027". `zone_named` adds the zone after the clock time ("at 10:00 AM (America/Denver)"),
    for text read beside Discord timestamps, which each reader sees in their own zone."""
    require_naive(start_local)
    tz = ZoneInfo(zone)
    return describe_rule(read_rrule(rrule, tz), start_local, tz, zone_named=zone_named)


def describe_rule(
    rule: Rule, start_local: datetime, tz: ZoneInfo, *, zone_named: bool = False
) -> str:
    """The rule in words from a naive local start in `tz`, as `describe` gives it."""
    describe_pattern = {"DAILY": _daily, "WEEKLY": _weekly, "MONTHLY": _monthly, "YEARLY": _yearly}
    pattern = describe_pattern[rule.freq](rule, start_local)
    if pattern is None:
        # Rules beyond plain words (week numbers, BYSETPOS among odd sets…) are shown as written.
        pattern = f"on the dates of {replace(rule, count=None, until=None).text()}"
    zone = f" ({zone_label(tz.key)})" if zone_named else ""
    words = f"{pattern} at {clock_text(start_local)}{zone}"
    if rule.count is not None:
        return f"{words}, {'once' if rule.count == 1 else f'{rule.count} times'}"
    if rule.until is not None:
        return f"{words}, until {us_date(rule.until.astimezone(tz))}"
    return words


def _daily(rule: Rule, start_local: datetime) -> str | None:
    if rule.byyearday or rule.byweekno or rule.bymonthday or rule.bysetpos:
        return None
    if rule.byday:
        return f"every {_weekday_names(rule)}{_in_months(rule)}" if rule.interval == 1 else None
    return f"{_every(rule.interval, 'day')}{_in_months(rule)}"


def _weekly(rule: Rule, start_local: datetime) -> str | None:
    if rule.bysetpos:
        return None
    days = _weekday_names(rule) if rule.byday else DAY_NAMES[start_local.weekday()]
    if rule.interval == 1:
        return f"every {days}{_in_months(rule)}"
    return f"every {rule.interval} weeks on {days}{_in_months(rule)}"


def _monthly(rule: Rule, start_local: datetime) -> str | None:
    if rule.byday:
        days = _picked_days(rule)
        if days is None:
            return None
        if rule.interval == 1:
            # Not "every second Saturday", which many read as every other Saturday.
            months = listed(_month_names(rule)) if rule.bymonth else "every month"
            return f"the {days} of {months}"
        return f"every {rule.interval} months on the {days}{_in_months(rule)}"
    days = _monthdays(rule.bymonthday or (start_local.day,), rule.bysetpos)
    return None if days is None else f"{_every(rule.interval, 'month')} on {days}{_in_months(rule)}"


def _monthdays(days: tuple[int, ...], bysetpos: tuple[int, ...]) -> str | None:
    if bysetpos == (-1,) and 29 <= days[-1] <= 31 and days == tuple(range(28, days[-1] + 1)):
        return f"the {_ordinal_number(days[-1])} (the last day in shorter months)"
    if bysetpos:
        return None
    words = f"the {listed([_monthday(day) for day in days])}"
    late = [day for day in days if day > 28]
    if len(late) == 1 and len(days) == 1:
        return f"{words} (months without a {_ordinal_number(late[0])} are skipped)"
    return f"{words} (a month without one of those days skips it)" if late else words


def _yearly(rule: Rule, start_local: datetime) -> str | None:
    every = _every(rule.interval, "year")
    if rule.byyearday or rule.byweekno or len(rule.bymonth) > 1:
        return None
    month = rule.bymonth[0] if rule.bymonth else start_local.month
    if (rule.bymonth, rule.bymonthday, rule.bysetpos) == ((2,), (28, 29), (-1,)):
        return f"{every} on February 29 (February 28 in common years)"
    if rule.byday:
        days = _picked_days(rule) if rule.bymonth else None
        return None if days is None else f"{every} on the {days} of {MONTH_NAMES[month - 1]}"
    if rule.bysetpos:
        return None
    if len(rule.bymonthday) > 1 or any(day < 0 for day in rule.bymonthday):
        return None
    day = rule.bymonthday[0] if rule.bymonthday else start_local.day
    leap = " (leap years only)" if (month, day) == (2, 29) else ""
    return f"{every} on {MONTH_NAMES[month - 1]} {day}{leap}"


def _every(interval: int, unit: str) -> str:
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def _in_months(rule: Rule) -> str:
    return f" in {listed(_month_names(rule))}" if rule.bymonth else ""


def _month_names(rule: Rule) -> list[str]:
    return [MONTH_NAMES[month - 1] for month in sorted(rule.bymonth)]


def _weekday_names(rule: Rule) -> str:
    codes = sorted({day for _, day in rule.byday}, key=WEEKDAYS.index)
    return listed([DAY_NAMES[WEEKDAYS.index(code)] for code in codes])


# The sets of weekdays a BYSETPOS picks among that have a name: "the last weekday".
_DAY_SETS = {
    frozenset(WEEKDAYS[:5]): "weekday",
    frozenset(WEEKDAYS[5:]): "weekend day",
    frozenset(WEEKDAYS): "day",
}


def _picked_days(rule: Rule) -> str | None:
    """The days of the month (or of the one month) a rule's BYDAY names: "first and third
    Saturday" from 1SA,3SA or from SA with BYSETPOS=1,3, "last weekday" from MO,TU,WE,TH,FR
    with BYSETPOS=-1; None when no words say it."""
    ordinals = [n is not None for n, _ in rule.byday]
    if rule.bymonthday:
        return None
    if not rule.bysetpos:
        return _numbered_weekdays(rule.byday) if all(ordinals) else None
    if any(ordinals):
        return None
    codes = frozenset(day for _, day in rule.byday)
    one = DAY_NAMES[WEEKDAYS.index(next(iter(codes)))] if len(codes) == 1 else None
    name = one or _DAY_SETS.get(codes)
    if name is None:
        return None
    # In the order of the month: first, second, …, second-to-last, last.
    positions = sorted(rule.bysetpos, key=lambda n: (n < 0, n))
    return f"{listed([_ordinal_word(n) for n in positions])} {name}"


def _numbered_weekdays(byday: tuple[tuple[int | None, str], ...]) -> str:
    """ "first and third Saturday", grouping the numbers of each weekday."""
    numbers: dict[str, list[str]] = {}
    for n, day in byday:
        numbers.setdefault(day, []).append(_ordinal_word(n or 1))
    return listed(
        [f"{listed(words)} {DAY_NAMES[WEEKDAYS.index(day)]}" for day, words in numbers.items()]
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
