"""A change notice posted in a meetup's thread is read by everyone there (waiting, Can't go, or
never answered), not by one member: its words speak to the thread, as the cancel's do; and a
whole series cancelled gives its reason where a one-off's stands, after "is cancelled"."""

from __future__ import annotations

from datetime import timedelta

from bot.meetups import Change
from cogs.meetups_views import change_notice

from .test_meetups_views import START, meetup, occurrence

STAMP = int(START.timestamp())
THREAD = (10**18,)


def test_a_move_in_the_thread_speaks_to_everyone_there() -> None:
    moved = change_notice(
        meetup(), occurrence(), Change("moved", moved_from=START, posted=True), THREAD
    )

    assert "Your answer" not in moved
    assert moved.endswith(
        "Answers given stand: press Can't go on the card if the new time does not suit you, "
        "or Going if it suits you now."
    )


def test_a_restore_in_the_thread_speaks_to_everyone_there() -> None:
    restored = change_notice(meetup(), occurrence(), Change("restored", posted=True), THREAD)

    assert "Your answer" not in restored
    assert restored.endswith(
        "is on again: its cancel was undone. Answers given before the cancel stand: press "
        "Can't go on the card if you can no longer come, or Going if it suits you now."
    )


def test_a_new_schedule_in_the_thread_names_the_date_moved_not_yours() -> None:
    later = START + timedelta(hours=1)
    new_schedule = Change("moved", moved_from=START, series="every Saturday", posted=True)
    said = change_notice(
        meetup(rrule="FREQ=WEEKLY"),
        occurrence(later),
        new_schedule,
        THREAD,
    )

    assert "you answered" not in said
    assert f"every Saturday. The date of <t:{STAMP}:F> moved to" in said


def test_the_dm_of_a_move_still_speaks_to_its_member() -> None:
    moved = change_notice(meetup(), occurrence(), Change("moved", moved_from=START), ())

    assert moved.endswith(
        "Your answer stands; press Can't go on the card if the new time does not suit you."
    )


def test_a_whole_series_cancelled_gives_its_reason_after_is_cancelled() -> None:
    whole = change_notice(
        meetup(rrule="FREQ=WEEKLY", cancelled_at=START),
        occurrence(),
        Change("cancelled", reason="Done"),
        (),
    )

    assert whole == (
        f"**Kei Truck Day** on <t:{STAMP}:F> is cancelled: Done. The whole series will not take "
        "place."
    )
