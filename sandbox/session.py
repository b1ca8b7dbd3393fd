"""`python bot.py sandbox`: the real bot on a loopback Discord, driven from a terminal.

Starts the bot with the demo server set up, then feeds the console the lines of a `--script`
file or what a person types.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.client import KeitoraBot, create_bot, running
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.feeds.fetcher import FeedFetcher
from bot.store import Store
from sandbox.bot_work import SandboxClock, idle, until_settled
from sandbox.console import DEFAULT_ACTOR, Console, LogGate
from sandbox.demo import DEMO_GUILD
from sandbox.driver import Loopback
from sandbox.feed_addresses import BANNER_LINE, InternetOrThisMachine
from sandbox.render import inert
from sandbox.spec import HOW_TO_GET

DEMO_ZONE = "America/Denver"
SYSTEM_CLOCK = SystemClock()
ADMIN = "Akiko"
QUIT = ("quit", "exit")  # a line that ends the sandbox, typed or in a script, in any case

# How the sandbox sets itself up, as an admin would on a new server.
SETUP_LINES = (
    "/setup channel kind:meetups channel:#meetups",
    "/setup channel kind:builds channel:#builds",
    "/setup channel kind:showcase channel:#showcase",
    "/setup channel kind:announcements channel:#announcements",
    "/setup channel kind:glossary channel:#glossary",
    "/setup channel kind:modqueue channel:#mod-queue",
    "/setup role kind:moderator role:@Moderator",
    "/setup role kind:organizer role:@Organizer",
    "/setup role kind:importer role:@Importer",
    f"/setup timezone tz:{DEMO_ZONE}",
)


KEPT_DATABASE = (
    "This database comes from an earlier run. The bot's data in it is kept (settings, "
    "meetups, builds, glossary…), but the pretend Discord starts empty each run: the messages, "
    "cards and threads of earlier runs are gone."
)


def spec_to_check(spec: Path) -> Path | None:
    """`spec` when that file exists; else None, once the person has been told what that means."""
    if spec.is_file():
        return spec
    print(
        f"Not checking the bot's requests against Discord's spec: there is none at {spec}. "
        f"To check them, {HOW_TO_GET}.",
        file=sys.stderr,
    )
    return None


@contextlib.asynccontextmanager
async def open_sandbox(
    settings: Settings,
    *,
    database: Path,
    files: Path,
    spec: Path | None,
    write: Callable[[str], None],
    clock: Clock = SYSTEM_CLOCK,
) -> AsyncIterator[Console]:
    """The bot on a loopback Discord with the demo server (set up as an admin would, when
    `database` is new), and a console to drive it.

    The bot keeps its data in `database`; the files it sends are written to `files`. Its
    requests are checked against Discord's spec at `spec` unless that is None. While it is
    open, the log handlers in place pass only what the console's `log` lets through.
    The bot, its jobs and the loopback run on `clock`, so a test
    can name the week its typed dates ("tomorrow", "sat") are read in.
    """
    # A database kept from an earlier run holds the settings the person chose then (a channel
    # moved, a role unset): the demo's own setup is for a new database only.
    fresh = not await asyncio.to_thread(_holds_data, database)
    # Moved on by the console over the seconds a queue card's edit gathers changes.
    bot_clock = SandboxClock(clock)
    gate = LogGate()
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(gate)
    try:
        # Discord checks a meetup's event times by the bot's clock, as it would by its own.
        async with Loopback(spec=spec, clock=bot_clock.now) as loopback:
            sandbox_settings = replace(
                settings,
                token=loopback.token,
                api_base=loopback.api_base,
                database_path=database,
                guild_ids=(),
                # A feed served on this machine may be tried (the poller lets literal private
                # addresses pass); the fetcher's network refuses other private ones.
                feed_allow_private=True,
            )
            async with (
                await Store.open(database) as store,
                running(
                    create_bot(
                        sandbox_settings,
                        store,
                        bot_clock,
                        guild_ready_timeout=0.05,
                        feed_fetcher=FeedFetcher(
                            allow_private=True, network=InternetOrThisMachine()
                        ),
                    ),
                    loopback.token,
                ) as bot,
            ):
                # The bot syncs its commands before it connects, and only when they changed
                # since the sync its database remembers. A database kept from an earlier run
                # remembers a sync to that run's pretend Discord, which is gone; on Discord
                # the commands would still be there, so they are synced again here.
                await loopback.wait_ready(commands=False, within=30)
                if not loopback.commands():
                    await bot.tree.sync()
                    write(KEPT_DATABASE)
                # discord.py readies the bot a moment after the last server arrives; a session
                # closed before then would have it dispatch on_ready to a closed client, whose
                # handler is then never run (and its cogs' on_ready work never done).
                await asyncio.wait_for(bot.wait_until_ready(), 30)
                settled = functools.partial(until_settled, loopback, bot, bot_clock)
                loopback.bot_idle = functools.partial(idle, bot)
                console = Console(
                    loopback,
                    ZoneInfo(DEMO_ZONE),
                    write,
                    files,
                    settled,
                    gate,
                    unregistered_importers=functools.partial(
                        _unregistered_importers, bot, loopback
                    ),
                )
                if fresh:
                    await _set_up_demo(console)
                yield console
    finally:
        for handler in handlers:
            handler.removeFilter(gate)


async def _unregistered_importers(bot: KeitoraBot, loopback: Loopback) -> dict[str, str]:
    """Each member of the demo server holding its importer role whom no moderator registered,
    with that role's id."""
    assert loopback.guild is not None, "the sandbox always has its demo server"
    guild_id = int(loopback.guild.id)
    role = (await bot.services.setup.get(guild_id)).roles.get("importer")
    if role is None:
        return {}
    registered = {str(i.member_id) for i in await bot.services.importers.all(guild_id)}
    return {
        member_id: str(role)
        for member_id, member in loopback.guild.members.items()
        if str(role) in member["roles"] and member_id not in registered
    }


def _holds_data(database: Path) -> bool:
    return database.is_file() and database.stat().st_size > 0


async def run_sandbox(
    settings: Settings, *, script: str | None, database: Path | None, spec: Path | None
) -> int:
    """Run the demo until `quit` (or the end of the `script` lines); returns the exit code.

    The bot's requests are checked against Discord's spec at `spec` unless it is None. Files
    the bot sends go to sandbox-files/ beside the database: beside `database` when given, else
    in the temporary folder that holds the database until the sandbox ends.
    """
    with tempfile.TemporaryDirectory(prefix="keitora-sandbox-") as scratch:
        path = database or Path(scratch) / "sandbox.sqlite3"
        files = path.parent / "sandbox-files"
        async with open_sandbox(
            settings, database=path, files=files, spec=spec, write=print
        ) as console:
            if script is not None:
                failed = await run_script(console, script)
                return failed | _report_spec_problems(console, console.loopback)
            return await _interactive(console, files_kept=database is not None)


async def _set_up_demo(console: Console) -> None:
    quiet = Console(
        console.loopback, console.zone, lambda _: None, console.files, console.settled, console.log
    )
    for line in SETUP_LINES:
        if not await quiet.run(f"as {ADMIN} {line}"):
            raise RuntimeError(f"the sandbox could not set itself up: {line}: {quiet.last_output}")


async def run_script(console: Console, script: str) -> int:
    """Run the `script` lines until its end or a `quit`, as typed at the console; returns 1
    when any line failed."""
    failures = 0
    # A byte order mark (Windows' Notepad writes one) is no part of the first line.
    for number, line in enumerate(script.removeprefix("\ufeff").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            # Echoed as the console shows what it says: escapes in it inert.
            console.write(f"\n» {inert(line.strip())}")
        if _quits(line):
            break
        if not await console.run(line):
            console.write(f"✗ line {number} failed")
            failures += 1
    console.write(f"\n{failures} line(s) failed" if failures else "\nThe whole script ran.")
    return 1 if failures else 0


def _quits(line: str) -> bool:
    return line.strip().casefold() in QUIT


def _report_spec_problems(console: Console, loopback: Loopback) -> int:
    """Fail a script whose run made the bot break Discord's spec or call unknown routes."""
    problems = [str(v) for v in loopback.violations] + [
        f"unknown route {route}" for route in loopback.unknown_routes
    ]
    for problem in problems:
        console.write(f"✗ {problem}")
    return 1 if problems else 0


async def _interactive(console: Console, *, files_kept: bool) -> int:
    until = "" if files_kept else " until you quit (--db PATH keeps them beside PATH)"
    console.write(
        f"Keitora sandbox: the real bot on a pretend Discord server, “{DEMO_GUILD}”.\n"
        f"You are {DEFAULT_ACTOR}, a member in #general. Type help for what you can do, "
        f"quit to leave.\nFiles the bot sends are saved in {console.files}{until}.\n"
        f"{BANNER_LINE}"
    )
    # At a terminal the person may type on while the bot thinks; piped lines wait their turn,
    # so that each answer is shown right after its line.
    console.type_on = sys.stdin.isatty()
    lines = _stdin_lines()
    while True:
        print(f"\n{console.actor} #{console.where}> ", end="", flush=True)
        line = await lines.get()
        if line is None or _quits(line):
            return 0
        await console.run(line)


def _stdin_lines() -> asyncio.Queue[str | None]:
    """Lines typed at the terminal (None at its end), read by a daemon thread.

    A worker thread blocked in input() would keep the process alive after Ctrl-C until the next
    Enter; a daemon thread dies with the process.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        # Once the sandbox has quit its loop is closed, and nothing waits for further lines.
        with contextlib.suppress(RuntimeError):
            for line in sys.stdin:
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="sandbox-stdin", daemon=True).start()
    return lines
