"""A publish Discord answers 429 (others spent the announcement channel's hourly budget, which
the bot's own count cannot see) is put off through the job queue for as long as Discord says:
the bot neither sits out the wait inside discord.py, holding a job runner, nor asks again before
it is over."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock, unix
from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_importers import CROSSPOST, announce, requests, server_ready, settle

# The conftest's loopback, on the bot's clock: the channel's budget frees up as it turns.
from .test_importers import loopback as loopback

SPENT_AGO = timedelta(minutes=10)  # others' ten publishes: the budget frees 50 minutes on


async def test_a_publish_refused_for_the_channels_budget_waits_out_discords_retry_after(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    channel_id = loopback.channel("announcements").id
    loopback.world.publishes[channel_id] = [clock.now() - SPENT_AGO] * 10
    await announce(loopback, "Hijet Jumbo arrived")
    await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 1, within=10, what="the first publish"
    )
    [refused] = requests(loopback, CROSSPOST)
    assert refused.status == 429
    retry_after = timedelta(seconds=refused.response["retry_after"])

    async def put_off() -> bool:
        due = await keitora.store.fetchval(
            "SELECT due_at FROM jobs WHERE kind = 'importer.publish' AND state = 'pending'"
        )
        return due is not None and due > unix(clock.now())

    # Back in the queue at once: a job runner is not held for Discord's wait.
    await eventually(put_off, "the publish put off", within=2)
    for _ in range(5):
        clock.advance((retry_after - timedelta(seconds=1)) / 5)
        await keitora.bot.job_runner.run_due()
    assert len(requests(loopback, CROSSPOST)) == 1  # not asked again before Discord allows

    clock.advance(timedelta(seconds=2))
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(
        lambda: len(requests(loopback, CROSSPOST)) == 2, within=10, what="the publish"
    )
    assert requests(loopback, CROSSPOST)[-1].status == 200
    assert all(m.flags & 1 for m in loopback.messages("announcements"))
