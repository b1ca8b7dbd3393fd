"""`python bot.py` started by an admin against the loopback Discord: what a mistake in the
configuration that only Discord can see looks like."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from sandbox import Loopback

from .conftest import REPO, BotProcess


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


async def test_a_token_discord_rejects_stops_the_bot_for_good(
    tmp_path: Path, loopback: Loopback
) -> None:
    # A reset (or mistyped) token is a configuration problem: systemd restarting the bot every
    # 10 s cannot mend it, only a new DISCORD_TOKEN can.
    wrong = "MTA5.reset-in-the-portal." + "x" * 27
    env = {
        **os.environ,
        "DISCORD_TOKEN": wrong,
        "DISCORD_API_BASE": loopback.api_base,
        "DATABASE_PATH": str(tmp_path / "keitora.sqlite3"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(REPO / "bot.py"),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    shown = output.decode(errors="replace")

    assert process.returncode == 2, shown
    unit = (REPO / "deploy" / "keitora.service").read_text()
    assert f"RestartPreventExitStatus={process.returncode}" in unit.splitlines()
    assert "Discord rejected the token (401 Unauthorized)." in shown
    assert wrong not in shown
    assert "Traceback" not in shown
