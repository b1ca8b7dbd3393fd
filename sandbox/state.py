"""The loopback Discord's memory: users, guilds, channels, messages, shaped as Discord sends them.

Everything is stored as the JSON Discord would return (dicts with snowflake string ids), so REST
handlers and gateway events hand out the stored objects without translation. The `Guild` builder
methods are how tests and the demo describe a server.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sandbox.permissions import OverwriteType, Permission, channel_permissions, server_permissions

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
_STABLE_FROM_MS = 1_704_067_200_000  # 2024-01-01T00:00:00Z
_STABLE_SPAN_MS = 366 * 24 * 3600 * 1000
_LOW_BITS = (1 << 22) - 1
_WORKER_SHIFT = 17  # bits 17-21 name the worker that made an id, bits 0-11 count within a ms
_INCREMENT = (1 << 12) - 1


class ChannelType:
    GUILD_TEXT = 0
    DM = 1
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5
    ANNOUNCEMENT_THREAD = 10
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    GUILD_FORUM = 15

    THREADS = (ANNOUNCEMENT_THREAD, PUBLIC_THREAD, PRIVATE_THREAD)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Snowflakes:
    """Discord-style ids: milliseconds since the Discord epoch in the top bits.

    `next()` ids carry the `clock`'s time, as Discord's carry the instant it made them
    (messages, threads, events), so a test that pins the clock can compare them with the bot's.
    `next(wall=True)` ids carry the wall clock's instead (interactions): a bot measures the
    seconds Discord gives it to answer from the id to its own wall clock, which a test's clock
    does not move. Each kind is strictly increasing, even while the clock stands still or is
    moved back, and the two never meet: they differ in the worker bits, as ids Discord's
    workers make do.
    `stable(key)` ids are the same in every run for the same keys asked in the same order
    (guilds, channels, roles, users the builders describe), so a database kept across
    sandbox runs still names the same demo server. They fall within 2024, in the past and
    far below any time-based id, and never repeat.
    """

    def __init__(self, clock: Callable[[], datetime] = _utc_now) -> None:
        self._clock = clock
        self._last = {False: 0, True: 0}
        self._stable: set[int] = set()

    def next(self, *, wall: bool = False) -> str:
        instant = _utc_now() if wall else self._clock()
        ms = int(instant.timestamp() * 1000) - DISCORD_EPOCH_MS
        last = self._last[wall]
        if ms > last >> 22:
            value = (ms << 22) | (int(wall) << _WORKER_SHIFT)
        elif last & _INCREMENT == _INCREMENT:  # this millisecond's ids ran out: the next one's
            value = (((last >> 22) + 1) << 22) | (int(wall) << _WORKER_SHIFT)
        else:
            value = last + 1
        self._last[wall] = value
        return str(value)

    def stable(self, key: str) -> str:
        digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
        stamp = _STABLE_FROM_MS - DISCORD_EPOCH_MS + (digest >> 22) % _STABLE_SPAN_MS
        value = (stamp << 22) | (digest & _LOW_BITS)
        while value in self._stable:  # a hash collision: the next free id, the same every run
            value += 1
        self._stable.add(value)
        return str(value)


def user_payload(user_id: str, name: str, *, bot: bool = False) -> Json:
    return {
        "id": user_id,
        "username": name.lower().replace(" ", "_"),
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "primary_guild": None,
        "bot": bot,
    }


@dataclass(frozen=True, slots=True)
class UserRef:
    """A user (or member) the tests act as or look up."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ChannelRef:
    id: str
    name: str
    guild_id: str | None
    type: int


@dataclass(frozen=True, slots=True)
class RoleRef:
    id: str
    name: str
    guild_id: str


@dataclass
class Guild:
    """One guild and the builder methods that populate it."""

    world: World
    id: str
    name: str
    owner_id: str
    channels: dict[str, Json] = field(default_factory=dict)
    roles: dict[str, Json] = field(default_factory=dict)
    members: dict[str, Json] = field(default_factory=dict)
    events: dict[str, Json] = field(default_factory=dict)

    # -- builders ---------------------------------------------------------------------------

    def add_role(self, name: str, permissions: int = 0, *, managed: bool = False) -> RoleRef:
        role_id = (
            self.id if name == "@everyone" else self.world.ids.stable(f"role:{self.id}:{name}")
        )
        self.roles[role_id] = {
            "id": role_id,
            "name": name,
            "permissions": str(permissions),
            "position": 0 if role_id == self.id else len(self.roles),
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": managed,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        return RoleRef(role_id, name, self.id)

    def add_channel(
        self,
        name: str,
        kind: int = ChannelType.GUILD_TEXT,
        *,
        topic: str | None = None,
        category: ChannelRef | None = None,
    ) -> ChannelRef:
        """A channel; in `category`, with the category's overwrites (synced), as Discord makes
        a channel created in a category without overwrites of its own."""
        parent = self.channels[category.id] if category is not None else None
        channel = {
            "id": self.world.ids.stable(f"channel:{self.id}:{name}"),
            "type": kind,
            "guild_id": self.id,
            "name": name,
            "position": sum(
                1 for c in self.channels.values() if c["type"] not in ChannelType.THREADS
            ),
            "flags": 0,
            "parent_id": parent["id"] if parent is not None else None,
            "topic": topic,
            "nsfw": False,
            "permission_overwrites": [
                dict(overwrite) for overwrite in (parent or {}).get("permission_overwrites", [])
            ],
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }
        if kind == ChannelType.GUILD_FORUM:
            channel |= {"available_tags": [], "default_reaction_emoji": None, "flags": 0}
        self.world.register_channel(channel)
        self.channels[channel["id"]] = channel
        return ChannelRef(channel["id"], name, self.id, kind)

    def add_category(self, name: str) -> ChannelRef:
        return self.add_channel(name, ChannelType.GUILD_CATEGORY)

    def set_overwrite(
        self, channel: ChannelRef, target: RoleRef | UserRef, *, allow: int = 0, deny: int = 0
    ) -> Json:
        """Set what `target` (a role, @everyone, or a member) may do in one channel beyond the
        server's roles; nothing allowed or denied removes the overwrite. Returns the channel.
        As on Discord, a category's change reaches no channel in it: a synced channel holds
        copies, which only a sync would replace."""
        stored = self.channels[channel.id]
        kept = [o for o in stored["permission_overwrites"] if o["id"] != target.id]
        if allow or deny:
            kind = OverwriteType.ROLE if isinstance(target, RoleRef) else OverwriteType.MEMBER
            kept.append({"id": target.id, "type": kind, "allow": str(allow), "deny": str(deny)})
        stored["permission_overwrites"] = kept
        return stored

    def add_forum(self, name: str, tags: list[str], *, topic: str | None = None) -> ChannelRef:
        ref = self.add_channel(name, ChannelType.GUILD_FORUM, topic=topic)
        self.channels[ref.id]["available_tags"] = [
            {
                "id": self.world.ids.stable(f"tag:{ref.id}:{tag}"),
                "name": tag,
                "moderated": False,
                "emoji_id": None,
                "emoji_name": None,
            }
            for tag in tags
        ]
        return ref

    def add_member(
        self,
        name: str,
        roles: Sequence[RoleRef] = (),
        *,
        bot: bool = False,
        user_id: str | None = None,
    ) -> UserRef:
        user = self.world.users.get(user_id or "") or self.world.add_user(name, bot=bot)
        self.members[user["id"]] = {
            "user": user,
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": [role.id for role in roles],
            "joined_at": self.world.now_iso(),
            "premium_since": None,
            "communication_disabled_until": None,
            "flags": 0,
            "pending": False,
            "deaf": False,
            "mute": False,
        }
        return UserRef(user["id"], user["global_name"])

    # -- lookups ----------------------------------------------------------------------------

    def channel(self, name: str) -> ChannelRef:
        for channel in self.channels.values():
            if channel["name"] == name.lstrip("#"):
                return ChannelRef(channel["id"], channel["name"], self.id, channel["type"])
        raise KeyError(f"no channel #{name} in {self.name}")

    def member(self, name: str) -> UserRef:
        for member in self.members.values():
            user = member["user"]
            if name in (user["global_name"], user["username"]):
                return UserRef(user["id"], user["global_name"])
        raise KeyError(f"no member {name!r} in {self.name}")

    def role(self, name: str) -> RoleRef:
        for role in self.roles.values():
            if role["name"] == name:
                return RoleRef(role["id"], role["name"], self.id)
        raise KeyError(f"no role {name!r} in {self.name}")

    @property
    def everyone(self) -> RoleRef:
        return RoleRef(self.id, "@everyone", self.id)

    def permissions_of(self, user_id: str) -> int:
        """Guild-level permissions, as Discord computes them before channel overwrites."""
        member = self.members[user_id]
        roles = [self.roles[role_id] for role_id in [self.id, *member["roles"]]]
        return server_permissions(roles, owner=user_id == self.owner_id)

    def permissions_in(self, channel_id: str, user_id: str) -> int:
        """A member's permissions in a channel: a thread follows its parent's overwrites, and a
        category's count only as far as the channel holds copies of them."""
        channel = thread = self.channels[channel_id]
        if thread["type"] in ChannelType.THREADS:
            channel = self.channels[thread["parent_id"]]
        invited = user_id in self.world.thread_members.get(thread["id"], ())
        return channel_permissions(
            self.permissions_of(user_id),
            channel["permission_overwrites"],
            everyone_id=self.id,
            role_ids=self.members[user_id]["roles"],
            user_id=user_id,
            outside_private_thread=thread["type"] == ChannelType.PRIVATE_THREAD and not invited,
        )

    def gateway_payload(self) -> Json:
        """The GUILD_CREATE body: the guild with its channels, threads, roles and members."""
        channels = [c for c in self.channels.values() if c["type"] not in ChannelType.THREADS]
        threads = [c for c in self.channels.values() if c["type"] in ChannelType.THREADS]
        return {
            "id": self.id,
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_id,
            "region": "us-west",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "features": ["COMMUNITY", "NEWS"],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "emojis": [],
            "stickers": [],
            "roles": list(self.roles.values()),
            "joined_at": self.world.now_iso(),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": list(self.members.values()),
            "channels": channels,
            "threads": threads,
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": list(self.events.values()),
            "soundboard_sounds": [],
        }


@dataclass
class StoredFile:
    filename: str
    content_type: str
    data: bytes


class World:
    """All state of one loopback Discord."""

    def __init__(
        self, bot_name: str = "Keitora", clock: Callable[[], datetime] | None = None
    ) -> None:
        self.clock = clock or _utc_now  # tests may move time; Discord checks event times by it
        self.ids = Snowflakes(self.clock)
        self.origin = "http://127.0.0.1"  # set to the real address once the server listens
        self.users: dict[str, Json] = {}
        self.guilds: dict[str, Guild] = {}
        self.removed_guilds: dict[str, Guild] = {}  # servers whose admins removed the bot
        self.channels: dict[str, Json] = {}
        self.messages: dict[str, dict[str, Json]] = {}
        self.pins: dict[str, dict[str, str]] = {}  # channel -> message id -> pinned_at
        self.reactions: dict[str, dict[str, list[str]]] = {}  # message -> emoji -> user ids
        self.files: dict[str, StoredFile] = {}
        self.dm_channels: dict[str, str] = {}
        self.closed_dms: set[str] = set()  # users whose DMs refuse the bot (error 50007)
        self.publishes: dict[str, list[datetime]] = {}  # announcement channel -> crosspost times
        self.renames: dict[str, list[datetime]] = {}  # channel or thread -> times it was renamed
        self.thread_members: dict[str, set[str]] = {}  # thread -> its members' user ids
        # (author id, channel id, nonce) -> (message id, when) of creates with `enforce_nonce`
        self.nonces: dict[tuple[str, str, str], tuple[str, datetime]] = {}
        self.commands: dict[str | None, list[Json]] = {}
        self.bot = self.add_user(bot_name, bot=True)
        self.application_id = self.bot["id"]
        self.bot_token = "sandbox." + secrets.token_urlsafe(24)

    def now_iso(self) -> str:
        return self.clock().isoformat()

    def add_user(self, name: str, *, bot: bool = False) -> Json:
        user = user_payload(self.ids.stable(f"user:{name}"), name, bot=bot)
        self.users[user["id"]] = user
        return user

    def register_channel(self, channel: Json) -> None:
        self.channels[channel["id"]] = channel
        self.messages[channel["id"]] = {}
        self.pins[channel["id"]] = {}

    def add_guild(
        self, name: str, owner: str = "Owner", *, bot_permissions: int = Permission.BOT
    ) -> Guild:
        """A new guild with @everyone, its owner, and the bot as a member holding a bot role."""
        guild = Guild(self, self.ids.stable(f"guild:{name}"), name, owner_id="")
        self.guilds[guild.id] = guild
        guild.add_role("@everyone", Permission.EVERYONE)
        guild.owner_id = guild.add_member(owner).id
        bot_role = guild.add_role(self.bot["global_name"], bot_permissions, managed=True)
        guild.add_member(self.bot["global_name"], [bot_role], user_id=self.bot["id"])
        return guild

    def guild_of(self, channel_id: str) -> Guild | None:
        guild_id = self.channels[channel_id].get("guild_id")
        return self.guilds.get(guild_id) if guild_id else None

    def dm_channel(self, user_id: str) -> Json:
        """The DM channel between the bot and a user, created on first use."""
        if user_id not in self.dm_channels:
            channel = {
                "id": self.ids.next(),
                "type": ChannelType.DM,
                "flags": 0,
                "last_message_id": None,
                "recipients": [self.users[user_id]],
            }
            self.register_channel(channel)
            self.dm_channels[user_id] = channel["id"]
        return self.channels[self.dm_channels[user_id]]
