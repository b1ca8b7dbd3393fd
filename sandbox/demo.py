"""The demo server every sandbox run and end-to-end test starts with."""

from __future__ import annotations

from sandbox.state import ChannelType, Guild, Permission, World

DEMO_GUILD = "Kei Truck Owners of America"
BUILD_TAGS = (
    "off-road",
    "camper",
    "show",
    "work",
    "mobile-business",
    "restoration",
    "ev-conversion",
)
PLAIN_MEMBERS = ("Mika", "Dale", "Rosa", "Hank")


def build_demo_guild(world: World) -> Guild:
    """Kei Truck Owners of America: channels, the forum with build tags, roles and members.

    Members: Akiko owns the server (Manage Server); Marcus is a Moderator, Tammy an Organizer,
    Yoshi an Importer; Mika, Dale, Rosa and Hank are plain members. Only moderators and the
    bot can view #mod-queue.
    """
    guild = world.add_guild(DEMO_GUILD, owner="Akiko")
    guild.add_channel("general", topic="Anything kei")
    guild.add_channel("meetups", topic="Regional meetups and Kei Truck Days")
    guild.add_forum("builds", list(BUILD_TAGS), topic="Build logs")
    guild.add_channel("showcase", topic="Featured builds")
    guild.add_channel("announcements", ChannelType.GUILD_ANNOUNCEMENT, topic="Importer news")
    guild.add_channel("glossary", topic="Word of the day")
    queue = guild.add_channel("mod-queue", topic="Moderation queue")
    moderator = guild.add_role("Moderator", Permission.MANAGE_MESSAGES | Permission.MANAGE_THREADS)
    # Only moderators (and the bot) see the queue, as a server's admins would set it up.
    guild.set_overwrite(queue, guild.everyone, deny=Permission.VIEW_CHANNEL)
    for staff in (moderator, guild.role(world.bot["global_name"])):
        guild.set_overwrite(queue, staff, allow=Permission.VIEW_CHANNEL)
    organizer = guild.add_role("Organizer")
    importer = guild.add_role("Importer")
    guild.add_member("Marcus", [moderator])
    guild.add_member("Tammy", [organizer])
    guild.add_member("Yoshi", [importer])
    for name in PLAIN_MEMBERS:
        guild.add_member(name)
    return guild
