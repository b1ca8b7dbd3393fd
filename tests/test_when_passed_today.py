"""A time refused as passed says what to type instead: the evening of a morning hour typed
without am or pm while that evening is ahead, and another day once both halves have gone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.when_reading import local, refusal

NINE_PM = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # Friday December 4, 9:00 PM in Chicago
ELEVEN_PM = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)  # Friday December 4, 11:00 PM in Chicago
PASSED = "I read that as Friday December 4, 2026 {} (America/Chicago), which has passed."


@pytest.mark.parametrize(
    ("text", "at", "read", "hint", "instead", "expected"),
    [
        (
            "today 3",
            NINE_PM,
            "3:00 AM",
            "“3” read as 3:00 AM (24-hour clock), and 3:00 PM today has passed too: for "
            "tomorrow, write tomorrow 3pm or tomorrow 3am.",
            "tomorrow 3pm",
            "Sat 2026-12-05 15:00",
        ),
        (
            "今日 3時",
            NINE_PM,
            "3:00 AM",
            "“3時” read as 3:00 AM (24-hour clock), and 3:00 PM today has passed too: for "
            "tomorrow, write tomorrow 午後3時 or tomorrow 午前3時.",
            "tomorrow 午後3時",
            "Sat 2026-12-05 15:00",
        ),
        (
            "today 10",
            ELEVEN_PM,
            "10:00 AM",
            "“10” read as 10:00 AM (24-hour clock), and 10:00 PM today has passed too: for "
            "tomorrow, write tomorrow 10pm or tomorrow 10am.",
            "tomorrow 10pm",
            "Sat 2026-12-05 22:00",
        ),
        (
            "tonight 5",
            ELEVEN_PM,
            "5:00 PM",
            "For tomorrow, write tomorrow night 5.",
            "tomorrow night 5",
            "Sat 2026-12-05 17:00",
        ),
        (
            "this evening 6",
            ELEVEN_PM,
            "6:00 PM",
            "For tomorrow, write tomorrow evening 6.",
            "tomorrow evening 6",
            "Sat 2026-12-05 18:00",
        ),
        (
            "today 5-7",
            NINE_PM,
            "5:00 AM",
            "“5-7” read as 5:00 AM to 7:00 AM, and 5:00 PM to 7:00 PM today has passed too: "
            "for tomorrow, write tomorrow 5pm-7pm or tomorrow 5am-7am.",
            "tomorrow 5pm-7pm",
            "Sat 2026-12-05 17:00",
        ),
        (
            "today 15:00",
            NINE_PM,
            "3:00 PM",
            "For tomorrow, write tomorrow 15:00.",
            "tomorrow 15:00",
            "Sat 2026-12-05 15:00",
        ),
    ],
)
def test_a_time_today_gone_in_both_halves_says_how_to_write_tomorrow(
    text: str, at: datetime, read: str, hint: str, instead: str, expected: str
) -> None:
    assert refusal(text, at=at) == f"{PASSED.format(read)} {hint}"
    assert local(instead, at=at) == expected


def test_a_range_without_am_or_pm_gone_this_morning_offers_its_afternoon_today() -> None:
    assert refusal("today 5-7") == (
        f"{PASSED.format('5:00 AM')} “5-7” read as 5:00 AM to 7:00 AM; write today 5pm-7pm "
        "for 5:00 PM to 7:00 PM."
    )
    assert local("today 5pm-7pm") == "Fri 2026-12-04 17:00"


def test_in_0_days_is_today_and_gives_tomorrow_as_today_does() -> None:
    assert refusal("in 0 days 3", at=NINE_PM) == refusal("today 3", at=NINE_PM)


def test_the_day_after_keeps_the_zone_typed() -> None:
    # 9 PM in Chicago is 7 PM in Los Angeles: 3 PM there has passed too.
    assert refusal("today 3 PT", at=NINE_PM).endswith(
        "for tomorrow, write tomorrow 3pm PT or tomorrow 3am PT."
    )
    assert local("tomorrow 3pm PT", at=NINE_PM) == "Sat 2026-12-05 15:00"


def test_a_date_gone_today_says_how_to_write_the_evening_before_next_weeks() -> None:
    # Said at 9:30 AM: 7 PM tonight is still ahead, and the more likely meaning.
    assert refusal("dec 4 7") == (
        f"{PASSED.format('7:00 AM')} “7” read as 7:00 AM (24-hour clock); write dec 4 7pm for the "
        "afternoon or evening. For Friday December 11, write dec 11 7."
    )


def test_a_date_gone_in_both_halves_says_so_and_how_to_write_the_next_one() -> None:
    assert refusal("dec 4 7", at=NINE_PM) == (
        f"{PASSED.format('7:00 AM')} “7” read as 7:00 AM (24-hour clock), and 7:00 PM has "
        "passed too. For Friday December 11, write dec 11 7."
    )


@pytest.mark.parametrize(
    ("text", "at", "read", "hint", "instead"),
    [
        (
            "fri 7 tonight",
            NINE_PM,
            "7:00 PM (America/Chicago)",
            "For next Friday, write next fri 7pm; for later tonight, an hour still ahead, "
            "like fri 10 tonight.",
            ("next fri 7pm", "Fri 2026-12-11 19:00", "fri 10 tonight", "Fri 2026-12-04 22:00"),
        ),
        (
            # 11 PM in Chicago is 9 PM in Los Angeles.
            "tonight friday 7:30pm PT",
            ELEVEN_PM,
            "7:30 PM (America/Los_Angeles)",
            "For next Friday, write next friday 7:30pm PT; for later tonight, an hour still "
            "ahead, like tonight friday 10:30pm PT.",
            (
                "next friday 7:30pm PT",
                "Fri 2026-12-11 19:30",
                "tonight friday 10:30pm PT",
                "Fri 2026-12-04 22:30",
            ),
        ),
    ],
)
def test_a_weekday_tonight_gone_says_how_to_write_next_week_or_later_tonight(
    text: str, at: datetime, read: str, hint: str, instead: tuple[str, str, str, str]
) -> None:
    passed = f"I read that as Friday December 4, 2026 {read}, which has passed."
    assert refusal(text, at=at) == f"{passed} {hint}"
    next_week, next_week_read, later, later_read = instead
    assert (local(next_week, at=at), local(later, at=at)) == (next_week_read, later_read)


def test_a_weekday_tonight_gone_on_the_24_hour_clock_keeps_it() -> None:
    assert refusal("fri 19:00 tonight", at=NINE_PM).endswith(
        "For next Friday, write next fri 19:00; for later tonight, an hour still ahead, like "
        "fri 22:00 tonight."
    )
