"""A reminder storm: every meetup's reminder due in the same minute, through the loopback.

Run by hand: `python -m bench.reminders [--meetups 500] [--going 40] [--refused 0.10]`.
The database is seeded first (meetups starting an hour and a bit from now, each with its own
`--going` members, so each meetup's 1-hour reminder falls due in the same minute); then the bot
runs as `bot.py` does, in a process of its own, against the loopback Discord, which answers 429
to a `--refused` share of the DMs. Reported: the time from the reminders' due time to the last
delivery, the bot's peak memory (VmHWM) and CPU time, REST requests per second (the loopback
answers past Discord's 50 a second with a global 429, as Discord does), the 429s, and the
exactly-once check: each member holds one DM and each meetup one post in its channel.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench.bot_process import bot_process, cpu_seconds
from bot.clock import ManualClock, SystemClock, unix
from bot.jobs import JobQueue
from bot.meetups import MeetupDraft, MeetupService
from bot.reminders import REMINDER_DM_JOB, REMINDER_JOB, REMINDER_POST_JOB, Reminders
from bot.setup import SetupService
from bot.store import Store
from sandbox import Loopback
from sandbox.spec import spec_path_from_env
from sandbox.state import ChannelType, UserRef

MESSAGES = "/channels/{channel_id}/messages"
SEED_LEAD = timedelta(seconds=45)  # the reminders fall due this long after seeding starts


async def seed(
    database: Path, guild_id: int, channel_id: int, members: list[UserRef], meetups: int
) -> int:
    """Meetups whose 1-hour reminders fall due together; returns that due time (unix)."""
    real_now = SystemClock().now()
    # Planned as if a little earlier, so every reminder is still ahead while seeding.
    clock = ManualClock(real_now - timedelta(minutes=10))
    start = (real_now + timedelta(hours=1) + SEED_LEAD).replace(second=0, microsecond=0)
    async with await Store.open(database) as store:
        setup, jobs = SetupService(store, clock), JobQueue(store, clock)
        await setup.set_timezone(guild_id, "America/Denver")
        await setup.set_reminder_offsets(guild_id, "1h")
        service = MeetupService(store, clock, setup, jobs)
        service.subscribe(Reminders(clock, jobs, setup, service).plan)
        going = len(members) // meetups
        for number in range(meetups):
            draft = MeetupDraft(f"Storm {number}", start.strftime("%Y-%m-%d %H:%M UTC"), "Moab, UT")
            meetup = (await service.create(guild_id, 1, draft)).meetup
            await service.set_card(meetup.id, channel_id, number + 1)
            for member in members[number * going : (number + 1) * going]:
                await service.answer(guild_id, meetup.id, int(member.id), "going")
    return unix(start - timedelta(hours=1))


def job_states(database: Path) -> Counter[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT kind, state, count(*) FROM jobs WHERE kind IN (?, ?, ?) GROUP BY kind, state",
            (REMINDER_JOB, REMINDER_DM_JOB, REMINDER_POST_JOB),
        ).fetchall()
    return Counter({(kind, state): count for kind, state, count in rows})


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main(meetups: int, going: int, refused: float) -> None:
    spec = spec_path_from_env(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        async with Loopback(spec=spec if spec.is_file() else None) as loopback:
            guild = loopback.guild
            channel = loopback.channel("meetups")
            members = [guild.add_member(f"Member {n}") for n in range(meetups * going)]
            print(f"seeding {meetups:,} meetups × {going} going …", flush=True)
            due = await seed(database, int(guild.id), int(channel.id), members, meetups)

            def is_dm(path: str) -> bool:
                channel_id = path.split("/")[2]
                found = loopback.world.channels.get(channel_id)
                return found is not None and found["type"] == ChannelType.DM

            loopback.faults.rate_limit_share("POST", MESSAGES, refused, applies_to=is_dm, seed=1)
            async with bot_process(loopback, database, ["bot.py"], Path(scratch)) as pid:
                wait = due - time.time()
                print(f"the reminders fall due in {max(wait, 0):.0f} s", flush=True)
                await asyncio.sleep(max(wait, 0))
                requests_before = len(loopback.requests)
                cpu = cpu_seconds(pid)
                expected = meetups * going
                while True:
                    states = job_states(database)
                    finished = sum(
                        count
                        for (kind, state), count in states.items()
                        if kind == REMINDER_DM_JOB and state in ("done", "failed")
                    )
                    if finished >= expected:
                        break
                    await asyncio.sleep(0.5)
                posts_done = states[(REMINDER_POST_JOB, "done")]
                while posts_done < meetups:
                    await asyncio.sleep(0.2)
                    posts_done = job_states(database)[(REMINDER_POST_JOB, "done")]
                storm = [r for r in loopback.requests[requests_before:] if r.finished is not None]
                last = max(r.finished for r in storm)
                first = min(r.started for r in storm)
                report(
                    loopback,
                    members,
                    channel,
                    meetups,
                    states=job_states(database),
                    wall=last - first,
                    late=time.time() - due,
                    requests=len(storm),
                    memory=peak_memory_mb(pid),
                    cpu=cpu_seconds(pid) - cpu,
                    refused_share=refused,
                )


def report(
    loopback: Loopback,
    members: list[UserRef],
    channel: object,
    meetups: int,
    *,
    states: Counter[tuple[str, str]],
    wall: float,
    late: float,
    requests: int,
    memory: float,
    cpu: float,
    refused_share: float,
) -> None:
    dm_counts = Counter(len(loopback.dms(member)) for member in members)
    posts = loopback.messages("meetups")
    refused = sum(1 for r in loopback.requests if r.status == 429)
    print()
    print(f"{'meetups × going':<34} {meetups:,} × {len(members) // meetups}")
    print(f"{'share of DMs answered 429':<34} {refused_share:.0%} ({refused:,} 429s in all)")
    print(f"{'storm: first request → last (s)':<34} {wall:8.1f}")
    print(f"{'due → all delivered (s)':<34} {late:8.1f}")
    print(f"{'REST requests':<34} {requests:8,}")
    print(
        f"{'requests per second':<34} {requests / wall:8.0f}  "
        f"(the loopback holds a bot to Discord's {loopback.core.options.global_limit})"
    )
    print(f"{'bot CPU (s)':<34} {cpu:8.1f}")
    print(f"{'bot peak memory, VmHWM (MB)':<34} {memory:8.1f}")
    print(f"{'members by DMs received':<34} {dict(sorted(dm_counts.items()))}")
    print(f"{'posts in the channel':<34} {len(posts):,} (expected {meetups:,})")
    print(f"{'jobs by kind and state':<34} {dict(sorted(states.items()))}")
    exactly_once = dm_counts == Counter({1: len(members)}) and len(posts) == meetups
    print(f"{'every reminder exactly once':<34} {'yes' if exactly_once else 'NO'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetups", type=int, default=500)
    parser.add_argument("--going", type=int, default=40)
    parser.add_argument("--refused", type=float, default=0.10)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.meetups, arguments.going, arguments.refused))
