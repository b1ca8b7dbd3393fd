"""Two figures with a dash after a time read ("sun 10am, 7-11") may be a date, hours or
something else (the 7-Eleven, ages 7 to 11): asked about, never read as a date in silence
(Sunday July 11, 2027 was a meetup seven months out). A dashed date before the time, as
calendars write it (12-12 9am), and one after it that can be no hours (10am 12-25), are dates."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize(
    ("text", "typed", "date", "start", "end"),
    [
        ("sun 10am, 7-11", "7-11", "Jul 11", "7", "11"),
        ("sun 10am 7-11", "7-11", "Jul 11", "7", "11"),
        ("10am 1-2", "1-2", "Jan 2", "1", "2"),
        ("sat 10am 12-5", "12-5", "Dec 5", "12", "5"),
    ],
)
def test_a_dashed_pair_after_a_time_is_asked_about(
    text: str, typed: str, date: str, start: str, end: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” after the time may be a date or hours ({start} to {end}): for the date, "
        f"name its month, like {date}; for hours, give them as the time, like "
        f"{start}am-{end}am or {start}pm-{end}pm. A place goes in the location option."
    )


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("12-12 9am", "Sat 2026-12-12 09:00"),
        ("1-2 9am", "Sat 2027-01-02 09:00"),
        ("10am 12-25", "Fri 2026-12-25 10:00"),  # no 25 o'clock
        ("10am 12-12", "Sat 2026-12-12 10:00"),  # no range ends as it starts
        ("10am, 12/12", "Sat 2026-12-12 10:00"),  # a slash is the date's
    ],
)
def test_a_dashed_date_that_can_be_no_hours_is_still_the_date(text: str, read: str) -> None:
    assert local(text) == read
