"""A reminder whose date moves after its time came, while its thread post waits to go (Discord
slow): the thread still gets one reminder post, showing the new time, on a real SQLite file and
the real job runner and outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.delivery import Channel, DirectMessage, Outgoing
from bot.jobs import TryAgain
from bot.reminders import REMINDER_POST_JOB

from .test_reminders import GUILD, START, World, clock, notice, world

__all__ = ["clock", "world"]  # the fixtures these tests share with test_reminders


def reminder_posts(sent: list[Outgoing]) -> list[str]:
    return [m.content for m in sent if isinstance(m.to, Channel)]


async def reminded_then_moved(world: World, **fields: object) -> int:
    """A meetup with member 11 going, whose day-before reminder came while Discord failed its
    DM and post, moved three hours later before they are tried again."""
    meetup = await world.meetup(**fields)
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    world.sender.fail_with = [TryAgain("Discord is slow"), TryAgain("Discord is slow")]
    assert await world.run_at(START - timedelta(hours=24)) == []
    await world.meetups.move(GUILD, meetup.id, "2026-12-05 13:00")
    return meetup.id


@pytest.mark.parametrize("repeat", [None, "weekly"])
async def test_the_thread_gets_one_reminder_post_of_the_new_time(
    world: World, repeat: str | None
) -> None:
    await reminded_then_moved(world, **({} if repeat is None else {"repeat": repeat}))

    sent = await world.run_at(START - timedelta(hours=23))
    await world.reminders.plan_all()  # a start-up sends nothing again
    sent += await world.run_at(START - timedelta(hours=21))  # a day before 13:00
    sent += await world.run_at(START - timedelta(hours=20))

    assert reminder_posts(sent) == ["Kei Truck Day at 20:00 for [11]"]


async def test_a_post_run_again_after_a_crash_still_posts_the_new_time_once(
    world: World,
) -> None:
    await reminded_then_moved(world, repeat="weekly")
    world.clock.set(START - timedelta(hours=23))
    [post] = await world.jobs.claim_due(1, worker="died", kinds=[REMINDER_POST_JOB])
    await world.reminders.handlers(notice, world)[REMINDER_POST_JOB](post)  # never settled

    sent = await world.run_at(START - timedelta(hours=22))  # its lease ran out: run again
    sent += await world.run_at(START - timedelta(hours=21))  # a day before 13:00

    assert reminder_posts(sent) == ["Kei Truck Day at 20:00 for [11]"]


async def test_a_series_dates_post_of_the_new_time_is_struck_when_its_date_moves_again(
    world: World,
) -> None:
    meetup_id = await reminded_then_moved(world, repeat="weekly")
    await world.run_at(START - timedelta(hours=21))  # a day before 13:00: posted

    await world.meetups.move(GUILD, meetup_id, "2026-12-05 10:00")
    await world.run_at(START - timedelta(hours=20))
    await world.reminders.plan_all()
    await world.run_at(START - timedelta(hours=19))

    [moved_back] = world.outdated
    assert (moved_back.shown.starts_at, moved_back.moved_to) == (START + timedelta(hours=3), START)


def reminder_dms(sent: list[Outgoing]) -> list[tuple[int, str]]:
    return [(m.to.user_id, m.content) for m in sent if isinstance(m.to, DirectMessage)]


@pytest.mark.parametrize("repeat", [None, "weekly"])
async def test_a_reminder_dm_retried_after_its_date_moved_goes_at_the_new_times_lead_once(
    world: World, repeat: str | None
) -> None:
    """Not three hours early, at the old time's lead: a day before 13:00, once, whatever
    restarts (a one-off's move has a reminder of its own planned, a series date's not)."""
    await reminded_then_moved(world, **({} if repeat is None else {"repeat": repeat}))

    early = await world.run_at(START - timedelta(hours=23))
    await world.reminders.plan_all()  # a start-up sends nothing again
    early += await world.run_at(START - timedelta(hours=21, minutes=1))
    due = await world.run_at(START - timedelta(hours=21))  # a day before 13:00
    await world.reminders.plan_all()
    after = await world.run_at(START - timedelta(hours=20))

    assert reminder_dms(early) == []
    assert [member for member, _ in reminder_dms(due)] == [11]
    assert reminder_dms(due)[0][1].startswith("Kei Truck Day at 20:00 for []")
    assert reminder_dms(after) == []


async def test_a_reminder_dm_retried_after_its_date_moved_closer_goes_at_once(
    world: World,
) -> None:
    """The new time's lead has passed already: the member is reminded now, not never."""
    meetup = await world.meetup(repeat="weekly")
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    world.sender.fail_with = [TryAgain("Discord is slow"), TryAgain("Discord is slow")]
    assert await world.run_at(START - timedelta(hours=24)) == []
    await world.meetups.move(GUILD, meetup.id, "2026-12-05 08:00")

    now = await world.run_at(START - timedelta(hours=23))
    later = await world.run_at(START - timedelta(hours=20))

    assert reminder_dms(now) == [(11, "Kei Truck Day at 15:00 for []")]
    assert reminder_dms(later) == []


@pytest.mark.parametrize("since", ["answered Can't go", "turned reminders off"])
async def test_a_reminder_dm_put_off_to_the_new_times_lead_skips_a_member_who_no_longer_wants_it(
    world: World, since: str
) -> None:
    meetup_id = await reminded_then_moved(world, repeat="weekly")
    await world.run_at(START - timedelta(hours=23))

    if since == "answered Can't go":
        await world.meetups.answer(GUILD, meetup_id, 11, "declined")
    else:
        await world.meetups.members.set_reminders(GUILD, 11, False)
    sent = await world.run_at(START - timedelta(hours=21))

    assert reminder_dms(sent) == []


async def test_a_reminder_dm_put_off_to_the_new_times_lead_gives_way_to_a_time_chosen_since(
    world: World,
) -> None:
    """A member who chose their own time (an hour before) meanwhile gets their DM then, once."""
    await reminded_then_moved(world, repeat="weekly")
    await world.run_at(START - timedelta(hours=23))

    await world.reminders.set_member_offset(GUILD, 11, timedelta(hours=1))
    day_before = await world.run_at(START - timedelta(hours=21))
    hour_before = await world.run_at(START + timedelta(hours=2))

    assert reminder_dms(day_before) == []
    assert [member for member, _ in reminder_dms(hour_before)] == [11]


async def test_a_late_reminder_put_off_to_the_new_times_lead_is_not_called_late_there(
    world: World,
) -> None:
    """The bot was back 10 minutes after the day-before time and Discord failed the DM and
    post; the date then moved. At the new time's lead they go on time, and say so."""
    meetup = await world.meetup(repeat="weekly")
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    world.sender.fail_with = [TryAgain("Discord is slow"), TryAgain("Discord is slow")]
    assert await world.run_at(START - timedelta(hours=24) + timedelta(minutes=10)) == []
    await world.meetups.move(GUILD, meetup.id, "2026-12-05 13:00")

    sent = await world.run_at(START - timedelta(hours=23))
    sent += await world.run_at(START - timedelta(hours=21))  # a day before 13:00

    assert reminder_posts(sent) == ["Kei Truck Day at 20:00 for [11]"]
    assert reminder_dms(sent) == [(11, "Kei Truck Day at 20:00 for []")]
