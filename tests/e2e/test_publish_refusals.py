"""Publishing an announcement Discord refuses for good (the bot lost View Channel or Send
Messages there since it posted, or the post is gone) is given up, not retried as a crash."""

from __future__ import annotations

import discord
import pytest

from bot.client.adapters import DiscordPublisher
from bot.jobs import GiveUp
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot


async def _posted(keitora: RunningBot, loopback: Loopback) -> tuple[int, int]:
    channel = keitora.bot.get_channel(int(loopback.channel("announcements").id))
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send("Acty arrived")
    return channel.id, message.id


@pytest.mark.parametrize("taken", [Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES])
async def test_a_publish_refused_for_want_of_a_permission_is_given_up(
    keitora: RunningBot, loopback: Loopback, taken: int
) -> None:
    channel_id, message_id = await _posted(keitora, loopback)
    assert loopback.guild is not None
    await loopback.set_overwrite(
        loopback.channel("announcements"), loopback.guild.role("Keitora"), deny=taken
    )

    with pytest.raises(GiveUp, match="refused"):
        await DiscordPublisher(keitora.bot).publish(channel_id, message_id)
    assert [m.flags & 1 for m in loopback.messages("announcements")] == [0]


async def test_a_publish_of_a_deleted_post_is_given_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    channel_id, message_id = await _posted(keitora, loopback)
    [posted] = loopback.messages("announcements")
    await loopback.delete_message(posted)

    with pytest.raises(GiveUp, match="refused"):
        await DiscordPublisher(keitora.bot).publish(channel_id, message_id)
