"""/meetup ics and /meetup calendar through the loopback: the calendar files list the dates the
bot lists, and mark a meetup cancelled since it was imported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events

from sandbox import Loopback

from .conftest import MEETUP_WEEK, RunningBot
from .test_meetups import (
    cards,
    create,
    field,
    meetups_channel,
)

pytestmark = pytest.mark.clock(MEETUP_WEEK)


async def test_a_series_as_a_calendar_file_lists_the_dates_the_bot_lists(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, when="Dec 12 10am", repeat="weekly")
    await create(loopback, title="Cars and Coffee", when="Dec 19 8am")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    series = next(m for m, _ in await meetups.upcoming(guild_id) if m.rrule is not None)
    first, second, _ = await meetups.occurrences(series, limit=3)
    await meetups.cancel(guild_id, series.id, original_start=second.original_start)
    listed = await meetups.occurrences(series, limit=4)

    reply = await loopback.slash("meetup ics", meetup=str(series.id))
    [attachment] = reply.attachments
    calendar = icalendar.Calendar.from_ical(bytes(attachment.data))
    starts = [
        event.start.astimezone(UTC)
        for event in recurring_ical_events.of(calendar).between(
            first.starts_at - timedelta(minutes=1), listed[-1].starts_at + timedelta(minutes=1)
        )
    ]
    assert sorted(starts) == [occurrence.starts_at for occurrence in listed]
    assert second.starts_at not in starts
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["URL"]).startswith(f"https://discord.com/channels/{guild_id}/")

    first_card = next(c for c in cards(loopback) if c.embeds[0]["title"] == "Kei Truck Day")
    google = field(first_card.embeds[0], "Calendar").split("](", 1)[1].rstrip(")")
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert f"dates={first.starts_at:%Y%m%dT%H%M%SZ}/" in google

    assert reply.content == (
        "Open the file to add it to your calendar app; it brings all the series' dates."
    )
    one_off = await loopback.slash("meetup ics", meetup="Cars and Coffee")
    assert one_off.record.callback_body["data"]["content"] == (
        "Open the file to add it to your calendar app; it brings its date, time and place."
    )
    [only] = icalendar.Calendar.from_ical(bytes(one_off.attachments[0].data)).walk("VEVENT")
    assert "RRULE" not in only

    everything = await loopback.slash("meetup calendar")
    assert everything.content == (
        "Open the file to add it to your calendar app; a series brings all its dates."
    )
    both = icalendar.Calendar.from_ical(bytes(everything.attachments[0].data))
    assert sorted(str(e["SUMMARY"]) for e in both.walk("VEVENT")) == [
        "Cars and Coffee",
        "Kei Truck Day",
    ]


async def test_the_servers_calendar_file_marks_a_meetup_cancelled_since_it_was_imported(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    none_yet = await loopback.slash("meetup calendar")
    assert none_yet.record.callback_body["data"]["content"] == (
        "There are no upcoming meetups in this server yet."
    )
    await create(loopback)
    imported = await loopback.slash("meetup calendar")
    [before] = icalendar.Calendar.from_ical(bytes(imported.attachments[0].data)).walk("VEVENT")
    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=loopback.member("Tammy"))

    again = await loopback.slash("meetup calendar")

    [after] = icalendar.Calendar.from_ical(bytes(again.attachments[0].data)).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    keitora.clock.set(datetime(2026, 12, 14, tzinfo=UTC))  # two days past its date
    gone = await loopback.slash("meetup calendar")
    # Meetups were held here, so "yet" would be wrong.
    assert gone.record.callback_body["data"]["content"] == (
        "There are no upcoming meetups in this server."
    )
    assert gone.ephemeral


async def test_a_cancelled_meetups_file_marks_it_cancelled_to_clear_it_from_a_calendar(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, title="Gone")
    await loopback.slash("meetup cancel", meetup="1", reason="rain", actor=loopback.member("Tammy"))

    reply = await loopback.slash("meetup ics", meetup="1", actor=loopback.member("Mika"))

    sent = reply.record.callback_body
    assert sent["data"]["content"] == (
        "“Gone” was cancelled: “rain”. Open the file to mark it cancelled in your calendar app, "
        "if you added it there."
    )
    [gone] = icalendar.Calendar.from_ical(bytes(reply.attachments[0].data)).walk("VEVENT")
    assert str(gone["STATUS"]) == "CANCELLED"
    everything = await loopback.slash("meetup calendar")
    [listed] = icalendar.Calendar.from_ical(bytes(everything.attachments[0].data)).walk("VEVENT")
    assert str(listed["UID"]) == str(gone["UID"])
