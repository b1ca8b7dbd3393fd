"""A restart plans nothing for a server that removed the bot."""

from __future__ import annotations

from datetime import timedelta

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_meetup_edits import posted
from .test_meetup_series_edits import DEC_5


async def test_a_restart_plans_nothing_for_a_server_that_removed_the_bot(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(
        keitora, loopback, title="Sat Cruise", when="sat 10am", location="Moab", repeat="weekly"
    )
    guild_id = int(loopback.guild.id)
    retention = keitora.bot.services.retention
    await loopback.remove_bot(loopback.guild)
    await eventually(lambda: retention.departed(guild_id), "the departure")

    async def jobs() -> list[tuple]:
        rows = await keitora.store.fetchall(
            "SELECT kind, key, state, due_at FROM jobs WHERE guild_id = ? ORDER BY id", (guild_id,)
        )
        return [tuple(row) for row in rows]

    keitora.clock.set(DEC_5 + timedelta(hours=1))
    before = await jobs()
    await keitora.restart()
    assert await jobs() == before
