"""The examples a refusal offers are built from the day it is said: a fixed date in them goes
stale, and a member who types one as shown is refused ("the year has passed") or gets a date
months away. The repeat hint's end date carries no year, so it is the coming one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.recurrence import HINT, parse_repeat
from bot.when import examples, parse_when

# A Friday in December, and a Tuesday in August of the next year.
MOMENTS = (datetime(2026, 12, 4, 15, 30, tzinfo=UTC), datetime(2027, 8, 10, 18, 0, tzinfo=UTC))
# Zones a day behind UTC, a day ahead of it, and between.
ZONES = ("America/Chicago", "Pacific/Pago_Pago", "Pacific/Kiritimati", "Asia/Tokyo")


def refusal(text: str, now: datetime) -> str:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone="America/Chicago")
    return refused.value.message


@pytest.mark.parametrize("now", MOMENTS)
@pytest.mark.parametrize("zone", ZONES)
def test_every_example_reads_as_a_time_ahead(now: datetime, zone: str) -> None:
    for example in re.split(r", | or ", examples(now.date())):
        assert parse_when(example, now=now, member_zone=zone).instant_utc > now


def test_the_dated_examples_are_a_coming_saturday() -> None:
    assert examples(date(2026, 12, 4)).startswith("2026-12-12 10:00, Dec 12 10am, sat 10am PT")
    assert examples(date(2027, 8, 10)).startswith("2027-08-14 10:00, Aug 14 10am, sat 10am PT")


def test_a_refusal_offers_the_examples_of_its_day() -> None:
    assert "Try 2027-08-14 10:00, Aug 14 10am, sat 10am PT" in refusal("sat 10am blah", MOMENTS[1])
    assert refusal("   ", MOMENTS[1]).startswith("Say when, for example 2027-08-14 10:00, Aug 14")
    place = refusal("sat 10am at the walmart lot", MOMENTS[1])
    assert "Try 2027-08-14 10:00, Aug 14 10am" in place
    assert "2026" not in refusal("sat 10am blah", MOMENTS[1])


@pytest.mark.parametrize("start", [datetime(2026, 12, 5, 10, 0), datetime(2027, 8, 14, 10, 0)])
def test_the_repeat_hints_end_date_is_ahead_of_any_start(start: datetime) -> None:
    until = re.search(r"with (until [^,]+),", HINT)
    assert until is not None
    assert not re.search(r"\d{4}", until[1])
    repeat = parse_repeat(f"weekly {until[1]}", start, "America/Denver")
    assert "until" in repeat.description
