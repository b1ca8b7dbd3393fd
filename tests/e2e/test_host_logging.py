"""What `python bot.py` writes to its log at the most talkative level: never a credential. A
bot token logs in as the bot; an interaction's token lets whoever holds it answer, edit and
follow up as the bot for 15 minutes; a public calendar's token shows a server's meetups to
whoever holds it. A log shared to debug something must hold none of them."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

from sandbox import Loopback

from .conftest import REPO
from .test_public_calendar import free_port


async def test_a_debug_log_holds_no_token(tmp_path: Path, loopback: Loopback) -> None:
    log_path = tmp_path / "bot.log"
    env = {
        **os.environ,
        "DISCORD_TOKEN": loopback.token,
        "DISCORD_API_BASE": loopback.api_base,
        "DATABASE_PATH": str(tmp_path / "keitora.sqlite3"),
        "LOG_LEVEL": "DEBUG",
        "WEB_PORT": str(free_port()),
        "WEB_BASE_URL": "https://meetups.example.org",
    }
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(REPO / "bot.py"), cwd=REPO, env=env, stdout=log, stderr=log
        )
    try:
        await loopback.wait_ready(within=30)
        shown = await loopback.slash("setup show", actor=loopback.member("Akiko"), within=10)
        exported = await loopback.slash("privacy export", actor=loopback.member("Mika"), within=10)
        published = await loopback.slash(
            "setup calendar", public=True, actor=loopback.member("Akiko"), within=10
        )
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    written = log_path.read_text(errors="replace")
    # The log is talkative: it holds the interactions and the calls that answered them.
    assert f"/interactions/{shown.record.id}/" in written
    assert "INTERACTION_CREATE" in written
    assert loopback.token not in written
    for reply in (shown, exported, published):
        assert reply.record.token not in written
    [calendar_token] = set(re.findall(r"/calendar/([\w-]{43})", published.content))
    assert calendar_token not in written
    assert "Traceback" not in written
