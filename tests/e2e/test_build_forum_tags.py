"""The note that the builds forum lacks tags the bot may not add: said once, not on every post,
and said again when it is news again: the forum's tags or permissions changed, or the server
chose another builds channel."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import ChannelType

from .conftest import RunningBot
from .test_builds import builds_channel, start

NOTE = "no tag for"


async def test_the_note_comes_again_after_the_forums_tags_are_removed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    forum = await builds_channel(loopback)
    first = await start(loopback, tags="daily")
    assert f"{NOTE} daily" in first.text
    second = await start(loopback, title="Farm truck", tags="daily, camper")
    assert NOTE not in second.text  # not on every post

    # An admin removes the camper tag from the forum.
    channel = loopback.world.channels[forum.id]
    channel["available_tags"] = [t for t in channel["available_tags"] if t["name"] != "camper"]
    await loopback.core.dispatch("CHANNEL_UPDATE", channel)
    third = await start(loopback, title="Dump bed", tags="camper")
    assert f"{NOTE} camper" in third.text
    fourth = await start(loopback, title="Coffee cart", tags="camper")
    assert NOTE not in fourth.text


async def test_an_unrelated_channel_change_does_not_bring_the_note_back(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert NOTE in (await start(loopback, tags="daily")).text
    general = loopback.world.channels[loopback.channel("general").id]
    general["topic"] = "Anything kei, and trucks"
    await loopback.core.dispatch("CHANNEL_UPDATE", general)
    assert NOTE not in (await start(loopback, title="Farm truck", tags="daily")).text


async def test_the_note_comes_again_for_a_new_builds_forum(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert NOTE in (await start(loopback, tags="daily")).text
    await loopback.create_channel("builds-2", ChannelType.GUILD_FORUM)
    await builds_channel(loopback, "builds-2")
    reply = await start(loopback, title="Farm truck", tags="work")
    assert f"{NOTE} work" in reply.text
