""" "tom" is tomorrow as texted ("tom 6pm"), but beside another day it is someone's name, a
word of the place ("sat 10am at tom and jerry's"), unless it comes right before a time."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize("text", ["tom 10am", "tom at 10am", "10am tom"])
def test_tom_alone_is_tomorrow(text: str) -> None:
    assert local(text) == "Sat 2026-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("sat 10am at tom and jerry's", "tom and jerry's"),
        ("sat 10am with tom", "with tom"),
        ("Tom sat 10am", "Tom"),
    ],
)
def test_tom_beside_another_day_is_no_day(text: str, unread: str) -> None:
    assert refusal(text).startswith(f"I couldn't read “{unread}” in “{text}”.")


@pytest.mark.parametrize(
    ("text", "days"), [("tom 10am sat", "“tom” and “sat”"), ("sat tom at 6pm", "“sat” and “tom”")]
)
def test_tom_right_before_a_time_is_still_a_day(text: str, days: str) -> None:
    assert f"two days, {days}" in refusal(text)
