"""Lengths read as members say them: minutes below two hours, then days, hours and minutes,
never "1000 minutes"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.dates import length_words


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (90, "90 minutes"),
        (120, "2 hours"),
        (150, "2 hours 30 minutes"),
        (1000, "16 hours 40 minutes"),
        (1441, "1 day 1 minute"),
        (1800, "1 day 6 hours"),
        (10_080, "7 days"),
        (10_081, "7 days 1 minute"),
    ],
)
def test_a_length_is_named_in_days_hours_and_minutes(minutes: int, said: str) -> None:
    assert length_words(timedelta(minutes=minutes)) == said
