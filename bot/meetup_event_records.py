"""The mirror's record of each meetup's event (the `meetup_events` table): which event shows the
meetup, which date and fields it shows, and the call in flight. The fields of a call are stored
before it is made, so that Discord's echo of the bot's own change is told apart from someone's
edit, and a create sent but never recorded (a crash) is looked for instead of made twice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.clock import Clock, unix
from bot.meetup_event_fields import EventFields
from bot.store import Store

# What `sending` holds while the event's deletion is in flight.
DELETING = json.dumps("delete")


@dataclass(frozen=True)
class Mirror:
    meetup_id: int
    event_id: int | None
    original_start: int | None
    shown: EventFields | None
    sending: str | None  # JSON: fields in flight, or DELETING
    stopped: bool


class MirrorRecords:
    """Reads and writes of the `meetup_events` table; each write is dated by the clock."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # --- reading -------------------------------------------------------------------------------

    async def guilds(self) -> list[int]:
        """The servers with a mirror recorded."""
        rows = await self._store.fetchall("SELECT DISTINCT guild_id FROM meetup_events")
        return [row["guild_id"] for row in rows]

    async def of_guild(self, guild_id: int) -> list[Mirror]:
        rows = await self._store.fetchall(
            "SELECT * FROM meetup_events WHERE guild_id = ? ORDER BY meetup_id", (guild_id,)
        )
        return [_mirror(row) for row in rows]

    async def of_meetup(self, meetup_id: int) -> Mirror | None:
        row = await self._store.fetchone(
            "SELECT * FROM meetup_events WHERE meetup_id = ?", (meetup_id,)
        )
        return None if row is None else _mirror(row)

    async def of_event(self, guild_id: int, event_id: int) -> Mirror | None:
        row = await self._store.fetchone(
            "SELECT * FROM meetup_events WHERE guild_id = ? AND event_id = ?", (guild_id, event_id)
        )
        return None if row is None else _mirror(row)

    # --- writing -------------------------------------------------------------------------------

    async def creating(self, meetup_id: int, guild_id: int, fields: EventFields) -> None:
        """A create is about to be sent: no event is recorded until it is answered."""
        await self._store.execute(
            "INSERT INTO meetup_events (meetup_id, guild_id, sending, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (meetup_id) DO UPDATE SET "
            "event_id = NULL, original_start = NULL, shown = NULL, sending = excluded.sending, "
            "updated_at = excluded.updated_at",
            (meetup_id, guild_id, fields.to_json(), self._now()),
        )

    async def created(
        self, meetup_id: int, event_id: int, original_start: int, fields: EventFields
    ) -> None:
        await self._store.execute(
            "UPDATE meetup_events SET event_id = ?, original_start = ?, shown = ?, sending = NULL, "
            "updated_at = ? WHERE meetup_id = ?",
            (event_id, original_start, fields.to_json(), self._now(), meetup_id),
        )

    async def edited(self, meetup_id: int, original_start: int, fields: EventFields) -> None:
        """The bot's edit was answered: the event shows `fields`, of the date named by
        `original_start` (a re-time renames a series' dates), and nothing is in flight."""
        await self._store.execute(
            "UPDATE meetup_events SET original_start = ?, shown = ?, sending = NULL, "
            "updated_at = ? WHERE meetup_id = ?",
            (original_start, fields.to_json(), self._now(), meetup_id),
        )

    async def seen(self, meetup_id: int, fields: EventFields) -> None:
        """Someone else left the event showing `fields`; a call in flight stays recorded."""
        await self._store.execute(
            "UPDATE meetup_events SET shown = ?, updated_at = ? WHERE meetup_id = ?",
            (fields.to_json(), self._now(), meetup_id),
        )

    async def set_sending(self, meetup_id: int, sending: str | None) -> None:
        await self._store.execute(
            "UPDATE meetup_events SET sending = ?, updated_at = ? WHERE meetup_id = ?",
            (sending, self._now(), meetup_id),
        )

    async def forget_event(self, meetup_id: int) -> None:
        await self._store.execute(
            "UPDATE meetup_events SET event_id = NULL, original_start = NULL, shown = NULL, "
            "sending = NULL, updated_at = ? WHERE meetup_id = ?",
            (self._now(), meetup_id),
        )

    async def stop(self, meetup_id: int) -> None:
        """The meetup is no longer mirrored: its event was deleted by someone else."""
        await self._store.execute(
            "UPDATE meetup_events SET event_id = NULL, original_start = NULL, shown = NULL, "
            "sending = NULL, stopped_at = ?, updated_at = ? WHERE meetup_id = ?",
            (self._now(), self._now(), meetup_id),
        )

    def _now(self) -> int:
        return unix(self._clock.now())


def _mirror(row: Any) -> Mirror:
    return Mirror(
        meetup_id=row["meetup_id"],
        event_id=row["event_id"],
        original_start=row["original_start"],
        shown=EventFields.from_json(row["shown"]),
        sending=row["sending"],
        stopped=row["stopped_at"] is not None,
    )
