"""Dates and clock times written the way US members read them, in one place."""

from __future__ import annotations

from datetime import date, datetime, timedelta

MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def us_date(day: date) -> str:
    """November 30, 2026."""
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def weekday_date(day: date) -> str:
    """Saturday, December 5, 2026."""
    return f"{DAY_NAMES[day.weekday()]}, {us_date(day)}"


def clock_text(moment: datetime) -> str:
    """10:00 AM."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def whole_minutes(length: timedelta) -> int:
    """A length as the whole minutes stored and shown for durations, cutoffs and offsets."""
    return int(length.total_seconds() // 60)


def length_words(length: timedelta) -> str:
    """`2 hours`, `90 minutes`, `16 hours 40 minutes`, `1 day 6 hours`, `7 days`, for texts
    members read: minutes alone below two hours, as people say them, else days, hours and
    minutes, each named when there is some."""
    minutes = whole_minutes(length)
    if minutes < 120 and minutes % 60:
        return _counted(minutes, "minute")
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    named = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    return " ".join(_counted(n, unit) for n, unit in named if n) or _counted(0, "minute")


def _counted(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("s" if count != 1 else "")
