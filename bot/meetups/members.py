"""Each member's own meetup settings in a server: the time zone their times are read in, and
whether and when reminder DMs reach them."""

from __future__ import annotations

from datetime import timedelta

from bot.dates import whole_minutes
from bot.setup import Chosen
from bot.store import Store
from bot.zones import parse_zone


class MemberSettings:
    """Members' zones and reminder choices, one row a member and server."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def set_member_zone(self, guild_id: int, member_id: int, text: str) -> Chosen[str]:
        zone = parse_zone(text)
        changed = await self._store.execute(
            "INSERT INTO member_settings (guild_id, member_id, timezone) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, member_id) DO UPDATE SET timezone = excluded.timezone "
            "WHERE timezone IS NOT excluded.timezone",
            (guild_id, member_id, zone),
        )
        return Chosen(zone, bool(changed))

    async def clear_member_zone(self, guild_id: int, member_id: int) -> bool:
        """Drop the member's own zone, so the server's applies and follows an admin's changes;
        whether they had one. Their other settings stay."""
        changed = await self._store.execute(
            "UPDATE member_settings SET timezone = NULL "
            "WHERE guild_id = ? AND member_id = ? AND timezone IS NOT NULL",
            (guild_id, member_id),
        )
        return bool(changed)

    async def set_reminders(self, guild_id: int, member_id: int, wanted: bool) -> None:
        await self._store.execute(
            "INSERT INTO member_settings (guild_id, member_id, reminders) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, member_id) DO UPDATE SET reminders = excluded.reminders",
            (guild_id, member_id, int(wanted)),
        )

    async def set_reminder_offset(
        self, guild_id: int, member_id: int, offset: timedelta | None
    ) -> None:
        """The member's own time for reminder DMs before a meetup; None: the server's times."""
        minutes = None if offset is None else whole_minutes(offset)
        await self._store.execute(
            "INSERT INTO member_settings (guild_id, member_id, reminder_minutes) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, member_id) DO UPDATE SET "
            "reminder_minutes = excluded.reminder_minutes",
            (guild_id, member_id, minutes),
        )

    async def reminder_offsets(self, guild_id: int) -> dict[int, timedelta]:
        """Members of the server who chose their own time for reminder DMs, with that time."""
        rows = await self._store.fetchall(
            "SELECT member_id, reminder_minutes FROM member_settings "
            "WHERE guild_id = ? AND reminder_minutes IS NOT NULL",
            (guild_id,),
        )
        return {row["member_id"]: timedelta(minutes=row["reminder_minutes"]) for row in rows}

    async def without_reminders(self, guild_id: int) -> set[int]:
        """Members of the server who turned reminder DMs off."""
        rows = await self._store.fetchall(
            "SELECT member_id FROM member_settings WHERE guild_id = ? AND reminders = 0",
            (guild_id,),
        )
        return {row["member_id"] for row in rows}

    async def member_zone(self, guild_id: int, member_id: int) -> str | None:
        return await self._store.fetchval(
            "SELECT timezone FROM member_settings WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
