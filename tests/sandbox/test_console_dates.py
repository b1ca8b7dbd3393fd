"""The console runs in the week its tests are written for (tests/sandbox/conftest.py's
CONSOLE_WEEK, Wednesday December 2, 2026, 8 AM in Denver), so dates typed relative to today
("tomorrow", "sat") are answered the same whatever day the tests run on."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def test_a_relative_date_is_read_in_the_tests_week(console: Console) -> None:
    created = await says(
        console, "as Akiko /meetup create title:Breakfast run when:tomorrow 9:30 location:Diner"
    )

    assert "Read as Thursday December 3, 2026 9:30 AM (America/Denver)" in created


async def test_a_series_starts_in_the_tests_week_and_shows_how_far_off_by_its_clock(
    console: Console,
) -> None:
    await says(
        console,
        "as Tammy /meetup create title:Kei Day when:sat 10am location:Moab repeat:weekly",
    )

    listed = await says(console, "as Tammy /meetup cancel meetup:Kei Day occurrence:?")
    card = await says(console, "messages #meetups")

    dates = [line.strip() for line in listed.split("\n\n")[-1].splitlines()[1:4]]
    assert dates == [
        "Sat Dec 5, 10:00 AM MST",
        "Sat Dec 12, 10:00 AM MST",
        "Sat Dec 19, 10:00 AM MST",
    ]
    # Three days and two hours from Wednesday 8 AM: the console's "now" is the bot's.
    assert "When: Saturday, December 5, 2026 10:00 AM (in 3 days)" in card
