"""Pin routes: pin, unpin and list, on both the old `/pins` and the new `/messages/pins` paths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.api import ApiError, Call, route
from sandbox.messages import (
    bot_may,
    channel_or_404,
    gateway_message,
    message_or_404,
    require_bot_permission,
    require_writable,
)
from sandbox.state import Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core

MAX_PINS = 50


async def _set_pinned(core: Core, call: Call, pinned: bool) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    require_bot_permission(core, channel, _pin_permission(core, channel))
    require_writable(channel)
    pins = core.world.pins[channel["id"]]
    if pinned and message["id"] not in pins and len(pins) >= MAX_PINS:
        raise ApiError(400, 30003, f"Maximum number of pins reached ({MAX_PINS})")
    pins.pop(message["id"], None)
    if pinned:
        pins[message["id"]] = core.world.now_iso()
    message["pinned"] = pinned
    await core.dispatch("MESSAGE_UPDATE", gateway_message(core, message))
    event: Json = {"channel_id": channel["id"], "last_pin_timestamp": core.world.now_iso()}
    if channel.get("guild_id"):
        event["guild_id"] = channel["guild_id"]
    await core.dispatch("CHANNEL_PINS_UPDATE", event)


def _pin_permission(core: Core, channel: Json) -> int:
    """Pin Messages; until Discord's split, Manage Messages serves as well."""
    if not core.options.permission_splits and bot_may(core, channel, Permission.MANAGE_MESSAGES):
        return Permission.MANAGE_MESSAGES
    return Permission.PIN_MESSAGES


def _pinned_newest_first(core: Core, channel_id: str) -> list[tuple[Json, str]]:
    channel = channel_or_404(core, channel_id)
    messages = core.world.messages[channel["id"]]
    pins = core.world.pins[channel["id"]]
    return [(messages[mid], pinned_at) for mid, pinned_at in reversed(pins.items())]


@route("PUT", "/channels/{channel_id}/pins/{message_id}")
@route("PUT", "/channels/{channel_id}/messages/pins/{message_id}")
async def pin(core: Core, call: Call) -> None:
    await _set_pinned(core, call, pinned=True)


@route("DELETE", "/channels/{channel_id}/pins/{message_id}")
@route("DELETE", "/channels/{channel_id}/messages/pins/{message_id}")
async def unpin(core: Core, call: Call) -> None:
    await _set_pinned(core, call, pinned=False)


@route("GET", "/channels/{channel_id}/pins")
async def list_pins_legacy(core: Core, call: Call) -> list[Json]:
    return [message for message, _ in _pinned_newest_first(core, call.params["channel_id"])]


@route("GET", "/channels/{channel_id}/messages/pins")
async def list_pins(core: Core, call: Call) -> Json:
    pinned = _pinned_newest_first(core, call.params["channel_id"])
    items = [{"pinned_at": pinned_at, "message": message} for message, pinned_at in pinned]
    return {"items": items, "has_more": False}
