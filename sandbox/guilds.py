"""Guild routes: the guild, its channels, members, roles and scheduled events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sandbox.api import (
    ApiError,
    Call,
    invalid_form,
    missing_access,
    missing_permissions,
    route,
)
from sandbox.messages import bot_may
from sandbox.state import ChannelType, Guild, Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core

EXTERNAL = 3
SCHEDULED, ACTIVE, COMPLETED, CANCELED = 1, 2, 3, 4
_STATUS_MOVES = {(SCHEDULED, ACTIVE), (ACTIVE, COMPLETED), (SCHEDULED, CANCELED)}
_EVENT_FIELDS = (
    "name",
    "description",
    "scheduled_start_time",
    "scheduled_end_time",
    "privacy_level",
    "entity_type",
    "entity_metadata",
    "channel_id",
    "status",
    "recurrence_rule",
    "image",
)


def guild_or_404(core: Core, guild_id: str) -> Guild:
    guild = core.world.guilds.get(guild_id)
    if guild_id in core.world.removed_guilds:
        raise missing_access()
    if guild is None:
        raise ApiError(404, 10004, "Unknown Guild")
    return guild


def member_or_404(guild: Guild, user_id: str) -> Json:
    member = guild.members.get(user_id)
    if member is None:
        raise ApiError(404, 10007, "Unknown Member")
    return member


def _require(core: Core, guild: Guild, permission: int) -> None:
    if not guild.permissions_of(core.world.bot["id"]) & permission:
        raise missing_permissions()


@route("GET", "/guilds/{guild_id}")
async def get_guild(core: Core, call: Call) -> Json:
    payload = guild_or_404(core, call.params["guild_id"]).gateway_payload()
    dropped = ("members", "channels", "threads", "presences", "voice_states", "joined_at", "large")
    return {k: v for k, v in payload.items() if k not in dropped} | {
        "approximate_member_count": len(core.world.guilds[call.params["guild_id"]].members),
        "approximate_presence_count": 0,
    }


@route("GET", "/users/@me/guilds")
async def list_my_guilds(core: Core, call: Call) -> list[Json]:
    """The servers the bot is in, by id: `limit` (1-200, default 200) after `after` or before
    `before`, as Discord pages them."""
    limit = int(call.query.get("limit", 200))
    if not 1 <= limit <= 200:
        raise invalid_form("limit must be between 1 and 200")
    bot_id = core.world.bot["id"]
    joined = sorted(core.world.guilds.values(), key=lambda guild: int(guild.id))
    if "before" in call.query:
        joined = [g for g in joined if int(g.id) < int(call.query["before"])][-limit:]
    else:
        joined = [g for g in joined if int(g.id) > int(call.query.get("after", 0))][:limit]
    counted = call.query.get("with_counts") in ("1", "true", "True")
    return [
        {
            "id": guild.id,
            "name": guild.name,
            "icon": None,
            "banner": None,
            "owner": guild.owner_id == bot_id,
            "permissions": str(guild.permissions_of(bot_id)),
            "features": [],
        }
        | ({"approximate_member_count": len(guild.members)} if counted else {})
        | ({"approximate_presence_count": 0} if counted else {})
        for guild in joined
    ]


@route("GET", "/guilds/{guild_id}/channels")
async def list_channels(core: Core, call: Call) -> list[Json]:
    guild = guild_or_404(core, call.params["guild_id"])
    return [c for c in guild.channels.values() if c["type"] not in ChannelType.THREADS]


@route("GET", "/guilds/{guild_id}/threads/active")
async def active_threads(core: Core, call: Call) -> Json:
    """The server's threads that are not archived, of those the bot may see: public ones in
    channels it views, private ones it is in or may manage."""
    guild = guild_or_404(core, call.params["guild_id"])

    threads = [
        thread
        for thread in guild.channels.values()
        if thread["type"] in ChannelType.THREADS
        and not thread["thread_metadata"]["archived"]
        and bot_may(core, thread, Permission.VIEW_CHANNEL)
    ]
    return {"threads": threads, "members": [], "has_more": False}


@route("GET", "/guilds/{guild_id}/members/{user_id}")
async def get_member(core: Core, call: Call) -> Json:
    guild = guild_or_404(core, call.params["guild_id"])
    return member_or_404(guild, call.params["user_id"])


@route("GET", "/guilds/{guild_id}/members")
async def list_members(core: Core, call: Call) -> list[Json]:
    guild = guild_or_404(core, call.params["guild_id"])
    after = int(call.query.get("after", 0))
    members = sorted(guild.members.values(), key=lambda m: int(m["user"]["id"]))
    chosen = [m for m in members if int(m["user"]["id"]) > after]
    return chosen[: int(call.query.get("limit", 1))]


@route("GET", "/guilds/{guild_id}/roles")
async def list_roles(core: Core, call: Call) -> list[Json]:
    return list(guild_or_404(core, call.params["guild_id"]).roles.values())


async def _change_role(core: Core, call: Call, add: bool) -> None:
    guild = guild_or_404(core, call.params["guild_id"])
    _require(core, guild, Permission.MANAGE_ROLES)
    member = member_or_404(guild, call.params["user_id"])
    role_id = call.params["role_id"]
    if role_id not in guild.roles:
        raise ApiError(404, 10011, "Unknown Role")
    _require_above(core, guild, guild.roles[role_id])
    roles = [r for r in member["roles"] if r != role_id]
    member["roles"] = [*roles, role_id] if add else roles
    await core.dispatch("GUILD_MEMBER_UPDATE", {**member, "guild_id": guild.id})


def _require_above(core: Core, guild: Guild, role: Json) -> None:
    """Discord's role hierarchy: nobody gives or takes a role an integration manages (a bot's
    own, Server Booster), and the bot only roles below its own highest (Administrator does
    not lift this, owning the server does)."""
    bot_id = core.world.bot["id"]
    if role["managed"]:
        raise missing_permissions()
    if not core.options.role_hierarchy or bot_id == guild.owner_id:
        return
    highest = max(guild.roles[r]["position"] for r in [guild.id, *guild.members[bot_id]["roles"]])
    if role["position"] >= highest:
        raise missing_permissions()


@route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
async def add_role(core: Core, call: Call) -> None:
    await _change_role(core, call, add=True)


@route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
async def remove_role(core: Core, call: Call) -> None:
    await _change_role(core, call, add=False)


# -- scheduled events -------------------------------------------------------------------------
#
# Discord's rules for the events in a server's Events tab, as the bot meets them: creating needs
# Create Events or Manage Events; editing or deleting needs Manage Events, or Create Events for an
# event one created oneself. At most 100 events are scheduled or active per server. An event
# cannot start in the past; an external one needs a location (at most 100 characters) and an end.

MAX_ACTIVE_EVENTS = 100
NAME_MAX, DESCRIPTION_MAX, LOCATION_MAX = 100, 1000, 100
GUILD_ONLY = 2  # the only privacy level Discord accepts


def _event_or_404(guild: Guild, event_id: str) -> Json:
    event = guild.events.get(event_id)
    if event is None:
        raise ApiError(404, 10070, "Unknown Guild Scheduled Event")
    return event


def _check_event(event: Json) -> None:
    name = event.get("name") or ""
    if not 1 <= len(name) <= NAME_MAX:
        raise invalid_form(f"name: must be between 1 and {NAME_MAX} in length")
    if len(event.get("description") or "") > DESCRIPTION_MAX:
        raise invalid_form(f"description: must be {DESCRIPTION_MAX} or fewer in length")
    if event.get("privacy_level") != GUILD_ONLY:
        raise invalid_form(f"privacy_level: must be {GUILD_ONLY} (GUILD_ONLY)")
    if event["entity_type"] == EXTERNAL:
        location = (event.get("entity_metadata") or {}).get("location") or ""
        if not location:
            raise invalid_form("entity_metadata.location is required for external events")
        if len(location) > LOCATION_MAX:
            raise invalid_form(f"entity_metadata.location: must be {LOCATION_MAX} or fewer")
        if not event.get("scheduled_end_time"):
            raise invalid_form("scheduled_end_time is required for external events")
    end = event.get("scheduled_end_time")
    if end and datetime.fromisoformat(end) <= datetime.fromisoformat(event["scheduled_start_time"]):
        raise invalid_form("scheduled_end_time must be after scheduled_start_time")


def _require_to_create(core: Core, guild: Guild, user_id: str) -> None:
    allowed = Permission.CREATE_EVENTS
    if not core.options.permission_splits:
        allowed |= Permission.MANAGE_EVENTS  # until Discord's split, Manage Events serves too
    if not guild.permissions_of(user_id) & allowed:
        raise missing_permissions()


def _require_to_change(guild: Guild, user_id: str, event: Json) -> None:
    held = guild.permissions_of(user_id)
    own = event.get("creator_id") == user_id and held & Permission.CREATE_EVENTS
    if not (held & Permission.MANAGE_EVENTS or own):
        raise missing_permissions()


def status_by_the_clock(event: Json, now: datetime) -> int:
    """The status Discord gives `event` at `now`: an external event is active from its start
    and completed at its end, by itself (Discord's docs, "Guild Scheduled Event Status Update
    Automation")."""
    status = event["status"]
    if event["entity_type"] != EXTERNAL or status not in (SCHEDULED, ACTIVE):
        return status
    if datetime.fromisoformat(event["scheduled_start_time"]) <= now:
        status = ACTIVE
    end = event.get("scheduled_end_time")
    if status == ACTIVE and end and datetime.fromisoformat(end) <= now:
        status = COMPLETED
    return status


async def _run_by_the_clock(core: Core, guild: Guild) -> None:
    """The loopback catches up with `status_by_the_clock` whenever the server's events are
    next touched, telling the bot."""
    now = core.world.clock()
    for event in guild.events.values():
        status = status_by_the_clock(event, now)
        if status != event["status"]:
            event["status"] = status
            await core.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", {**event})


def _starts_ahead(core: Core, start: str) -> None:
    if datetime.fromisoformat(start) <= core.world.clock():
        raise invalid_form("scheduled_start_time: cannot schedule an event in the past")


@route("POST", "/guilds/{guild_id}/scheduled-events")
async def create_event(core: Core, call: Call) -> Json:
    guild = guild_or_404(core, call.params["guild_id"])
    await _run_by_the_clock(core, guild)
    bot = core.world.bot
    _require_to_create(core, guild, bot["id"])
    body = call.json()
    if "scheduled_start_time" not in body:
        raise invalid_form("scheduled_start_time: this field is required")
    _starts_ahead(core, body["scheduled_start_time"])
    if sum(e["status"] in (SCHEDULED, ACTIVE) for e in guild.events.values()) >= MAX_ACTIVE_EVENTS:
        raise ApiError(400, 30038, "Maximum number of guild scheduled events reached (100)")
    event: Json = {
        "id": core.world.ids.next(),
        "guild_id": guild.id,
        "channel_id": None,
        "creator_id": bot["id"],
        "creator": bot,
        "description": None,
        "image": None,
        "scheduled_end_time": None,
        "status": SCHEDULED,
        "entity_id": None,
        "entity_metadata": None,
        "recurrence_rule": None,
        "user_count": 0,
        "guild_scheduled_event_exceptions": [],
        **{k: body[k] for k in _EVENT_FIELDS if k in body},
    }
    _check_event(event)
    guild.events[event["id"]] = event
    await core.dispatch("GUILD_SCHEDULED_EVENT_CREATE", event)
    return event


@route("GET", "/guilds/{guild_id}/scheduled-events")
async def list_events(core: Core, call: Call) -> list[Json]:
    guild = guild_or_404(core, call.params["guild_id"])
    await _run_by_the_clock(core, guild)
    return list(guild.events.values())


@route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
async def get_event(core: Core, call: Call) -> Json:
    guild = guild_or_404(core, call.params["guild_id"])
    await _run_by_the_clock(core, guild)
    return _event_or_404(guild, call.params["guild_scheduled_event_id"])


async def change_event(core: Core, guild: Guild, event_id: str, user_id: str, body: Json) -> Json:
    """Apply an edit by `user_id` (the bot, or a member in the Events tab) as Discord would."""
    await _run_by_the_clock(core, guild)
    event = _event_or_404(guild, event_id)
    _require_to_change(guild, user_id, event)
    if event["status"] in (COMPLETED, CANCELED):
        raise ApiError(400, 180000, "Cannot update a finished or canceled event")
    moved = (event["status"], body.get("status", event["status"]))
    if moved[0] != moved[1] and moved not in _STATUS_MOVES:
        raise invalid_form(f"status: an event cannot go from {moved[0]} to {moved[1]}")
    if "scheduled_start_time" in body and body["scheduled_start_time"] != event.get(
        "scheduled_start_time"
    ):
        _starts_ahead(core, body["scheduled_start_time"])
    updated = {**event, **{k: body[k] for k in _EVENT_FIELDS if k in body}}
    _check_event(updated)
    event.update(updated)
    await core.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", event)
    return event


async def remove_event(core: Core, guild: Guild, event_id: str, user_id: str) -> None:
    """Delete an event as `user_id` (the bot, or a member in the Events tab)."""
    await _run_by_the_clock(core, guild)
    event = _event_or_404(guild, event_id)
    _require_to_change(guild, user_id, event)
    del guild.events[event["id"]]
    await core.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event)


@route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
async def edit_event(core: Core, call: Call) -> Json:
    guild = guild_or_404(core, call.params["guild_id"])
    return await change_event(
        core, guild, call.params["guild_scheduled_event_id"], core.world.bot["id"], call.json()
    )


@route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
async def delete_event(core: Core, call: Call) -> None:
    guild = guild_or_404(core, call.params["guild_id"])
    await remove_event(core, guild, call.params["guild_scheduled_event_id"], core.world.bot["id"])
