"""A time typed for a meetup's date is read on that date's own day only when it names none."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.meetups.series import read_on_own_day
from bot.when import When, parse_when

DENVER = ZoneInfo("America/Denver")
MONDAY = date(2026, 12, 7)


def own_day(text: str) -> datetime | None:
    def read(now: datetime) -> When:
        return parse_when(text, now=now, template_zone="America/Denver")

    when = read_on_own_day(read, MONDAY, DENVER)
    return None if when is None else when.local.replace(tzinfo=None)


def test_a_time_of_day_alone_is_read_on_the_dates_own_day() -> None:
    assert own_day("8pm") == datetime(2026, 12, 7, 20, 0)
    assert own_day("7:30 am") == datetime(2026, 12, 7, 7, 30)


@pytest.mark.parametrize(
    "text", ["sat 8pm", "dec 12 8pm", "today 8pm", "tomorrow 8pm", "in 2 hours"]
)
def test_a_time_naming_its_day_is_not(text: str) -> None:
    assert own_day(text) is None
