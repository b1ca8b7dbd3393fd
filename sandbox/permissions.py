"""Discord's permission bits and how it computes a member's permissions from the server's
roles and a channel's overwrites.

The computation works on the JSON Discord sends (role objects, overwrite objects), so it needs
nothing of the loopback's storage: `Guild.permissions_of` and `Guild.permissions_in` look up
the member, the channel and its parent, and hand them here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandbox.api import Json

# The names Discord's settings give permissions whose names in its API differ.
_SHOWN_NAMES = {"MANAGE_GUILD": "Manage Server"}


def permission_names(bits: int) -> list[str]:
    """The permissions in `bits` as Discord's settings name them: "Manage Messages"."""
    return [
        _SHOWN_NAMES.get(name, name.replace("_", " ").title())
        for name, bit in vars(Permission).items()
        if name.isupper() and bit.bit_count() == 1 and bits & bit
    ]


class Permission:
    """The permission bits the sandbox needs to describe members and the bot."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    SEND_MESSAGES_IN_THREADS = 1 << 38
    CREATE_EVENTS = 1 << 44
    PIN_MESSAGES = 1 << 51
    ALL = (1 << 53) - 1

    EVERYONE = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS
        | CREATE_PUBLIC_THREADS
        | SEND_MESSAGES_IN_THREADS
    )
    # Exactly the invite's `permissions=2269718417361920` (README, "Invite it to your server"):
    # the bot role grants nothing more, so a feature needing another permission fails here too.
    BOT = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | SEND_MESSAGES_IN_THREADS
        | CREATE_PUBLIC_THREADS
        | MANAGE_THREADS
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | PIN_MESSAGES
        | CREATE_EVENTS
    )
    # The invite before Discord's permission splits of 2026-02-23 (`permissions=335007575040`),
    # which servers set up then still grant: neither Pin Messages nor Create Events.
    OLD_BOT = (BOT & ~(PIN_MESSAGES | CREATE_EVENTS)) | MANAGE_MESSAGES | MANAGE_EVENTS


class OverwriteType:
    """Whom a channel's permission overwrite is for (Discord's `type` field)."""

    ROLE = 0
    MEMBER = 1


def server_permissions(roles: Iterable[Json], *, owner: bool) -> int:
    """Guild-level permissions from the member's roles (@everyone among them), as Discord
    computes them before channel overwrites: the owner and administrators hold every bit."""
    if owner:
        return Permission.ALL
    value = 0
    for role in roles:
        value |= int(role["permissions"])
    return Permission.ALL if value & Permission.ADMINISTRATOR else value


def channel_permissions(
    base: int,
    overwrites: Iterable[Json],
    *,
    everyone_id: str,
    role_ids: Sequence[str],
    user_id: str,
    outside_private_thread: bool = False,
) -> int:
    """A member's permissions in a channel, as Discord computes them: `base` from the server's
    roles, then the channel's overwrites for @everyone, then for the member's roles together,
    then for the member. Without View Channel nothing else is left, nor in a private thread
    for one who is not in it and may not manage threads."""
    if base == Permission.ALL:
        return base
    by_target = {o["id"]: o for o in overwrites}
    if everyone := by_target.get(everyone_id):
        base = _apply(base, int(everyone["allow"]), int(everyone["deny"]))
    allow = deny = 0
    for role_id in role_ids:
        if role := by_target.get(role_id):
            allow, deny = allow | int(role["allow"]), deny | int(role["deny"])
    base = _apply(base, allow, deny)
    if member := by_target.get(user_id):
        base = _apply(base, int(member["allow"]), int(member["deny"]))
    if outside_private_thread and not base & Permission.MANAGE_THREADS:
        return 0
    return base if base & Permission.VIEW_CHANNEL else 0


def _apply(value: int, allow: int, deny: int) -> int:
    return (value & ~deny) | allow
