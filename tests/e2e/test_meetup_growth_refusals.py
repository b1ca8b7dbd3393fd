"""A member going who adds guests or a truck that do not fit is told what lacks room, and only
that: at a meetup limiting only its trucks, a truck, never a person who needs no place. A truck
that has a spot is taken with the guests that fit, and the reply says how many were not."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import answer_form


async def test_a_truck_added_where_only_trucks_are_limited_is_refused_for_the_truck(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Show", trucks=1)
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    await answer_form(loopback, card, dale, "0", "93 Acty")
    await loopback.click(card, "Going", actor=rosa)

    refused = await answer_form(loopback, card, rosa, "0", "Hijet")

    sent = refused.record.callback_body
    assert sent["data"]["flags"] & 64  # ephemeral
    assert sent["data"]["content"] == (
        "There is no room for a truck at “Show”; nothing changed: you are still going with no "
        "guests and no truck."
    )


async def test_guests_that_do_not_fit_beside_a_truck_that_does_leave_the_guests_out(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Truck Day", capacity=4, trucks=2)
    mika = loopback.member("Mika")
    for name in ("Mika", "Dale", "Rosa"):
        await loopback.click(card, "Going", actor=loopback.member(name))

    taken = await answer_form(loopback, card, mika, "3", "Carry")

    sent = taken.record.callback_body
    assert sent["data"]["flags"] & 64  # ephemeral
    assert sent["data"]["content"].startswith("You're going to **Kei Truck Day**, <t:")
    assert sent["data"]["content"].endswith(
        " with 1 guest and your truck (Carry). There was room for your truck and 1 guest, not "
        "for all 3 you asked for: 2 were not taken."
    )

    none_fit = await answer_form(loopback, card, loopback.member("Dale"), "1", "Acty")
    assert none_fit.record.callback_body["data"]["content"].endswith(
        " with your truck (Acty). There was room for your truck, not for your 1 guest: it "
        "was not taken."
    )
