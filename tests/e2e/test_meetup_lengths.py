"""A meetup's length on its card only when the organizer gave one; calendar files and the
Events tab end each date after the 3-hour default all the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from bot.clock import unix
from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import (
    POST,
    card_edits,
    card_shows,
    card_when,
    cards,
    create,
    field,
    meetups_channel,
)
from .test_meetups import requests as sent

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # Dec 12, 10 AM in Denver


@pytest.mark.clock(MEETUP_WEEK)  # Discord holds its event by the week's time, not the wall's
async def test_a_meetup_given_no_length_claims_no_end_until_one_is_given(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
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


async def test_a_range_at_every_dates_start_gives_a_series_the_new_length(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, when="sat 10am-12pm", repeat="weekly")
    [card] = cards(loopback)
    dec_5 = unix(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))

    edited = await loopback.slash(
        "meetup edit",
        meetup="1",
        when="sat 10am-2pm",
        dates="every",
        actor=loopback.member("Tammy"),
    )

    assert edited.ephemeral
    assert "Changed the length" in edited.content, edited.content

    def four_hours() -> bool:
        edits = card_edits(loopback, card)
        return bool(edits) and field(edits[-1].request["embeds"][0], "When") == card_when(
            dec_5, hours=4
        )

    await loopback.wait_until(four_hours, within=10, what="the card's edit to 4 hours")
