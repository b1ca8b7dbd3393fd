"""A whole series cancelled while one of its dates is under way: those at that date read that it
was called off, as for a one-off or one date called off, and that its later dates will not
take place; on the card, in `/meetup attendees`, and in their DM and the thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_cancel_threads import thread_patches
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_thread_names import meetup_thread
from .test_meetups import card_shows, wait_for_post

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 10 AM in Denver
LATER = "The whole series is cancelled: its later dates will not take place."


async def test_a_series_cancelled_under_way_reads_called_off_with_its_later_dates_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    keitora.clock.set(DEC_5 + timedelta(minutes=30))

    await cancel_series(loopback, tammy, meetup="1", reason="Hail")

    await card_shows(loopback, card, "When", f"~~<t:{unix(DEC_5)}:F>~~ — called off: Hail\n{LATER}")
    await dms_arrive(keitora, loopback, {mika: 1})
    told = f"**Weekly**, under way since <t:{unix(DEC_5)}:F>, was called off: Hail. {LATER}"
    assert loopback.dms(mika)[0].content == told
    await wait_for_post(loopback, card, "was called off")
    attendees = await loopback.slash("meetup attendees", meetup="1", actor=mika)
    assert attendees.content.startswith(f"**Weekly** was called off: Hail. {LATER}"), (
        attendees.content
    )


async def test_a_series_cancelled_between_dates_still_reads_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    keitora.clock.set(DEC_5 + timedelta(hours=4))  # the date is over

    await cancel_series(loopback, loopback.member("Tammy"), meetup="1", reason="Hail")

    # The date it took away is the next one, the one over kept no more.
    next_date = unix(DEC_5 + timedelta(days=7))
    await card_shows(loopback, card, "When", f"~~<t:{next_date}:F>~~ — cancelled: Hail")


async def test_a_series_called_off_under_way_by_a_moderator_reads_so_everywhere(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback, when="sat 10am", repeat="weekly")
    tammy, marcus = loopback.member("Tammy"), loopback.member("Marcus")
    keitora.clock.set(DEC_5 + timedelta(minutes=30))

    reply = await cancel_series(loopback, marcus, meetup="1", reason="Hail")

    since = f"under way since <t:{unix(DEC_5)}:F>"
    assert reply.text.startswith(f"Called off “Kei Truck Day”, {since}. {LATER}"), reply.text
    assert "/meetup restore" not in reply.text  # a series is not restored
    assert {"name": "Called off · Kei Truck Day"}.items() <= thread_patches(loopback, thread)[
        0
    ].items()  # type: ignore[union-attr]
    await dms_arrive(keitora, loopback, {tammy: 1})
    assert loopback.dms(tammy)[0].content.startswith(
        f"A moderator of **{loopback.guild.name}** (<@{marcus.id}>) called off your meetup "
        f"“Kei Truck Day” (#1), {since}; its later dates will not take place. The reason "
        "given: “Hail”."
    ), loopback.dms(tammy)[0].content
    ics = await loopback.slash("meetup ics", meetup="1", actor=tammy)
    assert ics.text.startswith(f"“Kei Truck Day” was called off: “Hail”. {LATER}"), ics.text
    [event] = icalendar.Calendar.from_ical(bytes(ics.attachments[0].data)).walk("VEVENT")
    assert str(event["DESCRIPTION"]).startswith(f"Called off: Hail\n{LATER}"), event


async def test_a_series_called_off_under_way_is_said_called_off_when_changed_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    keitora.clock.set(DEC_5 + timedelta(minutes=30))
    await cancel_series(loopback, tammy, meetup="1", reason="Hail")

    again = await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    edit = await loopback.slash("meetup edit", meetup="1", capacity=4, actor=tammy)

    gone = f"{LATER} It cannot be restored: create it again with `/meetup create`."
    assert again.ephemeral
    assert again.content == f"“Weekly” was already called off: “Hail”. {gone}"
    assert edit.content == f"“Weekly” was called off: “Hail”. {gone}"
