"""A series cancelled while a date it held under an earlier rule is under way (it was re-timed
during that date): those going to it are told it was called off, and the reply, the card, the
Events tab and the calendar file (read back with the icalendar library) say the same of that
date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from bot.clock import unix
from bot.meetups import LATER_DATES_OFF
from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_changes import dms_arrive
from .test_meetup_series_edits import DEC_5, breakfast
from .test_meetups import card_shows


async def test_a_date_under_way_on_an_earlier_rule_is_cancelled_in_the_calendar_as_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await breakfast(keitora, loopback)  # Dale going to Dec 5, the first date
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    keitora.clock.set(DEC_5 + timedelta(hours=1))  # at the first date, which lasts 3 hours
    moved = await loopback.slash(
        "meetup edit", meetup="1", repeat="monthly on the first sunday", actor=tammy
    )
    assert moved.content.startswith("From now on “Breakfast” meets the first Sunday")

    cancelled = await cancel_series(loopback, tammy, meetup="1", reason="Hail")

    assert cancelled.content == (
        f"Called off “Breakfast”, under way since <t:{unix(DEC_5)}:F>. {LATER_DATES_OFF} "
        "1 member going, waiting or maybe gets a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1})
    assert "was called off: Hail" in loopback.dms(dale)[0].content
    # The date under way on the rule of the time stays on the card, struck.
    struck = f"~~<t:{unix(DEC_5)}:F>~~ — called off: Hail"
    await card_shows(loopback, card, "When", f"{struck}\n{LATER_DATES_OFF}")
    await loopback.wait_until(lambda: loopback.events() == [], what="the Events tab emptied")
    ics = await loopback.slash("meetup calendar", actor=dale)
    assert ics.attachments, ics.content
    events = icalendar.Calendar.from_ical(bytes(ics.attachments[0].data)).walk("VEVENT")
    # Dec 5 is what Dale was told: called off, and why (the rule it was held under still shows
    # the dates before it as held).
    overrides = {
        event["RECURRENCE-ID"].dt.astimezone(UTC): event
        for event in events
        if "RECURRENCE-ID" in event
    }
    assert DEC_5 in overrides, [event.to_ical().decode() for event in events]
    dec_5 = overrides[DEC_5]
    assert str(dec_5["UID"]) == f"meetup-{loopback.guild.id}-1-rule1@keitora"
    assert str(dec_5.get("STATUS")) == "CANCELLED"
    assert str(dec_5["DESCRIPTION"]).startswith(f"Called off: Hail\n{LATER_DATES_OFF}")
    # The new rule's dates, none of which was held, are cancelled as a whole.
    [series] = [e for e in events if str(e["UID"]) == f"meetup-{loopback.guild.id}-1@keitora"]
    assert str(series["STATUS"]) == "CANCELLED"
    assert series.start.astimezone(UTC) == datetime(2027, 1, 3, 17, 0, tzinfo=UTC)
