"""A tilde spaced from the time after a date ("dec 19 ~ 10am") is about the time, as "sat ~ 10am"
is; between two times it is still a range."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local


@pytest.mark.parametrize(
    "text", ["dec 19 ~ 10am", "dec 19 〜 10am", "12/19 ~ 10am", "12/19 ～ 10:00", "dec 19th ~ 10am"]
)
def test_a_spaced_tilde_after_a_date_is_about_the_time(text: str) -> None:
    assert local(text) == "Sat 2026-12-19 10:00"


def test_a_spaced_tilde_between_two_times_after_a_date_is_still_a_range() -> None:
    reading = parse_when("dec 19 10am ~ 2pm", now=FRI, member_zone=CHI)
    assert (f"{reading.local:%a %Y-%m-%d %H:%M}", reading.duration) == (
        "Sat 2026-12-19 10:00",
        timedelta(hours=4),
    )
