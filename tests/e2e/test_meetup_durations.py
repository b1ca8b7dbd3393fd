"""A long duration typed in minutes shows on the card and in the reply in hours and minutes."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import card_shows

DEC_12 = int(datetime(2026, 12, 12, 17, 0, tzinfo=UTC).timestamp())


async def test_a_duration_of_1000_minutes_shows_as_16_hours_40_minutes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Long Day", when="Dec 12 10am", duration=1000)
    await card_shows(
        loopback,
        card,
        "When",
        f"<t:{DEC_12}:F> (<t:{DEC_12}:R>)\nUntil <t:{DEC_12 + 60_000}:f> (16 hours 40 minutes)",
    )
