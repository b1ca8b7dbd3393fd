"""A member going who adds guests or a truck that do not fit is told what lacks room, and only
that: at a meetup limiting only its trucks, a truck, never a person who needs no place."""

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


async def test_guests_that_do_not_fit_name_the_truck_left_off_too_and_that_it_fits_alone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Kei Truck Day", capacity=3, trucks=2)
    mika = loopback.member("Mika")
    for name in ("Mika", "Dale", "Rosa"):
        await loopback.click(card, "Going", actor=loopback.member(name))

    refused = await answer_form(loopback, card, mika, "2", "Carry")

    sent = refused.record.callback_body
    assert sent["data"]["flags"] & 64  # ephemeral
    assert sent["data"]["content"] == (
        "There is no room for 3 people at “Kei Truck Day”; nothing changed: you are still going "
        "with no guests and no truck. Your truck alone fits: send the form again with fewer "
        "guests."
    )
