"""The bot in a process of its own, for the benchmarks that measure its throughput.

Discord's work does not run in a bot's process; the loopback's does when both share one. Run
apart, the CPU time measured (`cpu_seconds`) is the bot's alone, and the loopback and the
members it plays use the other core.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

from bot.client import KeitoraBot, create_bot
from bot.clock import SystemClock
from bot.config import Settings
from bot.store import Store
from sandbox import Loopback

REPO = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def bot_process_env(loopback: Loopback, database: Path) -> dict[str, str]:
    """The environment for the bot run as its own process against `loopback`."""
    return {
        **os.environ,
        "DISCORD_TOKEN": loopback.token,
        "DISCORD_API_BASE": loopback.api_base,
        "DATABASE_PATH": str(database),
        "LOG_LEVEL": "WARNING",
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@contextlib.contextmanager
def driver_collections_held() -> Iterator[None]:
    """This process's garbage collections run first and are then held back while it times the bot.

    This process plays Discord and the members, and the loopback keeps what it is sent: its
    full collections grew past 100 ms during a run, pauses that fell on whichever command was
    being timed (`bench.glossary_latency --load` showed p99s of 100-220 ms for lookups and
    /eligibility, and rates that moved by a tenth between runs). The bot's own collections,
    in its own process, still count.
    """
    gc.collect()
    gc.freeze()  # the next collection walks only what was made since
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.asynccontextmanager
async def bot_process(
    loopback: Loopback, database: Path, arguments: Sequence[str], log_folder: Path
) -> AsyncIterator[int]:
    """`python <arguments>` (`bot.py`, or a benchmark's `--serve`) as the bot on `database`,
    connected to `loopback`; yields its pid once it is ready. Stopped with SIGTERM on the way
    out, as a host stops it, and whatever it logged as an error is printed."""
    log_path = log_folder / "bot.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *arguments,
            cwd=REPO,
            env=bot_process_env(loopback, database),
            stdout=log,
            stderr=log,
        )
        try:
            await loopback.wait_ready(within=120)
            yield process.pid
        finally:
            if process.returncode is None:  # it may have died, which its log says why
                process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
            errors = log_path.read_text(errors="replace")
            if "Traceback" in errors or "ERROR" in errors:
                print("\nthe bot logged errors:\n" + errors[-3000:])


async def serve(add_floor: Callable[[KeitoraBot], None]) -> None:
    """The bot as `bot.py` runs it, plus what `add_floor` adds: a benchmark's floor, the same
    path through discord.py doing nothing of its own."""
    logging.basicConfig(level=logging.WARNING)
    settings = Settings.from_env(os.environ)
    store = await Store.open(settings.database_path, durable_commits=settings.durable_commits)
    bot = create_bot(settings, store, SystemClock())
    add_floor(bot)
    closing: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: closing.add(asyncio.ensure_future(bot.close())))
    try:
        async with bot:
            await bot.start(settings.token or "")
    finally:
        await store.close()
