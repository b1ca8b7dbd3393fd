"""A range given in two zones ("sat 10am-2pm ET / 7am-11am PT"), as invitations across the
country write it, is read in the first when both ends agree, and refused with both readings
when they do not, as one time in two zones is (3pm est / 12pm pst)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal


@pytest.mark.parametrize(
    "text",
    [
        "sat 10am-2pm ET / 7am-11am PT",
        "sat 10am-2pm ET (7am-11am PT)",
        "sat 10:00-14:00 ET / 7:00-11:00 PT",
        "sat 10am to 2pm ET or 7am to 11am PT",
        "sat 10am-2pm ET / 9am-1pm CT / 7am-11am PT",
        # One am or pm at the end, on either side, as "sat 10-2pm" alone is read.
        "sat 10am-2pm ET / 7-11am PT",
        "sat 10-2pm ET / 7am-11am PT",
        "sat 10-2pm ET / 7-11am PT",
        "sat 10 to 2pm ET or 7 to 11am PT",
        "sat 10-2pm ET / 9-1pm CT / 7-11am PT",
    ],
)
def test_a_range_in_zones_that_agree_is_read_in_the_first(text: str) -> None:
    when = parse_when(text, now=FRI, member_zone=CHI)
    assert when.zone_name == "America/New_York"
    assert f"{when.local:%a %Y-%m-%d %H:%M}" == "Sat 2026-12-05 10:00"
    assert when.duration == timedelta(hours=4)


def test_a_range_whose_starts_disagree_is_refused_with_both_readings() -> None:
    assert refusal("sat 10am-2pm ET / 8am-11am PT") == (
        "“10am-2pm ET” and “8am-11am PT” are not the same time: 10am-2pm ET is 7:00 AM to "
        "11:00 AM PT, and 8am-11am PT is 11:00 AM to 2:00 PM ET. Give one of them."
    )


def test_a_range_whose_ends_disagree_is_refused_with_both_readings() -> None:
    assert refusal("sat 10am-2pm ET / 7am-12pm PT") == (
        "“10am-2pm ET” and “7am-12pm PT” are not the same time: 10am-2pm ET is 7:00 AM to "
        "11:00 AM PT, and 7am-12pm PT is 10:00 AM to 3:00 PM ET. Give one of them."
    )


def test_a_range_beside_a_single_time_in_another_zone_is_still_refused() -> None:
    assert refusal("sat 10am-2pm ET / 7am PT").startswith("I found two time zones")


def test_one_range_with_a_zone_on_each_end_is_still_refused() -> None:
    assert refusal("sat 3pm ET to 6pm PT").startswith("I found two time zones, “ET” and “PT”")
    assert local("sat 10am-2pm ET") == "Sat 2026-12-05 10:00"


def test_a_short_range_whose_start_disagrees_is_refused_with_both_readings() -> None:
    assert refusal("sat 10am-2pm ET / 8-11am PT") == (
        "“10am-2pm ET” and “8-11am PT” are not the same time: 10am-2pm ET is 7:00 AM to "
        "11:00 AM PT, and 8-11am PT is 11:00 AM to 2:00 PM ET. Give one of them."
    )


def test_a_short_range_with_minutes_takes_the_half_of_its_end() -> None:
    when = parse_when("sat 4:30-6pm ET / 1:30-3pm PT", now=FRI, member_zone=CHI)
    assert f"{when.local:%a %H:%M}" == "Sat 16:30"
    assert when.duration == timedelta(hours=1, minutes=30)
