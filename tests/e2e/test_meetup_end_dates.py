"""A meetup ending on another day than it starts, in its own zone, shows the end's date, not a
clock time that reads as the same day's. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import DEC_3
from .test_meetup_typed_times import sent_reply
from .test_meetups import create, meetups_channel

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # Sat 10 AM MST


async def test_a_meetup_ending_the_next_day_shows_the_end_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    late = DEC_5 + timedelta(hours=12)
    for title, when, minutes, until in (
        (
            "Long Day",
            "sat 10am",
            1000,
            f"<t:{unix(DEC_5 + timedelta(minutes=1000))}:f> (16 hours 40 minutes)",
        ),
        ("Late Run", "sat 10pm", 180, f"<t:{unix(late + timedelta(hours=3))}:f> (3 hours)"),
        # Ending on its own day, the clock time alone says it.
        ("Short Run", "sat 10am", 180, f"<t:{unix(DEC_5 + timedelta(hours=3))}:t> (3 hours)"),
    ):
        reply = sent_reply(
            loopback, await create(loopback, title=title, when=when, duration=minutes)
        )
        assert f"\nUntil {until}" in reply["content"], reply["content"]
