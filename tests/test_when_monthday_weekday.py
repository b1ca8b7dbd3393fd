"""A weekday and a day of the month that disagree ("sat the 11th" when the 11th is a Friday)
are read as the next month where they agree only while that is near; months away, the member
most likely slipped on one of them, and is asked which, in their own words."""

from __future__ import annotations

from tests.when_reading import local, refusal


def test_a_far_off_match_is_refused_offering_both_near_days() -> None:
    assert refusal("sat the 11th 10am") == (
        "The next Saturday the 11th is September 11, 2027, months away: December 11 is a "
        "Friday. For Friday December 11, write fri the 11th 10am; for Saturday December 12, "
        "write sat the 12th 10am."
    )


def test_a_near_match_is_read() -> None:
    assert local("mon the 11th 10am") == "Mon 2027-01-11 10:00"
    assert local("sat the 12th 10am") == "Sat 2026-12-12 10:00"


def test_friday_the_13th_is_meant_however_far() -> None:
    assert local("friday the 13th 8pm") == "Fri 2027-08-13 20:00"


def test_a_day_typed_in_words_is_offered_as_a_date() -> None:
    assert refusal("saturday the eleventh 10am") == (
        "The next Saturday the 11th is September 11, 2027, months away: December 11 is a "
        "Friday. For Friday December 11, write friday the eleventh 10am; for Saturday "
        "December 12, write dec 12 with the time."
    )
