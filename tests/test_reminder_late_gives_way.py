"""A reminder missed while the bot was down, with the next reminder of the same date due within
the hour: the late one is not sent, so members do not get two reminders an hour apart; the next
comes at the time the server or the member chose. On a real SQLite file and the real job runner
and outbox, with a moved clock and start-up planning in between."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery import Channel, DirectMessage, Outgoing
from bot.reminders import REMINDER_JOB

from .test_reminders import GUILD, START, World, clock, notice, world

__all__ = ["clock", "world"]  # the fixtures these tests share with test_reminders


def dms(sent: list[Outgoing]) -> list[tuple[int, bool]]:
    """Each DM sent: to whom, and whether it said it was late."""
    return [(m.to.user_id, "(late)" in m.content) for m in sent if isinstance(m.to, DirectMessage)]


def posts(sent: list[Outgoing]) -> list[tuple[tuple[int, ...], bool]]:
    """Each thread post sent: whom it mentioned, and whether it said it was late."""
    return [(m.mention_user_ids, "(late)" in m.content) for m in sent if isinstance(m.to, Channel)]


async def going(world: World, *members: int) -> int:
    meetup = await world.meetup()
    for member in members:
        await world.meetups.answer(GUILD, meetup.id, member, "going")
    return meetup.id


async def test_back_two_hours_before_the_day_befores_reminder_gives_way_to_the_hours(
    world: World,
) -> None:
    await going(world, 11)
    # Down through the day-before reminder's time, back when the hour-before one is an hour off.
    await world.reminders.plan_all()
    assert await world.run_at(START - timedelta(hours=2)) == []

    await world.reminders.plan_all()  # restarted again before the hour-before reminder
    sent = await world.run_at(START - timedelta(hours=1))
    assert (dms(sent), posts(sent)) == ([(11, False)], [((11,), False)])
    await world.reminders.plan_all()
    assert await world.run_at(START - timedelta(minutes=1)) == []


async def test_a_late_reminder_run_again_after_a_crash_still_gives_way(world: World) -> None:
    await going(world, 11)
    world.clock.set(START - timedelta(hours=2))
    [day_before] = await world.jobs.claim_due(1, worker="died", kinds=[REMINDER_JOB])
    await world.reminders.handlers(notice, world)[REMINDER_JOB](day_before)  # never settled

    await world.reminders.plan_all()  # restarted
    sent = await world.run_at(START - timedelta(hours=1))  # its lease ran out: run again
    sent += await world.run_at(START - timedelta(minutes=1))
    assert (dms(sent), posts(sent)) == ([(11, False)], [((11,), False)])


async def test_a_late_reminder_more_than_an_hour_before_the_next_still_goes(world: World) -> None:
    await going(world, 11)
    sent = await world.run_at(START - timedelta(hours=2, minutes=1))
    assert (dms(sent), posts(sent)) == ([(11, True)], [((11,), True)])

    sent = await world.run_at(START - timedelta(hours=1))
    assert (dms(sent), posts(sent)) == ([(11, False)], [((11,), False)])


async def test_down_through_both_reminders_sends_the_last_one_alone_late(world: World) -> None:
    await going(world, 11)
    await world.reminders.plan_all()
    sent = await world.run_at(START - timedelta(minutes=30))
    assert (dms(sent), posts(sent)) == ([(11, True)], [((11,), True)])
    assert await world.run_at(START - timedelta(minutes=1)) == []


async def test_a_member_whose_own_time_was_missed_gets_it_late_and_not_the_servers_next(
    world: World,
) -> None:
    await going(world, 11, 12)
    await world.reminders.set_member_offset(GUILD, 12, timedelta(hours=2))
    # Back 65 minutes before the start: the day-before reminder gives way to the hour-before
    # one, which 11 gets on time; 12's own time, two hours before, has no later one of theirs
    # to give way to, and is the closest to what they chose.
    sent = await world.run_at(START - timedelta(minutes=65))
    assert (dms(sent), posts(sent)) == ([(12, True)], [])

    sent = await world.run_at(START - timedelta(hours=1))
    assert (dms(sent), posts(sent)) == ([(11, False)], [((11, 12), False)])
