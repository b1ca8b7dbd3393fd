"""A scheduled post on the wire when the bot is told to stop: the stop waits for Discord's answer
and records it, so the next start does not send it again (which Discord drops only within a few
minutes of the first)."""

from __future__ import annotations

import asyncio

from bot.glossary import DAILY_WORD_JOB
from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_daily import glossary_channel_due

POST = ("POST", "/channels/{channel_id}/messages")
CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
OLD_GRACE = 10.0  # seconds a stop used to wait for the jobs in hand


def posts_to(loopback: Loopback, channel_id: int) -> list[dict[str, object]]:
    return [
        record.request
        for record in loopback.requests
        if (record.method, record.template) == POST and f"/{channel_id}/" in record.path
    ]


async def test_a_post_on_the_wire_at_a_stop_is_recorded_and_not_sent_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = await glossary_channel_due(keitora, loopback)
    held = loopback.faults.hold(*POST, applies_to=lambda path: f"/{glossary.id}/" in path)
    keitora.bot.services.jobs.wake()
    await asyncio.wait_for(held.arrived.wait(), 10)

    stopping = asyncio.create_task(keitora.stop())
    await asyncio.sleep(OLD_GRACE + 1)  # Discord is slow to answer, within the job's limit
    held.release()
    await stopping

    await keitora.start()
    state = await keitora.store.fetchval("SELECT state FROM jobs WHERE kind = ?", (DAILY_WORD_JOB,))
    assert state == "done"
    assert len(posts_to(loopback, glossary.id)) == 1
    assert len(loopback.messages(glossary)) == 1


async def test_a_command_in_hand_when_a_stops_send_is_answered_still_gets_its_answer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The gateway stays up while a stop waits for a send in hand, so members' commands keep
    coming: one still being answered when the send is is waited for too, not cut off as the
    connection closes."""
    glossary = await glossary_channel_due(keitora, loopback)
    held = loopback.faults.hold(*POST, applies_to=lambda path: f"/{glossary.id}/" in path)
    keitora.bot.services.jobs.wake()
    await asyncio.wait_for(held.arrived.wait(), 10)
    stopping = asyncio.create_task(keitora.stop())
    await asyncio.sleep(0.5)  # the stop is waiting for the send
    answering = loopback.faults.hold(*CALLBACK)

    asked = asyncio.create_task(loopback.slash("eligibility", manufactured="1998-06", within=30))
    await asyncio.wait_for(answering.arrived.wait(), 10)
    held.release()  # the send is answered while the command is still being answered
    await asyncio.sleep(1)
    answering.release()
    answer = await asked
    await stopping
    await keitora.start()  # for the fixture's own stop

    assert "Eligible" in answer.text, answer.text
