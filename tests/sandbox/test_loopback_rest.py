"""The REST surface the bot uses, driven through discord.py's own objects, within the spec."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

import discord
import pytest

from sandbox import Loopback

from .conftest import ProbeBot


def _channel(bot: ProbeBot, loopback: Loopback, name: str) -> discord.abc.GuildChannel:
    return bot.get_channel(int(loopback.channel(name).id))  # type: ignore[return-value]


async def test_messages_attachments_threads_pins_reactions(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _channel(bot, loopback, "general")
    photo = discord.File(io.BytesIO(b"\xff\xd8truck"), "carry.jpg")

    message = await general.send("Build day", file=photo)
    await message.edit(content="Build day!")
    thread = await message.create_thread(name="Build day chat")
    await thread.send("first in thread")
    await thread.edit(archived=True, locked=True)
    await message.pin()
    pinned = [m async for m in general.pins()]
    await message.add_reaction("👍")
    fetched = await general.fetch_message(message.id)
    downloaded = await fetched.attachments[0].read()
    await message.unpin()

    stored = loopback.messages("general")[0]
    assert (stored.content, stored.attachments[0].data) == ("Build day!", b"\xff\xd8truck")
    assert downloaded == b"\xff\xd8truck"
    assert [m.id for m in pinned] == [message.id]
    assert (fetched.reactions[0].emoji, fetched.reactions[0].me) == ("👍", True)
    assert thread.id == message.id
    assert loopback.world.channels[str(thread.id)]["thread_metadata"]["locked"]


async def test_forum_post_with_tags_and_crosspost(loopback: Loopback, bot: ProbeBot) -> None:
    builds = _channel(bot, loopback, "builds")
    announcements = _channel(bot, loopback, "announcements")
    assert isinstance(builds, discord.ForumChannel)
    camper = discord.utils.get(builds.available_tags, name="camper")

    post = await builds.create_thread(
        name="1994 Suzuki Carry DA51T", content="Camper build", applied_tags=[camper]
    )
    arrival = await announcements.send("Hijet 4WD dump arrived")
    await arrival.publish()

    assert [t.name for t in post.thread.applied_tags] == ["camper"]
    assert post.message.id == post.thread.id
    post_channel = loopback.guild.channel("1994 Suzuki Carry DA51T")
    assert [m.content for m in loopback.messages(post_channel)] == ["Camper build"]
    assert loopback.messages("announcements")[0].flags & 1


async def test_members_roles_dms_and_events(loopback: Loopback, bot: ProbeBot) -> None:
    guild = bot.get_guild(int(loopback.guild.id))
    mika = loopback.member("Mika")

    member = await guild.fetch_member(int(mika.id))
    listed = [m async for m in guild.fetch_members(limit=20)]
    roles = await guild.fetch_roles()
    await member.send("Your meetup starts in 1 hour")
    start = datetime.now(UTC) + timedelta(days=3)
    event = await guild.create_scheduled_event(
        name="Kei Truck Day",
        start_time=start,
        end_time=start + timedelta(hours=4),
        entity_type=discord.EntityType.external,
        location="Fort Collins, CO",
        privacy_level=discord.PrivacyLevel.guild_only,
    )
    event = await event.edit(name="Kei Truck Day (moved)")
    fetched = await guild.fetch_scheduled_events()
    await event.delete()

    assert member.display_name == "Mika"
    assert len(listed) == 9
    assert {"Moderator", "Organizer", "Importer"} <= {r.name for r in roles}
    assert [m.content for m in loopback.dms(mika)] == ["Your meetup starts in 1 hour"]
    assert [e.name for e in fetched] == ["Kei Truck Day (moved)"]
    assert loopback.guild.events == {}


async def test_missing_permission_and_closed_dms_are_refused(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = bot.get_guild(int(loopback.guild.id))
    dale = loopback.member("Dale")
    loopback.close_dms(dale)
    start = datetime.now(UTC) + timedelta(days=1)
    bot_role = loopback.guild.role("Keitora")
    loopback.guild.roles[bot_role.id]["permissions"] = "0"

    with pytest.raises(discord.Forbidden) as refused_dm:
        await (await guild.fetch_member(int(dale.id))).send("hi")
    with pytest.raises(discord.Forbidden) as refused_event:
        await guild.create_scheduled_event(
            name="x",
            start_time=start,
            end_time=start + timedelta(hours=1),
            entity_type=discord.EntityType.external,
            location="Boise",
            privacy_level=discord.PrivacyLevel.guild_only,
        )

    assert refused_dm.value.code == 50007
    assert refused_event.value.code == 50013


async def test_a_dm_is_not_edited_once_its_member_refuses_dms(
    loopback: Loopback, bot: ProbeBot
) -> None:
    dale = loopback.member("Dale")
    sent = await (await bot.fetch_user(int(dale.id))).send("Your alert")
    loopback.close_dms(dale)

    with pytest.raises(discord.Forbidden) as refused:
        await sent.edit(content="Your alert, taken down")

    assert (refused.value.status, refused.value.code) == (403, 50007)
    assert [m.content for m in loopback.dms(dale)] == ["Your alert"]


async def test_a_member_posts_and_reacts_and_the_bot_sees_both(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = loopback.channel("general")
    seen = asyncio.create_task(bot.wait_for("message", timeout=5))
    posted = await loopback.post(general, "anyone near Boise?", actor=loopback.member("Dale"))
    message = await seen
    # The probe bot lacks the privileged MESSAGE_CONTENT intent: it sees the message, not the text.
    assert (message.content, message.author.display_name) == ("", "Dale")

    reacted = asyncio.create_task(bot.wait_for("raw_reaction_add", timeout=5))
    await loopback.react(posted, "👍", actor=loopback.member("Rosa"))
    event = await reacted
    assert (event.user_id, str(event.emoji)) == (int(loopback.member("Rosa").id), "👍")
    assert loopback.messages(general)[-1].raw["reactions"][0]["count"] == 1
