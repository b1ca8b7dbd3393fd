"""`python bot.py` started by an admin against the loopback Discord: what a mistake in the
configuration that only Discord can see looks like."""

from __future__ import annotations

import asyncio

import pytest

from sandbox import Loopback

from .conftest import BotProcess


async def test_a_listed_server_keitora_is_not_in_is_named_without_a_traceback(
    bot_process: BotProcess, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = "123456789012345678"  # a server id, but not one that invited Keitora
    monkeypatch.setenv("DISCORD_GUILD_IDS", f"{loopback.guild.id},{stranger}")
    bot_process.start()
    assert bot_process.process is not None
    assert await asyncio.to_thread(bot_process.process.wait, 60) == 2
    assert (
        f"DISCORD_GUILD_IDS lists {stranger}, a server Keitora is not in: invite it there "
        "(README.md, 'Invite it to your server') or take the id out."
    ) in bot_process.log()
    # The fixture fails the test on a traceback in the log.
    # Nothing is synced: not the global list, which may hold the commands of a bot synced
    # globally before, nor the listed server Keitora is in, where they would show twice.
    assert [r.template for r in loopback.requests if r.method == "PUT"] == []
