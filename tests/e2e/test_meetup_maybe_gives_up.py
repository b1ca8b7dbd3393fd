"""Maybe at a full meetup gives the place up: to the next person waiting, or, from the
waitlist, the place in line; with nobody waiting, to whoever presses Going first. The reply
says so, as the member may mean "probably"."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_party_form_going import WHEN


async def test_maybe_says_the_place_or_the_line_position_was_given_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Full", when="Dec 12 10am", capacity=1)
    mika, dale, rosa = (loopback.member(n) for n in ("Mika", "Dale", "Rosa"))
    for member in (mika, dale, rosa):  # Mika going, Dale and Rosa waiting in that order
        await loopback.click(card, "Going", actor=member)

    left = await loopback.click(card, "Maybe", actor=rosa)
    assert left.content == (
        f"You're a maybe for **Full**, {WHEN}. You left the waitlist: pressing Going again "
        "puts you at the end of the line."
    )

    gave = await loopback.click(card, "Maybe", actor=mika)
    assert gave.content == (
        f"You're a maybe for **Full**, {WHEN}. Your place went to the next person waiting."
    )
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    [date] = await meetups.occurrences(await meetups.get(guild, 1), limit=1)
    going = [p.member_id for p in await meetups.parties(date) if p.status == "going"]
    assert going == [int(dale.id)]

    # Nobody waiting, but full: the place is free for anyone to take first.
    freed = await loopback.click(card, "Maybe", actor=dale)
    assert freed.content == (
        f"You're a maybe for **Full**, {WHEN}. You gave up your place at a full meetup: "
        "pressing Going again may find it taken."
    )


async def test_maybe_with_places_left_says_only_the_answer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Roomy", when="Dec 12 10am", capacity=2)
    mika = loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)

    plain = await loopback.click(card, "Maybe", actor=mika)

    assert plain.content == f"You're a maybe for **Roomy**, {WHEN}."
