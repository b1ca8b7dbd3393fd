"""Build logs at size: /build show, /build list (filtered) and /garage with 20,000 builds,
200,000 updates and 100,000 parts in the database.

Run by hand: `python -m bench.builds [--builds N] [--rounds N]`. It seeds one server through SQL
in one transaction (the services' own inserts would take minutes and measure nothing asked
here), then measures, beside the floor (a command that does nothing) in the same run:
  - the service alone: show (build + totals), list (a tag and a make, first and a deep page),
    garage (a member's page of builds with each one's totals),
  - the real bot through the loopback Discord: interaction dispatched → callback received.
It ends with `EXPLAIN QUERY PLAN` of every statement those commands ran, flagging any that
scans a table without an index. Target (issue 11, 2 cores): p99 ≤ floor + 10 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.glossary_latency import percentile, row, running_bot, timed
from bot.builds import CATEGORIES, TAGS, BuildFilter, BuildService
from bot.clock import ManualClock, unix
from bot.store import Store
from sandbox import Loopback
from sandbox.demo import PLAIN_MEMBERS

TRUCKS = [
    ("Suzuki", "Carry", "DA63T"),
    ("Suzuki", "Carry", "DA51T"),
    ("Daihatsu", "Hijet", "S83P"),
    ("Honda", "Acty", "HA4"),
    ("Subaru", "Sambar", "TT2"),
    ("Mitsubishi", "Minicab", "U62T"),
]
STATES = ["TX", "CA", "OR", "WA", "CO", "FL", "NC", "ME"]


async def seed(
    store: Store, guild_id: int, owners: list[int], builds: int, rng: random.Random
) -> float:
    """`builds` builds with ten updates (one in four with a photo) and five parts each."""
    started = time.perf_counter()
    now = unix(datetime.now(UTC))
    build_rows, tag_rows, update_rows, part_rows = [], [], [], []
    for build_id in range(1, builds + 1):
        make, model, code = rng.choice(TRUCKS)
        build_rows.append(
            (
                build_id,
                guild_id,
                rng.choice(owners),
                f"Build {build_id}",
                f"{make} {model} {code}",
                make,
                model,
                code,
                rng.randint(1985, 2014),
                rng.choice(["2WD", "4WD"]),
                rng.choice(STATES),
                now - rng.randint(0, 10**7),
                now,
            )
        )
        for tag in rng.sample(TAGS, rng.randint(1, 3)):
            tag_rows.append((guild_id, build_id, tag))
        for n in range(10):
            photo = f"https://cdn.example/{build_id}/{n}.png" if n % 4 == 0 else None
            update_rows.append(
                (
                    guild_id,
                    build_id,
                    build_rows[-1][2],
                    f"Update {n}",
                    rng.randint(0, 50000),
                    1000 * (n + 1),
                    photo,
                    photo and f"{n}.png",
                    photo and "image/png",
                    photo,
                    now,
                )
            )
        for n in range(5):
            part_rows.append(
                (
                    guild_id,
                    build_id,
                    f"Part {n}",
                    rng.choice(CATEGORIES),
                    rng.randint(1, 10**6),
                    build_rows[-1][2],
                    now,
                )
            )
    async with store.transaction():
        await store.executemany(
            "INSERT INTO builds (id, guild_id, owner_id, title, truck, make, model, model_code, "
            "year, drive, state, created_at, last_activity_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            build_rows,
        )
        await store.executemany(
            "INSERT INTO build_tags (guild_id, build_id, tag) VALUES (?, ?, ?)", tag_rows
        )
        await store.executemany(
            "INSERT INTO build_updates (guild_id, build_id, author_id, text, cost_cents, "
            "odometer_miles, photo_source, photo_name, photo_type, photo_url, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            update_rows,
        )
        await store.executemany(
            "INSERT INTO build_parts (guild_id, build_id, name, category, cost_cents, added_by, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            part_rows,
        )
    await store.execute("ANALYZE")
    return time.perf_counter() - started


class StatementLog:
    """The SQL run while it is installed, to explain afterwards."""

    METHODS = ("fetchall", "fetchone", "fetchval")

    def __init__(self, store: Store) -> None:
        self.seen: dict[str, tuple[Any, ...]] = {}
        self._store = store
        for name in self.METHODS:
            setattr(store, name, self._recording(getattr(store, name)))

    def uninstall(self) -> None:
        for name in self.METHODS:
            delattr(self._store, name)  # the instance's wrapper; the class's method remains

    def _recording(self, original: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def call(sql: str, params: Any = ()) -> Any:
            self.seen.setdefault(" ".join(sql.split()), tuple(params))
            return await original(sql, params)

        return call


async def service_rounds(
    service: BuildService, guild_id: int, owner: int, builds: int, rounds: int, rng: random.Random
) -> dict[str, list[float]]:
    async def show(build_id: int) -> None:
        build = await service.get(guild_id, build_id)
        await service.totals(build)

    async def garage() -> None:
        found, _ = await service.search(guild_id, BuildFilter(owner_id=owner), 0, 10)
        await service.first_photos(found)

    camper_suzuki = BuildFilter(tag="camper", make="Suzuki")
    return {
        "service: show": [await timed(lambda: show(rng.randint(1, builds))) for _ in range(rounds)],
        "service: list tag+make, page 1": [
            await timed(lambda: service.search(guild_id, camper_suzuki, 0, 10))
            for _ in range(rounds)
        ],
        "service: list code+state, page 20": [
            await timed(
                lambda: service.search(
                    guild_id, BuildFilter(model_code="DA63T", state="TX"), 190, 10
                )
            )
            for _ in range(rounds)
        ],
        "service: garage": [await timed(garage) for _ in range(rounds)],
    }


async def e2e_rounds(
    loopback: Loopback, builds: int, rounds: int, rng: random.Random
) -> dict[str, list[float]]:
    async def latency(command: str, **options: Any) -> float:
        reply = await loopback.slash(command, **options)
        assert reply.latency is not None, reply
        return reply.latency * 1000

    member = loopback.member(PLAIN_MEMBERS[0])
    samples: dict[str, list[float]] = {
        "floor: noop command": [],
        "e2e: /build show": [],
        "e2e: /build list tag+make": [],
        "e2e: /garage": [],
    }
    for _ in range(rounds):  # taking turns, so the floor sees the same machine
        samples["floor: noop command"].append(await latency("noop"))
        samples["e2e: /build show"].append(
            await latency("build show", build=str(rng.randint(1, builds)))
        )
        samples["e2e: /build list tag+make"].append(
            await latency("build list", tag="camper", make="Suzuki")
        )
        samples["e2e: /garage"].append(await latency("garage", member=member))
    return samples


async def explain(store: Store, statements: dict[str, tuple[Any, ...]]) -> None:
    print("\nEXPLAIN QUERY PLAN of every statement these commands ran:")
    unindexed = 0
    for sql, params in statements.items():
        plan = await store.fetchall(f"EXPLAIN QUERY PLAN {sql}", params)
        steps = [r["detail"] for r in plan]
        # "SCAN (subquery-1)" reads a subquery's own rows, not a table.
        scans = [
            s for s in steps if s.startswith("SCAN") and "USING" not in s and "(subquery" not in s
        ]
        unindexed += bool(scans)
        print(f"\n{'!! ' if scans else ''}{sql[:150]}")
        for step in steps:
            print(f"    {step}")
    print(f"\n{unindexed} statements scan a table without an index")


async def main(builds: int, rounds: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(11)
    clock = ManualClock(datetime.now(UTC))
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        async with Loopback(spec=None) as loopback:
            assert loopback.guild is not None
            guild_id = int(loopback.guild.id)
            member = int(loopback.member(PLAIN_MEMBERS[0]).id)
            owners = [member, *range(1000, 1000 + builds // 10)]
            async with await Store.open(database) as store:
                seconds = await seed(store, guild_id, owners, builds, rng)
                counts = [
                    await store.fetchval(f"SELECT count(*) FROM {t}")
                    for t in ("builds", "build_updates", "build_parts")
                ]
            seeded = f"{counts[0]:,} builds, {counts[1]:,} updates, {counts[2]:,} parts"
            print(f"seeded {seeded} in {seconds:.1f} s")
            async with running_bot(loopback, database, clock) as bot:
                service = bot.services.builds
                statements = StatementLog(bot.store)
                samples = await service_rounds(service, guild_id, member, builds, rounds, rng)
                samples |= await e2e_rounds(loopback, builds, rounds, rng)
                statements.uninstall()
                print(f"\n{'path (ms)':<34} {'p50':>8} {'p99':>8} {'max':>8} {'n':>6}")
                for name, values in samples.items():
                    print(row(name, values))
                floor = percentile(samples["floor: noop command"], 0.99)
                for name in ("e2e: /build show", "e2e: /build list tag+make", "e2e: /garage"):
                    margin = percentile(samples[name], 0.99) - floor
                    print(f"{name} p99 − floor p99 = {margin:.2f} ms (target ≤ 10)")
                await explain(bot.store, statements.seen)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=300)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.builds, arguments.rounds))
