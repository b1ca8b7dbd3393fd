"""Channel permission overwrites, as Discord keeps and computes them: who may view a channel
is the server's roles, then the channel's own overwrites for @everyone, the member's roles and
the member; a channel made in a category starts with copies of the category's."""

from __future__ import annotations

import discord
import pytest

from sandbox import Loopback
from sandbox.state import OverwriteType, Permission, World

from .conftest import ProbeBot, bot_sees

VIEW = Permission.VIEW_CHANNEL


def test_a_channel_made_in_a_private_category_is_private_too() -> None:
    world = World()
    guild = world.add_guild("Kei Club", owner="Ann")
    staff = guild.add_role("Staff")
    member = guild.add_member("Bo")
    moderator = guild.add_member("Cy", [staff])
    category = guild.add_category("staff-only")
    guild.set_overwrite(category, guild.everyone, deny=VIEW)
    guild.set_overwrite(category, staff, allow=VIEW)

    inside = guild.add_channel("reports", category=category)
    public = guild.add_channel("general")

    stored = guild.channels[inside.id]
    assert stored["parent_id"] == category.id
    assert stored["permission_overwrites"] == [
        {"id": guild.id, "type": OverwriteType.ROLE, "allow": "0", "deny": str(VIEW)},
        {"id": staff.id, "type": OverwriteType.ROLE, "allow": str(VIEW), "deny": "0"},
    ]
    assert guild.permissions_in(inside.id, member.id) == 0
    assert guild.permissions_in(inside.id, moderator.id) & VIEW
    assert guild.permissions_in(inside.id, guild.owner_id) == Permission.ALL
    assert guild.permissions_in(public.id, member.id) == Permission.EVERYONE

    # A category changed later reaches no channel in it: the channel holds its own copies.
    guild.set_overwrite(category, guild.everyone)
    assert guild.permissions_in(inside.id, member.id) == 0


def test_a_members_own_overwrite_beats_their_roles_and_theirs_beat_everyones() -> None:
    world = World()
    guild = world.add_guild("Kei Club", owner="Ann")
    staff, muted = guild.add_role("Staff"), guild.add_role("Muted")
    cy = guild.add_member("Cy", [staff, muted])
    channel = guild.add_channel("reports")
    guild.set_overwrite(channel, guild.everyone, deny=VIEW)
    guild.set_overwrite(channel, staff, allow=VIEW | Permission.SEND_MESSAGES)
    guild.set_overwrite(channel, muted, deny=Permission.SEND_MESSAGES)

    # Roles count together, an allow winning over a deny among them.
    assert guild.permissions_in(channel.id, cy.id) & Permission.SEND_MESSAGES
    guild.set_overwrite(channel, cy, deny=VIEW)
    assert guild.permissions_in(channel.id, cy.id) == 0


async def test_the_bot_sees_overwrites_and_their_changes_as_discord_sends_them(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = loopback.guild
    assert guild is not None
    ref = guild.channel("general")
    cached = bot.get_channel(int(ref.id))
    assert cached is not None
    everyone = cached.guild.default_role
    assert cached.permissions_for(everyone).view_channel

    await loopback.set_overwrite(ref, guild.everyone, deny=VIEW)
    await bot_sees(
        lambda: not cached.permissions_for(everyone).view_channel,
        "CHANNEL_UPDATE with the overwrite",
    )
    # Hidden from @everyone, the channel is hidden from the bot too until its role may view.
    with pytest.raises(discord.Forbidden):
        await bot.fetch_channel(int(ref.id))
    await loopback.set_overwrite(ref, guild.role("Keitora"), allow=VIEW)
    fetched = await bot.fetch_channel(int(ref.id))
    assert fetched.overwrites_for(everyone).view_channel is False  # type: ignore[union-attr]
    member = loopback.member("Mika")
    assert guild.permissions_in(ref.id, member.id) == 0


async def test_the_bot_is_refused_where_an_overwrite_takes_its_permissions_away(
    loopback: Loopback, bot: ProbeBot
) -> None:
    """Discord answers Missing Access (50001) where the bot may not view the channel, and
    Missing Permissions (50013) where it may view it but not do what it asked."""
    guild = loopback.guild
    assert guild is not None
    bot_role = guild.role("Keitora")
    hidden, read_only, no_embeds = (
        guild.channel(name) for name in ("mod-queue", "showcase", "glossary")
    )
    await loopback.set_overwrite(hidden, bot_role, deny=VIEW)
    await loopback.set_overwrite(read_only, bot_role, deny=Permission.SEND_MESSAGES)
    await loopback.set_overwrite(no_embeds, bot_role, deny=Permission.EMBED_LINKS)
    embed = {"embeds": [{"title": "Word of the day"}]}

    async def send(channel_id: str, **body: object) -> object:
        params = discord.http.MultipartParameters(body, None, None)
        return await bot.http.send_message(int(channel_id), params=params)

    async def refused(channel_id: str, **body: object) -> tuple[int, int]:
        with pytest.raises(discord.HTTPException) as refusal:
            await send(channel_id, **body)
        return refusal.value.status, refusal.value.code

    assert await refused(hidden.id, content="queued") == (403, 50001)
    assert await refused(read_only.id, content="featured") == (403, 50013)
    assert await refused(no_embeds.id, **embed) == (403, 50013)
    await send(no_embeds.id, content="plain")
    assert [m.content for m in loopback.messages("glossary")] == ["plain"]
    assert loopback.messages("mod-queue") == []
    assert loopback.messages("showcase") == []


async def test_the_bot_may_not_delete_even_its_own_message_where_it_may_not_view(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = loopback.guild
    assert guild is not None
    announcements = guild.channel("announcements")
    channel = bot.get_channel(int(announcements.id))
    assert isinstance(channel, discord.TextChannel)
    posted = await channel.send("Hijet arrivals")
    await loopback.set_overwrite(announcements, guild.role("Keitora"), deny=VIEW)
    with pytest.raises(discord.HTTPException) as refusal:
        await bot.http.delete_message(channel.id, posted.id)
    assert (refusal.value.status, refusal.value.code) == (403, 50001)
    assert [m.content for m in loopback.messages("announcements")] == ["Hijet arrivals"]

    await loopback.set_overwrite(announcements, guild.role("Keitora"))
    await bot.http.delete_message(channel.id, posted.id)  # its own: no Manage Messages needed
    assert loopback.messages("announcements") == []


async def test_the_bot_may_not_change_even_its_own_thread_where_it_may_not_view(
    loopback: Loopback, bot: ProbeBot
) -> None:
    guild = loopback.guild
    assert guild is not None
    general = bot.get_channel(int(guild.channel("general").id))
    assert isinstance(general, discord.TextChannel)
    card = await general.send("Camper Carry")
    thread = await card.create_thread(name="Camper Carry")
    await loopback.set_overwrite(guild.channel("general"), guild.role("Keitora"), deny=VIEW)
    with pytest.raises(discord.HTTPException) as refusal:
        await bot.http.edit_channel(thread.id, name="Desert Carry")
    assert (refusal.value.status, refusal.value.code) == (403, 50001)
    assert loopback.world.channels[str(thread.id)]["name"] == "Camper Carry"
