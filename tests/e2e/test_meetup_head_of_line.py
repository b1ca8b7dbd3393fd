"""A place freed that the first party in line is too large for: first come, first served keeps
those behind it waiting (a party of one does not jump it), so the first in line is told, once by
DM, how few guests would take the place now, instead of the place standing empty unannounced."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetups import answer_form


async def test_the_first_in_line_is_told_once_how_few_guests_take_a_freed_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Soon Cruise", capacity=2)
    rosa, mika, dale, hank = (loopback.member(n) for n in ("Rosa", "Mika", "Dale", "Hank"))
    for member in (rosa, mika):
        await loopback.click(card, "Going", actor=member)
    await answer_form(loopback, card, dale, "1")  # #1 in line, a party of 2
    await loopback.click(card, "Going", actor=hank)  # #2, alone

    await loopback.click(card, "Can't go", actor=mika)  # 1 place free: Dale's party needs 2
    await loopback.click(card, "Maybe", actor=mika)  # nothing new for Dale

    await dms_arrive(keitora, loopback, {dale: 1, hank: 0})
    [told] = loopback.dms(dale)
    assert told.content.startswith("1 place is free at **Soon Cruise**, <t:"), told.content
    assert told.content.endswith(
        "Your party of 2 is first in line but does not fit it. Come without guests (the Guests & "
        "truck button on the meetup's card) and you move to Going at once; or keep your place "
        "in line, and those behind you wait for you, first come, first served."
    ), told.content

    await answer_form(loopback, card, dale, "0")
    await dms_arrive(keitora, loopback, {dale: 1})  # the reply says he is in: no second DM
