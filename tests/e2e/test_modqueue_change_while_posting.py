"""A change to an item while its queue post is on the wire, through the loopback: the edit the
change schedules waits for the post, however long Discord takes to answer it and whichever
worker takes the edit's turn, and the post ends up showing the change."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.client import DiscordAuthoredPosts
from bot.jobs import JobRunner
from bot.modqueue import MODQUEUE_REFRESH_JOB
from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_showcase import POST, start_builds
from .test_showcase_nominations import nominate, queue_edits, queue_posts, queue_ready


async def test_a_change_while_the_post_is_held_past_the_edits_delay_still_reaches_the_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    mods = loopback.channel("mod-queue").id
    held = loopback.faults.hold(*POST, applies_to=lambda path: path == f"/channels/{mods}/messages")
    await nominate(loopback, "Dale", reason="Dale: first")
    await asyncio.wait_for(held.arrived.wait(), 10)
    await nominate(loopback, "Rosa", reason="Rosa: second")

    # Discord sits on the post past the edit's delay, and another worker takes the edit's turn
    # meanwhile (this one's batch waits for its send).
    keitora.clock.advance(timedelta(minutes=1))
    other = JobRunner(keitora.bot.services.jobs, keitora.clock, worker="other")
    other.register(
        MODQUEUE_REFRESH_JOB,
        keitora.bot.services.modqueue.refresh_handler(DiscordAuthoredPosts(keitora.bot)),
    )
    assert await other.run_due() == 1
    held.release()
    [queued] = await queue_posts(loopback, 1)

    await eventually(lambda: bool(queue_edits(loopback, queued)), "the change's edit")
    [edit] = queue_edits(loopback, queued)
    assert "Rosa: second" in edit.request["embeds"][0]["description"]
