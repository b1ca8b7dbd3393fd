"""Members who answered Can't go are told, by DM only, when their date moves to another time:
the new time may suit them. A new place alone or a cancel changes nothing for them, and a member
who turned reminder DMs off hears nothing they did not answer for. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetups import wait_for_post

DEC_5 = unix(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))  # Saturday 10 AM in Denver
DEC_5_11 = DEC_5 + 3600
DEC_12 = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
DEC_13 = unix(datetime(2026, 12, 13, 17, 0, tzinfo=UTC))


async def test_cant_go_is_told_once_of_a_new_time_worded_for_them_unless_dms_are_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, dale, hank, rosa = (loopback.member(n) for n in ("Tammy", "Dale", "Hank", "Rosa"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Can't go", actor=hank)
    await loopback.click(card, "Can't go", actor=rosa)
    await loopback.slash("meetup reminders", state="off", actor=rosa)

    moved = await loopback.slash("meetup edit", meetup="1", when="Dec 13 10am", actor=tammy)

    # Rosa, with reminder DMs off, is not told, nor counted.
    assert moved.content.endswith(
        "2 members get a DM: 1 going, waiting or maybe and 1 who said Can't go."
    ), moved.content
    await dms_arrive(keitora, loopback, {dale: 1, hank: 1, rosa: 0})
    assert loopback.dms(hank)[0].content == (
        f"**Main** moved from <t:{DEC_12}:F> to <t:{DEC_13}:F> (<t:{DEC_13}:R>). You said you "
        "can't go: if the new time suits you, answer Going or Maybe on the card."
    )
    post = await wait_for_post(loopback, card, "moved from")
    assert not post.content.startswith("<@")  # Dale's DM told him; no ping for Can't go
    await keitora.bot.job_runner.run_due()  # run again: nothing is sent twice
    await loopback.slash("meetup edit", meetup="1", location="Green River", actor=tammy)
    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 3, hank: 1, rosa: 0})


async def test_cant_go_on_a_series_date_is_told_of_every_date_re_timed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, hank = loopback.member("Tammy"), loopback.member("Hank")
    await loopback.click(card, "Can't go", actor=hank)  # Dec 5

    await loopback.slash("meetup edit", meetup="1", when="sat 11am", dates="every", actor=tammy)

    await dms_arrive(keitora, loopback, {hank: 1})
    assert loopback.dms(hank)[0].content == (
        "**Weekly** has a new schedule from now on: every Saturday at 11:00 AM "
        "(America/Denver). The date you "
        f"said you can't go to moved from <t:{DEC_5}:F> to <t:{DEC_5_11}:F> "
        f"(<t:{DEC_5_11}:R>). If the new time suits you, answer Going or Maybe on the card."
    )
