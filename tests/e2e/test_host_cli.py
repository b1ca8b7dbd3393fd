"""`python bot.py` started by an admin against the loopback Discord: what a mistake in the
configuration that only Discord can see looks like."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import REPO, BotProcess, eventually


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


async def test_a_second_bot_on_the_same_database_is_refused_before_it_reaches_discord(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    # `dev.py run` typed in a shell while systemd runs the bot: two sessions would each run
    # every command members send, so each /meetup create would make two meetups.
    bot_process.start()
    await loopback.wait_ready(within=30)
    asked = [r for r in loopback.requests if r.path.endswith("/gateway/bot")]

    second = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, str(REPO / "bot.py")],
        cwd=REPO,
        env={
            **os.environ,
            "DISCORD_TOKEN": loopback.token,
            "DISCORD_API_BASE": loopback.api_base,
            "DATABASE_PATH": str(bot_process.database),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert second.returncode == 1
    assert bot_process.process is not None
    assert (
        f"Database problem: another Keitora (process {bot_process.process.pid}) is running on "
        f"{bot_process.database}; stop it first"
    ) in second.stderr
    assert "Traceback" not in second.stderr
    assert [r for r in loopback.requests if r.path.endswith("/gateway/bot")] == asked
    assert bot_process.terminate() == 0
    # Stopped, the database is free again: the lock went with the process.
    bot_process.start()
    await eventually(lambda: "commands unchanged" in bot_process.log(), "a second start", 30)
    assert bot_process.terminate() == 0


INVITE = (
    "https://discord.com/oauth2/authorize?client_id={}&scope=bot+applications.commands"
    f"&permissions={Permission.BOT}"
)


async def test_the_log_says_where_keitora_is_and_how_to_invite_it_while_it_is_nowhere(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    ready = f"ready as Keitora (application {loopback.bot.id}) in 1 server"
    await eventually(lambda: ready in bot_process.log(), "the ready line", 30)
    assert "in no server yet" not in bot_process.log()
    assert bot_process.terminate() == 0
    # The README's invite link asks for the same permissions.
    assert INVITE.format("APP_ID") in (REPO / "README.md").read_text()


@pytest.mark.loopback(demo=False)
async def test_a_bot_in_no_server_logs_its_own_invite_link(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    invite = (
        "Keitora is in no server yet: invite it with "
        + INVITE.format(loopback.bot.id)
        + " (README.md, 'Invite it to your server')"
    )
    await eventually(lambda: invite in bot_process.log(), "the invite line", 30)
    assert bot_process.terminate() == 0
