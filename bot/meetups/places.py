"""The people places and truck spots of an occurrence: what is taken, whether a party fits
beside it, and the waitlist's parties as those ahead of each hold them (SQL on the rsvps table,
used by the RSVP service)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from bot.meetups.model import Meetup, Party, Room, Status
from bot.numbers import counted


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


def short_of(meetup: Meetup, taken: Taken, party: Party) -> str:
    """What of a `party` that does not fit beside what is `taken` lacks room: its people, its
    truck, or both ("2 people and a truck")."""
    people, truck = _lacking(meetup, taken, party)
    named = [f"{party.people} {'person' if party.people == 1 else 'people'}"] if people else []
    return " and ".join(named + (["a truck"] if truck else []))


def _lacking(meetup: Meetup, taken: Taken, party: Party) -> tuple[bool, bool]:
    """Whether `party` lacks people places, and a truck spot, beside what is `taken`."""
    people = meetup.capacity is not None and taken.people + party.people > meetup.capacity
    truck = (
        meetup.truck_capacity is not None
        and party.trucks > 0
        and taken.trucks + party.trucks > meetup.truck_capacity
    )
    return people, truck


def party_words(party: Party) -> str:
    """A party's guests and truck, both named: "2 guests and your truck", "no guests and no
    truck"."""
    guests = (
        "no guests" if party.guests == 0 else f"{party.guests} guest" + "s" * (party.guests > 1)
    )
    return f"{guests} and {'your' if party.truck else 'no'} truck"


def no_room_text(meetup: Meetup, taken: Taken, current: Party, grown: Party) -> str:
    """Why a going party cannot grow to `grown` beside what is `taken`, naming what it keeps,
    truck included: a member who sent guests and a truck together would otherwise believe the
    truck was taken. A truck that could be taken alone was (`taken_growth`), so none is offered."""
    fitting = _what_fits(meetup, taken, grown)
    return (
        f"There is no room for {short_of(meetup, taken, grown)} at “{meetup.title}”"
        f"{': ' * bool(fitting)}{fitting}; nothing changed: you are still going with "
        f"{party_words(current)}."
    )


def _what_fits(meetup: Meetup, taken: Taken, party: Party) -> str:
    """What of `party`, which does not fit beside what is `taken`, would: the member sends the
    form again with that, not guessing; nothing for a truck alone, the refusal says it all."""
    people, truck = _lacking(meetup, taken, party)
    said = []
    if people and meetup.capacity is not None:
        guests = max(meetup.capacity - taken.people - 1, 0)
        said.append("only you fit" if guests == 0 else f"at most {_guests_fit(guests)}")
    if truck and people:
        said.append("and no truck spot is left")
    elif truck and party.guests:
        said.append(f"no truck spot is left, but your {_guests_fit(party.guests)} without it")
    return ", ".join(said)


def _guests_fit(guests: int) -> str:
    return f"{counted(guests, 'guest')} {'fits' if guests == 1 else 'fit'}"


def room_left(meetup: Meetup, going: Taken, ahead: Taken) -> Room:
    """What is left beside those `going`, for a party waiting behind those `ahead`."""
    return Room(
        None if meetup.capacity is None else max(meetup.capacity - going.people, 0),
        None if meetup.truck_capacity is None else max(meetup.truck_capacity - going.trucks, 0),
        ahead.people,
        ahead.trucks,
    )


# The waitlist of the occurrence ?1 in order, with the people and trucks of each party and all
# those ahead of it, as the parties waiting hold them: a party larger than the capacity ?2 holds
# up nobody. A party promoted leaves those ahead of the next and joins those going, so these
# sums tell whether each party fits.
LINE = (
    "SELECT member_id, truck, queued_seq, "
    "sum(1 + guests) OVER line AS people_through, count(truck) OVER line AS trucks_through "
    "FROM rsvps WHERE occurrence_id = ?1 AND status = 'waitlist' "
    "AND (?2 IS NULL OR 1 + guests <= ?2) "
    "WINDOW line AS (ORDER BY queued_seq ROWS UNBOUNDED PRECEDING)"
)
# Whether a party of LINE waits for people places, beside ?3 people going; or for a truck
# spot, beside ?5 trucks going of the truck capacity ?4.
SHORT_OF_PLACES = "(?2 IS NOT NULL AND people_through > ?2 - ?3)"
SHORT_OF_A_SPOT = "(truck IS NOT NULL AND ?4 IS NOT NULL AND trucks_through > ?4 - ?5)"


# A waiting member's (?6) place in line: behind the parties ahead of LINE that wait for what
# theirs needs too, people places, or a truck spot for a party bringing a truck.
POSITION = (
    f"SELECT 1 + count(*) FROM ({LINE}) WHERE queued_seq < "
    "(SELECT queued_seq FROM rsvps WHERE occurrence_id = ?1 AND member_id = ?6) "
    f"AND ({SHORT_OF_PLACES} OR ((SELECT truck FROM rsvps WHERE occurrence_id = ?1 "
    f"AND member_id = ?6) IS NOT NULL AND {SHORT_OF_A_SPOT}))"
)
# The same when every place of the capacity ?2 is taken: each party ahead that could ever fit.
POSITION_WHEN_FULL = (
    "SELECT 1 + count(*) FROM rsvps WHERE occurrence_id = ? AND status = 'waitlist' "
    "AND 1 + guests <= ? AND queued_seq < (SELECT queued_seq FROM rsvps "
    "WHERE occurrence_id = ? AND member_id = ?)"
)


def line_parameters(meetup: Meetup, occurrence_id: int, going: Taken) -> tuple[object, ...]:
    """?1 to ?5 of LINE, SHORT_OF_PLACES and SHORT_OF_A_SPOT."""
    return occurrence_id, meetup.capacity, going.people, meetup.truck_capacity, going.trucks


# The next place in line, for an answer whose occurrence is the 6th parameter: the largest place
# of each status, each found in one index lookup, where a max over the occurrence's answers
# would read them all.
BACK_OF_THE_LINE = (
    "(SELECT max("
    + ", ".join(
        "coalesce((SELECT max(queued_seq) FROM rsvps "
        f"WHERE occurrence_id = ?6 AND status = '{status}'), 0)"
        for status in get_args(Status)
    )
    + ") + 1)"
)
