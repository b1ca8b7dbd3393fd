"""A time said roughly (10am-ish, 12月19日 〜 10時) and a city "near" which the meetup is: read
as their plainer forms are (10am, dec 19 ~ 10am, at Denver), the rough time said as read."""

from __future__ import annotations

import pytest

from bot.when import parse_when
from tests.when_reading import FRI, local, notes, refusal

DENVER = "America/Denver"


@pytest.mark.parametrize(
    ("text", "typed", "shown"),
    [
        ("sat 10am-ish", "10am-ish", "10:00 AM"),
        ("sat 10am ish", "10am ish", "10:00 AM"),
        ("sat 7pm-ish", "7pm-ish", "7:00 PM"),
        ("sat noonish", "noonish", "12:00 PM"),
    ],
)
def test_a_time_said_roughly_is_read_and_said_to_be_read_as_that_time(
    text: str, typed: str, shown: str
) -> None:
    assert f"“{typed}” read as {shown}." in notes(text)


def test_a_rough_time_whose_reading_is_said_anyway_is_said_once() -> None:
    said = notes("sat 10ish")
    assert len([note for note in said if "read as 10:00 AM" in note]) == 1


@pytest.mark.parametrize("text", ["12月19日 〜 10時", "12月19日 ～ 10時", "12月19日 〜 10:00"])
def test_a_japanese_date_before_a_tilde_and_a_time_is_about_that_time(text: str) -> None:
    assert local(text) == local("dec 19 ~ 10am") == "Sat 2026-12-19 10:00"


def test_a_japanese_date_before_a_tilde_and_a_day_is_still_two_days() -> None:
    assert "names two days" in refusal("12月19日 〜 21日")


@pytest.mark.parametrize("word", ["at", "near"])
def test_a_city_near_which_a_meetup_is_reads_in_the_zone_it_is_read_in_anyway(word: str) -> None:
    when = parse_when(f"dec 19 10am {word} Denver", now=FRI, server_zone=DENVER)
    assert (f"{when.local:%a %Y-%m-%d %H:%M}", when.zone_name) == ("Sat 2026-12-19 10:00", DENVER)
