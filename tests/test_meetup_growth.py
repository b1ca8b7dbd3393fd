"""A going member who asks for a truck and more guests than fit: the truck is taken with the
guests that fit, since turning the whole down would leave them without the truck that has a
spot; what does not fit is refused as before, changing nothing."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupService

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

MIKA, DALE, ROSA, HANK = 11, 12, 13, 14


async def test_the_truck_is_taken_with_the_guests_that_fit(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, capacity=4, truck_capacity=2)
    await meetups.answer(GUILD, meetup, MIKA, "going")
    await meetups.set_party(GUILD, meetup, DALE, guests=1, truck=None)  # 3 of 4 places

    taken = await meetups.set_party(GUILD, meetup, MIKA, guests=3, truck="Carry")

    assert (taken.party.status, taken.party.guests, taken.party.truck) == ("going", 1, "Carry")
    assert taken.guests_asked == 3
    counts = await meetups.counts(taken.occurrence)
    assert (counts.people, counts.trucks) == (4, 1)


async def test_places_those_waiting_asked_for_first_are_left_to_them(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=3, truck_capacity=1)
    for member in (MIKA, DALE, ROSA):
        await meetups.answer(GUILD, meetup, member, "going")
    assert (await meetups.answer(GUILD, meetup, HANK, "going")).party.status == "waitlist"

    taken = await meetups.set_party(GUILD, meetup, MIKA, guests=2, truck="Carry")

    assert (taken.party.guests, taken.party.truck, taken.guests_asked) == (0, "Carry", 2)


async def test_guests_alone_or_a_truck_without_a_spot_change_nothing(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=3, truck_capacity=1)
    await meetups.set_party(GUILD, meetup, DALE, guests=0, truck="Acty")
    await meetups.answer(GUILD, meetup, MIKA, "going")

    with pytest.raises(UserError, match="no room for 3 people and a truck"):
        await meetups.set_party(GUILD, meetup, MIKA, guests=2, truck="Carry")
    with pytest.raises(UserError, match="no room for 3 people at"):
        await meetups.set_party(GUILD, meetup, MIKA, guests=2, truck=None)
    kept = await meetups.set_party(GUILD, meetup, MIKA, guests=1, truck=None)
    assert kept.guests_asked is None  # all it asked for was taken
    assert (kept.party.guests, kept.party.truck) == (1, None)


async def test_a_truck_whose_spot_those_waiting_hold_is_not_said_to_fit_alone(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=2, truck_capacity=1)
    await meetups.answer(GUILD, meetup, MIKA, "going")
    await meetups.answer(GUILD, meetup, DALE, "going")  # every place taken
    waiting = await meetups.set_party(GUILD, meetup, ROSA, guests=0, truck="Acty")
    assert waiting.party.status == "waitlist"  # holding the one truck spot, free as it is

    with pytest.raises(UserError) as refused:
        await meetups.set_party(GUILD, meetup, MIKA, guests=1, truck="Carry")

    # Sent again with fewer guests, the truck alone would be refused too: Rosa asked first.
    assert "alone fits" not in str(refused.value), refused.value
    assert str(refused.value).startswith("There is no room for 2 people at"), refused.value


async def test_a_refusal_for_want_of_room_says_what_would_fit(meetups: MeetupService) -> None:
    meetup = await new_meetup(meetups, capacity=3, truck_capacity=1)
    await meetups.set_party(GUILD, meetup, DALE, guests=0, truck="Acty")
    await meetups.answer(GUILD, meetup, MIKA, "going")  # 1 place left beside them

    with pytest.raises(UserError) as truck:
        await meetups.set_party(GUILD, meetup, MIKA, guests=1, truck="Carry")
    with pytest.raises(UserError) as people:
        await meetups.set_party(GUILD, meetup, MIKA, guests=2, truck=None)
    with pytest.raises(UserError) as both:
        await meetups.set_party(GUILD, meetup, MIKA, guests=2, truck="Carry")

    kept = "nothing changed: you are still going with no guests and no truck."
    assert str(truck.value) == (
        "There is no room for a truck at “Kei Truck Day”: no truck spot is left, but your 1 "
        f"guest fits without it; {kept}"
    )
    assert str(people.value) == (
        f"There is no room for 3 people at “Kei Truck Day”: at most 1 guest fits; {kept}"
    )
    assert str(both.value) == (
        "There is no room for 3 people and a truck at “Kei Truck Day”: at most 1 guest fits, "
        f"and no truck spot is left; {kept}"
    )
