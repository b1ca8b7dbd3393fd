"""A meetup's length on its card only when the organizer gave one; calendar files and the
Events tab end each date after the 3-hour default all the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetups import POST, card_shows, card_when, cards, create, field, meetups_channel
from .test_meetups import requests as sent

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # Dec 12, 10 AM in Denver


async def test_a_meetup_given_no_length_claims_no_end_until_one_is_given(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    created = await create(loopback)
    start = unix(DEC_12)
    assert f"**When:** {card_when(start)}\nRead as" in created.content
    [post] = sent(loopback, POST)
    assert field(post.request["embeds"][0], "When") == card_when(start)

    # Calendars and the Events tab need an end: the default 3 hours.
    ics = await loopback.slash("meetup ics", meetup="1", actor=loopback.member("Rosa"))
    [event] = icalendar.Calendar.from_ical(bytes(ics.attachments[0].data)).walk("VEVENT")
    assert event.end.astimezone(UTC) == DEC_12 + timedelta(hours=3)
    await loopback.wait_until(
        lambda: (
            [e["scheduled_end_time"] for e in loopback.events()]
            == [(DEC_12 + timedelta(hours=3)).isoformat()]
        ),
        what="the Events tab ending it after 3 hours",
    )

    edited = await loopback.slash(
        "meetup edit", meetup="1", duration=180, actor=loopback.member("Tammy")
    )
    assert "Changed the length" in edited.content
    [card] = cards(loopback)
    await card_shows(loopback, card, "When", card_when(start, hours=3))
