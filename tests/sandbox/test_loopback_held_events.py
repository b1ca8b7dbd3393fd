"""A gateway event held until the test releases it: it and every event after it on the session
reach the bot only then, in order, while the loopback goes on as if they had been sent."""

from __future__ import annotations

import asyncio

from sandbox import Loopback

from .conftest import ProbeBot

# Long enough for an unheld event to reach the bot many times over.
UNHELD_WITHIN = 0.5


async def test_a_held_event_and_those_after_it_reach_the_bot_only_once_released(
    loopback: Loopback, bot: ProbeBot
) -> None:
    held = loopback.faults.hold_event("INTERACTION_CREATE")
    first = asyncio.create_task(loopback.slash("glossary lookup", term="shaken"))
    await asyncio.wait_for(held.arrived.wait(), 10)
    second = asyncio.create_task(
        loopback.slash("glossary lookup", term="jimny", where=loopback.channel("meetups"))
    )
    assert bot.ws.sequence is not None
    assert held.sequence == bot.ws.sequence + 1

    done, _ = await asyncio.wait({first, second}, timeout=UNHELD_WITHIN)

    assert done == set()
    assert bot.ws.sequence == held.sequence - 1  # nothing after the held event came either
    held.release()
    assert (await first).embeds[0]["title"] == "shaken"
    assert (await second).embeds[0]["title"] == "jimny"


async def test_an_event_the_hold_does_not_apply_to_is_sent_at_once(
    loopback: Loopback, bot: ProbeBot
) -> None:
    meetups = loopback.channel("meetups")
    held = loopback.faults.hold_event(
        "INTERACTION_CREATE", applies_to=lambda data: data["channel_id"] == meetups.id
    )

    reply = await loopback.slash("glossary lookup", term="shaken")

    assert reply.embeds[0]["title"] == "shaken"
    assert not held.arrived.is_set()
    held.release()


async def test_a_session_resumed_while_an_event_is_held_gets_it_only_once_released(
    loopback: Loopback, bot: ProbeBot
) -> None:
    held = loopback.faults.hold_event("INTERACTION_CREATE")
    first = asyncio.create_task(loopback.slash("glossary lookup", term="shaken"))
    await asyncio.wait_for(held.arrived.wait(), 10)
    await loopback.gateway.drop(4000)
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")

    done, _ = await asyncio.wait({first}, timeout=UNHELD_WITHIN)

    assert done == set()
    held.release()
    assert (await first).embeds[0]["title"] == "shaken"
    assert len(first.result().record.rejected) == 0  # answered once, not twice
