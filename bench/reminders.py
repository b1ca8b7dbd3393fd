"""A reminder storm: every meetup's reminder due in the same minute, through the loopback.

Run by hand: `python -m bench.reminders [--meetups 50] [--going 40] [--refused 0.10] [--waves 2]
[--latency 0.1] [--channels 1] [--due-now]`. The database is seeded first (meetups starting an hour
and a bit from now, each with its own `--going` members, so each meetup's reminder falls due in the
same minute, once per wave: the server reminds `--waves` times, far enough apart for each wave to
finish first); then the bot runs as `bot.py` does, in a process of its own, against the loopback
Discord, which answers 429 to a `--refused` share of the DMs and takes `--latency` seconds over each
message and each DM channel it opens (the loopback itself answers in about a millisecond; Discord,
seen from a host, in tens to hundreds). The first wave opens each member's DM channel; later waves
find it recorded. Reported for each wave: the time from its due time to the last delivery, REST
requests, requests per second (the loopback answers past Discord's 50 a second with a global 429, as
Discord does) and 429s, and the bot's CPU time; then its peak memory (VmHWM) and the exactly-once
check: each member holds one DM a wave and each meetup one post a wave in its channel.

`--channels N` spreads the meetups' cards over N channels (Discord takes 5 messages in 5 seconds
per channel): the posts of one wave then share out, and a channel past its limit should hold up
only its own posts.

`--due-now` has the first wave due at the start of the minute seeding starts in, so already due
when the bot comes up, which sends it at once as after a short outage (not yet late): a quick
run that still goes through the whole storm, without waiting up to a minute for the next one.
That wave's figures then count the seeding and the bot's start too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
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
from sandbox.state import ChannelRef, ChannelType, UserRef

MESSAGES = "/channels/{channel_id}/messages"
SEED_LEAD = timedelta(seconds=45)  # the first reminders fall due this long after seeding starts
FIRST_REMINDER = timedelta(hours=1)  # before the meetups start
REQUESTS_PER_SECOND = 20  # a low guess of the outbox's pace with DM channels to open, for the gap
CHANNELS = "/users/@me/channels"


def wave_gap(dms: int, latency: float) -> timedelta:
    """Time between two waves of `dms` reminder DMs: the first is sent before the second, even
    one request at a time."""
    per_second = min(REQUESTS_PER_SECOND, 1 / latency) if latency > 0 else REQUESTS_PER_SECOND
    return timedelta(minutes=max(2, math.ceil(dms * 2 / per_second / 60)))


async def seed(
    database: Path,
    guild_id: int,
    channel_ids: list[int],
    members: list[UserRef],
    meetups: int,
    offsets: list[timedelta],
    lead: timedelta,
) -> list[int]:
    """Meetups whose reminders at each of `offsets` before their start fall due together;
    returns those due times (unix), earliest first."""
    real_now = SystemClock().now()
    # Planned as if a little earlier, so every reminder is still ahead while seeding.
    clock = ManualClock(real_now - timedelta(minutes=10))
    # Meetups start on a whole minute, so reminders fall due on one.
    start = (real_now + offsets[0] + lead).replace(second=0, microsecond=0)
    async with await Store.open(database) as store:
        setup, jobs = SetupService(store, clock), JobQueue(store, clock)
        await setup.set_timezone(guild_id, "America/Denver")
        minutes = ", ".join(f"{offset // timedelta(minutes=1)}m" for offset in offsets)
        await setup.set_reminder_offsets(guild_id, minutes)
        service = MeetupService(store, clock, setup, jobs)
        service.subscribe(Reminders(clock, jobs, setup, service).plan)
        going = len(members) // meetups
        for number in range(meetups):
            draft = MeetupDraft(f"Storm {number}", start.strftime("%Y-%m-%d %H:%M UTC"), "Moab, UT")
            meetup = (await service.create(guild_id, 1, draft)).meetup
            await service.set_card(meetup.id, channel_ids[number % len(channel_ids)], number + 1)
            for member in members[number * going : (number + 1) * going]:
                await service.answer(guild_id, meetup.id, int(member.id), "going")
    return [unix(start - offset) for offset in offsets]


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


async def main(
    meetups: int,
    going: int,
    refused: float,
    waves: int,
    latency: float,
    *,
    channels: int,
    due_now: bool,
) -> None:
    spec = spec_path_from_env(os.environ)
    expected = meetups * going
    gap = wave_gap(expected, latency)
    offsets = [FIRST_REMINDER - wave * gap for wave in range(waves)]
    if offsets[-1] < timedelta(minutes=1):
        raise SystemExit(
            f"{waves} waves of {expected:,} DMs, {gap} apart, do not fit in the "
            f"{FIRST_REMINDER} before the meetups start: use fewer waves or meetups"
        )
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.sqlite3"
        async with Loopback(spec=spec if spec.is_file() else None) as loopback:
            guild = loopback.guild
            cards_in = [loopback.channel("meetups")] + [
                guild.add_channel(f"meetups-{number}") for number in range(2, channels + 1)
            ]
            members = [guild.add_member(f"Member {n}") for n in range(expected)]
            print(f"seeding {meetups:,} meetups × {going} going, {waves} waves …", flush=True)
            lead = timedelta(0) if due_now else SEED_LEAD
            dues = await seed(
                database,
                int(guild.id),
                [int(channel.id) for channel in cards_in],
                members,
                meetups,
                offsets,
                lead,
            )

            def is_dm(path: str) -> bool:
                channel_id = path.split("/")[2]
                found = loopback.world.channels.get(channel_id)
                return found is not None and found["type"] == ChannelType.DM

            loopback.faults.rate_limit_share("POST", MESSAGES, refused, applies_to=is_dm, seed=1)
            for route in (MESSAGES, CHANNELS):
                loopback.faults.slow("POST", route, latency)
            print(
                f"\n{'wave':<5} {'due → delivered (s)':>20} {'requests':>9} {'per s':>6} "
                f"{'429s':>6} {'bot CPU (s)':>12}"
            )
            before_the_bot = len(loopback.requests)
            async with bot_process(loopback, database, ["bot.py"], Path(scratch)) as pid:
                for wave, due in enumerate(dues, start=1):
                    await asyncio.sleep(max(due - time.time(), 0))
                    # A wave due before the bot is up may be sent while it still starts.
                    early = due_now and wave == 1
                    requests_before = before_the_bot if early else len(loopback.requests)
                    cpu = 0.0 if early else cpu_seconds(pid)
                    await finished(database, wave * expected, wave * meetups)
                    storm = [
                        r for r in loopback.requests[requests_before:] if r.finished is not None
                    ]
                    wall = max(r.finished for r in storm) - min(r.started for r in storm)
                    print(
                        f"{wave:<5} {time.time() - due:20.1f} {len(storm):9,} "
                        f"{len(storm) / wall:6.0f} {sum(r.status == 429 for r in storm):6,} "
                        f"{cpu_seconds(pid) - cpu:12.1f}"
                    )
                report(
                    loopback,
                    cards_in,
                    members,
                    meetups,
                    waves,
                    states=job_states(database),
                    memory=peak_memory_mb(pid),
                    refused_share=refused,
                )


async def finished(database: Path, dms: int, posts: int) -> None:
    """Return once `dms` reminder DMs are done or failed and `posts` reminder posts done."""
    while True:
        states = job_states(database)
        dms_finished = sum(
            count
            for (kind, state), count in states.items()
            if kind == REMINDER_DM_JOB and state in ("done", "failed")
        )
        if dms_finished >= dms and states[(REMINDER_POST_JOB, "done")] >= posts:
            return
        await asyncio.sleep(0.2)


def report(
    loopback: Loopback,
    cards_in: list[ChannelRef],
    members: list[UserRef],
    meetups: int,
    waves: int,
    *,
    states: Counter[tuple[str, str]],
    memory: float,
    refused_share: float,
) -> None:
    dm_counts = Counter(len(loopback.dms(member)) for member in members)
    posts = [post for channel in cards_in for post in loopback.messages(channel)]
    print(
        f"requests per second: the loopback holds a bot to Discord's "
        f"{loopback.core.options.global_limit}; 429s include the {refused_share:.0%} share of "
        "DMs answered 429 on purpose"
    )
    print()
    print(f"{'meetups × going':<34} {meetups:,} × {len(members) // meetups}")
    print(f"{'bot peak memory, VmHWM (MB)':<34} {memory:8.1f}")
    print(f"{'members by DMs received':<34} {dict(sorted(dm_counts.items()))}")
    where = f"{len(cards_in)} channels" if len(cards_in) > 1 else "the channel"
    print(f"{'posts in ' + where:<34} {len(posts):,} (expected {meetups * waves:,})")
    print(f"{'jobs by kind and state':<34} {dict(sorted(states.items()))}")
    exactly_once = dm_counts == Counter({waves: len(members)}) and len(posts) == meetups * waves
    print(f"{'every reminder exactly once':<34} {'yes' if exactly_once else 'NO'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetups", type=int, default=50)
    parser.add_argument("--going", type=int, default=40)
    parser.add_argument("--refused", type=float, default=0.10)
    parser.add_argument("--waves", type=int, default=2, help="reminders per meetup")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds Discord takes over each send"
    )
    parser.add_argument(
        "--channels", type=int, default=1, help="channels the meetups' cards are spread over"
    )
    parser.add_argument(
        "--due-now",
        action="store_true",
        help="the first wave already due when the bot starts, for a quick run",
    )
    arguments = parser.parse_args()
    asyncio.run(
        main(
            arguments.meetups,
            arguments.going,
            arguments.refused,
            arguments.waves,
            arguments.latency,
            channels=arguments.channels,
            due_now=arguments.due_now,
        )
    )
