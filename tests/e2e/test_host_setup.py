"""/setup as an admin finds it after the server changed under Keitora: a configured channel
deleted in Discord, a role Keitora must hand out but cannot."""

from __future__ import annotations

from sandbox import ChannelRef, Loopback

from .conftest import RunningBot, eventually
from .test_core import field_value
from .test_setup import settings_shown


async def delete_channel(keitora: RunningBot, loopback: Loopback, channel: ChannelRef) -> None:
    """An admin deletes `channel` in Discord; the bot sees CHANNEL_DELETE."""
    world = loopback.world
    deleted = world.channels.pop(channel.id)
    world.guilds[loopback.guild.id].channels.pop(channel.id, None)
    world.messages.pop(channel.id, None)
    await loopback.core.dispatch("CHANNEL_DELETE", deleted)
    await eventually(lambda: keitora.bot.get_channel(int(channel.id)) is None, "CHANNEL_DELETE")


async def test_a_deleted_channel_is_shown_as_gone_not_as_missing_permissions(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    meetups, glossary = loopback.channel("meetups"), loopback.channel("glossary")
    for kind, channel in (("meetups", meetups), ("glossary", glossary)):
        await loopback.slash("setup channel", kind=kind, channel=channel, actor=admin)

    await delete_channel(keitora, loopback, meetups)

    channels = field_value(await settings_shown(loopback), "Channels").splitlines()
    assert (
        f"meetups: <#{meetups.id}> ⚠️ this channel was deleted: choose another with "
        "`/setup channel`"
    ) in channels
    assert f"glossary: <#{glossary.id}>" in channels


async def test_a_deleted_role_is_shown_as_gone(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    organizer, moderator = loopback.guild.role("Organizer"), loopback.guild.role("Moderator")
    await loopback.slash("setup role", kind="organizer", role=organizer, actor=admin)
    await loopback.slash("setup role", kind="moderator", role=moderator, actor=admin)

    loopback.world.guilds[loopback.guild.id].roles.pop(organizer.id)
    await loopback.core.dispatch(
        "GUILD_ROLE_DELETE", {"guild_id": loopback.guild.id, "role_id": organizer.id}
    )
    guild = keitora.bot.get_guild(int(loopback.guild.id))
    assert guild is not None
    await eventually(lambda: guild.get_role(int(organizer.id)) is None, "GUILD_ROLE_DELETE")

    roles = field_value(await settings_shown(loopback), "Roles").splitlines()
    assert (
        f"organizer: <@&{organizer.id}> ⚠️ this role was deleted: choose another with "
        "`/setup role`"
    ) in roles
    assert f"moderator: <@&{moderator.id}>" in roles
