"""Start-up reconciles the meetups of the servers the bot is in, not of those that removed it:
their work waits for the bot's return (their jobs are paused), and planning it would only add
to what a purge deletes."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from bot.meetups import MeetupDraft
from bot.reminders import REMINDER_JOB
from bot.retention import ServerRetention

from .test_reminders import GUILD, ORGANIZER, START, World, clock, world

__all__ = ["clock", "world"]  # the fixtures these tests share with test_reminders

STAYED = 200  # a server the bot is still in


async def jobs_of(world: World, guild_id: int) -> list[tuple[str, str, str, int]]:
    rows = await world.store.fetchall(
        "SELECT kind, key, state, due_at FROM jobs WHERE guild_id = ? ORDER BY id", (guild_id,)
    )
    return [(row["kind"], row["key"], row["state"], row["due_at"]) for row in rows]


async def test_start_up_plans_nothing_for_a_server_that_removed_the_bot(world: World) -> None:
    await world.meetup(repeat="weekly")
    await world.setup.set_timezone(STAYED, "America/Denver")
    draft = MeetupDraft("Sat Cruise", "2026-12-05 10:00", "Moab", repeat="weekly")
    await world.meetups.create(STAYED, ORGANIZER, draft)
    retention = ServerRetention(world.store, world.clock, world.jobs)
    await retention.left(GUILD)
    # The series' first date passed while the bot was gone: its next one is not planned.
    world.clock.set(START + timedelta(hours=1))
    before = await jobs_of(world, GUILD)

    planned = await world.reminders.plan_all(retention.departed)

    assert planned == 1
    assert await jobs_of(world, GUILD) == before
    # The server the bot is still in has its next date's reminders.
    week_on = unix(START + timedelta(days=7))
    assert f"2:{week_on}:1440m" in await world.jobs.pending_keys(REMINDER_JOB, "2:")
