"""An answer that waits for the database past Discord's window is deferred first, then given."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot, database_held
from .test_meetups import cards, create, meetups_channel

DEFERRED_WITH_SOURCE = 5


@pytest.mark.clock(MEETUP_WEEK)
async def test_a_click_held_up_by_the_database_is_deferred_then_answered(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=5)
    [card] = cards(loopback)
    async with database_held(keitora.store):
        reply = await loopback.click(card, "Going", actor=loopback.member("Mika"), within=10)

    assert reply.type == DEFERRED_WITH_SOURCE
    assert reply.latency is not None
    assert reply.latency < 3.0
    assert reply.ephemeral
    await reply.wait_until(lambda r: r.content.startswith("You're going"))
