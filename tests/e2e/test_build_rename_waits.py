"""A rename Discord answers with a 429 waits as long as Discord says, in the database, not in the
job runner or the member's command: discord.py would otherwise sleep out the 429 (minutes for a
thread's renames), and the bot's count of renames is lost with a restart."""

from __future__ import annotations

import time
from datetime import timedelta

from bot.builds import BUILD_THREAD_NAME_JOB
from bot.clock import unix
from sandbox import ChannelRef, Loopback

from .conftest import RunningBot
from .test_build_renames import name_of, renames_of, third_rename_waiting
from .test_builds import forum_build

# How long ago, in Discord's count, the thread's older rename was: Discord lets the next rename
# through in 3 minutes, not in the 10 minutes of a whole window.
OLDEST_RENAME_AGO = timedelta(minutes=7)


async def thread_name_job_due(keitora: RunningBot) -> int:
    row = await keitora.store.fetchone(
        "SELECT due_at FROM jobs WHERE kind = ? AND state = 'pending'", (BUILD_THREAD_NAME_JOB,)
    )
    assert row is not None, "no thread-name job is waiting"
    return int(row["due_at"])


def renamed_twice_lately(loopback: Loopback, thread: ChannelRef) -> None:
    """Discord counts two renames of the thread, the older one OLDEST_RENAME_AGO ago."""
    now = loopback.world.clock()
    loopback.world.renames[thread.id] = [now - OLDEST_RENAME_AGO, now]


async def test_a_job_refused_by_discord_after_a_restart_waits_as_long_as_discord_says(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await third_rename_waiting(loopback)
    await keitora.restart()  # the bot's count of the thread's renames is gone
    renamed_twice_lately(loopback, thread)
    keitora.clock.advance(timedelta(minutes=10))  # the job is due by the bot's old count

    started = time.monotonic()
    await keitora.bot.job_runner.run_due()
    assert time.monotonic() - started < 2  # not sat out in the runner
    assert renames_of(loopback, thread)[-1] == "Camper Carry v4"  # asked, and refused
    assert name_of(loopback, thread) == "Camper Carry v3"
    wait = timedelta(minutes=10) - OLDEST_RENAME_AGO
    due = await thread_name_job_due(keitora)
    assert abs(due - unix(keitora.clock.now() + wait)) <= 5

    # Once Discord allows it, the job renames the thread.
    loopback.world.renames[thread.id] = []
    keitora.clock.advance(wait)
    await keitora.bot.job_runner.run_due()
    assert name_of(loopback, thread) == "Camper Carry v4"


async def test_a_members_rename_refused_by_discord_after_a_restart_is_answered_at_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await keitora.restart()
    renamed_twice_lately(loopback, thread)

    started = time.monotonic()
    reply = await loopback.slash("build rename", title="Camper Carry v2", where=thread)
    assert time.monotonic() - started < 2
    wait = timedelta(minutes=3)
    when = unix(keitora.clock.now() + wait)
    assert "takes the new name <t:" in reply.text
    shown = int(reply.text.split("takes the new name <t:")[1].split(":")[0])
    assert abs(shown - when) <= 5
    assert abs(await thread_name_job_due(keitora) - when) <= 5
