"""Closing the sandbox: nothing the bot was sent is left unrun when the session ends."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest

from bot.client import KeitoraBot
from sandbox import session

from .conftest import sandbox_in


# An event the bot was sent but never handled leaves discord.py's handler coroutine unawaited,
# which Python reports as it frees it: raised here as an error.
@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
async def test_a_sandbox_closed_at_once_leaves_no_event_unhandled(
    tmp_path: Path, discord_spec: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_bot = session.create_bot

    def slow_to_be_ready(*args: Any, **kwargs: Any) -> KeitoraBot:
        # discord.py's own default: it waits this long for more servers before on_ready,
        # longer than the demo's setup takes.
        return create_bot(*args, **kwargs | {"guild_ready_timeout": 1.0})

    monkeypatch.setattr(session, "create_bot", slow_to_be_ready)
    # What a task raised, unretrieved, as its message only: a logged record would keep the
    # error, and with it the unawaited coroutine, alive past the test.
    problems: list[str] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: problems.append(context["message"]))
    async with sandbox_in(tmp_path, discord_spec):
        pass
    await asyncio.sleep(1.5)  # what the bot was about to do comes due after it closed
    gc.collect()
    loop.set_exception_handler(None)
    assert problems == []
