"""A waiting party's "#N in line" counts only the parties ahead of it waiting for what it needs
too, on a real SQLite file: a party with no truck is not behind trucks whose places are held
and that wait only for a truck spot, nor behind a party too large for the capacity, which holds
up nobody."""

from __future__ import annotations

import pytest

from bot.meetups import MeetupService

from .test_meetup_waitlist_rule import Join
from .test_meetups import GUILD, clock, meetups, new_meetup

__all__ = ["clock", "meetups"]  # the fixtures these tests share with test_meetups

# capacity, truck capacity, the parties answering in order, a capacity set before the last
# answers (or None), and the place in line the last one is told.
POSITIONS: list[tuple[str, int | None, int | None, list[Join], int | None, int]] = [
    (
        "a walk-up is first for places behind a truck waiting only for its spot",
        3,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, None), (14, 0, None)],
        None,
        1,
    ),
    (
        "a walk-up is behind a truck waiting for places",
        1,
        1,
        [(11, 0, None), (12, 0, "Acty"), (13, 0, None)],
        None,
        2,
    ),
    (
        "a truck is behind a truck waiting for the spot",
        None,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, "Hijet")],
        None,
        2,
    ),
    (
        "a truck is behind a walk-up waiting for places",
        2,
        2,
        [(11, 1, None), (12, 0, None), (13, 0, "Acty")],
        None,
        2,
    ),
    (
        "a truck is behind both a walk-up and a truck waiting",
        2,
        1,
        [(11, 0, "Carry"), (12, 0, "Acty"), (13, 0, None), (14, 0, "Hijet")],
        None,
        3,
    ),
    (
        "a party too large for a lowered capacity holds up nobody",
        3,
        None,
        [(11, 0, None), (12, 2, None), (13, 1, None)],
        2,
        1,
    ),
    (
        "nor does it when every place is taken",
        3,
        None,
        [(11, 2, None), (12, 2, None), (13, 0, None)],
        2,
        1,
    ),
]


@pytest.mark.parametrize(
    ("capacity", "trucks", "joins", "lowered", "position"),
    [case[1:] for case in POSITIONS],
    ids=[case[0] for case in POSITIONS],
)
async def test_a_party_waiting_counts_only_those_ahead_waiting_for_what_it_needs(
    meetups: MeetupService,
    capacity: int | None,
    trucks: int | None,
    joins: list[Join],
    lowered: int | None,
    position: int,
) -> None:
    meetup = await new_meetup(meetups, capacity=capacity, truck_capacity=trucks)
    *first, (member, guests, truck) = joins
    for earlier, earlier_guests, earlier_truck in first:
        await meetups.set_party(GUILD, meetup, earlier, guests=earlier_guests, truck=earlier_truck)
    if lowered is not None:
        await meetups.edit(GUILD, meetup, capacity=lowered)
    last = await meetups.set_party(GUILD, meetup, member, guests=guests, truck=truck)
    assert (last.party.status, last.position) == ("waitlist", position)
