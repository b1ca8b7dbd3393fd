"""A whole cancel's DMs wait for its thread's notice and archive (`thread_told`), which let
them go: only those, not another change's DM backing off after Discord failed it, whose tries
would start afresh each time the cancelled meetup's thread rename is handled."""

from __future__ import annotations

from bot.clock import unix
from bot.meetups.notices import CHANGED_DM_JOB

from .test_reminders import GUILD, World, clock, world

__all__ = ["clock", "world"]  # the fixtures these tests share with test_reminders


async def dms(world: World) -> dict[str, tuple[int, int]]:
    """Each pending change DM's key, with its attempts and when it is due."""
    rows = await world.store.fetchall(
        "SELECT key, attempts, due_at FROM jobs WHERE kind = ? AND state = 'pending'",
        (CHANGED_DM_JOB,),
    )
    return {row["key"]: (row["attempts"], row["due_at"]) for row in rows}


async def test_the_thread_told_lets_only_the_cancels_own_dms_go(world: World) -> None:
    meetup = await world.meetup()
    await world.meetups.set_thread(meetup.id, 888)
    await world.meetups.answer(GUILD, meetup.id, 11, "going")
    await world.meetups.move(GUILD, meetup.id, "2026-12-05 11:00")
    [moved] = await world.jobs.claim_due(1, worker="here", kinds=[CHANGED_DM_JOB])
    await world.jobs.retry_later(moved, "Discord is slow")
    backing_off = (await dms(world))[moved.key]
    await world.meetups.cancel(GUILD, meetup.id)

    for _ in range(3):  # each rename job of the cancelled meetup handled
        await world.meetups.thread_told(meetup.id)

    pending = await dms(world)
    assert pending.pop(moved.key) == backing_off
    [(key, (_, due))] = pending.items()
    assert ":cancelled:" in key
    assert due == unix(world.clock.now())
