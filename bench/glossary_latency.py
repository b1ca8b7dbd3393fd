"""Glossary latency with 100,000 synthetic entries: service time and dispatch → callback.

Run by hand: `python -m bench.glossary_latency [--entries N] [--rounds N]`. It seeds one server
with N synthetic entries through the import path (on top of the built-ins), then measures, for
a mix of query kinds (exact, prefix, typo, kana, nonsense, one letter, empty):
  - the service alone (GlossaryService.autocomplete / .lookup),
  - the real bot through the loopback Discord (interaction dispatched → callback received),
  - the floor: the same path for a command and an autocomplete that do nothing.
Targets (issues 4 and 8, 2 cores): autocomplete and lookup p99 ≤ floor + 5 ms.

With `--load [--interactions N] [--in-flight N] [--checked]` it measures throughput instead:
N interactions of each kind (autocomplete, lookup, search, /auction decode, /eligibility) kept
`--in-flight` at a time, taking turns with the floor (a command that does nothing) and with a
command that sends a search's reply without searching (what discord.py charges for an embed
and five buttons). The bot runs in a process of its own (this module with `--serve`: `bot.py`
plus the floor), so the CPU time it reports per interaction is the bot's alone. Target
(issue 8): every kind answers at least half as many interactions per second as the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import random
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import discord
from discord import app_commands

from bench.bot_process import (
    CLOCK_TICKS,
    bot_process,
    cpu_seconds,
    driver_collections_held,
    serve,
)
from bot.client import KeitoraBot, create_bot, respond, running
from bot.clock import ManualClock
from bot.config import Settings
from bot.errors import UserError
from bot.glossary import (
    IMPORT_MAX_ENTRIES,
    GlossaryIndex,
    GlossaryService,
    builtin_entries,
    entry_key,
    load_glossary,
)
from bot.glossary.entries import spellings
from bot.store import Store
from cogs.glossary_views import render_search, terms_view
from sandbox import Loopback, Reply
from sandbox.spec import spec_path_from_env

SYLLABLES = [c + v for c in ("", "k", "s", "t", "n", "h", "m", "r", "g", "d", "b") for v in "aiueo"]
IMPORTER_ID = 1
LOAD_TARGET = 0.5  # share of the floor's rate each command must reach under load
LOAD_ROUNDS = 4
SEARCHES = ["inspection", "rice", "dump bed", "kei truck", "yellow plate", "auction grade", "rust"]
SHEETS = ["4.5 B A1 U2 S1 XX W1", "R", "3.5 C A2 U1 E2 W2 G", "5 A", "RA B X1 P2 Y1"]
REPLY_SEARCH = "inspection"  # the search whose reply `/noop-reply` sends without searching
BUILD_DATES = ["1998-05-12", "1999-11", "2001", "H8.5", "平成10年5月", "May 1997"]


def synthetic_headwords(count: int, rng: random.Random) -> list[str]:
    """Romaji-like words, distinct after normalisation and from every built-in term and its
    spellings (a new term may not take one)."""
    builtins = builtin_entries()
    taken = {entry_key(entry.headword) for entry in builtins} | set(spellings(builtins))
    words: dict[str, str] = {}
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 6)))
        if entry_key(word) not in taken:
            words.setdefault(entry_key(word), word)
    return sorted(words.values())


def files_size(folder: Path, pattern: str) -> int:
    """Bytes on disk of the database with its WAL and shared-memory files."""
    return sum(path.stat().st_size for path in folder.glob(pattern))


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return word[:at] + rng.choice("aeiouknst") + word[at + 1 :]


def query_mix(headwords: list[str], rng: random.Random, rounds: int) -> dict[str, list[str]]:
    picks = [rng.choice(headwords) for _ in range(rounds)]
    return {
        "exact": picks,
        "prefix": [word[:4] for word in picks],
        "typo": [typo(word, rng) for word in picks],
        "kana/kanji": ["けいとら", "軽トラ", "しゃけん", "ｹｲﾄﾗ", "のうきょう"] * (rounds // 5 + 1),
        "nonsense": ["zzqxv", "asdfgh", "🚚🚚", "@everyone", "pste"] * (rounds // 5 + 1),
        "one letter": list("kstnhmrgdb" * (rounds // 10 + 1)),
        "empty": [""] * rounds,
    }


async def seed(store: Store, clock: ManualClock, guild_id: int, headwords: list[str]) -> float:
    service = GlossaryService(store, clock)
    started = time.perf_counter()
    for start in range(0, len(headwords), IMPORT_MAX_ENTRIES):
        batch = headwords[start : start + IMPORT_MAX_ENTRIES]
        document = {
            "schema_version": 1,
            "entries": [
                {"headword": word, "meaning": f"Synthetic test term {word}.", "category": "parts"}
                for word in batch
            ],
            "hidden": [],
        }
        result = await service.import_file(guild_id, IMPORTER_ID, json.dumps(document).encode())
        assert result.applied, result.errors
    return time.perf_counter() - started


def full_collection_ms(*, frozen: bool = True) -> float:
    """How long the bot stops for a full collection (the loopback's objects included); with
    `frozen` false, after unfreezing what the bot froze at start-up."""
    if not frozen:
        gc.unfreeze()
    started = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - started) * 1000


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


def row(name: str, samples: list[float]) -> str:
    return (
        f"{name:<34} {statistics.median(samples):8.2f} {percentile(samples, 0.99):8.2f} "
        f"{max(samples):8.2f} {len(samples):6d}"
    )


def add_floor_commands(tree: app_commands.CommandTree) -> None:
    """A command and an autocomplete that do nothing: discord.py and the loopback alone; and a
    command that sends a search's reply without searching: what the reply's shape costs."""
    hits = GlossaryIndex(load_glossary()).search(REPLY_SEARCH)

    @tree.command(name="noop", description="does nothing (benchmark floor)")
    async def noop(interaction: discord.Interaction, q: str = "") -> None:
        await interaction.response.send_message("ok", ephemeral=True)

    @noop.autocomplete("q")
    async def nothing(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return []

    @tree.command(name="noop-reply", description="a search's reply, not searched (benchmark)")
    async def noop_reply(interaction: discord.Interaction) -> None:
        embed = render_search(REPLY_SEARCH, hits)
        await respond(interaction, embed=embed, view=terms_view([hit.entry for hit in hits]))


@dataclass(frozen=True)
class Load:
    """The throughput mode's settings."""

    interactions: int  # per command
    in_flight: int
    checked: bool  # whether the loopback checks replies against Discord's spec


@contextlib.asynccontextmanager
async def running_bot(
    loopback: Loopback, database: Path, clock: ManualClock
) -> AsyncIterator[KeitoraBot]:
    """The real bot in this process on `database`, with the floor's commands, until it is
    connected and ready; closed, with its store, on the way out."""
    store = await Store.open(database)
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": loopback.token,
            "DISCORD_API_BASE": loopback.api_base,
            "DATABASE_PATH": str(database),
        }
    )
    bot = create_bot(settings, store, clock, guild_ready_timeout=0.05)
    add_floor_commands(bot.tree)
    try:
        async with running(bot, loopback.token):
            await loopback.wait_ready(within=60)
            await bot.wait_until_ready()
            yield bot
    finally:
        await store.close()


async def main(entries: int, rounds: int, load: Load | None) -> None:
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(25)
    headwords = synthetic_headwords(entries, rng)
    clock = ManualClock(datetime.now(UTC))
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        # Checked against Discord's spec when it is at hand, as in the tests. The checks run in
        # this process: in the latency mode the bot's too, where a bigger reply (a search's
        # embed and buttons) costs more to check than a /noop's. Under --load the bot has a
        # process of its own and the checks would only slow the loopback that drives it, to
        # below the bot's pace for replies that differ each time (most of them): they are left
        # out unless `--checked`.
        spec = spec_path_from_env(os.environ)
        checked = spec.is_file() and (load is None or load.checked)
        async with Loopback(spec=spec if checked else None) as loopback:
            guild_id = int(loopback.guild.id)
            async with await Store.open(database) as store:
                seconds = await seed(store, clock, guild_id, headwords)
            size = files_size(Path(scratch), "bench.sqlite3*")
            print(f"seeded {entries:,} entries through import in {seconds:.1f} s")
            print(f"database on disk: {size / 1e6:.1f} MB ({size / max(entries, 1):.0f} B/entry)")

            if load is not None:
                serving = ["-m", "bench.glossary_latency", "--serve"]
                started = time.perf_counter()
                async with bot_process(loopback, database, serving, Path(scratch)) as pid:
                    ready = time.perf_counter() - started
                    print(f"startup: the bot in its own process, ready in {ready:.2f} s")
                    mix = query_mix(headwords, rng, rounds)
                    await load_report(loopback, mix, load, pid, checked=checked)
                return
            started = time.perf_counter()
            async with running_bot(loopback, database, clock) as bot:
                ready = time.perf_counter() - started
                service = bot.services.glossary
                first = await timed(lambda: service.autocomplete(guild_id, "kei"))
                print(
                    f"startup: bot ready in {ready:.2f} s (indexes built before connecting); "
                    f"first glossary query {first:.2f} ms"
                )
                await report(loopback, service, guild_id, query_mix(headwords, rng, rounds))
                # Last, since walking them means unfreezing, and freezing again would take in
                # the loopback's objects too.
                print(
                    f"a full garbage collection: {full_collection_ms():.0f} ms with the bot's "
                    f"{gc.get_freeze_count():,} start-up objects frozen, "
                    f"{full_collection_ms(frozen=False):.0f} ms with them walked"
                )


async def report(
    loopback: Loopback, service: GlossaryService, guild_id: int, mix: dict[str, list[str]]
) -> None:
    print(f"\n{'path (ms)':<34} {'p50':>8} {'p99':>8} {'max':>8} {'n':>6}")
    service_auto: list[float] = []
    service_lookup: list[float] = []
    e2e_auto: list[float] = []
    e2e_lookup: list[float] = []
    for kind, queries in mix.items():
        auto = [await timed(lambda q=q: service.autocomplete(guild_id, q)) for q in queries]
        print(row(f"service autocomplete: {kind}", auto))
        service_auto += auto
        if kind != "empty":
            lookups = [
                await timed(lambda q=q: lookup_or_refusal(service, guild_id, q)) for q in queries
            ]
            service_lookup += lookups
        for query in queries:
            reply = await loopback.autocomplete_reply("glossary lookup", "term", query)
            e2e_auto.append(reply.latency * 1000)
            if kind != "empty":
                answered = await loopback.slash("glossary lookup", term=query)
                e2e_lookup.append(answered.latency * 1000)
    floor_auto = [
        (await loopback.autocomplete_reply("noop", "q", "x")).latency * 1000 for _ in e2e_auto[:300]
    ]
    floor_cmd = [(await loopback.slash("noop")).latency * 1000 for _ in e2e_lookup[:300]]
    print()
    print(row("service autocomplete: all", service_auto))
    print(row("service lookup: all", service_lookup))
    print(row("floor: noop autocomplete (e2e)", floor_auto))
    print(row("e2e autocomplete", e2e_auto))
    print(row("floor: noop command (e2e)", floor_cmd))
    print(row("e2e lookup", e2e_lookup))
    auto_margin = percentile(e2e_auto, 0.99) - percentile(floor_auto, 0.99)
    lookup_margin = percentile(e2e_lookup, 0.99) - percentile(floor_cmd, 0.99)
    print(f"\nautocomplete p99 − floor p99 = {auto_margin:.2f} ms (target ≤ 5)")
    print(f"lookup p99 − floor p99 = {lookup_margin:.2f} ms (target ≤ 5)")


async def load_report(
    loopback: Loopback, mix: dict[str, list[str]], load: Load, pid: int, *, checked: bool
) -> None:
    """Interactions per second of each command with `load.in_flight` unanswered at a time, and
    the CPU time the bot (process `pid`) spent on each.

    The commands take turns in `LOAD_ROUNDS` rounds, the floor among them, so that whatever
    else the machine does meanwhile slows them all alike.
    """
    queries = [query for kind, queries in mix.items() if kind != "empty" for query in queries]
    searches = SEARCHES + mix["exact"][:10] + mix["typo"][:10]

    def cycle(values: list[str], i: int) -> str:
        return values[i % len(values)]

    kinds: dict[str, Callable[[int], Awaitable[Reply]]] = {
        "floor: /noop": lambda i: loopback.slash("noop"),
        "a search's reply alone": lambda i: loopback.slash("noop-reply"),
        "glossary autocomplete": lambda i: loopback.autocomplete_reply(
            "glossary lookup", "term", cycle(mix["typo"] + queries, i)
        ),
        "/glossary lookup": lambda i: loopback.slash("glossary lookup", term=cycle(queries, i)),
        "/glossary search": lambda i: loopback.slash("glossary search", query=cycle(searches, i)),
        "/auction decode": lambda i: loopback.slash("auction decode", sheet=cycle(SHEETS, i)),
        "/eligibility": lambda i: loopback.slash("eligibility", manufactured=cycle(BUILD_DATES, i)),
    }
    batch = load.interactions // LOAD_ROUNDS
    await under_load(kinds["floor: /noop"], range(batch), load.in_flight)  # warm-up, not shown
    seconds = dict.fromkeys(kinds, 0.0)
    cpu = dict.fromkeys(kinds, 0.0)
    latencies: dict[str, list[float]] = {name: [] for name in kinds}
    for round_ in range(LOAD_ROUNDS):
        turns = range(round_ * batch, (round_ + 1) * batch)
        for name, send in kinds.items():
            with driver_collections_held():
                cpu_before = cpu_seconds(pid)
                took, answered = await under_load(send, turns, load.in_flight)
                cpu[name] += cpu_seconds(pid) - cpu_before
            seconds[name] += took
            latencies[name] += answered
    checks = "checked against" if checked else "not checked against"
    print(
        f"\n{batch * LOAD_ROUNDS:,} interactions per command, {load.in_flight} in flight, "
        f"in {LOAD_ROUNDS} rounds; replies {checks} Discord's spec"
    )
    print(
        f"{'command':<24} {'per s':>8} {'floor %':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'bot CPU ms':>11} {'CPU floor %':>12}"
    )
    floor = "floor: /noop"
    floor_rate = len(latencies[floor]) / seconds[floor]
    floor_cpu = max(cpu[floor], 1 / CLOCK_TICKS) / len(latencies[floor])
    for name in kinds:
        rate = len(latencies[name]) / seconds[name]
        share = rate / floor_rate
        cpu_ms = max(cpu[name], 1 / CLOCK_TICKS) / len(latencies[name])  # at least a tick
        verdict = "" if share >= LOAD_TARGET else f"  below the target ({LOAD_TARGET:.0%})"
        print(
            f"{name:<24} {rate:8.0f} {share:8.0%} {statistics.median(latencies[name]):8.1f} "
            f"{percentile(latencies[name], 0.99):8.1f} {cpu_ms * 1000:11.2f} "
            f"{floor_cpu / cpu_ms:12.0%}{verdict}"
        )
    print(
        "bot CPU ms: the bot's CPU time per interaction; CPU floor %: the floor's CPU time per "
        "interaction over the command's, the share of the floor's rate the bot could answer "
        "with a core to itself"
    )


async def under_load(
    send: Callable[[int], Awaitable[Reply]], turns: range, in_flight: int
) -> tuple[float, list[float]]:
    """Seconds to answer one interaction per turn, `in_flight` at a time, and each latency in ms."""
    latencies: list[float] = []
    pending = iter(turns)

    async def member() -> None:
        # Each of `in_flight` members sends its next interaction once the last is answered.
        for i in pending:
            reply = await send(i)
            latencies.append((reply.latency or 0.0) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(member() for _ in range(in_flight)))
    return time.perf_counter() - started, latencies


async def lookup_or_refusal(service: GlossaryService, guild_id: int, query: str) -> None:
    with contextlib.suppress(UserError):  # a refused query is part of the mix
        await service.lookup(guild_id, query)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="queries per kind")
    parser.add_argument("--load", action="store_true", help="throughput with many in flight")
    parser.add_argument("--interactions", type=int, default=1_000, help="per command, --load")
    parser.add_argument("--in-flight", type=int, default=50, help="unanswered at once, --load")
    parser.add_argument("--checked", action="store_true", help="--load with spec checks")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        asyncio.run(serve(lambda bot: add_floor_commands(bot.tree)))
        raise SystemExit
    load = (
        Load(arguments.interactions, arguments.in_flight, arguments.checked)
        if arguments.load
        else None
    )
    asyncio.run(main(arguments.entries, arguments.rounds, load))
