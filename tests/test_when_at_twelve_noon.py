""" "sat at 12 noon" and "at 12 midnight", as some write noon and midnight to be sure: one time,
as "12 noon" without "at" is, not two times ("at 12" and "noon")."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("sat at 12 noon", "Sat 2026-12-05 12:00"),
        ("sat @ 12 noon", "Sat 2026-12-05 12:00"),
        ("sat at 12 midnight", "Sun 2026-12-06 00:00"),
        ("dec 12 at 12 noon", "Sat 2026-12-12 12:00"),
    ],
)
def test_at_twelve_noon_or_midnight_is_one_time(text: str, read: str) -> None:
    assert local(text) == read


def test_another_hour_before_noon_is_still_two_times() -> None:
    assert refusal("sat at 11 noon").startswith("I found two times")
