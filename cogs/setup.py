"""`/setup`: where the bot posts, which roles mean what, the server's zone and reminders, and
whether its meetups are on the public web calendar."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, fit
from bot.public_calendar import CalendarState
from bot.retention import RETAIN_FOR
from bot.setup import (
    CHANNEL_KINDS,
    DEFAULT_DAILY_WORD_HOUR,
    DEFAULT_IMPORTER_DAILY_LIMIT,
    DEFAULT_REMINDER_OFFSETS,
    MAX_IMPORTER_DAILY_LIMIT,
    ROLE_KINDS,
    GuildConfig,
    describe_offsets,
    parse_offsets,
)
from bot.zones import search_zones, zone_label
from cogs._text import counted, echo
from cogs.checks import ADMIN_PERMISSIONS, admin_only, guild_id_of

ChannelKind = Literal["meetups", "builds", "showcase", "announcements", "glossary", "modqueue"]
RoleKind = Literal["moderator", "organizer", "importer"]
# Where each kind of post can go: build logs become forum posts (or threads in a text
# channel); everything else is a plain message, which a forum cannot take.
MESSAGE_CHANNELS = (discord.ChannelType.text, discord.ChannelType.news)
ALLOWED_CHANNELS = {"builds": (discord.ChannelType.text, discord.ChannelType.forum)}
SETTINGS = "change Keitora's settings"

# What each setting is called in /setup unset's list, and what Keitora does without it: the
# same as on a new server, where nothing was ever set.
UNSET: Mapping[str, tuple[str, str]] = {
    "channel:meetups": (
        "meetups channel",
        "New meetups cannot be created until a meetups channel is set again; cards already "
        "posted stay and are still kept up to date.",
    ),
    "channel:builds": (
        "builds channel",
        "New build logs cannot be started until a builds channel is set again; build threads "
        "already there stay.",
    ),
    "channel:showcase": (
        "showcase channel",
        "Builds cannot be featured, nor nominations approved, until a showcase channel is set "
        "again; posts already there stay.",
    ),
    "channel:announcements": (
        "announcements channel",
        "Importers cannot announce until an announcements channel is set again; items from "
        "their feeds wait in the moderation queue meanwhile.",
    ),
    "channel:glossary": (
        "glossary channel",
        "The word of the day is not posted until a glossary channel is set again.",
    ),
    "channel:modqueue": (
        "mod-queue channel",
        "Mod-queue posts stop until a mod-queue channel is set again: new items wait for "
        "moderators in /modqueue, and feed trouble is not reported in a channel.",
    ),
    "role:moderator": (
        "moderator role",
        "Only members who may manage messages moderate now.",
    ),
    "role:organizer": ("organizer role", "Every member may organize meetups now."),
    "role:importer": (
        "importer role",
        "Importers registered from now on get no role, and members who have the old one keep "
        "it until it is taken off in Discord; importer profiles work all the same.",
    ),
    "timezone": (
        "time zone",
        "The word of the day's hour is read in UTC now, and a meetup time typed without a zone "
        "by a member who set no /timezone is refused with a request for one.",
    ),
    "reminder_offsets": (
        "reminder times",
        f"Reminders go out {describe_offsets(parse_offsets(DEFAULT_REMINDER_OFFSETS))} "
        "each meetup, as on a new server.",
    ),
    "daily_word_hour": (
        "word of the day hour",
        f"The word of the day goes out at {DEFAULT_DAILY_WORD_HOUR:02d}:00 in the server's "
        "time zone, as on a new server.",
    ),
    "importer_daily_limit": (
        "importer announcement limit",
        f"Each importer may announce {counted(DEFAULT_IMPORTER_DAILY_LIMIT, 'time')} in 24 "
        "hours, as on a new server.",
    ),
}


PUBLIC_QUEUE = (
    "Warning: everyone in the server can view {channel}, so members can read the queue there: "
    "what was reported or submitted, quoted, and why moderators turned it down. Deny "
    "`@everyone` View Channel in it (or pick a private channel), and allow your moderators "
    "and Keitora."
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
UNGIVABLE = (
    "Warning: I cannot give {role} to the importers I register yet: I need {lacking}. Until "
    "then, importers are registered without it."
)


def cannot_give(role: discord.Role) -> str:
    """What Keitora lacks to give `role` to members, as an admin would fix it; empty when
    nothing."""
    me = role.guild.me
    lacking = []
    if not me.guild_permissions.manage_roles:
        lacking.append("Manage Roles")
    if role >= me.top_role:
        lacking.append(
            "my role must be above it (Server Settings → Roles: drag the Keitora role above it)"
        )
    return ", and ".join(lacking)


# What Keitora needs in each kind of channel, each as discord.py's flag and as Discord's settings
# name it: it posts embeds everywhere, and starts a thread on each build's card in a text builds
# channel (a forum's posts are threads already).
POSTING = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)
THREADS = (
    ("create_public_threads", "Create Public Threads"),
    ("send_messages_in_threads", "Send Messages in Threads"),
)


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


async def channel_deleted(interaction: discord.Interaction, channel_id: int) -> bool:
    """Whether Discord no longer has the channel: deleted since it was chosen. Asked about a
    channel it still has but Keitora may not view, Discord answers Missing Access instead."""
    guild = interaction.guild
    if guild is None or guild.get_channel(channel_id) is not None:
        return False
    try:
        await guild.fetch_channel(channel_id)
    except discord.NotFound:
        return True
    except discord.HTTPException:
        pass  # unknown: say nothing rather than something wrong
    return False


async def channel_warning(interaction: discord.Interaction, kind: str, channel_id: int) -> str:
    """What is wrong with the channel chosen for `kind`, for /setup show; empty when nothing."""
    if await channel_deleted(interaction, channel_id):
        return "this channel was deleted: choose another with `/setup channel`"
    if missing := await missing_to_post(interaction, kind, channel_id):
        return f"I cannot post there: I need {missing}"
    return ""


def role_warning(interaction: discord.Interaction, role_id: int) -> str:
    """What is wrong with a chosen role, for /setup show; empty when nothing. Discord sends
    every role of a server, so one missing from the cache was deleted."""
    if interaction.guild is None or interaction.guild.get_role(role_id) is not None:
        return ""
    return "this role was deleted: choose another with `/setup role`"


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
    needed = (
        POSTING + THREADS
        if isinstance(channel, discord.TextChannel) and kind == "builds"
        else POSTING
    )
    granted = discord.Permissions.none()
    if channel is not None and channel.guild.me is not None:
        granted = channel.permissions_for(channel.guild.me)
    return ", ".join(label for flag, label in needed if not getattr(granted, flag))


async def zone_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=zone, value=zone)
        for zone in search_zones(current, AUTOCOMPLETE_CHOICES)
    ]


def chosen_zone(typed: str, zone: str) -> str:
    """The zone a /timezone or /setup timezone chose, in bold, with what was typed when that
    reads differently: `**America/Los_Angeles** (from PST)`."""
    shown = zone_label(zone)
    return f"**{shown}**" + (
        "" if typed.strip() == shown else f" (from {echo(fit(typed.strip(), 40))})"
    )


def render_config(
    config: GuildConfig,
    calendar: CalendarState,
    *,
    web_on: bool,
    warnings: Mapping[str, str],
) -> discord.Embed:
    """The settings; `warnings`: what is wrong with a chosen channel or role (a channel
    Keitora cannot post in, one deleted), by `SettingChange.setting` (`channel:meetups`)."""
    embed = discord.Embed(title="Keitora settings for this server", colour=discord.Colour.teal())
    channels = _listing("channel", CHANNEL_KINDS, config.channels, "<#{}>", warnings)
    embed.add_field(name="Channels", value=channels)
    roles = _listing("role", ROLE_KINDS, config.roles, "<@&{}>", warnings)
    embed.add_field(name="Roles", value=roles)
    embed.add_field(
        name="Time zone", value=zone_label(config.timezone) if config.timezone else NO_ZONE
    )
    embed.add_field(name="Reminders", value=reminders_text(config))
    embed.add_field(name="Word of the day", value=f"{config.daily_word_hour:02d}:00")
    embed.add_field(
        name="Public calendar", value=calendar_text(calendar, web_on=web_on), inline=False
    )
    embed.add_field(
        name="Importer announcements", value=f"{config.importer_daily_limit} a day each"
    )
    embed.add_field(name="If Keitora is removed", value=RETENTION_TEXT, inline=False)
    return embed


# Not "UTC": meetup times are read in no zone, and a member who set none is asked for one.
NO_ZONE = (
    "not set: the word of the day goes by UTC, and members who set no /timezone must name a "
    "zone in meetup times"
)
TURN_ON = f"`/setup reminders offsets:{DEFAULT_REMINDER_OFFSETS}` turns them back on"


def reminders_text(config: GuildConfig) -> str:
    """When the server's meetup reminders go out, or that they are off."""
    if not config.reminder_offsets:
        return f"Off: no reminder posts or DMs for meetups ({TURN_ON})."
    return f"{describe_offsets(config.reminder_offsets)} each meetup"


RETENTION_TEXT = (
    f"This server's data is kept for {RETAIN_FOR.days} days, so adding Keitora back within them "
    "restores everything; then it is deleted. Members can download or delete their own data "
    "at any time with /privacy."
)


def calendar_text(calendar: CalendarState, *, web_on: bool) -> str:
    """Whether the public calendar is on, and its links while the web server runs."""
    state = "On" if calendar.public else "Off"
    if not web_on:
        return f"{state}; the web server is off (WEB_PORT is not set), so nothing is served."
    if not calendar.public or calendar.links is None:
        return f"{state}. `/setup calendar public:True` puts upcoming meetups on a web page."
    return (
        f"{state}. Anyone with these links sees upcoming meetups:\n"
        f"Page: {calendar.links.page}\n"
        f"Feed (.ics): {calendar.links.feed}\n"
        f"Subscribe: {calendar.links.subscribe}"
    )


def _listing(
    what: str,
    kinds: tuple[str, ...],
    chosen: Mapping[str, int],
    mention: str,
    warnings: Mapping[str, str],
) -> str:
    return "\n".join(
        f"{kind}: {mention.format(chosen[kind]) if kind in chosen else 'not set'}"
        + (f" ⚠️ {warning}" if (warning := warnings.get(f"{what}:{kind}")) else "")
        for kind in kinds
    )


@app_commands.guild_only()
@app_commands.default_permissions(ADMIN_PERMISSIONS)
class SetupCog(commands.GroupCog, group_name="setup", group_description="Server settings (admins)"):
    def __init__(self, bot: KeitoraBot) -> None:
        self.service = bot.services.setup
        self.calendar_service = bot.services.public_calendar
        self.web_on = bot.settings.web_port is not None

    @app_commands.command(name="channel", description="Choose the channel for one kind of post")
    @admin_only(SETTINGS)
    @app_commands.describe(kind="What the channel is for", channel="The channel to use")
    async def channel(
        self,
        interaction: discord.Interaction,
        kind: ChannelKind,
        channel: app_commands.AppCommandChannel,
    ) -> None:
        if channel.type not in ALLOWED_CHANNELS.get(kind, MESSAGE_CHANNELS):
            allowed = (
                "a text or forum channel" if kind == "builds" else "a text or announcement channel"
            )
            raise UserError(f"The {kind} channel must be {allowed}; {channel.mention} is not.")
        await self.service.set_channel(guild_id_of(interaction), kind, channel.id)
        warnings = []
        if missing := await missing_to_post(interaction, kind, channel.id):
            warnings.append(UNPOSTABLE.format(channel=channel.mention, missing=missing))
        if kind == "modqueue" and await readable_by_everyone(interaction, channel.id):
            warnings.append(PUBLIC_QUEUE.format(channel=channel.mention))
        reply = "\n".join([f"The {kind} channel is now {channel.mention}.", *warnings])
        await respond(interaction, reply)

    @app_commands.command(
        name="role", description="Choose the role for moderators, organizers or importers"
    )
    @admin_only(SETTINGS)
    async def role(
        self, interaction: discord.Interaction, kind: RoleKind, role: discord.Role
    ) -> None:
        # Keitora gives the importer role to each importer registered.
        if kind == "importer" and role.managed:
            raise UserError(MANAGED_ROLE.format(role=role.mention))
        await self.service.set_role(guild_id_of(interaction), kind, role.id)
        warnings = []
        if kind == "importer" and (lacking := cannot_give(role)):
            warnings.append(UNGIVABLE.format(role=role.mention, lacking=lacking))
        await respond(
            interaction, "\n".join([f"Members with {role.mention} are now {kind}s.", *warnings])
        )

    @app_commands.command(name="timezone", description="The server's default time zone")
    @admin_only(SETTINGS)
    @app_commands.describe(tz="A zone: America/Denver, Denver, Pacific, PT, Arizona, JST…")
    @app_commands.autocomplete(tz=zone_autocomplete)
    async def timezone(self, interaction: discord.Interaction, tz: str) -> None:
        zone = await self.service.set_timezone(guild_id_of(interaction), tz)
        await respond(interaction, f"The server's time zone is now {chosen_zone(tz, zone)}.")

    @app_commands.command(name="reminders", description="When meetup reminders go out, or off")
    @admin_only(SETTINGS)
    @app_commands.describe(offsets="How long before a meetup, e.g. 24h,1h; or off for none")
    async def reminders(self, interaction: discord.Interaction, offsets: str) -> None:
        guild_id = guild_id_of(interaction)
        was_on = bool((await self.service.get(guild_id)).reminder_offsets)
        parsed = await self.service.set_reminder_offsets(guild_id, offsets)
        if not parsed:
            await respond(
                interaction,
                "Meetup reminders are off in this server: no reminder posts and no reminder "
                "DMs, also for meetups already planned, and members' own reminder times wait "
                f"until reminders are back on. {TURN_ON}.",
            )
            return
        again = "" if was_on else "Meetup reminders are on again. "
        await respond(
            interaction, f"{again}Reminders go out {describe_offsets(parsed)} each meetup."
        )

    @app_commands.command(
        name="daily-word", description="The hour the glossary's word of the day is posted"
    )
    @admin_only(SETTINGS)
    @app_commands.describe(hour="Hour of the day (0-23) in the server's time zone")
    async def daily_word(
        self, interaction: discord.Interaction, hour: app_commands.Range[int, 0, 23]
    ) -> None:
        guild_id = guild_id_of(interaction)
        await self.service.set_daily_word_hour(guild_id, hour)
        config = await self.service.get(guild_id)
        at = f"The word of the day now goes out at {hour:02d}:00"
        if config.timezone:
            reply = f"{at} {zone_label(config.timezone)}."
        else:
            reply = f"{at} UTC: this server has no time zone (`/setup timezone` sets one)."
        if "glossary" not in config.channels:
            reply += (
                " No glossary channel is set, so it is not posted until one is "
                "(`/setup channel kind:glossary`)."
            )
        await respond(interaction, reply)

    @app_commands.command(
        name="calendar", description="Show upcoming meetups on a public web page and .ics feed"
    )
    @admin_only(SETTINGS)
    @app_commands.describe(
        public="True: anyone with the link sees upcoming meetups; False: the links stop working",
        rotate="True: new links; the old ones stop working",
    )
    async def calendar(
        self,
        interaction: discord.Interaction,
        public: bool | None = None,
        rotate: bool = False,
    ) -> None:
        guild_id = guild_id_of(interaction)
        if public is not None:
            await self.calendar_service.set_public(guild_id, public)
        if rotate:
            await self.calendar_service.rotate(guild_id)
        state = await self.calendar_service.state(guild_id)
        await respond(
            interaction,
            _calendar_reply(state, rotated=rotate, web_on=self.web_on),
            suppress_embeds=True,  # no link previews of a page meant for whoever holds the link
        )

    @app_commands.command(name="importers", description="How often each importer may announce")
    @admin_only(SETTINGS)
    @app_commands.describe(daily="Announcements per importer in 24 hours (feeds not counted)")
    async def importers(
        self,
        interaction: discord.Interaction,
        daily: app_commands.Range[int, 1, MAX_IMPORTER_DAILY_LIMIT],
    ) -> None:
        await self.service.set_importer_daily_limit(guild_id_of(interaction), daily)
        await respond(
            interaction,
            f"Each importer may now announce {counted(daily, 'time')} in 24 hours.",
        )

    @app_commands.command(
        name="unset", description="Clear a channel, a role or a setting, as on a new server"
    )
    @admin_only(SETTINGS)
    @app_commands.describe(setting="What to clear")
    @app_commands.choices(
        setting=[
            app_commands.Choice(name=name, value=setting) for setting, (name, _) in UNSET.items()
        ]
    )
    async def unset(self, interaction: discord.Interaction, setting: str) -> None:
        if setting not in UNSET:  # Discord sends one of the choices; anything else is refused
            raise UserError("Choose a setting from the list.")
        name, without = UNSET[setting]
        if await self.service.unset(guild_id_of(interaction), setting):
            await respond(interaction, f"Cleared the {name}. {without}")
        else:
            await respond(interaction, f"The {name} was not set, so nothing changed. {without}")

    @app_commands.command(name="show", description="Show this server's Keitora settings")
    @admin_only("see Keitora's settings")
    async def show(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        config = await self.service.get(guild_id)
        calendar = await self.calendar_service.state(guild_id)
        warnings = {
            f"channel:{kind}": await channel_warning(interaction, kind, channel_id)
            for kind, channel_id in config.channels.items()
        } | {
            f"role:{kind}": role_warning(interaction, role_id)
            for kind, role_id in config.roles.items()
        }
        embed = render_config(config, calendar, web_on=self.web_on, warnings=warnings)
        await respond(interaction, embed=embed)


def _calendar_reply(state: CalendarState, *, rotated: bool, web_on: bool) -> str:
    news = "New links made; the old ones no longer work. " if rotated else ""
    return f"{news}Public calendar: {calendar_text(state, web_on=web_on)}"


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(SetupCog(bot))
