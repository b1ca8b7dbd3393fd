"""Links into Discord that the bot's words carry: plain addresses, which every client opens."""

from __future__ import annotations


def message_link(guild_id: int, channel_id: int, message_id: int) -> str:
    """The address of a message in one of a server's channels (or threads)."""
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"
