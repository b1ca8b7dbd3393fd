"""/meetup create with a city and its state's two letters typed in `when` (Tulsa, OK; Austin, TX)
and a rough time (10am-ish), asserted on what the bot sent: a state of two zones asked about
with nothing made; one of one zone read in it, the rough time said as read."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_typed_times import in_chicago_on_friday, refused_and_nothing_made, sent_reply
from .test_meetups import create


async def test_a_city_in_a_state_of_two_zones_is_asked_about_and_nothing_is_made(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    refused_and_nothing_made(
        loopback,
        await create(loopback, when="dec 19 10am Austin, TX"),
        "“Austin, TX”: Texas keeps two time zones, America/Chicago and America/Denver. For the "
        "time, write dec 19 10am America/Chicago or dec 19 10am America/Denver; a place goes in "
        "the location option.",
    )


async def test_a_city_in_a_state_of_one_zone_at_a_rough_time_is_read_and_said(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await in_chicago_on_friday(keitora, loopback)

    made = sent_reply(loopback, await create(loopback, when="dec 19 10am-ish Denver, CO"))
    assert f"<t:{unix(datetime(2026, 12, 19, 17, 0, tzinfo=UTC))}:F>" in made["content"]
    assert "“10am-ish” read as 10:00 AM." in made["content"]
    tulsa = sent_reply(loopback, await create(loopback, when="dec 20 10am Tulsa, OK"))
    assert f"<t:{unix(datetime(2026, 12, 20, 16, 0, tzinfo=UTC))}:F>" in tulsa["content"]
    assert len(loopback.messages("meetups")) == 2
