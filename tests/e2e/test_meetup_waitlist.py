"""The waitlist as members read it: which limit held a party back (the places left, the truck
spots) and first come, first served, so nobody who answers later jumps a waiting party, nor
does a party going that would add guests."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import answer_form, card_shows


async def test_a_party_larger_than_the_places_left_is_told_so_and_nobody_jumps_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="W", capacity=3)
    dale, rosa, hank = (loopback.member(name) for name in ("Dale", "Rosa", "Hank"))
    await loopback.click(card, "Going", actor=dale)

    rosa_party = await answer_form(loopback, card, rosa, "2")
    assert rosa_party.content == (
        "Only 2 places are left at **W**, fewer than your party of 3, so your party with 2 "
        "guests is **#1** on the waitlist. If a place opens up for you, you move to "
        "Going and I'll send you a DM."
    )
    hank_going = await loopback.click(card, "Going", actor=hank)
    assert hank_going.content.startswith(
        "Those waiting first need the 2 places left at **W**, first come first served, so "
        "your party is **#2** on the waitlist."
    )
    await card_shows(loopback, card, "Going", "1 person of 3 · 0 trucks")

    await loopback.click(card, "Can't go", actor=dale)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(rosa)) == 1, what="Rosa's DM")
    assert loopback.dms(rosa)[0].content.startswith("You're in! A place opened up at **W**")
    assert loopback.dms(hank) == []
    await card_shows(loopback, card, "Going", "3 people of 3 (2 guests) · 0 trucks")
    await card_shows(loopback, card, "Waitlist", "1 waiting")


async def test_a_truck_with_no_spot_left_is_told_it_is_the_trucks(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", trucks=1)
    await answer_form(loopback, card, loopback.member("Dale"), "0", "93 Acty 4WD")
    rosa = await answer_form(loopback, card, loopback.member("Rosa"), "0", "Hijet jumbo")
    assert rosa.content.startswith(
        "Every truck spot at **Show** is taken (1 in all), so your party with your truck "
        "(Hijet jumbo) is **#1** on the waitlist."
    )


async def test_a_member_going_cannot_add_guests_ahead_of_those_waiting(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, rosa, hank, mika = (loopback.member(name) for name in ("Dale", "Rosa", "Hank", "Mika"))
    card = await posted(keitora, loopback, title="W", capacity=4)
    for member in (dale, rosa):
        await loopback.click(card, "Going", actor=member)
    waiting = await answer_form(loopback, card, hank, "2")  # three people for two places
    assert "**#1** on the waitlist" in waiting.content

    grown = await answer_form(loopback, card, dale, "1")
    sent = grown.record.callback_body
    assert sent["data"]["flags"] & 64  # ephemeral
    assert sent["data"]["content"] == (
        "Others are already waiting for a place at “W”, first come first served, so more "
        "guests cannot go ahead of them; you are still going with no guests and no truck. Try "
        "again once places free up."
    )
    # A truck takes no place, and this meetup has no limit on trucks.
    truck = await answer_form(loopback, card, dale, "0", "93 Acty")
    assert truck.content.endswith(" with your truck (93 Acty).")
    await card_shows(loopback, card, "Going", "2 people of 4 · 1 truck")

    # Rosa's place makes three, which go to Hank, first in line; Mika waits behind nobody.
    await loopback.click(card, "Can't go", actor=rosa)
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 1, what="Hank's DM")
    await card_shows(loopback, card, "Going", "4 people of 4 (2 guests) · 1 truck")
    full = await answer_form(loopback, card, dale, "1", "93 Acty")
    assert full.content == (
        "There is no room for 2 people at “W”: only you fit; nothing changed: you are still "
        "going with no guests and your truck."
    )
    assert "**#1** on the waitlist" in (await loopback.click(card, "Going", actor=mika)).content


async def test_a_member_without_a_truck_goes_past_a_truck_waiting_for_a_spot(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", trucks=1)
    mika, dale, rosa = (loopback.member(name) for name in ("Mika", "Dale", "Rosa"))
    await answer_form(loopback, card, mika, "0", "Carry")
    dale_waits = await answer_form(loopback, card, dale, "0", "Acty")
    assert "**#1** on the waitlist" in dale_waits.content

    rosa_going = await loopback.click(card, "Going", actor=rosa)
    sent = rosa_going.record.callback_body
    assert sent is not None
    assert sent["data"]["content"].startswith("You're going to **Show**, ")
    await card_shows(loopback, card, "Going", "2 people · 1 truck of 1")
    await card_shows(loopback, card, "Waitlist", "1 waiting")


async def test_a_party_told_how_many_of_the_places_left_those_waiting_first_need(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", capacity=4, trucks=1)
    mika, dale, rosa = (loopback.member(name) for name in ("Mika", "Dale", "Rosa"))
    await answer_form(loopback, card, mika, "0", "Carry")
    await answer_form(loopback, card, dale, "0", "Acty")  # waits for the truck spot
    rosa_waits = await answer_form(loopback, card, rosa, "2")
    sent = rosa_waits.record.callback_body
    assert sent is not None
    assert sent["data"]["content"].startswith(
        "Those waiting first need 1 of the 3 places left at **Show**, leaving too few for your "
        "party of 3, first come first served, so your party with 2 guests is **#1** on the "
        "waitlist."
    )


async def test_a_waiting_member_whose_own_smaller_party_fits_is_told_once_in_the_reply(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="W", capacity=3)
    dale, hank, rosa = (loopback.member(name) for name in ("Dale", "Hank", "Rosa"))
    for member in (dale, hank):
        await loopback.click(card, "Going", actor=member)
    assert "**#1** on the waitlist" in (await answer_form(loopback, card, rosa, "2")).content

    smaller = await answer_form(loopback, card, rosa, "0")
    sent = smaller.record.callback_body
    assert sent is not None
    assert sent["data"]["content"].startswith("You're going to **W**, ")
    await keitora.bot.job_runner.run_due()
    await card_shows(loopback, card, "Going", "3 people of 3 · 0 trucks")
    assert loopback.dms(rosa) == []
