"""The people places and truck spots of an occurrence: what is taken, and whether a party fits
beside it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.meetups.model import Meetup, Party, Room


@dataclass(frozen=True)
class Taken:
    """People and trucks, summed: those going, or those the parties waiting ask for."""

    people: int
    trucks: int

    def __add__(self, other: Taken) -> Taken:
        return Taken(self.people + other.people, self.trucks + other.trucks)


def fits(meetup: Meetup, taken: Taken, party: Party) -> bool:
    """Whether `party` fits beside what is `taken`; the truck spots matter only to a party
    bringing a truck."""
    return (meetup.capacity is None or taken.people + party.people <= meetup.capacity) and (
        meetup.truck_capacity is None
        or not party.trucks
        or taken.trucks + party.trucks <= meetup.truck_capacity
    )


def room_left(meetup: Meetup, going: Taken, ahead: Taken) -> Room:
    """What is left beside those `going`, for a party waiting behind those `ahead`."""
    return Room(
        None if meetup.capacity is None else max(meetup.capacity - going.people, 0),
        None if meetup.truck_capacity is None else max(meetup.truck_capacity - going.trucks, 0),
        ahead.people,
        ahead.trucks,
    )
