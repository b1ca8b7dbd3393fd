"""Gateway intents: which events a session receives, and what message content it may read.

Discord sends a session only the events its identify `intents` ask for, and without the
privileged MESSAGE_CONTENT intent it empties the content of other people's messages. The bits
are Discord's (and discord.py's `Intents` flags).
"""

from __future__ import annotations

from typing import Any

from sandbox.state import ChannelType, World

Json = dict[str, Any]

GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_REACTIONS = 1 << 10
DIRECT_MESSAGES = 1 << 12
DIRECT_MESSAGE_REACTIONS = 1 << 13
MESSAGE_CONTENT = 1 << 15
GUILD_SCHEDULED_EVENTS = 1 << 16

ALWAYS = 0  # READY, RESUMED, INTERACTION_CREATE, GUILD_MEMBERS_CHUNK: no intent needed
_GUILD_EVENTS = {
    **dict.fromkeys(
        (
            "GUILD_CREATE",
            "GUILD_UPDATE",
            "GUILD_DELETE",
            "GUILD_ROLE_CREATE",
            "GUILD_ROLE_UPDATE",
            "GUILD_ROLE_DELETE",
            "CHANNEL_CREATE",
            "CHANNEL_UPDATE",
            "CHANNEL_DELETE",
            "THREAD_CREATE",
            "THREAD_UPDATE",
            "THREAD_DELETE",
            "THREAD_LIST_SYNC",
            "THREAD_MEMBER_UPDATE",
            "STAGE_INSTANCE_CREATE",
            "STAGE_INSTANCE_UPDATE",
            "STAGE_INSTANCE_DELETE",
        ),
        GUILDS,
    ),
    **dict.fromkeys(
        (
            "GUILD_MEMBER_ADD",
            "GUILD_MEMBER_UPDATE",
            "GUILD_MEMBER_REMOVE",
            "THREAD_MEMBERS_UPDATE",
        ),
        GUILD_MEMBERS,
    ),
    **dict.fromkeys(
        (
            "GUILD_SCHEDULED_EVENT_CREATE",
            "GUILD_SCHEDULED_EVENT_UPDATE",
            "GUILD_SCHEDULED_EVENT_DELETE",
            "GUILD_SCHEDULED_EVENT_USER_ADD",
            "GUILD_SCHEDULED_EVENT_USER_REMOVE",
        ),
        GUILD_SCHEDULED_EVENTS,
    ),
}
# Events whose intent depends on where they happen: (in a guild, in a DM).
_MESSAGE_EVENTS = {
    **dict.fromkeys(
        ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK"),
        (GUILD_MESSAGES, DIRECT_MESSAGES),
    ),
    **dict.fromkeys(
        (
            "MESSAGE_REACTION_ADD",
            "MESSAGE_REACTION_REMOVE",
            "MESSAGE_REACTION_REMOVE_ALL",
            "MESSAGE_REACTION_REMOVE_EMOJI",
        ),
        (GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS),
    ),
    "CHANNEL_PINS_UPDATE": (GUILDS, DIRECT_MESSAGES),
}
_CONTENT_FIELDS = {"content": "", "embeds": [], "attachments": [], "components": []}


def required_intent(event: str, data: Json) -> int:
    """The intent bit a session needs to receive `event` (ALWAYS when none is needed)."""
    if event in _MESSAGE_EVENTS:
        in_guild, in_dm = _MESSAGE_EVENTS[event]
        return in_guild if data.get("guild_id") else in_dm
    return _GUILD_EVENTS.get(event, ALWAYS)


def for_session(world: World, event: str, data: Json, intents: int) -> Json | None:
    """`data` as a session with `intents` receives it, or None when it receives nothing."""
    needed = required_intent(event, data)
    own = event == "GUILD_MEMBER_UPDATE" and data["user"]["id"] == world.bot["id"]
    if needed and not intents & needed and not own:  # the bot's own update comes regardless
        return None
    if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and not intents & MESSAGE_CONTENT:
        return without_content(world, data)
    if event == "GUILD_CREATE" and not intents & GUILD_MEMBERS:
        # Without the members intent Discord sends only the bot's own member.
        return {
            **data,
            "members": [m for m in data["members"] if m["user"]["id"] == world.bot["id"]],
        }
    return data


def without_content(world: World, message: Json) -> Json:
    """A message as an app without MESSAGE_CONTENT sees it: content emptied unless exempt."""
    shaped = message if _content_visible(world, message) else {**message, **_CONTENT_FIELDS}
    referenced = shaped.get("referenced_message")
    if referenced:
        shaped = {**shaped, "referenced_message": without_content(world, referenced)}
    return shaped


def _content_visible(world: World, message: Json) -> bool:
    # Discord's exceptions: the app's own messages, DMs with it, and messages that mention it.
    bot_id = world.bot["id"]
    if message.get("author", {}).get("id") == bot_id:
        return True
    channel = world.channels.get(message.get("channel_id", ""))
    if channel is not None and channel["type"] == ChannelType.DM:
        return True
    return any(user.get("id") == bot_id for user in message.get("mentions", []))
