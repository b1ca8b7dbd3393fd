"""An answer that waits for the database past Discord's window is deferred first, then given."""

from __future__ import annotations

import asyncio

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import cards, create, meetups_channel

DEFERRED_WITH_SOURCE = 5


async def test_a_click_held_up_by_the_database_is_deferred_then_answered(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=5)
    [card] = cards(loopback)
    holding = asyncio.Event()

    async def hold_the_write_lock() -> None:
        # Another write (a big import, a burst of clicks) keeps the database busy for longer
        # than Discord waits for an answer.
        async with keitora.store.transaction():
            holding.set()
            await asyncio.sleep(2.5)

    held = asyncio.create_task(hold_the_write_lock())
    await holding.wait()
    reply = await loopback.click(card, "Going", actor=loopback.member("Mika"), within=10)
    await held

    assert reply.type == DEFERRED_WITH_SOURCE
    assert reply.latency is not None
    assert reply.latency < 3.0
    assert reply.ephemeral
    await reply.wait_until(lambda r: r.content.startswith("You're going"))
