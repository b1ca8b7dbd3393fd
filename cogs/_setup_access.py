"""What Keitora can do with the channels and roles an admin chooses with `/setup`: post there,
give the role, whether either was deleted since, and who else can read a channel."""

from __future__ import annotations

from typing import NamedTuple

import discord

PUBLIC_QUEUE = (
    "Warning: everyone in the server can view {channel}, so members can read the queue there: "
    "what was reported or submitted, quoted, and why moderators turned it down. Deny "
    "`@everyone` View Channel in it (or pick a private channel), and allow your moderators "
    "and Keitora."
)

# A server may hide channels from @everyone and show them to a members' role on purpose, so
# this says what Keitora sees rather than calling it wrong.
HIDDEN_FROM_EVERYONE = (
    "Note: `@everyone` cannot view {channel}, so only members whose roles let them view it "
    "will see the {kind} posted there. If members should all see them, allow `@everyone` View "
    "Channel in it (or pick another channel)."
)

UNPOSTABLE = (
    "Warning: I cannot post in {channel} yet: I need {missing} there. Allow them for the "
    "Keitora role in the channel's permissions (Edit Channel → Permissions)."
)
MANAGED_ROLE = (
    "{role} belongs to an integration (a bot's own role, or Server Booster): Discord lets "
    "nobody give it, so Keitora could not give it to the importers it registers. Pick a role "
    "of your own."
)
BOTS_OWN_ROLE = (
    "{role} is a bot's own role: Discord gives it to that bot alone, so no member would be one "
    "of the {kind}s. Pick a role your members hold."
)
UNGIVABLE = (
    "Warning: I cannot give {role} to the importers I register yet: I need {lacking}. Until "
    "then, importers are registered without it."
)


class EmbedsNotShown(Exception):
    """Keitora may not show embeds where a card of its own is (Embed Links taken since the card
    was posted): Discord would keep an edit's buttons and drop its embeds, a card of bare
    buttons. The card is left as it was until the permission is back."""

    def __init__(self, channel_id: int) -> None:
        super().__init__(f"Keitora lacks Embed Links in channel {channel_id}")
        self.channel_id = channel_id

    def note(self, card: str) -> str:
        """What a member whose change the card does not show yet is told."""
        return (
            f"\n{card} does not show it yet: I need Embed Links in <#{self.channel_id}>; a "
            "server admin can allow that for the Keitora role."
        )


def require_embed_links(bot: discord.Client, guild_id: int, channel_id: int) -> None:
    """`EmbedsNotShown` when Keitora may not show embeds in the channel or thread now; nothing
    when that is not known (a channel out of the cache: Discord decides)."""
    guild = bot.get_guild(guild_id)
    channel = guild.get_channel_or_thread(channel_id) if guild is not None else None
    if channel is None or guild is None or guild.me is None:
        return
    if not channel.permissions_for(guild.me).embed_links:
        raise EmbedsNotShown(channel_id)


def bots_own(role: discord.Role) -> bool:
    """Whether `role` is a bot's own, which Discord gives that bot alone: one tagged so, or a
    managed role Keitora holds itself."""
    me = role.guild.me
    return role.is_bot_managed() or (role.managed and me is not None and role in me.roles)


# Keitora gives a role only below its own highest, whatever its permissions.
BELOW_IT = "my role must be above it (Server Settings → Roles: drag the Keitora role above it)"


def cannot_give(role: discord.Role) -> str:
    """What Keitora lacks to give `role` to members, as an admin would fix it; empty when
    nothing."""
    me = role.guild.me
    lacking = []
    if not getattr(me.guild_permissions, GIVING_ROLES.flag):
        lacking.append(GIVING_ROLES.label)
    if role >= me.top_role:
        lacking.append(BELOW_IT)
    return ", and ".join(lacking)


# What Keitora needs in each kind of channel, each as discord.py's flag and as Discord's settings
# name it: it posts embeds everywhere; in the builds channel it posts each update in the build's
# thread, which it starts on the card in a text channel (a forum's posts are threads already),
# with the update's photo as a file (refused up front without Attach Files). A meetup card gets
# a thread for its notices where Keitora may start one (else they go to the channel).
POSTING = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)
STARTING_THREADS = (("create_public_threads", "Create Public Threads"),)
IN_THREADS = (("send_messages_in_threads", "Send Messages in Threads"),)
ATTACHING = (("attach_files", "Attach Files"),)
# Where Keitora reads its own posts back: a feature or ballot whose send Discord never answered
# is looked for in the showcase channel, and a decided queue post is read to take a forgotten
# moderator's name out of it. Without it Discord answers those reads with nothing, or refuses.
READING_BACK = (("read_message_history", "Read Message History"),)
READ_BACK_IN = frozenset({"showcase", "modqueue"})


async def _channel(
    guild: discord.Guild, channel_id: int
) -> discord.abc.GuildChannel | discord.Thread | None:
    """The channel as Discord has it, overwrites included; None when Keitora cannot see it."""
    channel = guild.get_channel(channel_id)
    if channel is not None:
        return channel
    try:  # not cached yet: Discord's copy says the same
        return await guild.fetch_channel(channel_id)
    except discord.HTTPException:
        return None


async def channel_deleted(guild: discord.Guild | None, channel_id: int) -> bool:
    """Whether Discord no longer has the channel: deleted since it was chosen. Asked about a
    channel it still has but Keitora may not view, Discord answers Missing Access instead."""
    if guild is None or guild.get_channel(channel_id) is not None:
        return False
    try:
        await guild.fetch_channel(channel_id)
    except discord.NotFound:
        return True
    except discord.HTTPException:
        pass  # unknown: say nothing rather than something wrong
    return False


def channel_gone(kind: str, purpose: str) -> str:
    """What a member is told when the server's `kind` channel, needed `purpose`, was deleted."""
    return (
        f"The {kind} channel chosen for this server was deleted, so there is nowhere {purpose}. "
        f"A server admin can choose another with `/setup channel kind:{kind}`."
    )


async def channel_warning(interaction: discord.Interaction, kind: str, channel_id: int) -> str:
    """What is wrong with the channel chosen for `kind`, for /setup show; empty when nothing."""
    if await channel_deleted(interaction.guild, channel_id):
        return "this channel was deleted: choose another with `/setup channel`"
    if missing := await missing_to_post(interaction, kind, channel_id):
        return f"I cannot post there: I need {missing}"
    return ""


def role_warning(interaction: discord.Interaction, kind: str, role_id: int) -> str:
    """What is wrong with the role chosen for `kind`, for /setup show; empty when nothing.
    Discord sends every role of a server, so one missing from the cache was deleted."""
    guild = interaction.guild
    if guild is None:
        return ""
    role = guild.get_role(role_id)
    if role is None:
        return "this role was deleted: choose another with `/setup role`"
    # Only the role's place: a Manage Roles lacking is said once, in the permissions field
    # (`GIVING_ROLES`), where it is granted.
    if kind == "importer" and guild.me is not None and role >= guild.me.top_role:
        return f"I cannot give it to the importers I register: {BELOW_IT}"
    return ""


# Discord's permission splits of 2026-02-23 moved pinning and creating events off the permissions
# the invite asked for before; a server that granted those is told they no longer serve.
SPLIT_FROM = "(since Discord's change of February 2026, {old} no longer lets me {verb})"


class SplitFrom(NamedTuple):
    """The permission that did what another does since Discord's split, and what it did."""

    flag: str  # discord.py's
    label: str  # as Discord's settings name it
    verb: str


PINNING_BEFORE = SplitFrom("manage_messages", "Manage Messages", "pin")


class ServerWide(NamedTuple):
    """A server-wide permission of the invite's that no chosen channel's check covers."""

    flag: str  # discord.py's
    label: str  # as Discord's settings name it
    without: str  # what goes without it
    before: SplitFrom | None  # what did it before Discord's split, if anything


SERVER_WIDE = (
    ServerWide(
        "create_events",
        "Create Events",
        "meetups are not shown in the server's Events tab",
        SplitFrom("manage_events", "Manage Events", "create events"),
    ),
    ServerWide("manage_threads", "Manage Threads", "build threads cannot be locked", None),
    ServerWide(
        "pin_messages",
        "Pin Messages",
        "featured builds are not pinned in the showcase channel",
        PINNING_BEFORE,
    ),
)


# Asked for only where an importer role is chosen (README.md: optional), so lacked only there;
# `cannot_give` checks the same flag. /setup show says it here alone, the role's place at the role.
GIVING_ROLES = ServerWide(
    "manage_roles",
    "Manage Roles",
    "importers I register are not given the importer role",
    None,
)


def split_from(held: discord.Permissions, before: SplitFrom | None) -> str:
    """Why the permission held before Discord's split no longer serves; empty unless held."""
    if before is None or not getattr(held, before.flag):
        return ""
    return " " + SPLIT_FROM.format(old=before.label, verb=before.verb)


def lacking_server_wide(interaction: discord.Interaction, *, gives_roles: bool) -> list[str]:
    """Each server-wide permission Keitora lacks, with what goes without it: `Create Events:
    meetups are not shown…`. `gives_roles`: whether an importer role is chosen, which Keitora
    needs Manage Roles to give."""
    me = None if interaction.guild is None else interaction.guild.me
    if me is None:
        return []
    held = me.guild_permissions
    used = SERVER_WIDE + ((GIVING_ROLES,) if gives_roles else ())
    return [
        f"{need.label}: {need.without}{split_from(held, need.before)}"
        for need in used
        if not getattr(held, need.flag)
    ]


async def readable_by_everyone(interaction: discord.Interaction, channel_id: int) -> bool:
    """Whether @everyone may view the channel, as Discord computes it from the server's
    @everyone role and the channel's own overwrites (a channel synced with its category holds
    copies of the category's)."""
    guild = interaction.guild
    channel = None if guild is None else await _channel(guild, channel_id)
    # Unseen by Keitora: it has nothing to say about who else sees it.
    return channel is not None and channel.permissions_for(channel.guild.default_role).view_channel


async def missing_to_post(interaction: discord.Interaction, kind: str, channel_id: int) -> str:
    """The permissions Keitora lacks to post what `kind` posts in the channel, named as Discord
    names them ("View Channel, Embed Links"); empty when it has them all."""
    guild = interaction.guild
    channel = None if guild is None else await _channel(guild, channel_id)
    granted = discord.Permissions.none()
    if channel is not None and channel.guild.me is not None:
        granted = channel.permissions_for(channel.guild.me)
    needed = POSTING
    if kind == "builds":
        starts = isinstance(channel, discord.TextChannel)
        needed += (STARTING_THREADS if starts else ()) + IN_THREADS + ATTACHING
    elif kind == "meetups" and granted.create_public_threads:
        needed += IN_THREADS
    if kind in READ_BACK_IN:
        needed += READING_BACK
    return ", ".join(label for flag, label in needed if not getattr(granted, flag))
