"""A part of today named without an hour (this morning, this afternoon, this evening, tonight,
today) is asked its hour with an example still ahead in that part; one nearly over (no whole
hour of it left) is said to be, offering later today and tomorrow; one gone is said to have
passed, offering tomorrow. None is read as tomorrow without the member writing tomorrow."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.when_reading import local, refusal

FRIDAY = date(2026, 12, 4)
MIDNIGHT_CHICAGO = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)  # Friday December 4, 0:00 in Chicago


def chicago(hour: float) -> datetime:
    """Friday December 4 at `hour` (8.5 is 8:30 AM) in Chicago."""
    return MIDNIGHT_CHICAGO + timedelta(hours=hour)


@pytest.mark.parametrize(
    ("text", "hour", "example", "read"),
    [
        ("this evening", 20, "this evening 9pm", "Fri 2026-12-04 21:00"),
        ("this evening", 22.5, "this evening 11pm", "Fri 2026-12-04 23:00"),
        ("tonight", 20, "tonight 9pm", "Fri 2026-12-04 21:00"),
        ("today", 20, "today 9pm", "Fri 2026-12-04 21:00"),
        ("this morning", 9, "this morning 10am", "Fri 2026-12-04 10:00"),
        ("this morning", 10.5, "this morning 11am", "Fri 2026-12-04 11:00"),
        ("this afternoon", 16, "this afternoon 5pm", "Fri 2026-12-04 17:00"),
    ],
)
def test_a_part_of_today_still_on_is_offered_an_hour_ahead_in_it_today(
    text: str, hour: float, example: str, read: str
) -> None:
    assert refusal(text, at=chicago(hour)) == (
        f"“{text}” has no time of day. Add one, like {example} (or 2:30 PM, 14:30, noon)."
    )
    assert local(example, at=chicago(hour)) == read


@pytest.mark.parametrize(
    ("text", "hour", "expected", "later", "read"),
    [
        (
            "this morning",
            11.5,
            "“this morning” is nearly over: it is 11:30 AM on Friday December 4, 2026. For "
            "later today, write today noon; for tomorrow, write tomorrow morning 9am.",
            "today noon",
            "Fri 2026-12-04 12:00",
        ),
        (
            "this afternoon",
            17.25,
            "“this afternoon” is nearly over: it is 5:15 PM on Friday December 4, 2026. For "
            "later today, write today 6pm; for tomorrow, write tomorrow afternoon 2pm.",
            "today 6pm",
            "Fri 2026-12-04 18:00",
        ),
        (
            "this evening",
            23.5,
            "“this evening” is nearly over: it is 11:30 PM on Friday December 4, 2026. For "
            "later tonight, write tonight midnight; for tomorrow, write tomorrow evening 7pm.",
            "tonight midnight",
            "Sat 2026-12-05 00:00",
        ),
    ],
)
def test_a_part_of_today_nearly_over_says_so_and_offers_later_today_and_tomorrow(
    text: str, hour: float, expected: str, later: str, read: str
) -> None:
    assert refusal(text, at=chicago(hour)) == expected
    assert local(later, at=chicago(hour)) == read


def test_a_part_of_today_gone_is_said_to_have_passed_with_tomorrow_offered() -> None:
    assert refusal("this afternoon", at=chicago(19)) == (
        "“this afternoon” has passed: it is 7:00 PM on Friday December 4, 2026. For tomorrow, "
        "write tomorrow afternoon 2pm."
    )


@pytest.mark.parametrize("text", ["this morning", "this afternoon", "this evening", "tonight"])
@pytest.mark.parametrize("hour", [0, 6, 9, 11, 11.75, 12, 15, 17, 17.75, 18, 20, 23, 23.75])
def test_no_example_for_a_part_of_today_is_tomorrow_or_outside_that_part(
    text: str, hour: float
) -> None:
    said = refusal(text, at=chicago(hour))
    if "Add one, like" in said:
        example = said.split("Add one, like ")[1].split(" (or")[0]
        read = datetime.strptime(local(example, at=chicago(hour)), "%a %Y-%m-%d %H:%M")
        ends = {"this morning": 12, "this afternoon": 18}.get(text, 24)
        assert read.date() == FRIDAY or (ends == 24 and read == datetime(2026, 12, 5, 0, 0))
        assert read.hour < ends
    else:
        assert "tomorrow" in said
        assert "has passed" in said or "is nearly over" in said


def test_a_weekday_that_is_today_is_offered_an_hour_still_ahead_today() -> None:
    # Saturday 8 PM: this sat 10am is refused as gone today, not as out of reach.
    saturday_8pm = chicago(24 + 20)
    assert "Add one, like this sat 9pm (" in refusal("this sat", at=saturday_8pm)
    assert local("this sat 9pm", at=saturday_8pm) == "Sat 2026-12-05 21:00"


@pytest.mark.parametrize(
    ("text", "example"), [("fri evening", "fri evening 10pm"), ("fri", "fri 10pm")]
)
def test_todays_weekday_late_in_the_day_is_offered_an_hour_still_ahead_today(
    text: str, example: str
) -> None:
    # Friday 9:30 PM: fri evening 7pm would be read a week on, while tonight is still ahead.
    assert f"Add one, like {example} (" in refusal(text, at=chicago(21.5))
    assert local(example, at=chicago(21.5)) == "Fri 2026-12-04 22:00"


def test_a_weekday_named_a_week_on_keeps_its_example() -> None:
    assert "Add one, like next fri 10am (" in refusal("next fri", at=chicago(21.5))


def test_todays_weekday_in_its_last_hour_is_offered_its_midnight() -> None:
    assert "Add one, like fri midnight (" in refusal("fri", at=chicago(23.5))
    assert local("fri midnight", at=chicago(23.5)) == "Sat 2026-12-05 00:00"
