"""RSVP bursts: members clicking Going on one meetup through the loopback, beside the floor.

Run by hand: `python -m bench.rsvp [--members 2000 20000] [--capacity 150] [--in-flight 50]`.
The bot runs in a process of its own (this module with `--serve`, which is `bot.py` plus the
floor), so the CPU time measured is the bot's alone; the loopback Discord and the members
clicking run here. For each number of members N, in one run and with the same driver:
  - the floor: N clicks on a button that answers "ok" and does nothing else;
  - Going: N members clicking Going on a fresh meetup of `--capacity` people;
each once one at a time and once with `--in-flight` clicks unanswered at any moment.
Reported: clicks per second, dispatch → callback p50/p99/max, the bot's CPU per click, clicks
not answered or answered after Discord's 3 seconds, the people going (never over capacity),
and how many edits the card took. Targets (issue 9, 2 cores): with 50 in flight at least half
the floor's rate, p99 ≤ 100 ms, nothing lost or late, never over capacity; the cost of a click
does not grow with N.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord

from bench.bot_process import bot_process, cpu_seconds, driver_collections_held, serve
from bot.client import KeitoraBot
from sandbox import Loopback, Message, Reply
from sandbox.core import SandboxTimeout
from sandbox.spec import spec_path_from_env
from sandbox.state import UserRef

ACK_DEADLINE = 3.0
FLOOR_TARGET = 0.5  # share of the floor's rate Going must reach with clicks in flight
P99_TARGET_MS = 100.0


# --- the bot's process ---------------------------------------------------------------------------


class FloorButton(discord.ui.DynamicItem[discord.ui.Button], template=r"bench:floor"):
    """Answers a click the way an RSVP does, an ephemeral message, and does nothing else."""

    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label="Floor", custom_id="bench:floor"))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FloorButton:
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)


def add_floor(bot: KeitoraBot) -> None:
    """`/bench-floor`, which shows the floor's button, and the button."""
    bot.add_dynamic_items(FloorButton)

    @bot.tree.command(name="bench-floor", description="The benchmark's floor button")
    async def floor(interaction: discord.Interaction) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(FloorButton())
        # In the channel, as a meetup card is: an ephemeral message only its asker could click.
        await interaction.response.send_message("floor", view=view)


# --- the driver ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    name: str
    clicks: int
    rate: float  # clicks answered per second
    latencies: list[float]  # dispatch → callback, ms
    cpu_ms: float  # the bot's CPU time per click
    lost: int  # not answered, or answered after the deadline
    going: int | None = None  # people going afterwards
    edits: int | None = None  # card edits

    def row(self, floor_rate: float) -> str:
        share = f"{self.rate / floor_rate:8.0%}" if not self.name.startswith("floor") else " " * 8
        going = "" if self.going is None else f"{self.going:>6} {self.edits:>6}"
        return (
            f"{self.name:<26} {self.clicks:>6} {self.rate:8.0f} {share} "
            f"{statistics.median(self.latencies):8.1f} {percentile(self.latencies, 0.99):8.1f} "
            f"{max(self.latencies):8.1f} {self.cpu_ms:8.2f} {self.lost:>5} {going}"
        )


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def clicks(
    name: str,
    pid: int,
    members: list[UserRef],
    click: Callable[[UserRef], Awaitable[Reply]],
    in_flight: int,
) -> Result:
    """Every member clicks once, `in_flight` at a time, in the members' order."""
    latencies: list[float] = []
    lost = 0
    turns = iter(members)

    async def clicker() -> None:
        nonlocal lost
        for member in turns:
            try:
                reply = await click(member)
            except SandboxTimeout:
                lost += 1
                continue
            latency = reply.latency
            if reply.rejected or latency is None or latency > ACK_DEADLINE:
                lost += 1
            latencies.append((latency or ACK_DEADLINE) * 1000)

    with driver_collections_held():
        cpu, started = cpu_seconds(pid), time.perf_counter()
        await asyncio.gather(*(clicker() for _ in range(in_flight)))
        wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu
    per_click = cpu / len(members) * 1000
    return Result(name, len(members), len(members) / wall, latencies, per_click, lost)


def people_going(database: Path, meetup_id: int) -> tuple[int, int]:
    """(people going, answers stored) for the meetup, read beside the running bot."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        going, answers = db.execute(
            "SELECT coalesce(sum(CASE WHEN status = 'going' THEN 1 + guests END), 0), count(*) "
            "FROM rsvps JOIN occurrences ON occurrences.id = rsvps.occurrence_id "
            "WHERE occurrences.meetup_id = ?",
            (meetup_id,),
        ).fetchone()
    return going, answers


async def going_burst(
    loopback: Loopback,
    database: Path,
    pid: int,
    members: list[UserRef],
    capacity: int,
    in_flight: int,
) -> Result:
    """Members clicking Going on a meetup of their own, posted for this run."""
    created = await loopback.slash(
        "meetup create",
        title=f"Burst of {len(members):,}",
        when="in 3 days 6pm",
        location="Moab, UT",
        capacity=capacity,
        actor=loopback.member("Tammy"),
        within=10,
    )
    posted = re.search(r"meetup #(\d+)", created.text)
    if posted is None:
        raise RuntimeError(f"the meetup was not created: {created.text}")
    meetup_id = int(posted[1])
    card: Message = loopback.messages("meetups")[-1]
    mode = "one at a time" if in_flight == 1 else f"{in_flight} in flight"
    result = await clicks(
        f"Going, {mode}",
        pid,
        members,
        lambda member: loopback.click(card, "Going", actor=member, within=30),
        in_flight,
    )
    await asyncio.sleep(2)  # the card's last coalesced edit
    going, answers = people_going(database, meetup_id)
    edits = sum(
        1 for r in loopback.requests if r.method == "PATCH" and r.path.endswith(f"/{card.id}")
    )
    lost = result.lost + len(members) - answers
    return Result(
        result.name, result.clicks, result.rate, result.latencies, result.cpu_ms, lost, going, edits
    )


async def main(sizes: list[int], capacity: int, in_flight: int) -> None:
    spec = spec_path_from_env(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        async with Loopback(spec=spec if spec.is_file() else None) as loopback:
            serving = ["-m", "bench.rsvp", "--serve"]
            async with bot_process(loopback, database, serving, Path(scratch)) as pid:
                await run_all(loopback, database, pid, sizes, capacity, in_flight)


async def run_all(
    loopback: Loopback, database: Path, pid: int, sizes: list[int], capacity: int, in_flight: int
) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash(
        "setup channel", kind="meetups", channel=loopback.channel("meetups"), actor=admin
    )
    await loopback.slash("setup timezone", tz="America/Denver", actor=admin)
    floor = await loopback.slash("bench-floor")
    members = [loopback.guild.add_member(f"Member {n}") for n in range(max(sizes))]
    await clicks("warm-up", pid, members[:500], lambda m: loopback.click(floor, "Floor"), 10)

    def press_floor(member: UserRef) -> Awaitable[Reply]:
        return loopback.click(floor, "Floor", actor=member, within=30)

    print(f"capacity {capacity}; the bot in its own process; spec checked: {spec_note()}")
    for size in sizes:
        group = members[:size]
        results = [
            await clicks("floor, one at a time", pid, group, press_floor, 1),
            await going_burst(loopback, database, pid, group, capacity, 1),
            await clicks(f"floor, {in_flight} in flight", pid, group, press_floor, in_flight),
            await going_burst(loopback, database, pid, group, capacity, in_flight),
        ]
        print(f"\nN = {size:,} members")
        print(
            f"{'run':<26} {'clicks':>6} {'per s':>8} {'floor %':>8} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'max ms':>8} {'CPU ms':>8} {'lost':>5} {'going':>6} {'edits':>6}"
        )
        for at, result in enumerate(results):
            floor_rate = results[at - at % 2].rate  # each run beside its floor
            print(result.row(floor_rate))


def spec_note() -> str:
    return "yes" if spec_path_from_env(os.environ).is_file() else "no (spec file not found)"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--capacity", type=int, default=150)
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        asyncio.run(serve(add_floor))
    else:
        asyncio.run(main(arguments.members, arguments.capacity, arguments.in_flight))
