"""What a member reads after answering a meetup's card, by a button or the guests and truck
form: going, on the waitlist and why (which limit their party met), maybe, or not going."""

from __future__ import annotations

from typing import Literal

from bot.limits import MESSAGE_CONTENT, fit
from bot.meetups import Answer, Party
from cogs._text import counted, echo
from cogs.meetups_views import when_text

Answerable = Literal["going", "maybe", "declined"]
BUTTON_LABELS: dict[Answerable, str] = {"going": "Going", "maybe": "Maybe", "declined": "Can't go"}


def _party_text(party: Party) -> str:
    extras = []
    if party.guests:
        extras.append(counted(party.guests, "guest"))
    if party.truck:
        extras.append(f"your truck ({echo(party.truck)})")
    return f" with {' and '.join(extras)}" if extras else ""


def _why_waiting(answer: Answer, title: str) -> str:
    """Which limit a waiting party met: the places left (fewer than the party), the truck
    spots, or what the parties waiting ahead of it need of them, first come first served."""
    room, party = answer.room, answer.party
    assert room is not None
    if room.places is not None and party.people > room.places:
        if room.places == 0:
            return f"{title} is full"
        verb = "is" if room.places == 1 else "are"
        return (
            f"Only {counted(room.places, 'place')} {verb} left at {title}, fewer than your party "
            f"of {party.people}"
        )
    if room.trucks is not None and party.trucks > room.trucks:
        return f"Every truck spot at {title} is taken ({answer.meetup.truck_capacity:,} in all)"
    if room.trucks is not None and party.trucks and party.trucks + room.trucks_ahead > room.trucks:
        left = counted(room.trucks, "truck spot")
        return f"Those waiting first need the {left} left at {title}, first come first served"
    if room.places is None:
        return f"Others are already waiting at {title}, first come first served"
    left = counted(room.places, "place")
    if room.places_ahead >= room.places:
        return f"Those waiting first need the {left} left at {title}, first come first served"
    return (
        f"Those waiting first need {room.places_ahead:,} of the {left} left at {title}, leaving "
        f"too few for your party of {party.people}, first come first served"
    )


def _given_up(answer: Answer) -> str:
    """What Maybe gave up, as many press it to mean "probably": a place taken at once by those
    waiting, a place that those waiting stay ahead for, a place or truck spot of a full meetup
    that anyone may take first, or a place in line, which Going again would not give back."""
    if answer.was == "waitlist":
        return " You left the waitlist: pressing Going again puts you at the end of the line."
    if answer.was == "going" and answer.promoted:
        who = "the next person" if len(answer.promoted) == 1 else "those"
        return f" Your place went to {who} waiting."
    if answer.rejoin_waits:
        return (
            " You gave up your place: those waiting are ahead of you, so pressing Going again "
            "puts you at the end of the line."
        )
    if answer.freed_full == "places":
        return " You gave up your place at a full meetup: pressing Going again may find it taken."
    if answer.freed_full == "truck spots":
        return (
            " You gave up your truck spot, and every other one was taken: pressing Going again "
            "with your truck may find it taken."
        )
    return ""


def answer_text(answer: Answer) -> str:
    """What a member reads after a click or the guests and truck form."""
    meetup = answer.meetup
    title, when = f"**{echo(meetup.title)}**", when_text(answer.occurrence)
    party = answer.party
    if party.status == "going":
        text = f"You're going to {title}, {when}{_party_text(party)}."
    elif party.status == "waitlist":
        text = (
            f"{_why_waiting(answer, title)}, so your party{_party_text(party)} is "
            f"**#{answer.position}** on the waitlist. If a place opens up for you, you move to "
            "Going and I'll send you a DM."
        )
    elif party.status == "maybe":
        text = f"You're a maybe for {title}, {when}.{_given_up(answer)}"
    else:
        text = f"You're not going to {title}, {when}. Thanks for saying so."
    return fit(text, MESSAGE_CONTENT)


def _guests_left_text(answer: Answer, asked: int) -> str:
    """What a going member reads when their truck was taken with fewer guests than `asked`."""
    taken = answer.party.guests
    left = asked - taken
    if not taken:
        them = "it was" if asked == 1 else "they were"
        guests = counted(asked, "guest")
        return f"There was room for your truck, not for your {guests}: {them} not taken."
    return (
        f"There was room for your truck and {counted(taken, 'guest')}, not for all {asked} you "
        f"asked for: {left} {'was' if left == 1 else 'were'} not taken."
    )


def form_answer_text(answer: Answer) -> str:
    """`answer_text` after the guests and truck form, which answers Going since guests and a
    truck only matter to those going; a member who had said Maybe or Can't go reads that, and
    one whose truck was taken without all their guests, how many were left out."""
    text = answer_text(answer)
    if answer.guests_asked is not None:
        return fit(f"{text} {_guests_left_text(answer, answer.guests_asked)}", MESSAGE_CONTENT)
    if answer.was not in ("maybe", "declined") or answer.party.status not in ("going", "waitlist"):
        return text
    had = f"(you had answered {BUTTON_LABELS[answer.was]})"
    if answer.party.status == "going":
        return fit(text.replace("You're going", f"You're going now {had}", 1), MESSAGE_CONTENT)
    return fit(f"You answered Going now {had}. {text}", MESSAGE_CONTENT)
