"""Reminder posts whose date moved or was called off after they were posted, on a real SQLite
file and the real job runner and outbox: each change edits the post once, across restarts; a
date moved back is shown as first posted; posts of dates past are left alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.delivery import Channel
from bot.meetups import Meetup, MeetupService

from .test_reminders import GUILD, START, World, clock, world

__all__ = ["clock", "world"]  # the fixtures these tests share with test_reminders


async def posted_a_day_before(world: World, **fields: object) -> int:
    """A meetup with member 11 going, and its reminder posted a day before its first date."""
    meetup = await world.meetup(**fields)
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    sent = await world.run_at(START - timedelta(hours=24))
    assert [m.mention_user_ids for m in sent if isinstance(m.to, Channel)] == [(11,)]
    return meetup.id


async def test_a_post_is_edited_once_for_each_move_and_shown_as_posted_when_moved_back(
    world: World,
) -> None:
    meetup_id = await posted_a_day_before(world)

    later = START + timedelta(hours=1)
    await world.meetups.move(GUILD, meetup_id, "2026-12-05 11:00")
    sent = await world.run_at(START - timedelta(hours=23))  # a day before 11:00: posted too
    await world.reminders.plan_all()  # a start-up finds nothing more to do
    await world.run_at(START - timedelta(hours=22))
    [moved] = world.outdated
    assert (moved.shown.starts_at, moved.moved_to) == (START, later)
    assert moved.members == (11,)
    assert [m.to for m in sent if isinstance(m.to, Channel)] == [Channel(moved.channel_id)]

    await world.meetups.move(GUILD, meetup_id, "2026-12-05 10:00")
    await world.run_at(START - timedelta(hours=21))
    await world.reminders.plan_all()
    await world.run_at(START - timedelta(hours=20))
    edits = {(e.message_id, e.shown.starts_at, e.moved_to) for e in world.outdated[1:]}
    assert len(world.outdated) == 3
    # The first post shows 10:00 again, as posted; the one of 11:00 says it moved back.
    assert (moved.message_id, START, START) in edits
    assert {(shown, to) for _, shown, to in edits} == {(START, START), (later, START)}


async def test_a_post_of_a_date_called_off_says_so(world: World) -> None:
    meetup_id = await posted_a_day_before(world)

    await world.meetups.cancel(GUILD, meetup_id)
    await world.run_at(START - timedelta(hours=23))

    [called_off] = world.outdated
    assert called_off.moved_to is None


async def test_a_post_of_a_date_past_is_left_as_it_is(world: World) -> None:
    meetup_id = await posted_a_day_before(world, repeat="weekly")
    await world.run_at(START + timedelta(hours=3))  # the first date is over

    await world.meetups.cancel(GUILD, meetup_id)
    await world.run_at(START + timedelta(hours=4))

    assert world.outdated == []


async def test_a_post_of_a_meetup_cancelled_while_the_reminders_were_not_told_is_struck_at_start_up(
    world: World,
) -> None:
    """The bot stopped after the cancel was saved, before the reminders heard of it: start-up
    strikes the post, once, though the meetup is no longer upcoming (nor its server one with
    meetups)."""
    meetup_id = await posted_a_day_before(world)
    unheard = MeetupService(world.store, world.clock, world.setup, world.jobs)
    await unheard.cancel(GUILD, meetup_id)

    for _ in range(2):  # started twice
        await world.reminders.plan_all()
        await world.run_at(START - timedelta(hours=23))

    [called_off] = world.outdated
    assert (called_off.meetup.id, called_off.moved_to) == (meetup_id, None)


async def test_start_up_leaves_alone_a_cancelled_meetup_whose_posts_are_struck(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not planned again at every start-up until its date passes: nothing is left to do."""
    meetup_id = await posted_a_day_before(world)
    await world.meetups.cancel(GUILD, meetup_id)
    await world.run_at(START - timedelta(hours=23))
    planned: list[int] = []
    plan = world.reminders.plan

    async def noting(meetup: Meetup) -> int:
        planned.append(meetup.id)
        return await plan(meetup)

    monkeypatch.setattr(world.reminders, "plan", noting)
    await world.reminders.plan_all()

    assert planned == []
    assert len(world.outdated) == 1


async def test_a_post_struck_restored_then_cancelled_unheard_is_struck_again_at_start_up(
    world: World,
) -> None:
    meetup_id = await posted_a_day_before(world)
    await world.meetups.cancel(GUILD, meetup_id)
    await world.run_at(START - timedelta(hours=23))
    await world.meetups.restore(GUILD, meetup_id)
    await world.run_at(START - timedelta(hours=22))
    unheard = MeetupService(world.store, world.clock, world.setup, world.jobs)
    await unheard.cancel(GUILD, meetup_id)

    await world.reminders.plan_all()
    await world.run_at(START - timedelta(hours=21))

    assert [edit.moved_to for edit in world.outdated] == [None, START, None]
