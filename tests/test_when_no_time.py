"""A day typed without a time of day is answered with an example that adds one, and the
example is itself read: a later hour where the one for the day has passed today, and a day
that has passed is refused as passed, with its date."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.when_reading import FRI, local, refusal

THREE_PM = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)  # Friday December 4, 3:00 PM in Chicago
LATE = datetime(2026, 12, 5, 5, 45, tzinfo=UTC)  # Friday December 4, 11:45 PM in Chicago


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "yesterday",
            "“yesterday” was Thursday December 3, 2026, which has passed. A meetup is set for a "
            "time ahead: try today 10am or tomorrow 10am.",
        ),
        (
            "dec 1",
            "“dec 1” was Tuesday December 1, 2026, which has passed. For Tuesday December 8, "
            "write dec 8.",
        ),
        (
            "2026-01-01",
            "“2026-01-01” was Thursday January 1, 2026, which has passed. For the next one, "
            "write 2027-01-01.",
        ),
        ("2028-12-25", "“2028-12-25” is Monday December 25, 2028, more than 2 years ahead."),
    ],
)
def test_a_day_out_of_reach_without_a_time_is_refused_for_its_date(
    text: str, expected: str
) -> None:
    assert refusal(text) == expected


def test_a_part_of_today_that_has_passed_is_refused_as_passed_with_tomorrows() -> None:
    assert refusal("this morning", at=THREE_PM) == (
        "“this morning” has passed: it is 3:00 PM on Friday December 4, 2026. For tomorrow, "
        "write tomorrow morning 9am."
    )
    assert refusal("this morning pt", at=THREE_PM).endswith("write tomorrow morning pt 9am.")
    assert local("tomorrow morning pt 9am", at=THREE_PM)


def test_a_part_of_today_is_still_on_in_the_zone_typed() -> None:
    # 11:45 PM in Chicago is 9:45 PM on the Pacific coast: its evening is not over.
    assert "Add one, like this evening pt 10pm (" in refusal("this evening pt", at=LATE)
    assert local("this evening pt 10pm", at=LATE) == "Fri 2026-12-04 22:00"


@pytest.mark.parametrize(
    ("text", "at", "example"),
    [
        ("today", THREE_PM, "today 7pm"),
        ("today", LATE, "today midnight"),
        ("tonight", LATE, "tonight midnight"),
        ("today", FRI, "today 10am"),
    ],
)
def test_a_day_whose_hour_has_passed_today_is_offered_a_later_one(
    text: str, at: datetime, example: str
) -> None:
    assert f"Add one, like {example} (" in refusal(text, at=at)
    assert local(example, at=at)


@pytest.mark.parametrize(
    "text",
    [
        *("yesterday", "today", "tonight", "tomorrow", "this morning", "this afternoon"),
        *("this evening", "sat", "fri", "next fri", "dec 4", "dec 5", "the 4th", "12/4"),
        *("in 3 days", "xmas", "yesterday evening", "tomorrow morning", "2026-12-04"),
    ],
)
@pytest.mark.parametrize("at", [FRI, THREE_PM, LATE])
def test_no_example_offered_is_itself_refused(text: str, at: datetime) -> None:
    offered = re.search(r"Add one, like (.+) \(or", refusal(text, at=at))
    if offered:
        assert local(offered[1], at=at)


def test_a_day_near_the_length_limit_is_still_asked_for_its_time() -> None:
    # The example, an hour longer, would be over 100 characters: it is offered unchecked.
    text = "tomorrow" + " around" * 13
    assert refusal(text).startswith(f"“{text}” has no time of day. Add one, like {text} 10am")
