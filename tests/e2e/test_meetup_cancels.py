"""Cancelling the only date of a one-off meetup is cancelling the meetup: the same reply, card,
DMs and calendar as a whole cancel, read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from bot.clock import unix
from sandbox import Loopback, Message
from sandbox.state import Json

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import DEC_3, posted
from .test_meetups import card_edits, cards, create, field, meetups_channel, wait_for_post
from .test_reminders import settled

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 10 AM in Denver


async def test_cancelling_a_one_off_meetups_only_date_cancels_the_meetup(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(DEC_3)
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await create(loopback, title="Whole", when="Dec 12 10am")
    await create(loopback, title="Only date", when="Dec 12 10am")
    whole_card, date_card = cards(loopback)
    for card in (whole_card, date_card):
        await loopback.click(card, "Going", actor=dale)

    whole = await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1})
    only = await loopback.slash(
        "meetup cancel", meetup="2", occurrence=str(unix(DEC_12)), reason="Snow", actor=tammy
    )
    await dms_arrive(keitora, loopback, {dale: 2})

    assert whole.content == "Cancelled “Whole”. 1 member going, waiting or maybe gets a DM."
    assert only.content == "Cancelled “Only date”. 1 member going, waiting or maybe gets a DM."
    whole_dm, date_dm = (dm.content for dm in loopback.dms(dale))
    assert date_dm == whole_dm.replace("Whole", "Only date")

    def last_edit(card: Message) -> Json:
        return card_edits(loopback, card)[-1].request

    await loopback.wait_until(
        lambda: (
            bool(card_edits(loopback, date_card))
            and field(last_edit(date_card)["embeds"][0], "When")
            == f"~~<t:{unix(DEC_12)}:F>~~ — cancelled: Snow"
        ),
        what="the card to say it was cancelled",
    )
    assert field(last_edit(whole_card)["embeds"][0], "When") == field(
        last_edit(date_card)["embeds"][0], "When"
    )
    assert last_edit(date_card)["components"] == last_edit(whole_card)["components"]
    # No buttons are left to answer with, and the footer no longer asks for an answer.
    assert last_edit(whole_card)["components"] == []
    assert last_edit(whole_card)["embeds"][0]["footer"]["text"] == (
        "Meetup #1 · times show in your own time zone"
    )

    calendar = await loopback.slash("meetup calendar")
    events = icalendar.Calendar.from_ical(bytes(calendar.attachments[0].data)).walk("VEVENT")
    assert {str(e["SUMMARY"]): str(e["STATUS"]) for e in events} == {
        "Whole": "CANCELLED",
        "Only date": "CANCELLED",
    }
    again = await loopback.slash("meetup cancel", meetup="2", actor=tammy)
    assert again.content == (
        "“Only date” was already cancelled: “Snow”. To hold it again, use `/meetup restore`."
    )


async def test_a_meetup_is_cancelled_while_under_way_but_not_once_it_is_over(
    keitora: RunningBot, loopback: Loopback
) -> None:
    held_card = await posted(keitora, loopback, title="Held", when="Dec 12 10am")
    await create(loopback, title="Rained off", when="Dec 12 10am")
    rained_card = cards(loopback)[1]
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    for card in (held_card, rained_card):
        await loopback.click(card, "Going", actor=dale)

    keitora.clock.set(DEC_12 + timedelta(hours=1))  # both under way: 3 hours long
    rained = await loopback.slash("meetup cancel", meetup="Rained off", reason="Hail", actor=tammy)
    assert rained.content == (
        f"Called off “Rained off”, under way since <t:{unix(DEC_12)}:F>. `/meetup restore` can "
        f"undo this until <t:{unix(DEC_12 + timedelta(hours=3))}:t>, when it ends. 1 member "
        "going, waiting or maybe gets a DM."
    )
    await dms_arrive(keitora, loopback, {dale: 1})
    # And its notice in the thread: the bot's own job loop may hold that job, which
    # `run_due` does not wait for, and send it after `sent_before` below.
    await wait_for_post(loopback, rained_card, "was called off")
    # Its DM settled too, so that the post after the notice, asked again once the clock moves
    # on, finds it reached and mentions nobody.
    await settled(keitora, "meetups.changed%")

    keitora.clock.set(DEC_12 + timedelta(hours=4))  # over
    sent_before = len(loopback.requests)
    late = await loopback.slash("meetup cancel", meetup="Held", reason="Tidying up", actor=tammy)

    body = late.record.callback_body
    assert body["data"]["flags"] & 64  # ephemeral
    # Not "Cancelled. Nobody else was going…": Dale was, and the meetup took place.
    assert (
        body["data"]["content"] == "“Held” has no date still ahead, so there is nothing to cancel."
    )
    meetup = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert meetup.cancelled_at is None
    # No thread post or DM says it was cancelled.
    sent = loopback.requests[sent_before:]
    assert not [r for r in sent if r.method == "POST" and "/channels" in r.path]
