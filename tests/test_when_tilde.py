"""A tilde is "about" before a time ("sat ~10am") and a range's dash between two ("10~2",
"10時〜14時"). After a date ending in figures, a tilde spaced from the date and touching the
time ("12/19 ~10am") is still "about": it was read as a range from the date's day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local


@pytest.mark.parametrize(
    "text",
    ["sat 12/19 ~10am", "dec 19 ~10am", "12-19 ~10am", "saturday dec 19th ~10am", "12/19 ~10"],
)
def test_a_tilde_before_a_time_after_a_date_is_about(text: str) -> None:
    assert local(text) == "Sat 2026-12-19 10:00"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("sat 10~2", 4),
        ("sat 10 ~ 2", 4),
        ("sat 10 ~2", 4),
        ("sat 10am~2pm", 4),
        ("sat 10am ~ 2pm", 4),
        ("sat 10am ~2pm", 4),
    ],
)
def test_a_tilde_between_two_times_is_a_range(text: str, hours: int) -> None:
    assert parse_when(text, now=FRI, member_zone=CHI).duration == timedelta(hours=hours)
