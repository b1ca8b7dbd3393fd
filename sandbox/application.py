"""Who the bot is and where to connect: users, the application, gateway URLs, command sync."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.api import ApiError, Call, route
from sandbox.guilds import guild_or_404
from sandbox.state import Json

if TYPE_CHECKING:
    from sandbox.core import Core

SLASH = 1
_SUBCOMMANDS = (1, 2)


@route("GET", "/users/@me")
async def current_user(core: Core, call: Call) -> Json:
    return {**core.world.bot, "mfa_enabled": False, "locale": "en-US", "verified": True}


@route("GET", "/users/{user_id}")
async def get_user(core: Core, call: Call) -> Json:
    user = core.world.users.get(call.params["user_id"])
    if user is None:
        raise ApiError(404, 10013, "Unknown User")
    return user


@route("GET", "/oauth2/applications/@me")
async def current_application(core: Core, call: Call) -> Json:
    bot = core.world.bot
    return {
        "id": core.world.application_id,
        "name": bot["global_name"],
        "icon": None,
        "description": "Keitora running against the loopback Discord",
        "type": None,
        "bot": bot,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": 0,
        "flags_new": "0",
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "owner": bot,
        "approximate_guild_count": len(core.world.guilds),
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "team": None,
        "eligible_oauth2_scopes": ["bot", "applications.commands"],
        "rpc_origins": [],
        "summary": "",
    }


@route("GET", "/gateway")
async def gateway_url(core: Core, call: Call) -> Json:
    return {"url": core.gateway.url}


@route("GET", "/gateway/bot")
async def bot_gateway_url(core: Core, call: Call) -> Json:
    limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
    return {"url": core.gateway.url, "shards": 1, "session_start_limit": limit}


# -- application commands ---------------------------------------------------------------------


def _scope(core: Core, call: Call) -> str | None:
    if call.params["application_id"] != core.world.application_id:
        raise ApiError(404, 10002, "Unknown Application")
    guild_id = call.params.get("guild_id")
    return guild_or_404(core, guild_id).id if guild_id else None


def _stored_command(core: Core, scope: str | None, body: Json, previous: list[Json]) -> Json:
    # Discord keeps a command's id across overwrites when its name and type are unchanged.
    kind = body.get("type") or SLASH
    same = next((c for c in previous if c["name"] == body["name"] and c["type"] == kind), None)
    command: Json = {
        "id": same["id"] if same else core.world.ids.next(),
        "application_id": core.world.application_id,
        "version": core.world.ids.next(),
        "type": kind,
        "name": body["name"],
        "description": body.get("description") or "",
        "default_member_permissions": _permission_string(body.get("default_member_permissions")),
        "nsfw": bool(body.get("nsfw")),
        "options": [_stored_option(o) for o in body.get("options") or []],
    }
    for key in ("contexts", "integration_types", "name_localizations", "description_localizations"):
        if body.get(key) is not None:
            command[key] = body[key]
    if scope is not None:
        command["guild_id"] = scope
    return command


def _permission_string(value: object) -> str | None:
    # discord.py sends the bitfield as a JSON integer; Discord answers with its string form.
    return None if value is None else str(value)


def _stored_option(option: Json) -> Json:
    stored: dict[str, Any] = {k: v for k, v in option.items() if v is not None}
    if option["type"] in _SUBCOMMANDS:
        stored["options"] = [_stored_option(o) for o in option.get("options") or []]
    return stored


@route("PUT", "/applications/{application_id}/commands")
@route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
async def overwrite_commands(core: Core, call: Call) -> list[Json]:
    scope = _scope(core, call)
    previous = core.world.commands.get(scope, [])
    bodies = call.body or []
    names = [(b["name"], b.get("type") or SLASH) for b in bodies]
    if len(names) != len(set(names)):
        raise ApiError(400, 50035, "Invalid Form Body: application command names must be unique")
    core.world.commands[scope] = [_stored_command(core, scope, b, previous) for b in bodies]
    core.changed.fire()
    return core.world.commands[scope]


@route("GET", "/applications/{application_id}/commands")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
async def list_commands(core: Core, call: Call) -> list[Json]:
    return core.world.commands.get(_scope(core, call), [])


@route("POST", "/applications/{application_id}/commands")
@route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
async def upsert_command(core: Core, call: Call) -> Json:
    scope = _scope(core, call)
    previous = core.world.commands.get(scope, [])
    command = _stored_command(core, scope, call.json(), previous)
    others = [c for c in previous if c["id"] != command["id"]]
    core.world.commands[scope] = [*others, command]
    core.changed.fire()
    return command
