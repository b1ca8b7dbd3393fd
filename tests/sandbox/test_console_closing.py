"""Closing the sandbox: nothing the bot was sent is left unrun when the session ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.client import KeitoraBot
from sandbox import session

from .conftest import sandbox_in

# discord.py's own default is 2 s: it waits this long for more servers before on_ready, longer
# than the demo's setup takes, so a session that did not wait for on_ready would be handed out
# before it.
SLOW_READY = 2.0


async def test_the_console_is_handed_out_only_once_the_bot_is_ready(
    tmp_path: Path, discord_spec: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session closed before on_ready would have discord.py dispatch it to a closed client,
    whose handler is then never run (and its cogs' on_ready work never done)."""
    create_bot = session.create_bot
    created: list[KeitoraBot] = []

    def slow_to_be_ready(*args: Any, **kwargs: Any) -> KeitoraBot:
        created.append(create_bot(*args, **kwargs | {"guild_ready_timeout": SLOW_READY}))
        return created[-1]

    monkeypatch.setattr(session, "create_bot", slow_to_be_ready)
    async with sandbox_in(tmp_path, discord_spec):
        (bot,) = created
        assert bot.is_ready()
