"""The per-channel cooldown of public answers: one claim at a time, given back only by its own
answer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.errors import UserError
from cogs._cooldown import PUBLIC_COOLDOWN, ChannelCooldown

CHANNEL = 7


async def test_a_slow_failed_answer_gives_back_only_its_own_claim() -> None:
    clock = ManualClock(datetime(2026, 12, 5, 12, tzinfo=UTC))
    cooldown = ChannelCooldown(clock, "sheet decode")
    failing = asyncio.Event()

    async def slow_then_failed() -> bool:
        await failing.wait()
        return False  # not posted after all

    async def posted() -> bool:
        return True

    first = asyncio.create_task(cooldown.answer(CHANNEL, True, slow_then_failed))
    await asyncio.sleep(0)
    # The first answer is still on its way when the cooldown runs out: another member posts.
    clock.advance(PUBLIC_COOLDOWN + timedelta(seconds=1))
    await cooldown.answer(CHANNEL, True, posted)
    failing.set()
    await first

    # The first answer's failure gives back nothing of the second's claim.
    with pytest.raises(UserError, match="was just posted in this channel"):
        await cooldown.answer(CHANNEL, True, posted)


async def test_an_answer_not_posted_frees_the_channel() -> None:
    clock = ManualClock(datetime(2026, 12, 5, 12, tzinfo=UTC))
    cooldown = ChannelCooldown(clock, "glossary card")

    async def not_posted() -> bool:
        return False

    async def posted() -> bool:
        return True

    await cooldown.answer(CHANNEL, True, not_posted)
    await cooldown.answer(CHANNEL, True, posted)
    with pytest.raises(UserError):
        await cooldown.answer(CHANNEL, True, posted)
