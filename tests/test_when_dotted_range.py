"""A range with dotted ends (5.12-6.30) is quoted whole where it is not read, not as its
start alone (“5.12”), and read after a date written with dashes (2026-12-19 19.30-22.00) as
after any other."""

from __future__ import annotations

from tests.when_reading import local, refusal


def test_a_dotted_range_without_a_day_is_asked_about_whole() -> None:
    assert refusal("5.12-6.30") == (
        "“5.12-6.30” may be times or dates: write times with a colon after a day, like sat "
        "5:12-6:30, or a date with its month named, like May 12 or Dec 5."
    )


def test_a_dotted_clock_after_a_dashed_date_is_read() -> None:
    assert local("2026-12-19 19.30") == "Sat 2026-12-19 19:30"
    assert local("2026-12-19 19.30-22.00") == "Sat 2026-12-19 19:30"


def test_a_dotted_range_after_a_dashed_date_is_asked_about_whole() -> None:
    assert refusal("2026-12-19 5.12-6.30").startswith(
        "“5.12-6.30” has no am or pm: write 2026-12-19 5:12pm-6:30pm for 5:12 PM to 6:30 PM"
    )


def test_words_not_read_before_a_dotted_range_are_quoted_with_all_of_it() -> None:
    assert refusal("the 1st sat of next decade 5.12-6.30").startswith(
        "I couldn't read “1st sat of next decade 5.12-6.30” in"
    )
