"""Channel routes: get/edit a channel, threads (from a message, standalone, forum posts), DMs."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sandbox.api import Answer, ApiError, Call, RateLimitedError, invalid_form, route
from sandbox.messages import (
    channel_or_404,
    message_or_404,
    new_message,
    permitted_body,
    publish,
    require_bot_permission,
    thread_is_archived,
)
from sandbox.state import ChannelType, Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core

HAS_THREAD = 1 << 5
REQUIRE_TAG = 1 << 4  # a forum's flag: every new post must carry a tag
MAX_FORUM_TAGS = 20
MAX_TAG_NAME = 20
MAX_APPLIED_TAGS = 5
_THREAD_FIELDS = ("name", "applied_tags", "rate_limit_per_user", "flags")
_REOPEN = {"archived", "locked"}  # a body that only reopens a thread (`locked: false` at most)
_CHANNEL_FIELDS = ("name", "topic", "nsfw", "rate_limit_per_user", "position", "available_tags")
# Discord renames one channel (a thread too) at most twice in ten minutes, and answers the next
# PATCH carrying a name with a 429 until the oldest rename is ten minutes old; the refused
# PATCH changes nothing, and PATCHes without a name (archive, tags) are not held back.
RENAMES_PER_WINDOW = 2
RENAME_WINDOW = timedelta(minutes=10)


def new_thread(
    core: Core, parent: Json, name: str, kind: int, *, thread_id: str | None, body: Json
) -> Json:
    """A thread under `parent`, registered with the world (and its guild) but not announced."""
    guild = core.world.guilds[parent["guild_id"]]
    now = core.world.now_iso()
    thread: Json = {
        "id": thread_id or core.world.ids.next(),
        "type": kind,
        "guild_id": guild.id,
        "parent_id": parent["id"],
        "owner_id": core.world.bot["id"],
        "name": name,
        "flags": 0,
        "last_message_id": None,
        "rate_limit_per_user": body.get("rate_limit_per_user") or 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": body.get("auto_archive_duration") or 4320,
            "archive_timestamp": now,
            "locked": False,
            "create_timestamp": now,
        },
    }
    if parent["type"] == ChannelType.GUILD_FORUM:
        thread["applied_tags"] = _checked_tags(core, parent, body.get("applied_tags") or [])
    if kind == ChannelType.PRIVATE_THREAD:
        thread["thread_metadata"]["invitable"] = body.get("invitable", True)
    core.world.register_channel(thread)
    core.world.thread_members[thread["id"]] = {thread["owner_id"]}  # its starter is in it
    guild.channels[thread["id"]] = thread
    return thread


def _checked_tags(core: Core, forum: Json, tags: list[str]) -> list[str]:
    known = {tag["id"]: tag for tag in forum["available_tags"]}
    unknown = [str(tag) for tag in tags if str(tag) not in known]
    if unknown:
        raise invalid_form(f"applied_tags: unknown tag ids {unknown}")
    if len(tags) > MAX_APPLIED_TAGS:
        raise invalid_form(f"applied_tags: at most {MAX_APPLIED_TAGS} tags")
    if any(known[str(tag)]["moderated"] for tag in tags):
        # A moderated tag is applied only by those who may manage threads.
        require_bot_permission(core, forum, Permission.MANAGE_THREADS)
    return [str(tag) for tag in tags]


def _checked_available_tags(core: Core, forum: Json, tags: list[Json]) -> list[Json]:
    """A forum's new tag list as Discord keeps it: at most 20 tags with names of at most 20
    characters; a tag without an id is new and gets one, an id it does not have is refused."""
    if len(tags) > MAX_FORUM_TAGS:
        raise invalid_form(f"available_tags: must be {MAX_FORUM_TAGS} or fewer in length")
    existing = {tag["id"] for tag in forum["available_tags"]}
    kept = []
    for index, tag in enumerate(tags):
        name = str(tag.get("name") or "")
        if not 1 <= len(name) <= MAX_TAG_NAME:
            raise invalid_form(f"available_tags.{index}.name: must be 1 to {MAX_TAG_NAME} long")
        tag_id = str(tag["id"]) if tag.get("id") else core.world.ids.next()
        if tag.get("id") and tag_id not in existing:
            raise invalid_form(f"available_tags.{index}.id: unknown tag id {tag_id}")
        kept.append(
            {
                "id": tag_id,
                "name": name,
                "moderated": bool(tag.get("moderated")),
                "emoji_id": tag.get("emoji_id"),
                "emoji_name": tag.get("emoji_name"),
            }
        )
    return kept


async def _announce_thread(core: Core, thread: Json) -> None:
    await core.dispatch("THREAD_CREATE", {**thread, "newly_created": True})


@route("GET", "/channels/{channel_id}")
async def get_channel(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    require_bot_permission(core, channel, Permission.VIEW_CHANNEL)
    return channel


@route("PATCH", "/channels/{channel_id}")
async def edit_channel(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    body = call.json()
    if channel["type"] not in ChannelType.THREADS:
        require_bot_permission(core, channel, Permission.MANAGE_CHANNELS)
        if "available_tags" in body:
            if channel["type"] != ChannelType.GUILD_FORUM:
                raise invalid_form("available_tags: only forum channels have tags")
            body = {
                **body,
                "available_tags": _checked_available_tags(
                    core, channel, body["available_tags"] or []
                ),
            }
        _spend_rename(core, channel, body)
        channel.update({k: body[k] for k in _CHANNEL_FIELDS if k in body})
        await core.dispatch("CHANNEL_UPDATE", channel)
        return channel
    require_bot_permission(core, channel, Permission.VIEW_CHANNEL)  # its own thread too
    metadata = channel["thread_metadata"]
    owns = channel["owner_id"] == core.world.bot["id"]
    reopens = body.get("archived") is False
    if metadata["archived"] and not reopens:
        raise thread_is_archived()  # an archived thread is changed only by reopening it
    just_reopens = (
        reopens and not metadata["locked"] and not body.get("locked") and body.keys() <= _REOPEN
    )
    if just_reopens:
        # Reopening an unlocked thread, anyone's, takes no more than posting in it would.
        require_bot_permission(core, channel, Permission.SEND_MESSAGES)
    elif "locked" in body or not owns or metadata["locked"]:
        # A locked thread, open or not, is changed only by those who may manage threads.
        require_bot_permission(core, channel, Permission.MANAGE_THREADS)
    if "applied_tags" in body:
        parent = core.world.channels[channel["parent_id"]]
        body = {**body, "applied_tags": _checked_tags(core, parent, body["applied_tags"] or [])}
    _spend_rename(core, channel, body)
    channel.update({k: body[k] for k in _THREAD_FIELDS if k in body})
    for key in ("locked", "auto_archive_duration", "invitable"):
        if key in body:
            metadata[key] = body[key]
    if "archived" in body and body["archived"] != metadata["archived"]:
        metadata["archived"] = body["archived"]
        metadata["archive_timestamp"] = core.world.now_iso()
    await core.dispatch("THREAD_UPDATE", channel)
    return channel


def _spend_rename(core: Core, channel: Json, body: Json) -> None:
    """Count a PATCH that carries a name, or refuse it when the channel's renames are spent."""
    if "name" not in body:
        return
    now = core.world.clock()
    recent = [at for at in core.world.renames.get(channel["id"], []) if now - at < RENAME_WINDOW]
    if len(recent) >= RENAMES_PER_WINDOW:
        raise RateLimitedError((recent[0] + RENAME_WINDOW - now).total_seconds())
    core.world.renames[channel["id"]] = [*recent, now]


@route("DELETE", "/channels/{channel_id}")
async def delete_channel(core: Core, call: Call) -> Json:
    """Deleting a thread takes Manage Threads, a server channel Manage Channels; either goes
    with its messages, and the bot sees THREAD_DELETE or CHANNEL_DELETE."""
    channel = channel_or_404(core, call.params["channel_id"])
    if "guild_id" not in channel:
        raise ApiError(400, 50003, "Cannot execute action on a DM channel")
    thread = channel["type"] in ChannelType.THREADS
    needed = Permission.MANAGE_THREADS if thread else Permission.MANAGE_CHANNELS
    require_bot_permission(core, channel, needed)
    await forget_channel(core, channel)
    return channel


async def forget_channel(core: Core, channel: Json) -> None:
    """A server channel or thread and its messages are gone; the bot is told."""
    core.world.channels.pop(channel["id"])
    core.world.messages.pop(channel["id"], None)
    core.world.pins.pop(channel["id"], None)
    core.world.thread_members.pop(channel["id"], None)
    core.world.guilds[channel["guild_id"]].channels.pop(channel["id"], None)
    if channel["type"] in ChannelType.THREADS:
        keys = ("id", "guild_id", "parent_id", "type")
        await core.dispatch("THREAD_DELETE", {k: channel[k] for k in keys})
    else:
        await core.dispatch("CHANNEL_DELETE", channel)


@route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
async def thread_from_message(core: Core, call: Call) -> Answer:
    parent = channel_or_404(core, call.params["channel_id"])
    if parent["type"] not in (ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT):
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    require_bot_permission(core, parent, Permission.CREATE_PUBLIC_THREADS)
    message = message_or_404(core, parent["id"], call.params["message_id"])
    if message["flags"] & HAS_THREAD:
        raise ApiError(400, 160004, "A thread has already been created for this message")
    kind = (
        ChannelType.ANNOUNCEMENT_THREAD
        if parent["type"] == ChannelType.GUILD_ANNOUNCEMENT
        else ChannelType.PUBLIC_THREAD
    )
    body = call.json()
    # Discord gives a thread started from a message the message's own id.
    thread = new_thread(core, parent, body["name"], kind, thread_id=message["id"], body=body)
    message["flags"] |= HAS_THREAD
    message["thread"] = thread
    await _announce_thread(core, thread)
    return Answer(201, thread)


@route("POST", "/channels/{channel_id}/threads")
async def start_thread(core: Core, call: Call) -> Answer:
    parent = channel_or_404(core, call.params["channel_id"])
    body = call.json()
    if parent["type"] == ChannelType.GUILD_FORUM:
        return Answer(201, await _forum_post(core, parent, body, call))
    if parent["type"] not in (ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT):
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    require_bot_permission(core, parent, Permission.CREATE_PUBLIC_THREADS)
    kind = body.get("type") or ChannelType.PRIVATE_THREAD
    thread = new_thread(core, parent, body["name"], kind, thread_id=None, body=body)
    await _announce_thread(core, thread)
    return Answer(201, thread)


async def _forum_post(core: Core, forum: Json, body: Json, call: Call) -> Json:
    require_bot_permission(core, forum, Permission.SEND_MESSAGES)
    first = body.get("message")
    if not first:
        raise invalid_form("message: a forum post needs its first message")
    first = permitted_body(core, forum, first, call.files)
    if forum.get("flags", 0) & REQUIRE_TAG and not body.get("applied_tags"):
        raise ApiError(400, 40067, "A tag is required to create a forum post in this channel")
    thread = new_thread(
        core, forum, body["name"], ChannelType.PUBLIC_THREAD, thread_id=None, body=body
    )
    # A forum post's starter message shares the thread's id.
    message = new_message(core, thread["id"], core.world.bot, first, call.files)
    message["id"] = thread["id"]
    await _announce_thread(core, thread)
    await publish(core, message)
    return {**thread, "message": message}


@route("PUT", "/channels/{channel_id}/thread-members/@me")
async def join_thread(core: Core, call: Call) -> None:
    thread = _open_thread(core, call.params["channel_id"])
    require_bot_permission(core, thread, Permission.VIEW_CHANNEL)
    _add_thread_member(core, thread, core.world.bot["id"])


@route("PUT", "/channels/{channel_id}/thread-members/{user_id}")
async def add_thread_member(core: Core, call: Call) -> None:
    """Adding someone takes what posting in the thread does, and in a private thread that
    members may not invite to (`invitable: false`) Manage Threads; they must be in the server."""
    thread = _open_thread(core, call.params["channel_id"])
    require_bot_permission(core, thread, Permission.SEND_MESSAGES_IN_THREADS)
    if thread["thread_metadata"].get("invitable") is False:
        require_bot_permission(core, thread, Permission.MANAGE_THREADS)
    if call.params["user_id"] not in core.world.guilds[thread["guild_id"]].members:
        raise ApiError(404, 10007, "Unknown Member")
    _add_thread_member(core, thread, call.params["user_id"])


def _open_thread(core: Core, channel_id: str) -> Json:
    """A thread that takes members: no other channel, nor an archived thread, does."""
    thread = channel_or_404(core, channel_id)
    if thread["type"] not in ChannelType.THREADS:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    if thread["thread_metadata"]["archived"]:
        raise thread_is_archived()
    return thread


def _add_thread_member(core: Core, thread: Json, user_id: str) -> None:
    members = core.world.thread_members.setdefault(thread["id"], set())
    members.add(user_id)
    thread["member_count"] = len(members)


@route("POST", "/users/@me/channels")
async def open_dm(core: Core, call: Call) -> Json:
    recipient = str(call.json().get("recipient_id"))
    if recipient not in core.world.users:
        raise ApiError(404, 10013, "Unknown User")
    return core.world.dm_channel(recipient)
