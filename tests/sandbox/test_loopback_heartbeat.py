"""The loopback answers heartbeats as Discord does, so discord.py measures a true latency."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord.gateway import KeepAliveHandler

from sandbox import Loopback

from .conftest import running_bot

# Long enough that a machine busy with other work still answers well within half of it.
INTERVAL = 0.5
HEARTBEATS = 4


@pytest.fixture
async def loopback(discord_spec: Path | None) -> AsyncIterator[Loopback]:
    async with Loopback(spec=discord_spec, heartbeat_interval=INTERVAL) as discord_:
        yield discord_


@pytest.fixture
def late_keep_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    """discord.py's keep-alive thread notes a heartbeat's send time a few milliseconds after the
    send, as it does whenever the event loop's thread holds the GIL; always, here."""
    clock = time.perf_counter

    def late_on_the_keep_alive_thread() -> float:
        if isinstance(threading.current_thread(), KeepAliveHandler):
            time.sleep(0.005)
        return clock()

    monkeypatch.setattr(time, "perf_counter", late_on_the_keep_alive_thread)


@pytest.mark.usefixtures("late_keep_alive")
async def test_heartbeats_are_acknowledged_after_they_were_sent(
    loopback: Loopback, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    latencies: list[float] = []
    enough = asyncio.Event()
    acknowledge = KeepAliveHandler.ack

    def recording_ack(handler: KeepAliveHandler) -> None:  # runs on the event loop's thread
        acknowledge(handler)
        latencies.append(handler.latency)
        if len(latencies) == HEARTBEATS:
            enough.set()

    monkeypatch.setattr(KeepAliveHandler, "ack", recording_ack)
    caplog.set_level(logging.WARNING, logger="discord.gateway")
    async with running_bot(loopback):
        await asyncio.wait_for(enough.wait(), 10)

    # An ACK that overtakes discord.py's note of the send time reads as a whole interval late;
    # at Discord's real interval (41.25 s) discord.py then warns it "can't keep up".
    assert max(latencies) < INTERVAL / 2, latencies
    assert "Can't keep up" not in caplog.text
