"""Forums, pins, deleted threads and attached files in the loopback, as strict as Discord:
a forum holds at most 20 tags named in at most 20 characters, editing them needs Manage
Channels, a post carries at most 5 (moderated ones only for thread managers) and at least one
where the forum requires tags, a channel keeps
at most 50 pins, and a thread deleted in Discord reaches the bot as THREAD_DELETE."""

from __future__ import annotations

import io

import discord
import pytest

from sandbox import Loopback
from sandbox.api import File
from sandbox.channels import REQUIRE_TAG
from sandbox.state import ChannelRef, Permission

from .conftest import ProbeBot, bot_sees


def bot_role(loopback: Loopback) -> dict[str, object]:
    assert loopback.guild is not None
    return next(r for r in loopback.guild.roles.values() if r["managed"])


def grant(loopback: Loopback, permission: int) -> None:
    role = bot_role(loopback)
    role["permissions"] = str(int(str(role["permissions"])) | permission)


def revoke(loopback: Loopback, permission: int) -> None:
    role = bot_role(loopback)
    role["permissions"] = str(int(str(role["permissions"])) & ~permission)


def forum_of(loopback: Loopback, bot: ProbeBot) -> discord.ForumChannel:
    forum = bot.get_channel(int(loopback.channel("builds").id))
    assert isinstance(forum, discord.ForumChannel)
    return forum


async def test_editing_forum_tags_needs_manage_channels(loopback: Loopback, bot: ProbeBot) -> None:
    forum = forum_of(loopback, bot)
    tags = [*forum.available_tags, discord.ForumTag(name="daily")]
    with pytest.raises(discord.Forbidden) as refused:
        await forum.edit(available_tags=tags)
    assert refused.value.code == 50013
    assert "daily" not in [
        t["name"] for t in loopback.world.channels[str(forum.id)]["available_tags"]
    ]

    grant(loopback, Permission.MANAGE_CHANNELS)
    edited = await forum.edit(
        available_tags=[*tags, discord.ForumTag(name="Featured", moderated=True)]
    )
    stored = {t["name"]: t for t in loopback.world.channels[str(forum.id)]["available_tags"]}
    assert stored["daily"]["id"]
    assert stored["Featured"]["moderated"] is True
    assert {t.name for t in edited.available_tags} >= {"off-road", "daily", "Featured"}
    assert loopback.violations == []


async def test_a_forum_holds_at_most_20_tags_of_at_most_20_characters(
    loopback: Loopback, bot: ProbeBot
) -> None:
    grant(loopback, Permission.MANAGE_CHANNELS)
    forum = forum_of(loopback, bot)
    too_many = [*forum.available_tags, *(discord.ForumTag(name=f"tag {n}") for n in range(14))]
    too_long = [*forum.available_tags, discord.ForumTag(name="x" * 21)]
    for tags in (too_many, too_long):
        with pytest.raises(discord.HTTPException) as refused:
            await forum.edit(available_tags=tags)
        assert (refused.value.status, refused.value.code) == (400, 50035)
    assert len(loopback.world.channels[str(forum.id)]["available_tags"]) == 7

    await forum.edit(available_tags=too_many[:20])
    assert len(loopback.world.channels[str(forum.id)]["available_tags"]) == 20


async def test_a_forum_post_starts_with_its_message_and_carries_at_most_5_tags(
    loopback: Loopback, bot: ProbeBot
) -> None:
    forum = forum_of(loopback, bot)
    tags = forum.available_tags
    with pytest.raises(discord.HTTPException) as refused:
        await forum.create_thread(name="Too many", content="tags", applied_tags=tags[:6])
    assert (refused.value.status, refused.value.code) == (400, 50035)

    post = await forum.create_thread(
        name="1994 Carry", embed=discord.Embed(title="Build card"), applied_tags=tags[:5]
    )
    stored = loopback.world.channels[str(post.thread.id)]
    assert stored["applied_tags"] == [str(t.id) for t in tags[:5]]
    assert post.message.id == post.thread.id  # the starter message shares the thread's id
    starter = loopback.world.messages[str(post.thread.id)][str(post.thread.id)]
    assert starter["embeds"][0]["title"] == "Build card"


async def test_a_forum_that_requires_tags_refuses_a_post_without_one(
    loopback: Loopback, bot: ProbeBot
) -> None:
    forum = forum_of(loopback, bot)
    loopback.world.channels[str(forum.id)]["flags"] = REQUIRE_TAG  # set by an admin in Discord
    threads_before = len(loopback.world.channels)
    with pytest.raises(discord.HTTPException) as refused:
        await forum.create_thread(name="Untagged", content="hi")
    assert (refused.value.status, refused.value.code) == (400, 40067)
    assert len(loopback.world.channels) == threads_before

    post = await forum.create_thread(
        name="Tagged", content="hi", applied_tags=forum.available_tags[:1]
    )
    assert loopback.world.channels[str(post.thread.id)]["applied_tags"]


async def test_a_moderated_tag_is_applied_only_by_a_thread_manager(
    loopback: Loopback, bot: ProbeBot
) -> None:
    grant(loopback, Permission.MANAGE_CHANNELS)
    forum = forum_of(loopback, bot)
    forum = await forum.edit(
        available_tags=[*forum.available_tags, discord.ForumTag(name="Featured", moderated=True)]
    )
    featured = next(t for t in forum.available_tags if t.name == "Featured")
    revoke(loopback, Permission.MANAGE_THREADS)
    with pytest.raises(discord.Forbidden) as refused:
        await forum.create_thread(name="Shiny", content="look", applied_tags=[featured])
    assert refused.value.code == 50013
    grant(loopback, Permission.MANAGE_THREADS)
    post = await forum.create_thread(name="Shiny", content="look", applied_tags=[featured])
    assert loopback.world.channels[str(post.thread.id)]["applied_tags"] == [str(featured.id)]


async def test_a_thread_deleted_in_discord_reaches_the_bot_as_thread_delete(
    loopback: Loopback, bot: ProbeBot
) -> None:
    post = await forum_of(loopback, bot).create_thread(name="Gone soon", content="hi")
    thread = loopback.world.channels[str(post.thread.id)]
    await loopback.delete_thread(
        ChannelRef(thread["id"], thread["name"], thread["guild_id"], thread["type"])
    )
    assert ("THREAD_DELETE", str(post.thread.id)) in [
        (name, payload.get("id")) for name, payload in loopback.dispatched
    ]
    await bot_sees(lambda: bot.get_channel(post.thread.id) is None, "THREAD_DELETE")
    with pytest.raises(discord.NotFound) as gone:
        await post.thread.send("anyone?")
    assert gone.value.code == 10003


async def test_a_channel_keeps_at_most_50_pins(loopback: Loopback, bot: ProbeBot) -> None:
    general = bot.get_channel(int(loopback.channel("general").id))
    assert isinstance(general, discord.TextChannel)
    # Written by a member: the bot could send only 5 every 5 seconds into one channel.
    dale = loopback.member("Dale")
    posted = [
        await loopback.post(loopback.channel("general"), f"feature {n}", actor=dale)
        for n in range(51)
    ]
    messages = [general.get_partial_message(int(message.id)) for message in posted]
    for message in messages[:50]:
        await message.pin()
    with pytest.raises(discord.HTTPException) as refused:
        await messages[50].pin()
    assert (refused.value.status, refused.value.code) == (400, 30003)
    await messages[0].pin()  # pinning a pinned message again is no new pin
    await messages[0].unpin()
    await messages[50].pin()
    assert len(loopback.world.pins[str(general.id)]) == 50


async def test_an_attached_file_arrives_with_its_content_type_and_size(
    loopback: Loopback, bot: ProbeBot
) -> None:
    photo = File("carry.png", b"\x89PNG" + bytes(1000), "image/png")
    reply = await loopback.slash("upload", file=photo)
    assert reply.content == "carry.png image/png 1004"
    large = File("video.mp4", bytes(26 * 1024 * 1024), "video/mp4")
    reply = await loopback.slash("upload", file=large)
    assert reply.content == f"video.mp4 video/mp4 {26 * 1024 * 1024}"


async def test_the_bot_uploads_files_of_at_most_10_mib(loopback: Loopback, bot: ProbeBot) -> None:
    general = bot.get_channel(int(loopback.channel("general").id))
    assert isinstance(general, discord.TextChannel)
    big = discord.File(io.BytesIO(bytes(10 * 1024 * 1024 + 1)), filename="big.png")
    with pytest.raises(discord.HTTPException) as refused:
        await general.send(file=big)
    assert (refused.value.status, refused.value.code) == (413, 40005)
    fits = discord.File(io.BytesIO(bytes(10 * 1024 * 1024)), filename="fits.png")
    sent = await general.send(file=fits)
    assert sent.attachments[0].size == 10 * 1024 * 1024
