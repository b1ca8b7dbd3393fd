"""A reminder says how soon the meetup starts as a relative timestamp, which stays true however
late it is sent (the bot was down, or busy): its offset ("in 1 hour") would not."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_reminders import START, a_meetup_with, run_at, settled


async def test_a_reminder_sent_minutes_late_says_the_time_left_not_its_offset(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika")
    mika = loopback.member("Mika")
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)

    await run_at(keitora, START - timedelta(minutes=57))  # the 1-hour reminder, 3 minutes late
    await settled(keitora)

    on_time, late = (dm.content for dm in loopback.dms(mika))
    when = f"<t:{unix(START)}:F> (<t:{unix(START)}:R>), at Moab."
    assert on_time.startswith(f"Reminder: **Kei Truck Day** starts {when}"), on_time
    assert late.startswith(f"Reminder: **Kei Truck Day** starts {when}"), late
