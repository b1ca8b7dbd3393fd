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
        "in line: first come, first served, nobody behind you takes it before you."
    ), told.content

    await answer_form(loopback, card, dale, "0")
    await dms_arrive(keitora, loopback, {dale: 1})  # the reply says he is in: no second DM


async def test_the_first_in_line_keeps_its_place_when_it_would_outgrow_the_capacity(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Told that those behind wait for it, the first in line cannot by growing past the whole
    capacity step aside and hand the free place to the party behind: the growth is refused, and
    a capacity raised later moves it up first, told by DM."""
    card = await posted(keitora, loopback, title="Fit", capacity=2)
    rosa, mika, dale, hank = (loopback.member(n) for n in ("Rosa", "Mika", "Dale", "Hank"))
    tammy = loopback.member("Tammy")
    for member in (rosa, mika):
        await loopback.click(card, "Going", actor=member)
    await answer_form(loopback, card, dale, "1")  # #1 in line, a party of 2
    await loopback.click(card, "Going", actor=hank)  # #2, alone
    await loopback.click(card, "Can't go", actor=mika)  # 1 place free: Dale's party needs 2
    await dms_arrive(keitora, loopback, {dale: 1, hank: 0})

    refused = await answer_form(loopback, card, dale, "2")
    assert refused.ephemeral
    assert refused.text == (
        "Your party of 3 is larger than the capacity of “Fit”, 2 in all, so it could never get "
        "a place. Bring fewer guests: you keep your place in line with 1 guest."
    ), refused.text
    await dms_arrive(keitora, loopback, {dale: 1, hank: 0})  # Hank did not jump him

    await loopback.slash("meetup edit", meetup="Fit", capacity=3, actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 2, hank: 0})
    assert loopback.dms(dale)[-1].content.startswith("You're in! A place opened up at **Fit**")


async def test_a_capacity_raised_too_little_for_the_first_in_line_tells_it_and_holds_the_rest(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Fit", capacity=3)
    rosa, mika, marcus, dale, hank = (
        loopback.member(n) for n in ("Rosa", "Mika", "Marcus", "Dale", "Hank")
    )
    for member in (rosa, mika, marcus):
        await loopback.click(card, "Going", actor=member)
    await answer_form(loopback, card, dale, "2")  # #1 in line, a party of 3
    await loopback.click(card, "Going", actor=hank)  # #2, alone

    await loopback.slash("meetup edit", meetup="Fit", capacity=5, actor=loopback.member("Tammy"))
    await dms_arrive(keitora, loopback, {dale: 1, hank: 0})
    [told] = loopback.dms(dale)
    assert told.content.startswith("2 places are free at **Fit**, <t:"), told.content
    assert "Your party of 3 is first in line but does not fit them. Bring at most 1 guest" in (
        told.content
    )
