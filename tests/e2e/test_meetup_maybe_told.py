"""Members who answered Maybe are attendees (`/meetup attendees` lists them), so they are told
as those going or waiting are when their date moves, changes place or is cancelled; those who
answered Can't go are told only of a new time, by DM (`test_meetup_declined_told`). Read from the
DMs and thread posts the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive, sent_dms
from .test_meetup_edits import posted
from .test_meetups import pings_nobody, wait_for_post

DEC_12 = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))  # 10 AM in Denver
DEC_13 = unix(datetime(2026, 12, 13, 17, 0, tzinfo=UTC))


async def test_maybe_is_told_of_a_new_time_a_new_place_and_a_cancel(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, dale, mika, hank = (loopback.member(n) for n in ("Tammy", "Dale", "Mika", "Hank"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Maybe", actor=mika)
    await loopback.click(card, "Can't go", actor=hank)

    moved = await loopback.slash("meetup edit", meetup="1", when="Dec 13 10am", actor=tammy)
    assert moved.content.endswith(
        "3 members get a DM: 2 going, waiting or maybe and 1 who said Can't go."
    ), moved.content
    await dms_arrive(keitora, loopback, {dale: 1, mika: 1, hank: 1})
    told = (
        f"**Main** moved from <t:{DEC_12}:F> to <t:{DEC_13}:F> (<t:{DEC_13}:R>). Your answer "
        "stands; press Can't go on the card if the new time does not suit you."
    )
    assert loopback.dms(mika)[0].content == told
    assert all(pings_nobody(body) for body in sent_dms(loopback, told))
    post = await wait_for_post(loopback, card, "moved from")
    assert not post.content.startswith("<@")  # their DMs told them: no second word

    placed = await loopback.slash("meetup edit", meetup="1", location="Green River", actor=tammy)
    assert "2 members" in placed.content, placed.content
    await dms_arrive(keitora, loopback, {dale: 2, mika: 2, hank: 1})
    assert loopback.dms(mika)[1].content.startswith(
        f"**Main** on <t:{DEC_13}:F> (<t:{DEC_13}:R>) moved to a new place: **Green River**"
    )

    cancelled = await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=tammy)
    assert "2 members" in cancelled.content, cancelled.content
    await dms_arrive(keitora, loopback, {dale: 3, mika: 3, hank: 1})
    assert loopback.dms(mika)[2].content == (
        f"**Main** on <t:{DEC_13}:F> is cancelled: Snow. It will not take place."
    )


async def test_maybe_is_told_of_one_date_of_a_series_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Maybe", actor=mika)
    dec_5 = unix(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))

    reply = await loopback.slash(
        "meetup cancel", meetup="1", occurrence=str(dec_5), reason="Snow", actor=tammy
    )
    assert "1 member" in reply.content, reply.content
    await dms_arrive(keitora, loopback, {mika: 1})
    assert loopback.dms(mika)[0].content == (
        f"**Weekly** on <t:{dec_5}:F> is cancelled: Snow. Only that date: the series goes on, "
        f"and its next date is <t:{DEC_12}:F> (<t:{DEC_12}:R>). Your answer was for the "
        "cancelled date only: if you're coming on the next date, answer again on the card."
    )
