"""Messages: building them from create bodies, storing and echoing them, and their routes.

Covers create/get/list/edit/delete, a create's `enforce_nonce` de-duplication and crosspost.
Each change is echoed on the gateway, as Discord echoes the bot's own messages. What a body may
hold lives in sandbox/bodies.py; pins and reactions have modules of their own.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sandbox.api import (
    ApiError,
    Call,
    File,
    RateLimitedError,
    invalid_form,
    missing_access,
    missing_permissions,
    route,
)
from sandbox.bodies import EPHEMERAL, apply_body
from sandbox.state import ChannelType, Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core

LOADING = 1 << 7
CROSSPOSTED = 1 << 0
REPLY = 19
MAX_MESSAGES_PER_PAGE = 100
MAX_UPLOAD = 10 * 1024 * 1024
# Discord publishes at most about 10 messages an hour from one announcement channel and answers
# the next with a 429 whose retry_after runs until the oldest of them is an hour old.
PUBLISH_LIMIT = 10
PUBLISH_WINDOW = timedelta(hours=1)


# -- lookups ----------------------------------------------------------------------------------


def channel_or_404(core: Core, channel_id: str) -> Json:
    channel = core.world.channels.get(channel_id)
    if channel is None:
        raise ApiError(404, 10003, "Unknown Channel")
    if channel.get("guild_id") in core.world.removed_guilds:
        raise missing_access()
    return channel


def message_or_404(core: Core, channel_id: str, message_id: str) -> Json:
    message = core.world.messages.get(channel_id, {}).get(message_id)
    if message is None:
        raise ApiError(404, 10008, "Unknown Message")
    return message


def thread_is_archived() -> ApiError:
    return ApiError(400, 50083, "Thread is archived")


def thread_is_locked() -> ApiError:
    """What Discord answers a message, from anyone who may not manage threads, into a locked
    thread (archived or not): 403 with the archived thread's code. That is what it is reported
    to send (discord/discord-api-docs issues 6884 and 7707), not the documented 160005 "Thread
    is locked"."""
    return ApiError(403, 50083, "Thread is archived")


def require_writable(channel: Json) -> None:
    """Archived threads are read-only: no edits, deletions, reactions or pins until reopened."""
    metadata = channel.get("thread_metadata")
    if metadata and metadata["archived"]:
        raise thread_is_archived()


def _bot_permissions(core: Core, channel: Json) -> int:
    """The bot's permissions in `channel`: its roles, then the channel's overwrites (in DMs it
    may do anything)."""
    guild = core.world.guilds.get(channel.get("guild_id") or "")
    if guild is None:
        return Permission.ALL
    return guild.permissions_in(channel["id"], core.world.bot["id"])


def bot_may(core: Core, channel: Json, permission: int) -> bool:
    return bool(_bot_permissions(core, channel) & permission)


def require_bot_permission(core: Core, channel: Json, permission: int) -> None:
    """Refuse like Discord when the bot lacks any of the `permission` bits in the channel:
    Missing Access when it may not even view the channel, else Missing Permissions (DMs:
    always ok)."""
    granted = _bot_permissions(core, channel)
    if not granted & Permission.VIEW_CHANNEL:
        raise missing_access()
    if granted & permission != permission:
        raise missing_permissions()


def permitted_body(core: Core, channel: Json, body: Json, files: dict[int, File]) -> Json:
    """The create body as Discord takes it from the bot into `channel`: uploads need Attach
    Files; without Embed Links the embeds are dropped, silently, unless they are all the
    message would hold, which is refused. Interaction responses need neither."""
    if files:
        require_bot_permission(core, channel, Permission.ATTACH_FILES)
        if any(len(upload.data) > MAX_UPLOAD for upload in files.values()):
            # A server without boosts takes files of at most 10 MiB, from bots too.
            raise ApiError(413, 40005, "Request entity too large")
    if not body.get("embeds") or bot_may(core, channel, Permission.EMBED_LINKS):
        return body
    if not any(body.get(key) for key in _BESIDES_EMBEDS) and not files:
        raise missing_permissions()
    return {**body, "embeds": []}


def permitted_edit(
    core: Core, channel: Json, message: Json, body: Json, files: dict[int, File]
) -> Json:
    """The edit body as Discord takes it: without Embed Links the embeds it brings are dropped,
    and an edit that would leave the message with nothing to show is refused as empty."""
    if body.get("embeds") and not bot_may(core, channel, Permission.EMBED_LINKS):
        body = {**body, "embeds": []}
    refuse_empty_edit(message, body, files)
    return body


def refuse_empty_edit(message: Json, body: Json, files: dict[int, File]) -> None:
    """Refuse, as Discord does, an edit that would leave the message nothing to show."""
    kept = [body[key] if key in body else message[key] for key in _SHOWN]
    if not any(kept) and not files:
        raise ApiError(400, 50006, "Cannot send an empty message")


# What a message shows, and what of a body can be shown besides its embeds.
_SHOWN = ("content", "embeds", "components", "attachments")
_BESIDES_EMBEDS = ("content", "components", "attachments", "sticker_ids", "poll")


# -- building ---------------------------------------------------------------------------------


def new_message(
    core: Core, channel_id: str, author: Json, body: Json, files: dict[int, File], **extra: Any
) -> Json:
    """A message object as Discord returns it, built from a create body (not yet stored)."""
    message: Json = {
        "id": core.world.ids.next(),
        "type": 0,
        "channel_id": channel_id,
        "author": author,
        "content": "",
        "timestamp": core.world.now_iso(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts")),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": False,
        "flags": 0,
        **extra,
    }
    reference = body.get("message_reference")
    target = None
    if reference:
        target_channel = str(reference.get("channel_id") or channel_id)
        target = message_or_404(core, target_channel, str(reference["message_id"]))
    apply_body(core, message, body, files)
    if target is not None:
        message["message_reference"] = _reference_to(core, target)
        message["referenced_message"] = target
        message["type"] = REPLY
    return message


def _reference_to(core: Core, target: Json) -> Json:
    reference = {"type": 0, "message_id": target["id"], "channel_id": target["channel_id"]}
    guild_id = core.world.channels[target["channel_id"]].get("guild_id")
    return reference | ({"guild_id": guild_id} if guild_id else {})


# -- storing and echoing ---------------------------------------------------------------------


def gateway_message(core: Core, message: Json) -> Json:
    """The MESSAGE_CREATE/UPDATE body: the message plus guild_id and the author's member."""
    guild = core.world.guild_of(message["channel_id"])
    if guild is None:
        return message
    payload = {**message, "guild_id": guild.id}
    member = guild.members.get(message["author"]["id"])
    if member is not None:
        payload["member"] = {k: v for k, v in member.items() if k != "user"}
    return payload


async def publish(core: Core, message: Json, nonce: str | int | None = None) -> Json:
    """Store a message in its channel and echo it as MESSAGE_CREATE (with the sender's nonce)."""
    channel = core.world.channels[message["channel_id"]]
    core.world.messages[channel["id"]][message["id"]] = message
    channel["last_message_id"] = message["id"]
    if channel["type"] in ChannelType.THREADS:
        channel["message_count"] = channel.get("message_count", 0) + 1
        channel["total_message_sent"] = channel.get("total_message_sent", 0) + 1
    payload = gateway_message(core, message)
    await core.dispatch("MESSAGE_CREATE", payload if nonce is None else {**payload, "nonce": nonce})
    return message


async def edit(
    core: Core, message: Json, body: Json, files: dict[int, File], *, clear_flags: int = 0
) -> Json:
    """Edit a message in place (clearing `clear_flags` once the body is accepted); a stored
    one is echoed as MESSAGE_UPDATE."""
    ephemeral = message["flags"] & EPHEMERAL  # visibility is fixed when a message is sent
    apply_body(core, message, body, files)
    message["flags"] = (message["flags"] & ~EPHEMERAL & ~clear_flags) | ephemeral
    message["edited_timestamp"] = core.world.now_iso()
    if message["id"] in core.world.messages.get(message["channel_id"], {}):
        await core.dispatch("MESSAGE_UPDATE", gateway_message(core, message))
    return message


async def remove(core: Core, message: Json) -> None:
    channel_id = message["channel_id"]
    core.world.messages[channel_id].pop(message["id"], None)
    core.world.pins[channel_id].pop(message["id"], None)
    payload = {"id": message["id"], "channel_id": channel_id}
    guild = core.world.guild_of(channel_id)
    await core.dispatch("MESSAGE_DELETE", payload | ({"guild_id": guild.id} if guild else {}))


# -- routes -----------------------------------------------------------------------------------


@route("POST", "/channels/{channel_id}/messages")
async def create_message(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    if channel["type"] == ChannelType.GUILD_FORUM:
        raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
    metadata = channel.get("thread_metadata")
    if metadata and metadata["locked"] and not bot_may(core, channel, Permission.MANAGE_THREADS):
        require_bot_permission(core, channel, Permission.VIEW_CHANNEL)  # unseen: Missing Access
        raise thread_is_locked()
    required = (
        Permission.SEND_MESSAGES_IN_THREADS
        if channel["type"] in ChannelType.THREADS
        else Permission.SEND_MESSAGES
    )
    body = call.json()
    if body.get("message_reference"):
        required |= Permission.READ_MESSAGE_HISTORY  # a reply quotes what it answers
    require_bot_permission(core, channel, required)
    _refuse_closed_dm(core, channel)
    body = permitted_body(core, channel, body, call.files)
    if (body.get("flags") or 0) & EPHEMERAL:
        raise invalid_form("flags: ephemeral messages exist only as interaction responses")
    nonce = body.get("nonce")
    key = _nonce_key(core, channel["id"], body)
    if key is not None and (earlier := _sent_with_nonce(core, key)) is not None:
        return {**earlier, "nonce": nonce}
    message = new_message(core, channel["id"], core.world.bot, body, call.files)
    if not any(message[k] for k in ("content", "embeds", "components", "attachments")):
        raise ApiError(400, 50006, "Cannot send an empty message")
    await reopen_for_message(core, channel)
    await publish(core, message, nonce)
    if key is not None:
        core.world.nonces[key] = (message["id"], core.world.clock())
    # The nonce is echoed to the sender (answer and MESSAGE_CREATE), not kept on the message.
    return message if nonce is None else {**message, "nonce": nonce}


async def reopen_for_message(core: Core, channel: Json) -> None:
    """A message sent into an archived thread (unlocked, or by a thread manager) reopens it;
    nothing else does but an edit of the thread with `archived: false`."""
    metadata = channel.get("thread_metadata")
    if metadata and metadata["archived"]:
        metadata["archived"] = False
        await core.dispatch("THREAD_UPDATE", channel)


def _refuse_closed_dm(core: Core, channel: Json) -> None:
    """A member who refuses the bot's DMs (blocked it, or closed DMs from the server) refuses
    edits of the DMs sent before as well as new ones."""
    if (
        channel["type"] == ChannelType.DM
        and channel["recipients"][0]["id"] in core.world.closed_dms
    ):
        raise ApiError(403, 50007, "Cannot send messages to this user")


def _nonce_key(core: Core, channel_id: str, body: Json) -> tuple[str, str, str] | None:
    """What Discord de-duplicates this create by: only a nonce sent with `enforce_nonce`."""
    if body.get("nonce") is None or not body.get("enforce_nonce"):
        return None
    return core.world.bot["id"], channel_id, str(body["nonce"])


def _sent_with_nonce(core: Core, key: tuple[str, str, str]) -> Json | None:
    """The message the same author sent here with this nonce within the window, if any."""
    sent = core.world.nonces.get(key)
    if sent is None:
        return None
    message_id, at = sent
    if (core.world.clock() - at).total_seconds() > core.options.nonce_window:
        return None
    # Discord answers the retry of a since-deleted message with Unknown Message: a retry must
    # never bring back what someone removed.
    return message_or_404(core, key[1], message_id)


@route("GET", "/channels/{channel_id}/messages")
async def list_messages(core: Core, call: Call) -> list[Json]:
    channel = channel_or_404(core, call.params["channel_id"])
    require_bot_permission(core, channel, Permission.VIEW_CHANNEL)
    limit = _page_limit(call.query.get("limit", "50"))
    if len({"before", "after", "around"} & set(call.query)) > 1:
        raise invalid_form("before, after and around exclude each other")
    if not bot_may(core, channel, Permission.READ_MESSAGE_HISTORY):
        return []  # Discord answers a page, empty, rather than refusing
    newest_first = sorted(core.world.messages[channel["id"]].values(), key=_id_order, reverse=True)
    if "before" in call.query:
        newest_first = [m for m in newest_first if int(m["id"]) < int(call.query["before"])]
    if "after" in call.query:
        # The page right after the message (still newest first), so that paging forward from
        # it misses none: not the newest messages.
        later = [m for m in newest_first if int(m["id"]) > int(call.query["after"])]
        return later[-limit:]
    return newest_first[:limit]


def _page_limit(text: str) -> int:
    limit = int(text) if text.lstrip("-").isdigit() else 0
    if not 1 <= limit <= MAX_MESSAGES_PER_PAGE:
        raise invalid_form(f"limit: must be between 1 and {MAX_MESSAGES_PER_PAGE}")
    return limit


def _id_order(message: Json) -> int:
    return int(message["id"])


@route("GET", "/channels/{channel_id}/messages/{message_id}")
async def get_message(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    require_bot_permission(core, channel, Permission.READ_MESSAGE_HISTORY)
    return message_or_404(core, channel["id"], call.params["message_id"])


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
async def edit_message(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    if message["author"]["id"] != core.world.bot["id"]:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    require_bot_permission(core, channel, Permission.VIEW_CHANNEL)  # its own message too
    require_writable(channel)
    if (channel.get("thread_metadata") or {}).get("locked"):
        # Messages in a locked thread are changed only by those who may manage threads.
        require_bot_permission(core, channel, Permission.MANAGE_THREADS)
    _refuse_closed_dm(core, channel)
    body = permitted_edit(core, channel, message, call.json(), call.files)
    return await edit(core, message, body, call.files)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
async def delete_message(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    # Its own message needs no Manage Messages, but the bot must still see the channel.
    own = message["author"]["id"] == core.world.bot["id"]
    require_bot_permission(
        core, channel, Permission.VIEW_CHANNEL if own else Permission.MANAGE_MESSAGES
    )
    require_writable(channel)
    await remove(core, message)


@route("POST", "/channels/{channel_id}/messages/{message_id}/crosspost")
async def crosspost(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    if channel["type"] != ChannelType.GUILD_ANNOUNCEMENT:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    message = message_or_404(core, channel["id"], call.params["message_id"])
    # Its own message needs Send Messages; anyone else's Manage Messages as well.
    needed = Permission.SEND_MESSAGES
    if message["author"]["id"] != core.world.bot["id"]:
        needed |= Permission.MANAGE_MESSAGES
    require_bot_permission(core, channel, needed)
    if message["flags"] & CROSSPOSTED:
        raise ApiError(400, 40033, "This message has already been crossposted.")
    _spend_publish(core, channel["id"])
    message["flags"] |= CROSSPOSTED
    await core.dispatch("MESSAGE_UPDATE", gateway_message(core, message))
    return message


def _spend_publish(core: Core, channel_id: str) -> None:
    now = core.world.clock()
    recent = [at for at in core.world.publishes.get(channel_id, []) if now - at < PUBLISH_WINDOW]
    if len(recent) >= PUBLISH_LIMIT:
        raise RateLimitedError((recent[0] + PUBLISH_WINDOW - now).total_seconds())
    core.world.publishes[channel_id] = [*recent, now]
