"""An hour typed without am or pm that could be either is asked about, not guessed: one in the
small hours (sat at 3, between 2 and 10), and one whose morning has passed today while its
evening is ahead (fri 7 said on Friday morning). Each question gives both ready to type."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.when_reading import local, notes, refusal


@pytest.mark.parametrize(
    ("text", "typed", "afternoon", "morning", "pm", "am"),
    [
        ("sat at 3", "at 3", "sat 3pm", "sat 3am", "3:00 PM", "3:00 AM"),
        ("sat 3", "3", "sat 3pm", "sat 3am", "3:00 PM", "3:00 AM"),
        ("Sat 1", "1", "Sat 1pm", "Sat 1am", "1:00 PM", "1:00 AM"),
        ("sat 6", "6", "sat 6pm", "sat 6am", "6:00 PM", "6:00 AM"),
        ("sat 5:30", "5:30", "sat 5:30pm", "sat 5:30am", "5:30 PM", "5:30 AM"),
        ("sat 530", "530", "sat 5:30pm", "sat 5:30am", "5:30 PM", "5:30 AM"),
        ("sat 3 o'clock", "3 o'clock", "sat 3pm", "sat 3am", "3:00 PM", "3:00 AM"),
        ("sat at six", "at six", "sat at six pm", "sat at six am", "6:00 PM", "6:00 AM"),
        (
            "sat half past six",
            "half past six",
            "sat half past six pm",
            "sat half past six am",
            "6:30 PM",
            "6:30 AM",
        ),
        ("明日 3時", "3時", "明日 午後3時", "明日 午前3時", "3:00 PM", "3:00 AM"),
        ("dec 24 3", "3", "dec 24 3pm", "dec 24 3am", "3:00 PM", "3:00 AM"),
        ("sat @ 4 PT", "at 4", "sat 4pm PT", "sat 4am PT", "4:00 PM", "4:00 AM"),
        # A range whose start is in the small hours, with neither end saying which half.
        (
            "sat between 2 and 10",
            "between 2 and 10",
            "sat 2pm-10pm",
            "sat 2am-10am",
            "2:00 PM to 10:00 PM",
            "2:00 AM to 10:00 AM",
        ),
        (
            "sat 5-9",
            "5-9",
            "sat 5pm-9pm",
            "sat 5am-9am",
            "5:00 PM to 9:00 PM",
            "5:00 AM to 9:00 AM",
        ),
        (
            "sat 6-12",
            "6-12",
            "sat 6pm-midnight",
            "sat 6am-noon",
            "6:00 PM to 12:00 AM",
            "6:00 AM to 12:00 PM",
        ),
        (
            "sat 4-1",
            "4-1",
            "sat 4pm-1am",
            "sat 4am-1pm",
            "4:00 PM to 1:00 AM",
            "4:00 AM to 1:00 PM",
        ),
    ],
)
def test_an_hour_or_range_in_the_small_hours_without_am_or_pm_is_asked_with_both_to_type(
    text: str, typed: str, afternoon: str, morning: str, pm: str, am: str
) -> None:
    assert refusal(text) == (
        f"“{typed}” has no am or pm: write {afternoon} for {pm}, or {morning} for {am}."
    )
    # What the question offers reads as it says.
    assert local(afternoon)[-5:] == _on_24_hours(pm)
    assert local(morning)[-5:] == _on_24_hours(am)


def _on_24_hours(shown: str) -> str:
    """ "3:00 PM to 10:00 PM" starts at 15:00."""
    return f"{datetime.strptime(shown.split(' to ')[0], '%I:%M %p'):%H:%M}"


def test_ten_till_two_in_the_small_hours_offers_the_range_too() -> None:
    assert refusal("sat ten till two") == (
        "“ten till two” has no am or pm: write sat ten till two pm for 1:50 PM, or sat ten "
        "till two am for 1:50 AM, or sat 10-2 for a range."
    )


@pytest.mark.parametrize(
    ("text", "typed", "afternoon", "morning", "am", "on"),
    [
        ("fri 7", "7", "fri 7pm", "fri 7am", "7:00 AM", "on Friday December 11"),
        ("friday at 8", "at 8", "friday 8pm", "friday 8am", "8:00 AM", "on Friday December 11"),
        ("at 9", "at 9", "9pm", "9am", "9:00 AM", "tomorrow"),
        ("fri 7-9", "7-9", "fri 7pm-9pm", "fri 7am-9am", "7:00 AM", "on Friday December 11"),
        ("fri 3", "3", "fri 3pm", "fri 3am", "3:00 AM", "on Friday December 11"),
    ],
)
def test_a_morning_hour_passed_today_with_its_evening_ahead_is_asked(
    text: str, typed: str, afternoon: str, morning: str, am: str, on: str
) -> None:
    # Said on Friday at 9:30 AM: 7 AM on the coming Friday is a week away, 7 PM tonight.
    pm = f"{int(am.split(':')[0])}:00 PM"
    assert refusal(text) == (
        f"“{typed}” has no am or pm, and {am} today has passed: write {afternoon} for {pm} "
        f"today, or {morning} for {am} {on}."
    )
    assert local(afternoon).startswith("Fri 2026-12-04")
    assert local(morning).startswith("Fri 2026-12-11" if on != "tomorrow" else "Sat 2026-12-05")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 7 to 11 are morning meetup hours (cars and coffee): read, with a note on the evening.
        ("sat 9", "Sat 2026-12-05 09:00"),
        ("sat at 7", "Sat 2026-12-05 07:00"),
        ("sat 9-11", "Sat 2026-12-05 09:00"),
        ("sat 10-2", "Sat 2026-12-05 10:00"),
        ("fri 11", "Fri 2026-12-04 11:00"),
        # The 24-hour clock on purpose, am or pm, or a part of the day, says which.
        ("sat 03:00", "Sat 2026-12-05 03:00"),
        ("sat 15:00", "Sat 2026-12-05 15:00"),
        ("sat 15", "Sat 2026-12-05 15:00"),
        ("sat 3h", "Sat 2026-12-05 03:00"),
        ("sat 0300", "Sat 2026-12-05 03:00"),
        ("sat 3pm", "Sat 2026-12-05 15:00"),
        ("sat 3am", "Sat 2026-12-05 03:00"),
        ("sat 3 in the afternoon", "Sat 2026-12-05 15:00"),
        ("tonight 7", "Fri 2026-12-04 19:00"),
        ("sat 2-5pm", "Sat 2026-12-05 14:00"),
        ("sat 2-10am", "Sat 2026-12-05 02:00"),
        ("sat 3-15", "Sat 2026-12-05 03:00"),
        ("sat 12", "Sat 2026-12-05 12:00"),
    ],
)
def test_an_hour_that_says_which_half_or_is_a_morning_meetup_hour_is_read(
    text: str, expected: str
) -> None:
    assert local(text) == expected


def test_a_morning_hour_is_read_with_how_to_write_the_evening() -> None:
    assert notes("sat 9") == (
        "“9” read as 9:00 AM (24-hour clock); write 9pm for the afternoon or evening.",
    )


def test_this_weekday_with_its_morning_hour_passed_offers_the_evening_too() -> None:
    # Said on Friday at 9:30 AM: 7 PM tonight is ahead.
    assert refusal("this fri 7") == (
        "“this fri” is today, and 7:00 AM has passed. For Friday December 11, write next fri; "
        "for 7:00 PM today, write this fri 7pm."
    )
    assert local("this fri 7pm") == "Fri 2026-12-04 19:00"


def test_this_weekday_gone_this_morning_keeps_the_zone_typed_in_the_evening_it_offers() -> None:
    # Said at 8:00 AM in Chicago, 6:00 AM in Los Angeles: 5 AM there has passed, 5 PM not.
    eight_am = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    assert refusal("this fri 5 PT", at=eight_am) == (
        "“this fri” is today, and 5:00 AM has passed. For Friday December 11, write next fri; "
        "for 5:00 PM today, write this fri 5pm PT."
    )
    assert local("this fri 5pm PT", at=eight_am) == "Fri 2026-12-04 17:00"


def test_an_hour_till_late_without_am_or_pm_is_asked_about() -> None:
    # "till late" says the evening, where a bare 8 would else be read as 8 AM.
    assert refusal("sat 8 till late") == (
        "“8” has no am or pm: write sat 8pm till late for 8:00 PM, or sat 8am till late for "
        "8:00 AM."
    )
    assert local("sat 8pm till late") == "Sat 2026-12-05 20:00"
    assert local("sat 8am till late") == "Sat 2026-12-05 08:00"
