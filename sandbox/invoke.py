"""Building INTERACTION_CREATE payloads the way a Discord client would.

Slash commands and autocomplete are built from the command definitions the bot synced, so a
test can only use what a member could: an unknown command, subcommand, option or choice, a
missing required option or a wrong value type raises `InvocationError` naming what exists.
Component clicks are built from the message the bot sent (modal submits, in sandbox/modals.py,
from the form it opened). As in Discord's client, a member acts only where they can view the
channel, and clicks an ephemeral message only if it answered them.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sandbox.api import ApiError, File
from sandbox.bodies import (
    BUTTON,
    CHANNEL_SELECT,
    EPHEMERAL,
    MENTIONABLE_SELECT,
    ROLE_SELECT,
    STRING_SELECT,
    USER_SELECT,
    store_file,
    walk_components,
)
from sandbox.interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    COMPONENT,
    InteractionRecord,
    deleted,
)
from sandbox.state import ChannelRef, Guild, Json, Permission, RoleRef, UserRef, World

if TYPE_CHECKING:
    from sandbox.core import Core

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
LINK_BUTTON_STYLE = 5
_SELECTS = (STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT)
_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
SHOWN_TEXT = 80  # how much of a refused value an error quotes

OptionValue = str | int | float | bool | UserRef | ChannelRef | RoleRef | File


class InvocationError(ValueError):
    """A test used a command, option or component the way no Discord client could."""


class MemberRefused(InvocationError):
    """What Discord's API answers a member's client that tries it anyway: an HTTP `status` and
    Discord's JSON error `code` (403 50001 Missing Access, 403 50013 Missing Permissions)."""

    def __init__(self, refusal: ApiError, why: str) -> None:
        super().__init__(f"{why} ({refusal.status} {refusal.code} {refusal.message})")
        self.status = refusal.status
        self.code = refusal.code


# -- envelopes --------------------------------------------------------------------------------


def new_record(
    core: Core, kind: int, data: Json, actor: UserRef, channel: ChannelRef, message: Json | None
) -> InteractionRecord:
    """An interaction of `kind` by `actor` in `channel`, refused where Discord's client would
    offer `actor` nothing to use (a channel they cannot view, a server they are not in)."""
    world = core.world
    guild = world.guild_of(channel.id)
    payload: Json = {
        "id": world.ids.next(wall=True),
        "application_id": world.application_id,
        "type": kind,
        "data": data,
        "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
        "version": 1,
        "channel_id": channel.id,
        "channel": world.channels[channel.id],
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": _ATTACHMENT_SIZE_LIMIT,
        "authorizing_integration_owners": {"0": guild.id if guild else "0"},
        "context": 0 if guild else 1,
    }
    if guild is None:
        payload["user"] = world.users[actor.id]
        payload["app_permissions"] = str(_DM_APP_PERMISSIONS)
    else:
        if actor.id not in guild.members:
            raise InvocationError(f"{actor.name} is not a member of {guild.name}")
        if not guild.permissions_in(channel.id, actor.id) & Permission.VIEW_CHANNEL:
            # Discord's client never shows the channel, so nothing in it can be used.
            name = world.channels[channel.id].get("name", channel.id)
            raise InvocationError(
                f"{actor.name} cannot view #{name}, so Discord offers them no command or "
                f"component there; act as a member who can view it"
            )
        member = guild.members[actor.id]
        payload |= {
            "guild_id": guild.id,
            "guild_locale": "en-US",
            "guild": {"id": guild.id, "locale": "en-US", "features": []},
            # Discord sends both as held in the channel, after its overwrites.
            "member": {**member, "permissions": str(guild.permissions_in(channel.id, actor.id))},
            "app_permissions": str(guild.permissions_in(channel.id, world.bot["id"])),
        }
    if message is not None:
        payload["message"] = message
    return InteractionRecord(
        id=payload["id"],
        token=payload["token"],
        type=kind,
        payload=payload,
        dispatched_at=time.monotonic(),
        message=message,
    )


_DM_APP_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16)


# -- slash commands and autocomplete ----------------------------------------------------------


def find_command(world: World, guild_id: str | None, path: str) -> tuple[Json, list[Json]]:
    """The synced command and the chain of subcommand group/subcommand options for `path`."""
    name, *subcommands = path.removeprefix("/").split()
    scopes = [guild_id, None] if guild_id else [None]
    commands = [c for scope in scopes for c in world.commands.get(scope, []) if c["type"] == 1]
    command = next((c for c in commands if c["name"] == name), None)
    if command is None:
        synced = ", ".join(sorted("/" + c["name"] for c in commands)) or "none"
        raise InvocationError(f"no slash command /{name} is synced here (synced: {synced})")
    chain: list[Json] = []
    options = command.get("options", [])
    for part in subcommands:
        sub = next(
            (
                o
                for o in options
                if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
            ),
            None,
        )
        if sub is None:
            reached = " ".join([name, *(link["name"] for link in chain)])
            if _subcommand_names(options) or not options:
                raise InvocationError(
                    f"/{reached} has no subcommand {part!r} "
                    f"({_subcommand_names(options) or 'it takes nothing more'})"
                )
            # `/meetup reminders off`: a value typed where Discord's client would fill in the
            # first option; say how to name it rather than report a subcommand missing.
            listed = ", ".join(option["name"] + ":" for option in options)
            raise InvocationError(
                f"/{reached} takes its options by name ({listed}), as in "
                f"/{reached} {options[0]['name']}:{part}"
            )
        chain.append(sub)
        options = sub.get("options", [])
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in options):
        typed, names = path.strip("/"), _subcommand_names(options)
        raise InvocationError(
            f"/{typed} needs a subcommand: {names}; type it before the options, "
            f"as in /{typed} {names.partition(',')[0]} …"
        )
    return command, chain


def _subcommand_names(options: list[Json]) -> str:
    return ", ".join(o["name"] for o in options if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP))


def slash_interaction(
    core: Core,
    path: str,
    values: Mapping[str, OptionValue],
    actor: UserRef,
    channel: ChannelRef,
    *,
    focused: str | None = None,
) -> InteractionRecord:
    """A type 2 (or, with `focused`, type 4 autocomplete) interaction for a synced command."""
    world = core.world
    guild = world.guild_of(channel.id)
    command, chain = find_command(world, guild.id if guild else None, path)
    definitions = chain[-1].get("options", []) if chain else command.get("options", [])
    resolved: Json = {}
    options = _options(core, guild, channel, definitions, values, resolved, focused)
    for sub in reversed(chain):
        options = [{"type": sub["type"], "name": sub["name"], "options": options}]
    data: Json = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
    if guild is not None:
        data["guild_id"] = command.get("guild_id", guild.id)
    if resolved:
        data["resolved"] = resolved
    return new_record(
        core, AUTOCOMPLETE if focused else APPLICATION_COMMAND, data, actor, channel, None
    )


def _options(
    core: Core,
    guild: Guild | None,
    channel: ChannelRef,
    definitions: list[Json],
    values: Mapping[str, OptionValue],
    resolved: Json,
    focused: str | None,
) -> list[Json]:
    by_name = {d["name"]: d for d in definitions}
    where = ", ".join(by_name) or "none"
    for name in values:
        if name not in by_name:
            raise InvocationError(f"no option {name!r} (options: {where})")
    if focused is not None and not by_name.get(focused, {}).get("autocomplete"):
        raise InvocationError(f"option {focused!r} does not autocomplete")
    options = []
    for definition in definitions:
        name = definition["name"]
        if name not in values:
            if definition.get("required") and focused is None:
                raise InvocationError(f"required option {name!r} is missing")
            continue
        if name == focused:
            options.append(
                {
                    "type": definition["type"],
                    "name": name,
                    "value": str(values[name]),
                    "focused": True,
                }
            )
            continue
        value = _option_value(core, guild, channel, definition, values[name], resolved)
        options.append({"type": definition["type"], "name": name, "value": value})
    return options


def _option_value(
    core: Core,
    guild: Guild | None,
    channel: ChannelRef,
    definition: Json,
    value: OptionValue,
    resolved: Json,
) -> Any:
    kind, name = definition["type"], definition["name"]
    if kind == STRING:
        text = _expect(name, value, str)
        low, high = definition.get("min_length"), definition.get("max_length")
        if not _within(len(text), low, high):
            shown = text if len(text) <= SHOWN_TEXT else text[: SHOWN_TEXT - 1] + "…"
            raise InvocationError(
                f"option {name!r} takes {bounds(low, high)} characters; “{shown}” has {len(text)}"
            )
    elif kind in (INTEGER, NUMBER):
        number = _expect(name, value, int if kind == INTEGER else (int, float))
        low, high = definition.get("min_value"), definition.get("max_value")
        if not _within(number, low, high):
            raise InvocationError(f"option {name!r} takes {bounds(low, high)}, not {number}")
    elif kind == BOOLEAN:
        _expect(name, value, bool)
    elif kind in (USER, ROLE, MENTIONABLE, CHANNEL):
        return _resolve(core, guild, definition, value, resolved)
    elif kind == ATTACHMENT:
        attachment = store_file(core, channel.id, _expect(name, value, File))
        resolved.setdefault("attachments", {})[attachment["id"]] = attachment
        return attachment["id"]
    choices = definition.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        # Named as Discord's client lists them: a choice's value is the bot's own word for it.
        names = ", ".join(repr(c["name"]) for c in choices)
        raise InvocationError(f"option {name!r} must be one of {names}, not {value!r}")
    return value


def _expect(name: str, value: object, kinds: type | tuple[type, ...]) -> Any:
    # bool is an int to Python but not to Discord: True is no INTEGER option value.
    wanted = kinds if isinstance(kinds, tuple) else (kinds,)
    if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
        raise InvocationError(f"option {name!r} takes {wanted}, not {value!r}")
    return value


def _within(size: float, low: float | None, high: float | None) -> bool:
    return (low is None or size >= low) and (high is None or size <= high)


def bounds(low: float | None, high: float | None) -> str:
    """How many a value takes, in words: "at most 3", "1 to 500"."""
    if low is None:
        return f"at most {high}"
    return f"at least {low}" if high is None else f"{low} to {high}"


def _resolve(
    core: Core, guild: Guild | None, definition: Json, value: OptionValue, resolved: Json
) -> str:
    kind, name = definition["type"], definition["name"]
    accepted = {
        USER: (UserRef,),
        ROLE: (RoleRef,),
        MENTIONABLE: (UserRef, RoleRef),
        CHANNEL: (ChannelRef,),
    }[kind]
    if not isinstance(value, accepted):
        raise InvocationError(f"option {name!r} takes {accepted}, not {value!r}")
    if isinstance(value, ChannelRef):
        allowed = definition.get("channel_types")
        if allowed and value.type not in allowed:
            raise InvocationError(
                f"option {name!r} takes channel types {allowed}, not #{value.name}"
            )
    add_resolved(core.world, guild, value, resolved)
    return value.id


def add_resolved(
    world: World, guild: Guild | None, value: UserRef | RoleRef | ChannelRef, resolved: Json
) -> None:
    """Describe a user, role or channel in an interaction's `resolved` map."""
    if isinstance(value, UserRef):
        resolved.setdefault("users", {})[value.id] = world.users[value.id]
        if guild is not None and value.id in guild.members:
            member = {k: v for k, v in guild.members[value.id].items() if k != "user"}
            member["permissions"] = str(guild.permissions_of(value.id))
            resolved.setdefault("members", {})[value.id] = member
    elif isinstance(value, RoleRef):
        resolved.setdefault("roles", {})[value.id] = world.guilds[value.guild_id].roles[value.id]
    else:
        channel = world.channels[value.id]
        partial = {
            k: channel[k]
            for k in ("id", "name", "type", "parent_id", "thread_metadata")
            if k in channel
        }
        permissions = guild.permissions_of(world.bot["id"]) if guild else 0
        resolved.setdefault("channels", {})[value.id] = partial | {"permissions": str(permissions)}


# -- components -------------------------------------------------------------------------------


def component_names(component: Json) -> set[str]:
    """What a test may call a component by: its custom_id, label or placeholder."""
    keys = ("custom_id", "label", "placeholder")
    return {component[k] for k in keys if component.get(k)}


def find_component(message: Json, key: str) -> Json:
    """The button or select on `message` whose label, placeholder or custom_id is `key`."""
    usable = [c for c in walk_components(message["components"]) if c["type"] in (BUTTON, *_SELECTS)]
    component = next((c for c in usable if key in component_names(c)), None)
    if component is None:
        known = sorted(n for c in usable for n in component_names(c))
        raise InvocationError(
            f"no button or select {key!r} on message {message['id']} (has: {known})"
        )
    if component.get("disabled"):
        raise InvocationError(f"{key!r} is disabled")
    if component["type"] == BUTTON and component.get("style") == LINK_BUTTON_STYLE:
        raise InvocationError(f"{key!r} is a link button; clicking it never reaches the bot")
    return component


def component_interaction(
    core: Core,
    message: Json,
    key: str,
    actor: UserRef,
    values: list[OptionValue] | None,
) -> InteractionRecord:
    """A type 3 interaction: `actor` clicks a button or picks `values` in a select."""
    refuse_if_deleted(core, message)
    _check_sees(message, actor)
    component = find_component(message, key)
    data: Json = {"custom_id": component["custom_id"], "component_type": component["type"]}
    if "id" in component:
        data["id"] = component["id"]
    if component["type"] in _SELECTS:
        data["values"], resolved = _select_values(core, message, component, values or [])
        if resolved:
            data["resolved"] = resolved
    elif values:
        raise InvocationError(f"{key!r} is a button; it takes no values")
    channel = core.world.channels[message["channel_id"]]
    ref = ChannelRef(
        channel["id"], channel.get("name", ""), channel.get("guild_id"), channel["type"]
    )
    return new_record(core, COMPONENT, data, actor, ref, message)


def refuse_if_deleted(core: Core, message: Json | None) -> None:
    """Discord answers a click on a deleted message's component, or the form one of them
    opened, with Unknown Message: the interaction never reaches the bot."""
    if message is not None and deleted(core, message):
        raise InvocationError(
            f"Unknown Message (10008): message {message['id']} was deleted; Discord refuses an "
            "interaction on its components and the forms they opened"
        )


def _check_sees(message: Json, actor: UserRef) -> None:
    # Discord shows an ephemeral message only to the member whose interaction it answered; no
    # one else's client has it to click.
    viewer = (message.get("interaction_metadata") or {}).get("user")
    if not message["flags"] & EPHEMERAL or viewer is None or viewer["id"] == actor.id:
        return
    name = viewer.get("global_name") or viewer["username"]
    raise InvocationError(
        f"{actor.name} cannot click on message {message['id']}: it is ephemeral and only "
        f"{name} sees it (it answered {name}'s interaction); click as actor={name}"
    )


def _select_values(
    core: Core, message: Json, component: Json, values: list[OptionValue]
) -> tuple[list[str], Json]:
    low, high = component.get("min_values", 1), component.get("max_values", 1)
    if not low <= len(values) <= high:
        raise InvocationError(f"select {component['custom_id']!r} takes {low}..{high} values")
    if component["type"] == STRING_SELECT:
        offered = [o["value"] for o in component.get("options", [])]
        wrong = [v for v in values if v not in offered]
        if wrong:
            raise InvocationError(
                f"select {component['custom_id']!r} offers {offered}, not {wrong}"
            )
        return [str(v) for v in values], {}
    resolved: Json = {}
    guild = core.world.guild_of(message["channel_id"])
    for value in values:
        if not isinstance(value, UserRef | RoleRef | ChannelRef):
            raise InvocationError(
                f"select {component['custom_id']!r} takes users, roles or channels"
            )
        add_resolved(core.world, guild, value, resolved)
    return [v.id for v in values], resolved  # type: ignore[union-attr]
