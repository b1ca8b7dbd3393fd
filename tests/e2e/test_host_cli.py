"""`python bot.py` started by an admin against the loopback Discord: what a mistake in the
configuration that only Discord can see looks like."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from sandbox import Loopback

from .conftest import REPO


async def test_a_listed_server_keitora_is_not_in_is_named_without_a_traceback(
    tmp_path: Path, loopback: Loopback
) -> None:
    stranger = "123456789012345678"  # a server id, but not one that invited Keitora
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "bot.py"],
        cwd=REPO,
        env={
            **os.environ,
            "DISCORD_TOKEN": loopback.token,
            "DISCORD_API_BASE": loopback.api_base,
            "DATABASE_PATH": str(tmp_path / "k.sqlite3"),
            "DISCORD_GUILD_IDS": f"{loopback.guild.id},{stranger}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        f"DISCORD_GUILD_IDS lists {stranger}, a server Keitora is not in: invite it there "
        "(README.md, 'Invite it to your server') or take the id out."
    ) in result.stderr
    assert "Traceback" not in result.stderr
