"""What a member's own Discord client may write, by Discord's rules: a message where they may
view the channel and send in it (a locked thread only as a thread manager; a message into an
archived thread reopens it; a forum takes none of its own, only posts), and a reaction where
they may view the channel and read its history (and add reactions, for the first of its kind),
but not in an archived thread. A refused write raises MemberRefused with the status and code
Discord answers; nothing is stored or sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.api import ApiError, missing_access, missing_permissions
from sandbox.invoke import InvocationError, MemberRefused
from sandbox.messages import new_message, publish, reopen_for_message, thread_is_locked
from sandbox.reactions import needed_to_react, react
from sandbox.state import ChannelRef, ChannelType, Json, Permission

if TYPE_CHECKING:
    from sandbox.core import Core


async def member_post(core: Core, where: ChannelRef, author: Json, content: str) -> Json:
    """`author` writes `content` in `where`; the bot receives MESSAGE_CREATE."""
    channel = core.world.channels[where.id]
    granted = Permission.ALL  # a DM refuses nothing here
    if where.guild_id is not None:
        granted = core.world.guilds[where.guild_id].permissions_in(where.id, author["id"])
        _require_send(where, author, granted)
    if channel["type"] == ChannelType.GUILD_FORUM:
        raise MemberRefused(
            ApiError(400, 50008, "Cannot send messages in a non-text channel"),
            f"#{where.name} is a forum: a message goes in one of its posts (a thread)",
        )
    metadata = channel.get("thread_metadata")
    if metadata and metadata["locked"] and not granted & Permission.MANAGE_THREADS:
        raise MemberRefused(
            thread_is_locked(),
            f"#{where.name} is locked: Discord takes messages in it only from members who may "
            "manage threads",
        )
    await reopen_for_message(core, channel)
    message = new_message(core, where.id, author, {"content": content}, {})
    return await publish(core, message)


async def member_react(core: Core, message: Json, emoji: str, user: Json) -> None:
    """Discord takes reactions where the member may view the channel and read its history (the
    first of its kind needs Add Reactions too), in a locked thread while it is open, and none
    in an archived thread, locked or not."""
    channel = core.world.channels[message["channel_id"]]
    guild = core.world.guild_of(channel["id"])
    if guild is not None:
        granted = guild.permissions_in(channel["id"], user["id"])
        _require_view(channel["name"], user, granted)
        needed = needed_to_react(core, message, emoji)
        if granted & needed != needed:
            raise MemberRefused(
                missing_permissions(),
                f"{user['global_name']} may not add {emoji} to a message in #{channel['name']}",
            )
    metadata = channel.get("thread_metadata")
    if metadata and metadata["archived"]:
        raise InvocationError(
            "the thread is archived: Discord takes no reactions in it until it is reopened"
        )
    await react(core, message, emoji, user["id"], add=True)


def _require_view(channel_name: str, member: Json, granted: int) -> None:
    if not granted & Permission.VIEW_CHANNEL:
        raise MemberRefused(
            missing_access(), f"{member['global_name']} cannot view #{channel_name}"
        )


def _require_send(where: ChannelRef, author: Json, granted: int) -> None:
    _require_view(where.name, author, granted)
    needed = (
        Permission.SEND_MESSAGES_IN_THREADS
        if where.type in ChannelType.THREADS
        else Permission.SEND_MESSAGES
    )
    if not granted & needed:
        name = author["global_name"]
        raise MemberRefused(missing_permissions(), f"{name} may not send messages in #{where.name}")
