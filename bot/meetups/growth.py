"""What a party already going may add, guests or a truck: only what fits beside those going and
what those waiting leave, first come first served, since one party cannot be part going and
part waiting. Pure: the RSVP service reads what is taken and saves the party."""

from __future__ import annotations

from bot.errors import UserError
from bot.meetups.model import Meetup, Party
from bot.meetups.places import Taken, fits, no_room_text, party_words


def refuse_growth(meetup: Meetup, current: Party, grown: Party, others: Taken, held: Taken) -> None:
    """Refuse a going party more people or a truck when they do not fit beside those going
    (`others`), or when they would take a place or truck spot that members waiting asked for
    first (`held`: those going and those waiting)."""
    still = f"you are still going with {party_words(current)}"
    if not fits(meetup, others, grown):
        raise UserError(no_room_text(meetup, others, current, grown))
    # What grows comes after every party waiting, as a new answer would.
    takes_places = (
        meetup.capacity is not None
        and grown.people > current.people
        and held.people + grown.people > meetup.capacity
    )
    takes_spots = (
        meetup.truck_capacity is not None
        and grown.trucks > current.trucks
        and held.trucks + grown.trucks > meetup.truck_capacity
    )
    if takes_places or takes_spots:
        what = " and ".join(
            name
            for name, taken in (("more guests", takes_places), ("a truck", takes_spots))
            if taken
        )
        wanted = "a place" if takes_places else "a truck spot"
        # Not once nobody waits: what frees up beyond those waiting is enough.
        freed = {
            (True, False): "places free up",
            (False, True): "a truck spot frees up",
            (True, True): "places and a truck spot free up",
        }[takes_places, takes_spots]
        raise UserError(
            f"Others are already waiting for {wanted} at “{meetup.title}”, first come first "
            f"served, so {what} cannot go ahead of them; {still}. Try again once {freed}."
        )
