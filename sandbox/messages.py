"""Messages: building them from request bodies, and the channel message routes.

Covers create/get/list/edit/delete, a create's `enforce_nonce` de-duplication, attachments
(multipart `files[n]`), mentions as `allowed_mentions` permits, crosspost, pins (old `/pins` and
new `/messages/pins` routes) and reactions. Each change is echoed on the gateway, as Discord
echoes the bot's own messages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

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
from sandbox.media import image_size
from sandbox.state import ChannelType, Json, Permission, StoredFile

if TYPE_CHECKING:
    from sandbox.core import Core

EPHEMERAL = 1 << 6
LOADING = 1 << 7
CROSSPOSTED = 1 << 0
REPLY = 19
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_FIELDS = 25
MAX_EMBED_TOTAL = 6000
MAX_MESSAGES_PER_PAGE = 100
MAX_PINS = 50
MAX_UPLOAD = 10 * 1024 * 1024
# Discord publishes at most about 10 messages an hour from one announcement channel and answers
# the next with a 429 whose retry_after runs until the oldest of them is an hour old.
PUBLISH_LIMIT = 10
PUBLISH_WINDOW = timedelta(hours=1)
# Flags a sender may set; Discord drops the rest: SUPPRESS_EMBEDS, EPHEMERAL,
# SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2.
_SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15)
_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


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


def require_writable(channel: Json) -> None:
    """Archived threads are read-only: no edits, deletions or reactions until reopened."""
    metadata = channel.get("thread_metadata")
    if metadata and metadata["archived"]:
        raise thread_is_archived()


def _bot_may(core: Core, channel: Json, permission: int) -> bool:
    """Whether the bot's guild permissions hold `permission` (in DMs it may do anything)."""
    guild = core.world.guilds.get(channel.get("guild_id") or "")
    return guild is None or bool(guild.permissions_of(core.world.bot["id"]) & permission)


def require_bot_permission(core: Core, channel: Json, permission: int) -> None:
    """Refuse like Discord when the bot's guild permissions lack `permission` (DMs: always ok)."""
    if not _bot_may(core, channel, permission):
        raise missing_permissions()


def require_content_permissions(
    core: Core, channel: Json, body: Json, files: dict[int, File]
) -> None:
    """A message the bot sends into a channel needs Attach Files for uploads and Embed Links
    for embeds (interaction responses need neither)."""
    if files:
        require_bot_permission(core, channel, Permission.ATTACH_FILES)
        if any(len(upload.data) > MAX_UPLOAD for upload in files.values()):
            # A server without boosts takes files of at most 10 MiB, from bots too.
            raise ApiError(413, 40005, "Request entity too large")
    if body.get("embeds"):
        require_bot_permission(core, channel, Permission.EMBED_LINKS)


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


def apply_body(core: Core, message: Json, body: Json, files: dict[int, File]) -> None:
    """Apply the fields a create or edit body carries; absent fields keep their value.

    The body is checked whole before anything is written, so a refused edit changes nothing.
    """
    check_body(body)
    wanted = body.get("attachments")
    if "attachments" in body or files:
        _check_attachments(message, wanted, files)
    changes: Json = {}
    if "content" in body:
        changes["content"] = body["content"] or ""
    if "embeds" in body:
        changes["embeds"] = [{"type": "rich", **embed} for embed in body["embeds"] or []]
    if "components" in body:
        changes["components"] = number_components(body["components"] or [])
    if body.get("flags") is not None:
        kept = message["flags"] & ~_SETTABLE_FLAGS
        changes["flags"] = kept | (int(body["flags"]) & _SETTABLE_FLAGS)
    if "attachments" in body or files:
        changes["attachments"] = _attachments(core, message, wanted, files)
    message.update(changes)
    if "content" in body or "allowed_mentions" in body:
        _resolve_mentions(core, message, body.get("allowed_mentions"))


def check_body(body: Json) -> None:
    """Refuse, as Discord does, a message body breaking a limit the spec does not express."""
    content = body.get("content") or ""
    # The spec allows 4,000 characters (a Nitro user's limit); Discord's docs, which win,
    # give bots 2,000.
    if len(content) > MAX_CONTENT:
        raise invalid_form(f"content: must be {MAX_CONTENT} or fewer in length")
    check_embeds(body.get("embeds") or [])
    check_custom_ids(body.get("components") or [])


def check_embeds(embeds: list[Json]) -> None:
    """At most 10 embeds of at most 25 fields, with at most 6,000 characters among them all."""
    if len(embeds) > MAX_EMBEDS:
        raise invalid_form(f"embeds: must be {MAX_EMBEDS} or fewer in length")
    for index, embed in enumerate(embeds):
        if len(embed.get("fields") or []) > MAX_EMBED_FIELDS:
            raise invalid_form(f"embeds.{index}.fields: must be {MAX_EMBED_FIELDS} or fewer")
    total = sum(map(_embed_length, embeds))
    if total > MAX_EMBED_TOTAL:
        raise invalid_form(
            f"embeds: {total} characters; a message's embeds may hold {MAX_EMBED_TOTAL} in all"
        )


def _embed_length(embed: Json) -> int:
    texts = [
        embed.get("title"),
        embed.get("description"),
        (embed.get("footer") or {}).get("text"),
        (embed.get("author") or {}).get("name"),
    ]
    for field in embed.get("fields") or []:
        texts += [field.get("name"), field.get("value")]
    return sum(len(text) for text in texts if isinstance(text, str))


def check_custom_ids(components: list[Json]) -> None:
    """Every `custom_id` among a message's (or a modal's) components must be unique."""
    seen: set[str] = set()
    for component in walk_components(components):
        custom_id = component.get("custom_id")
        if custom_id is None:
            continue
        if custom_id in seen:
            raise invalid_form(f"components: custom_id {custom_id!r} is used more than once")
        seen.add(custom_id)


def walk_components(components: list[Json]) -> Iterator[Json]:
    """Every component, depth first, including children, accessories and labelled ones."""
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                yield from walk_components([component[key]])


def number_components(components: list[Json]) -> list[Json]:
    """Components as Discord echoes them: every one gets a numeric `id`, depth first."""
    counter = itertools.count(1)

    def walk(component: Json) -> Json:
        echoed = {**_component_defaults(component["type"]), **component}
        echoed.setdefault("id", next(counter))
        if isinstance(echoed.get("components"), list):
            echoed["components"] = [walk(child) for child in echoed["components"]]
        for key in ("accessory", "component"):
            if isinstance(echoed.get(key), dict):
                echoed[key] = walk(echoed[key])
        return echoed

    return [walk(component) for component in components]


def _component_defaults(kind: int) -> Json:
    if kind in (3, 5, 6, 7, 8):  # select menus
        return {"min_values": 1, "max_values": 1} | ({"options": []} if kind == 3 else {})
    if kind == 17:  # container
        return {"accent_color": None, "spoiler": False}
    if kind == 14:  # separator
        return {"spacing": 1, "divider": True}
    if kind == 11:  # thumbnail
        return {"description": None, "spoiler": False}
    return {}


def _check_attachments(message: Json, wanted: list[Json] | None, files: dict[int, File]) -> None:
    existing = {a["id"] for a in message["attachments"]}
    for entry in wanted or []:
        key = str(entry["id"])
        if key not in existing and not (key.isdigit() and int(key) in files):
            raise invalid_form(f"attachments: no file uploaded for id {key}")


def _attachments(
    core: Core, message: Json, wanted: list[Json] | None, files: dict[int, File]
) -> list[Json]:
    # Entries whose id names an attachment the message already has keep it; any other id is the
    # index of a `files[n]` part (discord.py sends `{"id": 0}` for the first new file).
    # `_check_attachments` has made sure each entry names one or the other.
    existing = {a["id"]: a for a in message["attachments"]}
    if wanted is None:
        wanted = [*existing.values(), *({"id": index} for index in files)]
    result = []
    for entry in wanted:
        key = str(entry["id"])
        if key in existing:
            result.append(existing[key])
        else:
            result.append(store_file(core, message["channel_id"], files[int(key)], entry))
    return result


def store_file(core: Core, channel_id: str, upload: File, entry: Json | None = None) -> Json:
    """Keep an uploaded file and describe it as an attachment with a URL the bot can fetch."""
    attachment_id = core.world.ids.next()
    filename = (entry or {}).get("filename") or upload.filename
    core.world.files[attachment_id] = StoredFile(filename, upload.content_type, upload.data)
    url = f"{core.world.origin}/attachments/{channel_id}/{attachment_id}/{quote(filename)}"
    attachment = {
        "id": attachment_id,
        "filename": filename,
        "size": len(upload.data),
        "url": url,
        "proxy_url": url,
        "content_type": upload.content_type,
    }
    if (size := image_size(upload.data)) is not None:
        attachment["width"], attachment["height"] = size
    if (entry or {}).get("description"):
        attachment["description"] = entry["description"]
    return attachment


def _resolve_mentions(core: Core, message: Json, allowed: Json | None) -> None:
    # Without allowed_mentions Discord parses every kind; with it, only what it lists is a ping.
    parse = set(allowed.get("parse", [])) if allowed is not None else {"users", "roles", "everyone"}
    allowed_users = set(map(str, (allowed or {}).get("users", [])))
    allowed_roles = set(map(str, (allowed or {}).get("roles", [])))
    content = message["content"]
    users = core.world.users
    message["mentions"] = [
        users[uid]
        for uid in dict.fromkeys(_USER_MENTION.findall(content))
        if uid in users and ("users" in parse or uid in allowed_users)
    ]
    message["mention_roles"] = [
        rid
        for rid in dict.fromkeys(_ROLE_MENTION.findall(content))
        if "roles" in parse or rid in allowed_roles
    ]
    message["mention_everyone"] = "everyone" in parse and (
        "@everyone" in content or "@here" in content
    )


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
    if metadata and metadata["locked"]:
        if metadata["archived"] and not _bot_may(core, channel, Permission.MANAGE_THREADS):
            # A locked thread stays archived for those who may not manage threads.
            raise thread_is_archived()
        require_bot_permission(core, channel, Permission.MANAGE_THREADS)
    required = (
        Permission.SEND_MESSAGES_IN_THREADS
        if channel["type"] in ChannelType.THREADS
        else Permission.SEND_MESSAGES
    )
    require_bot_permission(core, channel, required)
    if (
        channel["type"] == ChannelType.DM
        and channel["recipients"][0]["id"] in core.world.closed_dms
    ):
        raise ApiError(403, 50007, "Cannot send messages to this user")
    body = call.json()
    require_content_permissions(core, channel, body, call.files)
    if (body.get("flags") or 0) & EPHEMERAL:
        raise invalid_form("flags: ephemeral messages exist only as interaction responses")
    nonce = body.get("nonce")
    key = _nonce_key(core, channel["id"], body)
    if key is not None and (earlier := _sent_with_nonce(core, key)) is not None:
        return {**earlier, "nonce": nonce}
    message = new_message(core, channel["id"], core.world.bot, body, call.files)
    if not any(message[k] for k in ("content", "embeds", "components", "attachments")):
        raise ApiError(400, 50006, "Cannot send an empty message")
    if metadata and metadata["archived"]:
        # A message sent into an archived thread (unlocked, or by a thread manager) reopens it;
        # nothing else does but an edit of the thread with `archived: false`.
        metadata["archived"] = False
        await core.dispatch("THREAD_UPDATE", channel)
    await publish(core, message, nonce)
    if key is not None:
        core.world.nonces[key] = (message["id"], core.world.clock())
    # The nonce is echoed to the sender (answer and MESSAGE_CREATE), not kept on the message.
    return message if nonce is None else {**message, "nonce": nonce}


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
    newest_first = sorted(core.world.messages[channel["id"]].values(), key=_id_order, reverse=True)
    if "before" in call.query:
        newest_first = [m for m in newest_first if int(m["id"]) < int(call.query["before"])]
    if "after" in call.query:
        newest_first = [m for m in newest_first if int(m["id"]) > int(call.query["after"])]
    return newest_first[: _page_limit(call.query.get("limit", "50"))]


def _page_limit(text: str) -> int:
    limit = int(text) if text.lstrip("-").isdigit() else 0
    if not 1 <= limit <= MAX_MESSAGES_PER_PAGE:
        raise invalid_form(f"limit: must be between 1 and {MAX_MESSAGES_PER_PAGE}")
    return limit


def _id_order(message: Json) -> int:
    return int(message["id"])


@route("GET", "/channels/{channel_id}/messages/{message_id}")
async def get_message(core: Core, call: Call) -> Json:
    return message_or_404(core, call.params["channel_id"], call.params["message_id"])


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
async def edit_message(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    if message["author"]["id"] != core.world.bot["id"]:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    require_writable(channel)
    return await edit(core, message, call.json(), call.files)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
async def delete_message(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    if message["author"]["id"] != core.world.bot["id"]:
        require_bot_permission(core, channel, Permission.MANAGE_MESSAGES)
    require_writable(channel)
    await remove(core, message)


@route("POST", "/channels/{channel_id}/messages/{message_id}/crosspost")
async def crosspost(core: Core, call: Call) -> Json:
    channel = channel_or_404(core, call.params["channel_id"])
    if channel["type"] != ChannelType.GUILD_ANNOUNCEMENT:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    message = message_or_404(core, channel["id"], call.params["message_id"])
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


# -- pins -------------------------------------------------------------------------------------


async def _set_pinned(core: Core, call: Call, pinned: bool) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    message = message_or_404(core, channel["id"], call.params["message_id"])
    require_bot_permission(core, channel, Permission.MANAGE_MESSAGES)
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


# -- reactions --------------------------------------------------------------------------------


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
    require_bot_permission(core, channel, Permission.ADD_REACTIONS)
    message = message_or_404(core, channel["id"], call.params["message_id"])
    await react(core, message, call.params["emoji_name"], core.world.bot["id"], add=True)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
async def remove_own_reaction(core: Core, call: Call) -> None:
    message = message_or_404(core, call.params["channel_id"], call.params["message_id"])
    await react(core, message, call.params["emoji_name"], core.world.bot["id"], add=False)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}")
async def remove_reaction(core: Core, call: Call) -> None:
    channel = channel_or_404(core, call.params["channel_id"])
    require_bot_permission(core, channel, Permission.MANAGE_MESSAGES)
    message = message_or_404(core, channel["id"], call.params["message_id"])
    await react(core, message, call.params["emoji_name"], call.params["user_id"], add=False)


@route("GET", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}")
async def list_reactors(core: Core, call: Call) -> list[Json]:
    message = message_or_404(core, call.params["channel_id"], call.params["message_id"])
    users = core.world.reactions.get(message["id"], {}).get(call.params["emoji_name"], [])
    return [core.world.users[user_id] for user_id in users]
