"""The DM of a meetup restored tells a member on its waitlist that they still are, not only that
their answer stands, which reads as a place. Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive, sent_dms
from .test_meetup_edits import posted
from .test_meetup_restores import DEC_12


async def test_a_member_waiting_is_told_they_still_wait_when_the_meetup_is_on_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main", capacity=1)
    tammy, dale, rosa = (loopback.member(n) for n in ("Tammy", "Dale", "Rosa"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Going", actor=rosa)  # on the waitlist
    await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1})

    await loopback.slash("meetup restore", meetup="1", actor=tammy)

    await dms_arrive(keitora, loopback, {dale: 2, rosa: 2})
    on_again = f"**Main** on <t:{DEC_12}:F> (<t:{DEC_12}:R>) is on again: its cancel was undone."
    waiting = (
        f"{on_again} You are still on the waitlist: if a place opens up for you, you move to "
        "Going and I'll send you a DM. Press Can't go on the card if you can no longer come."
    )
    going = f"{on_again} Your answer stands; press Can't go on the card if you can no longer come."
    assert sent_dms(loopback, waiting)
    assert sent_dms(loopback, going)
    assert loopback.dms(rosa)[1].content == waiting
    assert loopback.dms(dale)[1].content == going
