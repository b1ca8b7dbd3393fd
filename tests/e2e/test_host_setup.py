"""/setup as an admin finds it after the server changed under Keitora: a configured channel or
role deleted in Discord."""

from __future__ import annotations

from sandbox import ChannelRef, Loopback, RoleRef
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_core import field_value
from .test_permissions import synced_commands
from .test_setup import overwrite_bot, settings_shown


async def delete_channel(keitora: RunningBot, loopback: Loopback, channel: ChannelRef) -> None:
    """An admin deletes `channel` in Discord; the bot sees CHANNEL_DELETE."""
    world = loopback.world
    deleted = world.channels.pop(channel.id)
    world.guilds[loopback.guild.id].channels.pop(channel.id, None)
    world.messages.pop(channel.id, None)
    await loopback.core.dispatch("CHANNEL_DELETE", deleted)
    await eventually(lambda: keitora.bot.get_channel(int(channel.id)) is None, "CHANNEL_DELETE")


async def delete_role(keitora: RunningBot, loopback: Loopback, role: RoleRef) -> None:
    """An admin deletes `role` in Discord; the bot sees GUILD_ROLE_DELETE."""
    loopback.world.guilds[loopback.guild.id].roles.pop(role.id)
    await loopback.core.dispatch(
        "GUILD_ROLE_DELETE", {"guild_id": loopback.guild.id, "role_id": role.id}
    )
    guild = keitora.bot.get_guild(int(loopback.guild.id))
    assert guild is not None
    await eventually(lambda: guild.get_role(int(role.id)) is None, "GUILD_ROLE_DELETE")


async def test_a_deleted_channel_or_role_is_shown_as_gone_not_as_permissions_to_grant(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    meetups, glossary = loopback.channel("meetups"), loopback.channel("glossary")
    for kind, channel in (("meetups", meetups), ("glossary", glossary)):
        await loopback.slash("setup channel", kind=kind, channel=channel, actor=admin)
    organizer, moderator = loopback.guild.role("Organizer"), loopback.guild.role("Moderator")
    for kind, role in (("organizer", organizer), ("moderator", moderator)):
        await loopback.slash("setup role", kind=kind, role=role, actor=admin)

    await delete_channel(keitora, loopback, meetups)
    await delete_role(keitora, loopback, organizer)

    shown = await settings_shown(loopback)
    channels = field_value(shown, "Channels").splitlines()
    assert (
        f"meetups: <#{meetups.id}> ⚠️ this channel was deleted: choose another with `/setup channel`"
    ) in channels
    assert f"glossary: <#{glossary.id}>" in channels
    roles = field_value(shown, "Roles").splitlines()
    assert (
        f"organizer: <@&{organizer.id}> ⚠️ this role was deleted: choose another with `/setup role`"
    ) in roles
    assert f"moderator: <@&{moderator.id}>" in roles


async def test_an_importer_role_keitora_cannot_give_is_refused_or_warned_about(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    guild = loopback.world.guilds[loopback.guild.id]
    keitora_role = guild.roles[guild.members[loopback.bot.id]["roles"][0]]
    assert keitora_role["managed"]  # Discord made it with the bot, and nobody can give it

    managed = await loopback.slash(
        "setup role", kind="importer", role=loopback.guild.role("Keitora"), actor=admin
    )
    assert managed.ephemeral
    assert managed.content == (
        f"<@&{keitora_role['id']}> belongs to an integration (a bot's own role, or Server "
        "Booster): Discord lets nobody give it, so Keitora could not give it to the importers "
        "it registers. Pick a role of your own."
    )
    assert "importer" not in (await keitora.bot.services.setup.get(int(guild.id))).roles

    importer = loopback.guild.role("Importer")  # above Keitora's role, as a new role may be
    lacking = await loopback.slash("setup role", kind="importer", role=importer, actor=admin)
    assert lacking.content == (
        f"Members with <@&{importer.id}> are now importers.\n"
        f"Warning: I cannot give <@&{importer.id}> to the importers I register yet: I need "
        "Manage Roles, and my role must be above it (Server Settings → Roles: drag the Keitora "
        "role above it). Until then, importers are registered without it."
    )
    assert (await keitora.bot.services.setup.get(int(guild.id))).roles["importer"] == int(
        importer.id
    )

    keitora_role["permissions"] = str(int(keitora_role["permissions"]) | Permission.MANAGE_ROLES)
    keitora_role["position"] = len(guild.roles)
    await loopback.core.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": keitora_role})
    me = keitora.bot.get_guild(int(guild.id)).me  # type: ignore[union-attr]
    await eventually(lambda: me.guild_permissions.manage_roles, "GUILD_ROLE_UPDATE")
    able = await loopback.slash("setup role", kind="importer", role=importer, actor=admin)
    assert able.content == (
        f"Members with <@&{importer.id}> were already importers; nothing changed."
    )


async def test_the_word_of_the_day_hour_is_said_in_the_zone_it_is_read_in(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    bare = await loopback.slash("setup daily-word", hour=18, actor=admin)
    assert bare.content == (
        "The word of the day would now go out at 18:00 UTC once a glossary channel is set "
        "(`/setup channel kind:glossary`): this server has no time zone (`/setup timezone` "
        "sets one)."
    )
    await loopback.slash("setup timezone", tz="Mountain", actor=admin)
    await loopback.slash(
        "setup channel", kind="glossary", channel=loopback.channel("glossary"), actor=admin
    )
    zoned = await loopback.slash("setup daily-word", hour=7, actor=admin)
    assert zoned.content == "The word of the day now goes out at 07:00 America/Denver."


async def test_a_builds_forum_keitora_cannot_post_updates_in_is_warned_about(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # A forum post needs Send Messages; each update after the card is a message in the post's
    # thread, which needs Send Messages in Threads: without it every /build update fails.
    builds = loopback.channel("builds")
    await overwrite_bot(keitora, loopback, builds, deny=Permission.SEND_MESSAGES_IN_THREADS)

    reply = await loopback.slash(
        "setup channel", kind="builds", channel=builds, actor=loopback.member("Akiko")
    )

    assert reply.record.callback_body["data"]["content"] == (
        f"The builds channel is now <#{builds.id}>.\n"
        f"Warning: I cannot post in <#{builds.id}> yet: I need Send Messages in Threads there. "
        "Allow them for the Keitora role in the channel's permissions (Edit Channel → "
        "Permissions)."
    )
    channels = field_value(await settings_shown(loopback), "Channels").splitlines()
    assert (
        f"builds: <#{builds.id}> ⚠️ I cannot post there: I need Send Messages in Threads"
    ) in channels


async def test_setup_show_says_which_server_permissions_keitora_lacks_and_what_goes_without(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    importer = loopback.guild.role("Importer")  # above Keitora's role, which lacks Manage Roles
    # Manage Roles serves only to give the importer role: without one chosen, nothing lacks.
    assert field_value(await settings_shown(loopback), "My permissions") == (
        "I have every server-wide permission I use."
    )
    await loopback.slash("setup role", kind="importer", role=importer, actor=admin)
    shown = await settings_shown(loopback)
    # Each lack said once, where it is mended: the permission in the permissions field (one,
    # so "it"), the role's place at the role.
    assert field_value(shown, "My permissions") == (
        "⚠️ Manage Roles: importers I register are not given the importer role\n"
        "Grant it to the Keitora role in Server Settings → Roles."
    )
    assert (
        f"importer: <@&{importer.id}> ⚠️ I cannot give it to the importers I register: my role "
        "must be above it (Server Settings → Roles: drag the Keitora role above it)"
    ) in field_value(shown, "Roles").splitlines()
    assert sum(field["value"].count("Manage Roles") for field in shown["fields"]) == 1, shown

    bot_role = loopback.guild.role("Keitora")
    taken = Permission.CREATE_EVENTS | Permission.MANAGE_THREADS | Permission.PIN_MESSAGES
    await loopback.set_permissions(bot_role, Permission.BOT & ~taken)
    me = keitora.bot.get_guild(int(loopback.guild.id)).me  # type: ignore[union-attr]
    await eventually(lambda: not me.guild_permissions.create_events, "GUILD_ROLE_UPDATE")

    assert field_value(await settings_shown(loopback), "My permissions") == (
        "⚠️ Create Events: meetups are not shown in the server's Events tab\n"
        "⚠️ Manage Threads: build threads cannot be locked\n"
        "⚠️ Pin Messages: featured builds are not pinned in the showcase channel\n"
        "⚠️ Manage Roles: importers I register are not given the importer role\n"
        "Grant them to the Keitora role in Server Settings → Roles."
    )


async def test_setup_show_tells_a_server_on_the_old_invite_which_permissions_replaced_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await loopback.set_permissions(loopback.guild.role("Keitora"), Permission.OLD_BOT)
    me = keitora.bot.get_guild(int(loopback.guild.id)).me  # type: ignore[union-attr]
    await eventually(lambda: not me.guild_permissions.create_events, "GUILD_ROLE_UPDATE")

    assert field_value(await settings_shown(loopback), "My permissions") == (
        "⚠️ Create Events: meetups are not shown in the server's Events tab (since Discord's "
        "change of February 2026, Manage Events no longer lets me create events)\n"
        "⚠️ Pin Messages: featured builds are not pinned in the showcase channel (since "
        "Discord's change of February 2026, Manage Messages no longer lets me pin)\n"
        "Grant them to the Keitora role in Server Settings → Roles."
    )


async def test_a_bots_own_role_is_refused_as_the_moderator_or_organizer_role(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    moderator = loopback.guild.role("Moderator")
    await loopback.slash("setup role", kind="moderator", role=moderator, actor=admin)
    own = loopback.guild.role("Keitora")  # Discord gives it to Keitora alone

    for kind in ("moderator", "organizer"):
        refused = await loopback.slash("setup role", kind=kind, role=own, actor=admin)
        data = refused.record.callback_body["data"]
        assert data["flags"] & 64, "ephemeral"
        assert data["content"] == (
            f"<@&{own.id}> is a bot's own role: Discord gives it to that bot alone, so no "
            f"member would be one of the {kind}s. Pick a role your members hold."
        )
    roles = (await keitora.bot.services.setup.get(int(loopback.guild.id))).roles
    assert roles == {"moderator": int(moderator.id)}


async def test_setup_channel_lists_only_channels_keitora_can_post_in(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord's picker offers what the option allows: voice channels, stages and categories
    # could only be refused after they were picked.
    [channel] = [
        subcommand
        for subcommand in synced_commands(loopback)["setup"]["options"]
        if subcommand["name"] == "channel"
    ]
    [option] = [option for option in channel["options"] if option["name"] == "channel"]
    text, announcement, forum = 0, 5, 15
    assert sorted(option["channel_types"]) == [text, announcement, forum]
    # A picked channel arrives as before and is taken.
    builds = loopback.channel("builds")
    reply = await loopback.slash(
        "setup channel", kind="builds", channel=builds, actor=loopback.member("Akiko")
    )
    assert reply.content == f"The builds channel is now <#{builds.id}>."


async def test_a_command_needing_a_deleted_channel_says_it_was_deleted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    meetups, builds = loopback.channel("meetups"), loopback.channel("builds")
    for kind, channel in (("meetups", meetups), ("builds", builds)):
        await loopback.slash("setup channel", kind=kind, channel=channel, actor=admin)
        await delete_channel(keitora, loopback, channel)
    tammy = loopback.member("Tammy")

    meetup = await loopback.slash(
        "meetup create", title="Kei Day", when="Dec 12 10am", location="Moab", actor=tammy
    )
    build = await loopback.slash("build start", title="Camper", truck="1994 Carry", actor=tammy)

    assert meetup.ephemeral
    assert meetup.content == (
        "The meetups channel chosen for this server was deleted, so there is nowhere to post "
        "the card. A server admin can choose another with `/setup channel kind:meetups`."
    )
    assert build.content == (
        "The builds channel chosen for this server was deleted, so there is nowhere to start the "
        "build's thread. A server admin can choose another with `/setup channel kind:builds`."
    )
    assert await keitora.bot.services.meetups.upcoming(int(loopback.guild.id)) == []
