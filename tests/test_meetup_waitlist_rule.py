"""First come, first served only between parties that want the same limited thing, on a real
SQLite file: a party that needs no truck spot walks past trucks waiting for one, and takes a
people place as long as the places left are more than the waiting parties ahead need; a party
needing what those ahead wait for waits behind them, and places freed go out by the same rule."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups import MeetupService

from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

# (member, guests, truck) answering Going in this order.
Join = tuple[int, int, str | None]

# capacity, truck capacity, the parties answering in order, and the status each gets.
JOINS: list[tuple[str, int | None, int | None, list[Join], list[str]]] = [
    (
        "a walk-up passes a truck waiting for a spot, places unlimited",
        None,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, None)],
        ["going", "waitlist", "going"],
    ),
    (
        "a walk-up passes a truck waiting for a spot, places left over",
        10,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 2, None)],
        ["going", "waitlist", "going"],
    ),
    (
        "a truck waits behind the truck waiting first",
        None,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, "Hijet")],
        ["going", "waitlist", "waitlist"],
    ),
    (
        "the truck waiting keeps the place it needs: the walk-up after the last free one waits",
        3,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, None), (14, 0, None)],
        ["going", "waitlist", "going", "waitlist"],
    ),
    (
        "a party of one does not jump a party of four waiting for places",
        4,
        None,
        [(11, 2, None), (12, 3, None), (13, 0, None)],
        ["going", "waitlist", "waitlist"],
    ),
    (
        "a truck with a spot free still waits behind a party waiting for places",
        4,
        2,
        [(11, 2, None), (12, 2, None), (13, 0, "Carry")],
        ["going", "waitlist", "waitlist"],
    ),
]


@pytest.mark.parametrize(
    ("capacity", "trucks", "joins", "statuses"),
    [case[1:] for case in JOINS],
    ids=[case[0] for case in JOINS],
)
async def test_who_goes_and_who_waits(
    meetups: MeetupService,
    capacity: int | None,
    trucks: int | None,
    joins: list[Join],
    statuses: list[str],
) -> None:
    meetup = await new_meetup(meetups, capacity=capacity, truck_capacity=trucks)
    answers = [
        await meetups.set_party(GUILD, meetup, member, guests=guests, truck=truck)
        for member, guests, truck in joins
    ]
    assert [a.party.status for a in answers] == statuses


# A meetup, the parties going or waiting in order, who leaves, and who moves up.
LEAVES: list[tuple[str, int | None, int | None, list[Join], int, tuple[int, ...]]] = [
    (
        "a freed truck spot goes to the first truck waiting, not the one behind",
        None,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, "Hijet")],
        11,
        (12,),
    ),
    (
        "freed places go to the party waiting for places, not the truck waiting for a spot",
        3,
        1,
        [(11, 0, "Carry"), (12, 1, None), (13, 1, None), (14, 0, "Acty")],
        12,
        (13,),
    ),
    (
        "a truck moves up when its spot frees, though a walk-up waits behind it for a place",
        2,
        1,
        [(11, 0, "Carry"), (12, 0, None), (13, 0, "Acty"), (14, 0, None)],
        11,
        (13,),
    ),
    (
        "a freed place held for a truck still waiting for its spot is not given behind it",
        3,
        1,
        [(11, 0, "Carry"), (12, 0, None), (13, 0, None), (14, 0, "Acty"), (15, 0, None)],
        12,
        (),
    ),
    (
        "freed places beyond what the truck waiting needs go to the walk-up behind it",
        3,
        1,
        [(11, 0, "Carry"), (12, 1, None), (13, 0, "Acty"), (14, 0, None)],
        12,
        (14,),
    ),
]


@pytest.mark.parametrize(
    ("capacity", "trucks", "joins", "leaving", "promoted"),
    [case[1:] for case in LEAVES],
    ids=[case[0] for case in LEAVES],
)
async def test_who_moves_up_when_a_party_leaves(
    meetups: MeetupService,
    capacity: int | None,
    trucks: int | None,
    joins: list[Join],
    leaving: int,
    promoted: tuple[int, ...],
) -> None:
    meetup = await new_meetup(meetups, capacity=capacity, truck_capacity=trucks)
    for member, guests, truck in joins:
        await meetups.set_party(GUILD, meetup, member, guests=guests, truck=truck)
    assert (await meetups.answer(GUILD, meetup, leaving, "declined")).promoted == promoted


async def test_a_going_party_adds_guests_past_a_truck_waiting_but_not_a_truck(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=6, truck_capacity=1)
    await meetups.set_party(GUILD, meetup, 11, guests=0, truck="Carry")
    await meetups.answer(GUILD, meetup, 12, "going")
    await meetups.set_party(GUILD, meetup, 13, guests=0, truck="Acty")  # waits for the spot
    grown = await meetups.set_party(GUILD, meetup, 12, guests=2, truck=None)  # 5 of 6 with 13
    assert (grown.party.status, grown.party.guests) == ("going", 2)
    with pytest.raises(UserError, match="more guests cannot go ahead of them"):
        await meetups.set_party(GUILD, meetup, 12, guests=4, truck=None)
    with pytest.raises(UserError, match="no room for a truck at"):
        await meetups.set_party(GUILD, meetup, 12, guests=2, truck="Hijet")


async def test_a_truck_refused_ahead_of_a_truck_waiting_is_told_it_is_the_truck_spot(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=3, truck_capacity=2)
    await meetups.set_party(GUILD, meetup, 11, guests=0, truck="Carry")
    await meetups.answer(GUILD, meetup, 12, "going")
    await meetups.set_party(GUILD, meetup, 13, guests=1, truck="Acty")  # waits for places
    with pytest.raises(UserError) as refused:
        await meetups.set_party(GUILD, meetup, 12, guests=0, truck="Hijet")
    assert str(refused.value) == (
        "Others are already waiting for a truck spot at “Kei Truck Day”, first come first "
        "served, so a truck cannot go ahead of them; you are still going with no guests and no "
        "truck. Try again once a truck spot frees up."
    )


async def test_guests_and_a_truck_refused_ahead_of_a_party_waiting_wait_for_both_to_free_up(
    meetups: MeetupService,
) -> None:
    meetup = await new_meetup(meetups, capacity=4, truck_capacity=1)
    await meetups.answer(GUILD, meetup, 11, "going")
    await meetups.set_party(GUILD, meetup, 12, guests=1, truck=None)
    await meetups.set_party(GUILD, meetup, 13, guests=1, truck="Acty")  # waits for places
    with pytest.raises(UserError) as refused:
        await meetups.set_party(GUILD, meetup, 11, guests=1, truck="Hijet")
    assert str(refused.value) == (
        "Others are already waiting for a place at “Kei Truck Day”, first come first served, "
        "so more guests and a truck cannot go ahead of them; you are still going with no "
        "guests and no truck. Try again once places and a truck spot free up."
    )
