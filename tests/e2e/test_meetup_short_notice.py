"""A meetup created sooner before its start than the server's reminders: those reminders never go
out for its first date (a reminder late is no reminder), and the organizer's reply says so, so
that nobody counts on one."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import DEC_3
from .test_meetups import cards, create, meetups_channel


async def short_notice(keitora: RunningBot, loopback: Loopback, when: str) -> str:
    await meetups_channel(loopback)
    await loopback.slash("setup reminders", offsets="25m,10m", actor=loopback.member("Akiko"))
    keitora.clock.set(DEC_3)  # 1:27 AM in Denver
    created = await create(loopback, title="Soon Cruise", when=when)
    assert cards(loopback), created.content
    return created.content


async def test_a_reminder_already_past_at_the_create_is_said_to_be_skipped(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await short_notice(keitora, loopback, "dec 3 1:50am")  # 23 minutes ahead

    assert said.endswith(
        "It starts sooner than the server's reminder 25 minutes before, so that one does not go "
        "out for this date; the one 10 minutes before does."
    ), said


async def test_a_meetup_starting_before_every_reminder_says_none_goes_out(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await short_notice(keitora, loopback, "dec 3 1:30am")  # 3 minutes ahead

    assert said.endswith(
        "It starts sooner than the server's reminders (25 minutes and 10 minutes before), so "
        "none goes out for this date: tell those going yourself."
    ), said


async def test_a_meetup_ahead_of_every_reminder_says_nothing_of_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await short_notice(keitora, loopback, "dec 3 2:00am")

    assert "reminder" not in said, said


async def test_a_meetup_moved_inside_a_reminder_says_that_one_is_lost_as_a_create_does(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await short_notice(keitora, loopback, "dec 3 2:00am")
    assert "reminder" not in said, said

    moved = await loopback.slash(
        "meetup edit", meetup="Soon Cruise", when="dec 3 1:50am", actor=loopback.member("Tammy")
    )

    assert moved.ephemeral
    assert moved.content.startswith("Changed the time of “Soon Cruise”."), moved.content
    assert moved.content.endswith(
        "It starts sooner than the server's reminder 25 minutes before, so that one does not go "
        "out for this date; the one 10 minutes before does."
    ), moved.content
