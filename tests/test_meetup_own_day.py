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


@pytest.mark.parametrize("text", ["5pm PT", "5pm America/Los_Angeles", "5pm UTC-8"])
def test_a_time_in_another_zone_is_read_on_the_same_day_there(text: str) -> None:
    # Midnight Monday in Denver is 11 PM Sunday in Los Angeles: read from there, "5pm PT"
    # would be Monday's only as "tomorrow", and Tuesday's from the day's last second.
    assert own_day(text) == datetime(2026, 12, 7, 17, 0)
