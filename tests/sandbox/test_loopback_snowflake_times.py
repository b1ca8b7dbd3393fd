"""Message ids carry the loopback's time, as Discord's carry the instant it made them: a test
that pins the clock can compare a message's id (a look back by `after=`) with the bot's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord

from bot.clock import ManualClock
from sandbox import Loopback
from sandbox.state import World

DEC_2 = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def test_ids_are_made_at_the_worlds_time() -> None:
    clock = ManualClock(DEC_2)
    world = World(clock=clock.now)

    made = discord.utils.snowflake_time(int(world.ids.next()))

    assert made == DEC_2


def test_ids_stay_unique_and_increasing_while_the_clock_stands_or_goes_back() -> None:
    clock = ManualClock(DEC_2)
    world = World(clock=clock.now)

    standing = [int(world.ids.next()) for _ in range(3)]
    clock.advance(-timedelta(hours=1))
    back = int(world.ids.next())

    assert standing == sorted(set(standing))
    assert back > standing[-1]


def test_interaction_ids_keep_the_wall_clock_the_bot_measures_its_answer_window_by() -> None:
    world = World(clock=ManualClock(DEC_2 + timedelta(days=400)).now)

    made = discord.utils.snowflake_time(int(world.ids.next(wall=True)))

    assert abs((made - datetime.now(UTC)).total_seconds()) < 60


def test_the_two_kinds_of_id_never_meet_even_past_a_milliseconds_worth() -> None:
    world = World(clock=ManualClock(datetime.now(UTC)).now)

    ids = [world.ids.next(wall=n % 2 == 0) for n in range(10_000)]

    assert len(set(ids)) == len(ids)
    assert [int(i) for i in ids[1::2]] == sorted(int(i) for i in ids[1::2])


async def test_a_members_post_is_stamped_and_numbered_at_the_same_instant(
    discord_spec: Path | None,
) -> None:
    clock = ManualClock(DEC_2)
    async with Loopback(spec=discord_spec, clock=clock.now) as loopback:
        clock.advance(timedelta(minutes=5))
        posted = await loopback.post(loopback.channel("general"), "Kei meet?")

    stored = loopback.world.messages[posted.channel_id][posted.id]
    assert discord.utils.snowflake_time(int(posted.id)) == DEC_2 + timedelta(minutes=5)
    assert datetime.fromisoformat(stored["timestamp"]) == DEC_2 + timedelta(minutes=5)
