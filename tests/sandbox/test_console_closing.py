"""Closing the sandbox: nothing the bot was sent is left unrun when the session ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.client import KeitoraBot
from bot.store import Store
from sandbox import Loopback, session
from sandbox.faults import HeldEvent

from .conftest import sandbox_in


async def test_the_console_is_handed_out_only_once_the_bot_is_ready(
    tmp_path: Path, discord_spec: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session closed before on_ready would have discord.py dispatch it to a closed client,
    whose handler is then never run (and its cogs' on_ready work never done).

    Discord holds READY until the session starts waiting for the bot to be ready: a session
    that hands the console out without waiting hands it to a bot not yet ready, every run."""
    held: list[HeldEvent] = []
    created: list[KeitoraBot] = []

    class ReadyLate(Loopback):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            held.append(self.faults.hold_event("READY"))

    create_bot = session.create_bot

    def ready_when_waited_for(*args: Any, **kwargs: Any) -> KeitoraBot:
        bot = create_bot(*args, **kwargs)
        wait_until_ready = bot.wait_until_ready

        async def release_then_wait() -> None:
            held[0].release()
            await wait_until_ready()

        bot.wait_until_ready = release_then_wait  # type: ignore[method-assign]
        created.append(bot)
        return bot

    monkeypatch.setattr(session, "Loopback", ReadyLate)
    monkeypatch.setattr(session, "create_bot", ready_when_waited_for)
    # A kept database: the session hands the console out without setting the demo up, whose
    # commands would wait behind the held READY.
    async with await Store.open(tmp_path / "sandbox.sqlite3"):
        pass
    async with sandbox_in(tmp_path, discord_spec):
        (bot,) = created
        assert held[0].arrived.is_set()
        assert bot.is_ready()
