"""A monthly series on the 31st is said as typed, with what shorter months do: "the last day"
alone read as if the organizer had asked for the month's end, and hid that April's is the 30th."""

from __future__ import annotations

from datetime import datetime

from bot.recurrence import parse_repeat

DENVER = "America/Denver"


def test_monthly_on_the_31st_says_the_31st_and_what_shorter_months_do() -> None:
    typed = parse_repeat("monthly on the 31st", datetime(2026, 12, 5, 16, 0), DENVER)
    from_the_31st = parse_repeat("monthly", datetime(2027, 1, 31, 0, 5), DENVER)

    assert typed.description.startswith(
        "every month on the 31st (the last day in shorter months) at 4:00 PM"
    ), typed.description
    assert from_the_31st.description == (
        "every month on the 31st (the last day in shorter months) at 12:05 AM"
    )
    assert typed.rrule == "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"


def test_the_last_day_typed_stays_the_last_day() -> None:
    repeat = parse_repeat("monthly on the last day", datetime(2026, 12, 5, 16, 0), DENVER)

    assert repeat.rrule == "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert repeat.description.startswith("every month on the last day at 4:00 PM")
