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
    """`2 hours`, `1 day 6 hours`, `90 minutes`, `7 days` (whole hours and days are named as
    such), for texts members read."""
    minutes = whole_minutes(length)
    if minutes % 60:
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    days, hours = divmod(minutes // 60, 24)
    named = [(days, "day"), (hours, "hour")]
    return " ".join(f"{n} {unit}" + ("s" if n != 1 else "") for n, unit in named if n)
