"""What a meetup's mirrored event shows in Discord's Events tab, within Discord's limits, and how
the Events tab is reached: the plain values the mirror (bot/meetup_events.py) compares, stores
and sends."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.clock import from_unix, unix
from bot.limits import fit
from bot.meetups import Meetup, Occurrence, card_link

NAME_MAX, DESCRIPTION_MAX, LOCATION_MAX = 100, 1000, 100
EXTERNAL, GUILD_ONLY = 3, 2
MARKER = "Keitora meetup #{}"
_MARKER = re.compile(r"Keitora meetup #(\d+)\s*$")


@dataclass(frozen=True)
class EventFields:
    """What a mirrored event shows: the fields the bot sets and watches."""

    name: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime

    def to_json(self) -> str:
        values = asdict(self) | {"starts_at": unix(self.starts_at), "ends_at": unix(self.ends_at)}
        return json.dumps(values, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> EventFields | None:
        values = None if text is None else json.loads(text)
        if not isinstance(values, dict):
            return None  # nothing stored, or a deletion in flight
        instants = {key: from_unix(values[key]) for key in ("starts_at", "ends_at")}
        return cls(**values | instants)

    def body(self, since: EventFields | None = None) -> dict[str, Any]:
        """The request body Discord takes: every field, or those that differ from `since`."""
        full = {
            "name": self.name,
            "description": self.description,
            "entity_metadata": {"location": self.location},
            "scheduled_start_time": self.starts_at.isoformat(),
            "scheduled_end_time": self.ends_at.isoformat(),
        }
        if since is None:
            return full | {"entity_type": EXTERNAL, "privacy_level": GUILD_ONLY}
        return {key: value for key, value in full.items() if since.body().get(key) != value}


def not_an_rsvp(card_url: str | None) -> str:
    """Where members answer instead of “Interested”: the meetup's card, with its link once the
    card is out, as the calendar file and the Google link give it."""
    link = f" {card_url}\n" if card_url else " "
    return (
        f"Answer Going, Maybe or Can't go on the meetup's card in Discord:{link}"
        "“Interested” here is not an RSVP, and reminders go to those going."
    )


def event_fields(meetup: Meetup, occurrence: Occurrence) -> EventFields:
    """How a meetup's date shows in the Events tab, within Discord's limits: the meetup's own
    description is cut to leave room for the footer."""
    footer = f"{not_an_rsvp(card_link(meetup))}\n{MARKER.format(meetup.id)}"
    room = DESCRIPTION_MAX - len(footer) - 2
    text = fit(meetup.description, room) if meetup.description else ""
    return EventFields(
        name=fit(meetup.title, NAME_MAX),
        description=f"{text}\n\n{footer}" if text else footer,
        location=fit(meetup.location, LOCATION_MAX),
        starts_at=occurrence.starts_at,
        ends_at=occurrence.starts_at + meetup.duration,
    )


def marked_meetup(description: str | None) -> int | None:
    """The meetup an event's description names with the mirror's marker, if any."""
    found = _MARKER.search(description or "")
    return None if found is None else int(found[1])


class EventsTab(Protocol):
    """A server's scheduled events, as the discord layer reaches them. Each call raises
    `Refused` when Discord will not take it as it is (missing permission, unknown event, no
    room, a bad body); any other exception means try again later."""

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int: ...

    async def edit_event(self, guild_id: int, event_id: int, body: Mapping[str, Any]) -> None: ...

    async def delete_event(self, guild_id: int, event_id: int) -> None: ...

    async def own_events(self, guild_id: int) -> dict[int, str]:
        """The events the bot made in the server: id -> description."""
        ...
