"""The public calendar's page and .ics feed under many concurrent clients.

Run by hand: `python -m bench.web_calendar [--meetups 1000] [--clients 50] [--requests 2000]`.
A server with `--meetups` upcoming meetups (one in ten a weekly series, each with a card and a
few answers) publishes its calendar; the web server runs in a process of its own (this module
with `--serve`), so the clients here do not take its CPU. Reported for the page and the feed:
the first (cold) rendering, then `--requests` requests from `--clients` clients at once, as
browsers ask (gzip), uncompressed, and conditional (If-None-Match: every answer a 304):
requests per second, the response time p50/p99/max (ms) and the server's CPU time per request
(the clients share the machine, so on 2 cores they hold the rate down as much as the server).
Target (issue 10, 2 cores): the page and the feed with 1,000 upcoming meetups under 50
concurrent clients, p50/p99 reported.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from bot.clock import SystemClock
from bot.jobs import JobQueue
from bot.meetups import MeetupDraft, MeetupService
from bot.public_calendar import PublicCalendarService
from bot.setup import SetupService
from bot.store import Store
from web.public_calendar import CalendarSite

GUILD = 100
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BASE = "https://keitora.example.org"


def services(store: Store) -> tuple[MeetupService, PublicCalendarService]:
    clock = SystemClock()
    meetups = MeetupService(store, clock, SetupService(store, clock), JobQueue(store, clock))
    return meetups, PublicCalendarService(store, clock, meetups, BASE)


async def prepare(database: Path, count: int) -> str:
    """`count` upcoming meetups in one published server; returns its token."""
    async with await Store.open(database) as store:
        meetups, calendars = services(store)
        first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        for number in range(count):
            start = first + timedelta(hours=7 * number)
            draft = MeetupDraft(
                title=f"Kei Truck Day #{number} — Hijets & Carrys",
                when=f"{start:%Y-%m-%d %H:%M}",
                location=f"Lions Park {number}, Moab, UT",
                description="Bring a chair. Trails after lunch; 4WD recommended. " * 3,
                zone_option="UTC",
                repeat="weekly" if number % 10 == 0 else None,
                capacity=40,
            )
            meetup = (await meetups.create(GUILD, 1, draft)).meetup
            await meetups.set_card(meetup.id, 555, 10_000 + number)
            for member in range(number % 4):
                await meetups.answer(GUILD, meetup.id, 1000 + member, "going")
        links = (await calendars.set_public(GUILD, True)).links
        assert links is not None
        return links.page.rsplit("/", 1)[1]


async def serve(database: Path) -> None:
    """The web server alone, on a free port it prints, until stdin closes."""
    async with await Store.open(database) as store:
        _, calendars = services(store)
        site = CalendarSite(calendars, SystemClock(), lambda _: "Kei Truck Owners of America")
        port = await site.start(0, host="127.0.0.1")
        print(port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await site.stop()


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    rate: float
    latencies: list[float]  # ms
    size: int  # bytes of one answer's body as sent
    cpu_ms: float  # the server's CPU time per request

    def row(self) -> str:
        return (
            f"{self.name:<28} {self.requests:>6} {self.rate:>8.0f} "
            f"{statistics.median(self.latencies):>8.1f} {percentile(self.latencies, 0.99):>8.1f} "
            f"{max(self.latencies):>8.1f} {self.cpu_ms:>8.2f} {self.size:>10,}"
        )


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def timed(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str]
) -> tuple[float, int, int]:
    started = time.perf_counter()
    async with session.get(url, headers=headers) as answer:
        body = await answer.read()
    return (time.perf_counter() - started) * 1000, answer.status, len(body)


async def load(
    name: str,
    url: str,
    headers: dict[str, str],
    expect: int,
    server: int,
    arguments: argparse.Namespace,
) -> Result:
    clients, requests = arguments.clients, arguments.requests
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:
        await timed(session, url, headers)  # warm: the page is rendered before the clock starts
        latencies: list[float] = []
        sizes: set[int] = set()
        remaining = iter(range(requests))

        async def client() -> None:
            for _ in remaining:
                latency, status, size = await timed(session, url, headers)
                if status != expect:
                    raise RuntimeError(f"{name}: answered {status}, expected {expect}")
                latencies.append(latency)
                sizes.add(size)

        cpu, started = cpu_seconds(server), time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall, cpu = time.perf_counter() - started, cpu_seconds(server) - cpu
    return Result(name, requests, requests / wall, latencies, max(sizes), cpu / requests * 1000)


async def drive(arguments: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        token = await prepare(database, arguments.meetups)
        print(f"{arguments.meetups:,} meetups stored in {time.perf_counter() - started:.1f} s")
        server = subprocess.Popen(  # noqa: ASYNC220 - started once, before any timing
            [sys.executable, "-m", "bench.web_calendar", "--serve", str(database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline())
            await report(f"http://127.0.0.1:{port}/calendar/{token}", server.pid, arguments)
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(30)


async def report(page: str, server: int, arguments: argparse.Namespace) -> None:
    results = []
    async with aiohttp.ClientSession() as session:
        for name, url in (("page", page), ("feed", f"{page}.ics")):
            cold, _, _ = await timed(session, url, {})
            print(f"first {name} (rendered cold): {cold:.0f} ms")
    for name, url in (("page", page), ("feed", f"{page}.ics")):
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            etag = answer.headers["ETag"]
        for mode, headers, expect in (
            ("gzip", {"Accept-Encoding": "gzip"}, 200),
            ("uncompressed", {"Accept-Encoding": "identity"}, 200),
            ("If-None-Match → 304", {"Accept-Encoding": "gzip", "If-None-Match": etag}, 304),
        ):
            results.append(await load(f"{name}, {mode}", url, headers, expect, server, arguments))
    print(
        f"\n{arguments.clients} concurrent clients, {arguments.meetups:,} upcoming meetups\n"
        f"{'answer':<28} {'n':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'cpu ms':>8} {'bytes':>10}"
    )
    for result in results:
        print(result.row())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetups", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if arguments.serve:
        asyncio.run(serve(arguments.serve))
    else:
        asyncio.run(drive(arguments))


if __name__ == "__main__":
    main()
