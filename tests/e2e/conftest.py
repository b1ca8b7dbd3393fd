"""The real Keitora bot against the loopback Discord, in-process or as a subprocess.

Every test here fails when the bot sent anything that breaks Discord's OpenAPI spec (when the
spec is at hand: see tests/spec_policy.py), called a route Discord does not have, or logged an
unhandled exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.client import KeitoraBot, create_bot
from bot.clock import ManualClock
from bot.config import Settings
from bot.feeds.fetcher import FeedFetcher
from bot.store import Store
from sandbox import Loopback

REPO = Path(__file__).resolve().parents[2]


class ErrorLog(logging.Handler):
    """Collects ERROR records from the bot's own and discord.py's loggers during a test."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [f"{record.name}: {record.getMessage()}" for record in self.records]


@pytest.fixture
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


# For tests of hundreds of members clicking at once. The loopback runs in the bot's own process
# and checks every request against the spec, so under such a burst its CPU would count against
# the bot's 3 seconds to answer, which on a slow runner fails tests about correctness. These
# tests keep Discord's rules but give the bot the time the loopback takes from it; how fast the
# bot answers a burst is measured by bench/rsvp.py, and deferring a held-up answer in time is
# tests/e2e/test_slow_answers.py.
BURST = pytest.mark.loopback(ack_deadline=30.0)


@pytest.fixture
async def loopback(
    discord_spec: Path | None, request: pytest.FixtureRequest
) -> AsyncIterator[Loopback]:
    marker = request.node.get_closest_marker("loopback")
    options = marker.kwargs if marker is not None else {}
    if request.node.get_closest_marker("clock") is not None:
        # Discord keeps the bot's time, as it checks a meetup's event against it: by the wall
        # clock the dates a test names pass, and Discord would refuse or end their events.
        options = {"clock": request.getfixturevalue("clock").now, **options}
    async with Loopback(spec=discord_spec, **options) as discord_:
        yield discord_
    assert discord_.violations == [], "the bot's traffic broke Discord's spec"
    assert discord_.unknown_routes == [], "the bot called routes Discord does not have"


def settings_for(loopback: Loopback, database: Path, **env: str) -> Settings:
    return Settings.from_env(
        {
            "DISCORD_TOKEN": loopback.token,
            "DISCORD_API_BASE": loopback.api_base,
            "DATABASE_PATH": str(database),
            "FEED_ALLOW_PRIVATE": "on",
            **env,
        }
    )


@dataclass
class RunningBot:
    """The bot in this process; `restart()` stops it and starts a new one on the same file."""

    loopback: Loopback
    database: Path
    clock: ManualClock
    env: dict[str, str] = field(default_factory=dict)  # more settings, e.g. DISCORD_GUILD_IDS
    bot: KeitoraBot = field(init=False)
    store: Store = field(init=False)
    _task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        # Whether a commit waits for the disk is tests/test_store.py's; these need not wait.
        self.store = await Store.open(self.database, durable_commits=False)
        self.bot = create_bot(
            settings_for(self.loopback, self.database, **self.env),
            self.store,
            self.clock,
            guild_ready_timeout=0.05,
            # The tests move the clock between polls of their one feed host; the real-time gap
            # between two requests to a host (tests/test_feeds_fetch.py) would only add waiting.
            feed_fetcher=FeedFetcher(allow_private=True, min_host_gap=0.0),
        )
        # discord.py waits 5 s before re-identifying, to respect Discord's identify limit;
        # the loopback has none, and the gateway-fault tests would otherwise crawl.
        self.bot.before_identify_hook = _no_identify_wait  # type: ignore[method-assign]
        self._task = asyncio.create_task(self.bot.start(self.loopback.token))
        await self.loopback.wait_ready()
        await asyncio.wait_for(self.bot.wait_until_ready(), 10)

    async def stop(self) -> None:
        await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.store.close()

    async def restart(self) -> None:
        await self.stop()
        await self.start()


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]], what: str, within: float = 10.0
) -> None:
    """Wait for what the bot does on its own, which the loopback does not signal: a gateway
    event's listeners, the rest of a dispatch after its reply, a feed server's requests."""
    for _ in range(int(within / 0.01)):
        met = condition()
        if met if isinstance(met, bool) else await met:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def _no_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    return None


@contextlib.asynccontextmanager
async def database_held(store: Store, seconds: float = 2.5) -> AsyncIterator[None]:
    """Another write (a big import, a burst of clicks) keeps the database busy for `seconds`,
    longer than Discord waits for an answer, from entering; leaving waits for it to let go."""
    holding = asyncio.Event()

    async def hold() -> None:
        async with store.transaction():
            holding.set()
            await asyncio.sleep(seconds)

    held = asyncio.create_task(hold())
    await holding.wait()
    try:
        yield
    finally:
        await held


# The week the meetup tests' dates are written for: Wednesday December 2, 2026, 8 AM in Denver,
# ten days before the `Dec 12 10am` that tests/e2e/test_meetups.py's `create` types unless told.
MEETUP_WEEK = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> ManualClock:
    """The bot's clock, standing at the start a test's `clock` mark names, else at the wall
    clock's now. A test whose answers hang on the date (a date typed without a year, a weekday
    beside a series, an event Discord holds for a date the test names) names its start, or it
    passes or fails by the day it runs on; the loopback then runs on this clock too, its message
    ids with it (interaction ids keep the wall clock's time, by which the bot counts the
    seconds it has to answer)."""
    marker = request.node.get_closest_marker("clock")
    start = marker.args[0] if marker is not None else datetime.now(UTC).replace(microsecond=0)
    return ManualClock(start)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database every migration has run on, once per test process: each bot below starts on
    a copy of it, the file a first start leaves, without running all the migrations again
    (a tenth of a second or more each time, on a busy runner). A bot's first start on an
    empty file is `bot.py` run by `bot_process` (tests/e2e/test_core.py, test_host_cli.py)."""
    path = tmp_path_factory.mktemp("migrated") / "keitora.sqlite3"

    async def migrate() -> None:
        await (await Store.open(path, durable_commits=False)).close()

    asyncio.run(migrate())
    return path


def copy_database(source: Path, target: Path) -> None:
    """`source` copied whole by SQLite, whatever its journal still holds."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


@pytest.fixture
async def keitora(
    loopback: Loopback,
    tmp_path: Path,
    clock: ManualClock,
    error_log: ErrorLog,
    migrated_database: Path,
) -> AsyncIterator[RunningBot]:
    copy_database(migrated_database, tmp_path / "keitora.sqlite3")
    running = RunningBot(loopback, tmp_path / "keitora.sqlite3", clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
    assert error_log.lines() == [], "the bot logged errors"


@dataclass
class BotProcess:
    """`python bot.py` as an admin runs it, pointed at the loopback."""

    loopback: Loopback
    database: Path
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DISCORD_TOKEN": self.loopback.token,
            "DISCORD_API_BASE": self.loopback.api_base,
            "DATABASE_PATH": str(self.database),
            "LOG_LEVEL": "INFO",
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "bot.py")], cwd=REPO, env=env, stdout=log, stderr=log
        )
        log.close()

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def terminate(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(20)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def bot_process(loopback: Loopback, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(loopback, tmp_path / "keitora.sqlite3", tmp_path / "bot.log")
    try:
        yield process
    finally:
        if process.process is not None and process.process.poll() is None:
            process.kill()
    assert "Traceback" not in process.log(), process.log()


def statuses(loopback: Loopback, method: str, template: str) -> list[int | None]:
    """The status Discord answered each request to a route with, in order."""
    return [r.status for r in loopback.requests if (r.method, r.template) == (method, template)]


async def first_attempt_failed(keitora: RunningBot, kind: str) -> None:
    """Wait until the pending job of `kind` has failed its first attempt, on what the test
    arranged (Discord refusing, a permission missing)."""

    async def tried_once() -> bool:
        attempts = await keitora.store.fetchval(
            "SELECT attempts FROM jobs WHERE kind = ? AND state = 'pending'", (kind,)
        )
        return attempts == 1

    await eventually(tried_once, f"the first attempt of {kind}")
