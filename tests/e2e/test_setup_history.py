"""/setup channel warns when Keitora may not read a channel's history where it reads its own posts
back: in the showcase channel, a feature or ballot whose send Discord never answered is looked
for there; in the mod-queue channel, a decided post is read to take a forgotten moderator's name
out of it. Without Read Message History, Discord answers those reads with nothing, or refuses."""

from __future__ import annotations

import discord

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_setup import set_channel_lacking

HISTORY = Permission.READ_MESSAGE_HISTORY


def warned(kind: str, channel_id: str, missing: str, *, again: bool = False) -> str:
    said = "was already" if again else "is now"
    return (
        f"The {kind} channel {said} <#{channel_id}>{'; nothing changed.' if again else '.'}\n"
        f"Warning: I cannot post in <#{channel_id}> yet: I need {missing} there. Allow them for "
        "the Keitora role in the channel's permissions (Edit Channel → Permissions)."
    )


async def test_a_showcase_or_queue_channel_keitora_cannot_read_back_is_warned_of(
    keitora: RunningBot, loopback: Loopback
) -> None:
    showcase, queue = loopback.channel("showcase"), loopback.channel("mod-queue")
    shown = await set_channel_lacking(keitora, loopback, "showcase", showcase, HISTORY)
    assert shown == warned("showcase", showcase.id, "Read Message History")
    # The queue is private: Keitora keeps the View Channel its role is allowed there.
    keitora_role = loopback.guild.role("Keitora")
    await loopback.set_overwrite(queue, keitora_role, allow=Permission.VIEW_CHANNEL, deny=HISTORY)

    def heard() -> bool:
        cached = keitora.bot.get_channel(int(queue.id))
        assert isinstance(cached, discord.abc.GuildChannel)
        held = cached.permissions_for(cached.guild.me)
        return held.view_channel and not held.read_message_history

    await eventually(heard, "CHANNEL_UPDATE with the overwrite")
    queued = await loopback.slash(
        "setup channel", kind="modqueue", channel=queue, actor=loopback.member("Akiko")
    )
    assert queued.text == warned("modqueue", queue.id, "Read Message History")
    both = await set_channel_lacking(
        keitora, loopback, "showcase", showcase, HISTORY | Permission.EMBED_LINKS
    )
    assert both == warned("showcase", showcase.id, "Embed Links, Read Message History", again=True)


async def test_a_channel_keitora_never_reads_back_needs_no_history(
    keitora: RunningBot, loopback: Loopback
) -> None:
    general = loopback.channel("general")
    taken = await set_channel_lacking(keitora, loopback, "glossary", general, HISTORY)
    assert taken == f"The glossary channel is now <#{general.id}>."
