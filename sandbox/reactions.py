"""Reactions: adding and removing one user's reaction, and the reaction routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.api import Call, route
from sandbox.messages import (
    channel_or_404,
    message_or_404,
    require_bot_permission,
    require_writable,
)
from sandbox.state import Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core


async def react(core: Core, message: Json, emoji: str, user_id: str, *, add: bool) -> None:
    """Add or remove one user's reaction, re-render `reactions`, and echo the gateway event."""
    users = core.world.reactions.setdefault(message["id"], {}).setdefault(emoji, [])
    if add == (user_id in users):
        return
    if add:
        users.append(user_id)
    else:
        users.remove(user_id)
    _render_reactions(core, message)
    name, _, emoji_id = emoji.partition(":")
    event: Json = {
        "user_id": user_id,
        "channel_id": message["channel_id"],
        "message_id": message["id"],
        "emoji": {"id": emoji_id or None, "name": name},
        "burst": False,
        "type": 0,
    }
    guild = core.world.guild_of(message["channel_id"])
    if guild is not None:
        event["guild_id"] = guild.id
        if add and user_id in guild.members:
            event["member"] = guild.members[user_id]
    await core.dispatch("MESSAGE_REACTION_ADD" if add else "MESSAGE_REACTION_REMOVE", event)


def needed_to_react(core: Core, message: Json, emoji: str) -> int:
    """What Discord asks of anyone adding `emoji` to `message` (discord-api-docs,
    resources/message, "Create Reaction"): Read Message History, and Add Reactions as well
    when nobody has reacted with it yet, since only the first reaction of its kind adds one."""
    needed = Permission.READ_MESSAGE_HISTORY
    if not core.world.reactions.get(message["id"], {}).get(emoji):
        needed |= Permission.ADD_REACTIONS
    return needed


def _render_reactions(core: Core, message: Json) -> None:
    bot_id = core.world.bot["id"]
    rendered = []
    for emoji, users in core.world.reactions.get(message["id"], {}).items():
        if not users:
            continue
        name, _, emoji_id = emoji.partition(":")
        rendered.append(
            {
                "emoji": {"id": emoji_id or None, "name": name},
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "burst_colors": [],
                "me": bot_id in users,
                "me_burst": False,
                "burst_count": 0,
            }
        )
    message["reactions"] = rendered


@route("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
async def add_own_reaction(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    emoji = call.params["emoji_name"]
    require_bot_permission(core, channel, needed_to_react(core, message, emoji))
    require_writable(channel)
    await react(core, message, emoji, core.world.bot["id"], add=True)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
async def remove_own_reaction(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    require_writable(channel)
    message = message_or_404(core, channel["id"], call.params["message_id"])
    await react(core, message, call.params["emoji_name"], core.world.bot["id"], add=False)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}")
async def remove_reaction(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    require_bot_permission(core, channel, Permission.MANAGE_MESSAGES)
    require_writable(channel)
    message = message_or_404(core, channel["id"], call.params["message_id"])
    await react(core, message, call.params["emoji_name"], call.params["user_id"], add=False)


@route("GET", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}")
async def list_reactors(core: Core, call: Call) -> list[Json]:
    message = message_or_404(core, call.params["channel_id"], call.params["message_id"])
    users = core.world.reactions.get(message["id"], {}).get(call.params["emoji_name"], [])
    return [core.world.users[user_id] for user_id in users]
