"""A series re-timed from its next date on with `/meetup edit dates:every` or `repeat:`, driven
through the real client: what the organizer reads, the one DM each member going, waiting or maybe
gets, the card, the Events tab, the calendar file and the reminders that follow the new time,
and the refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from bot.clock import unix
from bot.meetups import Meetup
from sandbox import Loopback, Message

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_changes import direct_messages, dms_arrive
from .test_meetup_edits import DEC_3, posted
from .test_meetups import card_shows, card_when, create, meetup_option
from .test_reminders import run_at, settled

# Denver is UTC-7 all winter: the first Saturdays of Dec and Jan at 10 AM, and at 11 AM.
DEC_5, JAN_2 = (datetime(2026, 12, 5, 17, 0, tzinfo=UTC), datetime(2027, 1, 2, 17, 0, tzinfo=UTC))
HOUR = timedelta(hours=1)


async def breakfast(keitora: RunningBot, loopback: Loopback) -> Message:
    """A "first Saturday 10am" series from Dec 5, and its card, with Dale going to Dec 5."""
    card = await posted(
        keitora,
        loopback,
        title="Breakfast",
        when="sat 10am",
        repeat="monthly on the first saturday",
    )
    await loopback.click(card, "Going", actor=loopback.member("Dale"))
    return card


@pytest.mark.clock(DEC_3)  # Discord holds the Events tab by the bot's time, not the wall's
async def test_every_date_from_now_on_moves_answers_reminders_card_events_and_calendar(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await breakfast(keitora, loopback)
    tammy, dale, rosa, hank = (loopback.member(n) for n in ("Tammy", "Dale", "Rosa", "Hank"))
    await loopback.click(card, "Maybe", actor=hank)
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    for member in (dale, rosa):  # Dale goes to both dates, Rosa to January's
        await meetups.answer(guild, 1, int(member.id), "going", original_start=JAN_2)

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="sat 11am", dates="every", actor=tammy
    )
    assert reply.content == (
        "From now on “Breakfast” meets the first Saturday of every month at 11:00 AM "
        "(America/Denver): its next "
        f"date moved from <t:{unix(DEC_5)}:F> to <t:{unix(DEC_5 + HOUR)}:F>, and every later "
        "date follows the new schedule; past dates stay as they were, and answers moved with "
        "their dates. Read as Saturday December 5, 2026 11:00 AM (America/Denver): zone "
        "**America/Denver**, the meetup's zone. 3 members going, waiting or maybe get a DM."
    )

    # One DM each, about the first date they answer for, with its old and new time; Hank's
    # Maybe for Dec 5 is told as Dale's Going is.
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1, hank: 1})
    new_dec, new_jan = unix(DEC_5 + HOUR), unix(JAN_2 + HOUR)
    told_dale = (
        "**Breakfast** has a new schedule from now on: the first Saturday of every month at "
        "11:00 AM (America/Denver). The date you answered for moved from "
        f"<t:{unix(DEC_5)}:F> to <t:{new_dec}:F> "
        f"(<t:{new_dec}:R>). Your answer stands"
    )
    assert loopback.dms(dale)[0].content.startswith(told_dale)
    assert loopback.dms(rosa)[0].content.startswith(
        "**Breakfast** has a new schedule from now on: the first Saturday of every month at "
        "11:00 AM (America/Denver). The date you answered for moved from "
        f"<t:{unix(JAN_2)}:F> to <t:{new_jan}:F>"
    )
    assert loopback.dms(hank)[0].content == loopback.dms(dale)[0].content
    assert len(direct_messages(loopback, loopback.dms(dale)[0].content)) == 2  # Dale's, Hank's

    await card_shows(loopback, card, "When", card_when(new_dec))
    await card_shows(loopback, card, "Going", "1 person · 0 trucks")
    await loopback.wait_until(
        lambda: (
            [e["scheduled_start_time"] for e in loopback.events()] == [(DEC_5 + HOUR).isoformat()]
        ),
        what="the Events tab at the new time",
    )
    ics = await loopback.slash("meetup ics", meetup="1", actor=rosa)
    [event] = icalendar.Calendar.from_ical(bytes(ics.attachments[0].data)).walk("VEVENT")
    assert event.start.astimezone(UTC) == DEC_5 + HOUR
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=1SA"

    # The reminder a day before the old time is not sent; the one before the new time is, once.
    await run_at(keitora, DEC_5 - timedelta(hours=24))
    await settled(keitora)
    assert len(loopback.dms(dale)) == 1
    await run_at(keitora, DEC_5 + HOUR - timedelta(hours=24))
    await settled(keitora)
    await run_at(keitora, DEC_5 - timedelta(hours=22))
    await settled(keitora)
    reminders = [dm.content for dm in loopback.dms(dale) if dm.content.startswith("Reminder")]
    assert reminders == [
        f"Reminder: **Breakfast** starts <t:{new_dec}:F> (<t:{new_dec}:R>), at Moab, UT. If you "
        "can't make it, press Can't go on the card so someone else gets your place. Turn these "
        "DMs off with `/meetup reminders state:off`."
    ]


async def test_a_new_rule_moves_the_series_and_bad_changes_are_refused_with_nothing_changed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await breakfast(keitora, loopback)
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    refusals = {
        "nothing": ({"dates": "every"}, "so give `when` (or a new `repeat`) with it"),
        "past": ({"when": "2026-11-01 11am", "dates": "every"}, "passed"),
        "unreadable": ({"repeat": "every blue moon"}, "not “blue”"),
        "no dates ahead": ({"repeat": "FREQ=WEEKLY;UNTIL=20261101T000000Z"}, "ends before"),
        "next only": ({"repeat": "weekly", "dates": "next"}, "choose “Every date from now on”"),
        "off the rule": ({"when": "sun 11am", "dates": "every"}, "Sunday, December 6, 2026 is not"),
    }
    for what, (options, said) in refusals.items():
        refused = await loopback.slash("meetup edit", meetup="1", actor=tammy, **options)
        assert refused.ephemeral, what
        assert said in refused.content, (what, refused.content)
    assert (await meetups_of(keitora, loopback)).rrule == "FREQ=MONTHLY;BYDAY=1SA"

    moved = await loopback.slash(
        "meetup edit", meetup="1", repeat="monthly on the first sunday", actor=tammy
    )
    sunday = unix(DEC_5 + timedelta(days=1))
    assert moved.content.startswith(
        "From now on “Breakfast” meets the first Sunday of every month at 10:00 AM "
        "(America/Denver): its next "
        f"date moved from <t:{unix(DEC_5)}:F> to <t:{sunday}:F>"
    )
    await card_shows(loopback, card, "When", card_when(sunday))
    await card_shows(loopback, card, "Going", "1 person · 0 trucks")
    await dms_arrive(keitora, loopback, {dale: 1})

    await create(loopback, title="Once", when="sat 10am")
    single = await loopback.slash("meetup edit", meetup="2", repeat="weekly", actor=tammy)
    assert single.ephemeral
    assert single.content.startswith("“Once” is a single meetup, not a series")
    await cancel_series(loopback, tammy, meetup="1")
    gone = await loopback.slash("meetup edit", meetup="1", repeat="weekly", actor=tammy)
    assert gone.ephemeral
    assert gone.content.startswith("“Breakfast” was cancelled")

    dates = meetup_option(loopback, "edit", "dates")
    assert [c["name"] for c in dates["choices"]] == ["The next date only", "Every date from now on"]
    helped = (await loopback.slash("help", topic="meetup")).embeds[0]["description"]
    assert "[repeat] [dates]" in helped
    assert "To re-time every date from now on, add `dates:Every date from now on`" in helped


async def meetups_of(keitora: RunningBot, loopback: Loopback) -> Meetup:
    return await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
