"""Per-server settings chosen with `/setup`, and who counts as moderator or organizer there."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Generic, TypeVar

from bot.clock import Clock, unix
from bot.dates import length_words
from bot.errors import UserError
from bot.limits import listed
from bot.store import Store
from bot.zones import parse_zone

log = logging.getLogger(__name__)

CHANNEL_KINDS = ("meetups", "builds", "showcase", "announcements", "glossary", "modqueue")
ROLE_KINDS = ("moderator", "organizer", "importer")
DEFAULT_REMINDER_OFFSETS = "24h,1h"
REMINDERS_OFF = "off"  # typed and stored for a server that sends no meetup reminders
# What else an admin types for no reminders: other settings take `none` for nothing.
_REMINDERS_OFF_WORDS = frozenset({REMINDERS_OFF, "none"})
MAX_REMINDER_OFFSETS = 5
MIN_REMINDER_OFFSET = timedelta(minutes=5)
MAX_REMINDER_OFFSET = timedelta(days=14)
DEFAULT_DAILY_WORD_HOUR = 9
DEFAULT_IMPORTER_DAILY_LIMIT = 3
MAX_IMPORTER_DAILY_LIMIT = 50

# What each setting of guild_settings is on a new server, which unsetting it returns to.
SETTING_DEFAULTS: Mapping[str, str | int | None] = MappingProxyType(
    {
        "timezone": None,
        "reminder_offsets": DEFAULT_REMINDER_OFFSETS,
        "daily_word_hour": DEFAULT_DAILY_WORD_HOUR,
        "importer_daily_limit": DEFAULT_IMPORTER_DAILY_LIMIT,
    }
)
# Every setting an admin can unset, named as `SettingChange.setting` names it.
UNSETTABLE = (
    *(f"channel:{kind}" for kind in CHANNEL_KINDS),
    *(f"role:{kind}" for kind in ROLE_KINDS),
    *SETTING_DEFAULTS,
)

# At most four digits per unit: anything longer is past the 14-day cap anyway, and
# timedelta overflows on the longest numbers a member can paste.
_OFFSET = re.compile(r"^(?:(\d{1,3})w)?(?:(\d{1,4})d)?(?:(\d{1,5})h)?(?:(\d{1,6})m)?$")
_UNIT_WORDS = re.compile(r"(\d+)\s*(weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)\b")
# Words around the offsets that say nothing more: "1 day before and 1 hour before".
_FILLER = frozenset({"and", "before", "ahead", "prior"})


@dataclass(frozen=True)
class GuildConfig:
    guild_id: int
    timezone: str | None
    reminder_offsets: tuple[timedelta, ...]  # none when the server turned reminders off
    channels: Mapping[str, int] = field(default_factory=dict)
    roles: Mapping[str, int] = field(default_factory=dict)
    daily_word_hour: int = DEFAULT_DAILY_WORD_HOUR  # local hour of the glossary's word of the day
    importer_daily_limit: int = DEFAULT_IMPORTER_DAILY_LIMIT  # announcements per importer a day

    def is_moderator(self, role_ids: Collection[int], *, can_manage_messages: bool) -> bool:
        """Moderators hold the configured moderator role or may manage messages."""
        return can_manage_messages or self.roles.get("moderator") in role_ids

    def is_organizer(self, role_ids: Collection[int], *, can_manage_messages: bool) -> bool:
        """With no organizer role configured, every member may organize."""
        organizer = self.roles.get("organizer")
        return (
            organizer is None
            or organizer in role_ids
            or self.is_moderator(role_ids, can_manage_messages=can_manage_messages)
        )


@dataclass(frozen=True)
class SettingChange:
    """One server setting was written: `timezone`, `reminder_offsets`, `daily_word_hour`,
    `channel:<kind>` or `role:<kind>`."""

    guild_id: int
    setting: str


SettingsSubscriber = Callable[[SettingChange], Awaitable[None]]


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """`24h,1h` or `2d, 90m` → distinct offsets, longest first; `off` or `none` → none;
    refuses anything else."""
    if text.strip().casefold() in _REMINDERS_OFF_WORDS:
        return ()
    offsets = set()
    # "1 hour, 2 days" as people write it: each unit word joined to its number.
    joined = _UNIT_WORDS.sub(lambda match: match[1] + match[2][0], text.strip().lower())
    for part in re.split(r"[,\s]+", joined):
        if not part or part in _FILLER:
            continue
        match = _OFFSET.match(part)
        if not match or not any(match.groups()):
            raise UserError(
                f"“{part[:20]}” is not a reminder offset. Use numbers with w, d, h or m, "
                "separated by commas: `24h,1h` or `1w,2d,30m`; or `off` (or `none`) for no "
                "reminders."
            )
        weeks, days, hours, minutes = (int(group or 0) for group in match.groups())
        offset = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)
        if not MIN_REMINDER_OFFSET <= offset <= MAX_REMINDER_OFFSET:
            raise UserError(f"Reminders can be from 5 minutes to 14 days ahead; “{part}” is not.")
        offsets.add(offset)
    if not offsets:
        raise UserError("Give at least one reminder offset, such as `24h,1h`, or `off`.")
    if len(offsets) > MAX_REMINDER_OFFSETS:
        raise UserError(f"At most {MAX_REMINDER_OFFSETS} reminders per meetup.")
    return tuple(sorted(offsets, reverse=True))


def format_offset(offset: timedelta) -> str:
    """Whole days from 2 days up (`2d`), otherwise hours and minutes (`24h`, `1h30m`)."""
    minutes = int(offset.total_seconds()) // 60
    days, remainder = divmod(minutes, 24 * 60)
    if days >= 2 and not remainder:
        return f"{days}d"
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")


def format_offsets(offsets: Collection[timedelta]) -> str:
    """`24h, 1h` (`off` for none): as members type them, and as `parse_offsets` reads them
    back."""
    return ", ".join(format_offset(offset) for offset in offsets) or REMINDERS_OFF


def describe_offsets(offsets: Sequence[timedelta]) -> str:
    """`1 day before and 1 hour before`: the offsets in words, for texts members read
    (`format_offsets` writes them as they are typed). Each says "before": joined bare, three
    offsets read as one length ("2 days, 3 hours and 30 minutes"), and 25h,1h as "1 day 1 hour
    and 1 hour"."""
    words = [f"{length_words(offset)} before" for offset in offsets]
    return listed(words)


T = TypeVar("T")


@dataclass(frozen=True)
class Chosen(Generic[T]):
    """A setting as it was read and saved, and whether that changed it (chosen again, the
    admin is told it was so already)."""

    value: T
    changed: bool


class SetupService:
    """Per-server settings; tells its subscribers (wired in the composition root) what changed,
    so each domain reacts to the settings it cares about."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._subscribers: list[SettingsSubscriber] = []

    def subscribe(self, subscriber: SettingsSubscriber) -> None:
        self._subscribers.append(subscriber)

    async def _announce(self, guild_id: int, setting: str) -> None:
        # The setting is committed already; a subscriber that fails must not turn the admin's
        # saved change into an error. Each domain re-plans from the settings at start-up too.
        change = SettingChange(guild_id, setting)
        for subscriber in self._subscribers:
            try:
                await subscriber(change)
            except Exception:
                log.exception("a subscriber failed to take in %s", change)

    async def get(self, guild_id: int) -> GuildConfig:
        settings = await self._store.fetchone(
            "SELECT timezone, reminder_offsets, daily_word_hour, importer_daily_limit "
            "FROM guild_settings "
            "WHERE guild_id = ?",
            (guild_id,),
        )
        channels = await self._store.fetchall(
            "SELECT kind, channel_id FROM guild_channels WHERE guild_id = ?", (guild_id,)
        )
        roles = await self._store.fetchall(
            "SELECT kind, role_id FROM guild_roles WHERE guild_id = ?", (guild_id,)
        )
        return GuildConfig(
            guild_id=guild_id,
            timezone=settings["timezone"] if settings else None,
            reminder_offsets=parse_offsets(
                settings["reminder_offsets"] if settings else DEFAULT_REMINDER_OFFSETS
            ),
            channels=MappingProxyType({row["kind"]: row["channel_id"] for row in channels}),
            roles=MappingProxyType({row["kind"]: row["role_id"] for row in roles}),
            daily_word_hour=settings["daily_word_hour"] if settings else DEFAULT_DAILY_WORD_HOUR,
            importer_daily_limit=(
                settings["importer_daily_limit"] if settings else DEFAULT_IMPORTER_DAILY_LIMIT
            ),
        )

    async def guilds_with_channel(self, kind: str) -> list[int]:
        """Every server that chose a channel of `kind`."""
        _require_kind("channel", kind, CHANNEL_KINDS)
        rows = await self._store.fetchall(
            "SELECT guild_id FROM guild_channels WHERE kind = ? ORDER BY guild_id", (kind,)
        )
        return [row["guild_id"] for row in rows]

    async def set_channel(self, guild_id: int, kind: str, channel_id: int) -> Chosen[int]:
        _require_kind("channel", kind, CHANNEL_KINDS)
        changed = await self._store.execute(
            "INSERT INTO guild_channels (guild_id, kind, channel_id) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, kind) DO UPDATE SET channel_id = excluded.channel_id "
            "WHERE channel_id IS NOT excluded.channel_id",
            (guild_id, kind, channel_id),
        )
        return await self._chosen(guild_id, f"channel:{kind}", channel_id, changed)

    async def set_role(self, guild_id: int, kind: str, role_id: int) -> Chosen[int]:
        _require_kind("role", kind, ROLE_KINDS)
        if role_id == guild_id:  # Discord gives the everyone role the server's own id
            raise UserError("That role is everyone in the server; pick one only some members have.")
        async with self._store.transaction():
            # The importer role is given to each importer registered: were it the moderator
            # role too, registering an importer would make them a moderator.
            other = {"moderator": "importer", "importer": "moderator"}.get(kind)
            if other and role_id == await self._store.fetchval(
                "SELECT role_id FROM guild_roles WHERE guild_id = ? AND kind = ?",
                (guild_id, other),
            ):
                raise UserError(
                    f"That role is this server's {other} role; moderators and importers need "
                    "roles of their own, or every importer registered would moderate."
                )
            changed = await self._store.execute(
                "INSERT INTO guild_roles (guild_id, kind, role_id) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, kind) DO UPDATE SET role_id = excluded.role_id "
                "WHERE role_id IS NOT excluded.role_id",
                (guild_id, kind, role_id),
            )
        return await self._chosen(guild_id, f"role:{kind}", role_id, changed)

    async def set_timezone(self, guild_id: int, text: str) -> Chosen[str]:
        zone = parse_zone(text)
        return await self._upsert_setting(guild_id, "timezone", zone, zone)

    async def set_reminder_offsets(self, guild_id: int, text: str) -> Chosen[tuple[timedelta, ...]]:
        offsets = parse_offsets(text)
        stored = format_offsets(offsets)
        return await self._upsert_setting(guild_id, "reminder_offsets", stored, offsets)

    async def set_daily_word_hour(self, guild_id: int, hour: int) -> Chosen[int]:
        if not 0 <= hour <= 23:
            raise UserError("The word of the day hour must be from 0 to 23 (24-hour clock).")
        return await self._upsert_setting(guild_id, "daily_word_hour", hour, hour)

    async def set_importer_daily_limit(self, guild_id: int, limit: int) -> Chosen[int]:
        if not 1 <= limit <= MAX_IMPORTER_DAILY_LIMIT:
            raise UserError(
                f"Each importer may announce from 1 to {MAX_IMPORTER_DAILY_LIMIT} times a day."
            )
        return await self._upsert_setting(guild_id, "importer_daily_limit", limit, limit)

    async def unset(self, guild_id: int, setting: str) -> bool:
        """Return one setting to how a new server has it: no channel or role of that kind, or
        the default value; returns whether it was set. Subscribers hear of it as of any change,
        so what depends on it (the word of the day's job) stands down or re-plans."""
        what, _, kind = setting.partition(":")
        if what == "channel":
            _require_kind("channel", kind, CHANNEL_KINDS)
            changed = await self._store.execute(
                "DELETE FROM guild_channels WHERE guild_id = ? AND kind = ?", (guild_id, kind)
            )
        elif what == "role":
            _require_kind("role", kind, ROLE_KINDS)
            changed = await self._store.execute(
                "DELETE FROM guild_roles WHERE guild_id = ? AND kind = ?", (guild_id, kind)
            )
        elif setting in SETTING_DEFAULTS:
            default = SETTING_DEFAULTS[setting]
            # `setting` is one of this module's own names, never member input.
            changed = await self._store.execute(
                f"UPDATE guild_settings SET {setting} = ?, updated_at = ? "
                f"WHERE guild_id = ? AND {setting} IS NOT ?",
                (default, unix(self._clock.now()), guild_id, default),
            )
        else:
            raise UserError(
                f"“{setting[:40]}” is not a setting; choose one of {', '.join(UNSETTABLE)}."
            )
        if changed:
            await self._announce(guild_id, setting)
        return bool(changed)

    async def _upsert_setting(
        self, guild_id: int, column: str, stored: str | int, value: T
    ) -> Chosen[T]:
        # `column` is one of this module's own literals, never member input.
        changed = await self._store.execute(
            f"INSERT INTO guild_settings (guild_id, {column}, updated_at) VALUES (?, ?, ?) "
            f"ON CONFLICT (guild_id) DO UPDATE SET {column} = excluded.{column}, "
            f"updated_at = excluded.updated_at WHERE {column} IS NOT excluded.{column}",
            (guild_id, stored, unix(self._clock.now())),
        )
        return await self._chosen(guild_id, column, value, changed)

    async def _chosen(self, guild_id: int, setting: str, value: T, changed: int) -> Chosen[T]:
        """`value` as chosen, and whether the write `changed` a row. Announced either way: an
        admin who chooses the same channel again, its permissions mended, has what waited
        for it sent at once."""
        await self._announce(guild_id, setting)
        return Chosen(value, bool(changed))


def _require_kind(what: str, kind: str, allowed: tuple[str, ...]) -> None:
    if kind not in allowed:
        raise UserError(f"“{kind}” is not a {what} kind; choose one of {', '.join(allowed)}.")
