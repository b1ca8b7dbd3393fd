"""`/setup`: where the bot posts, which roles mean what, the server's zone and reminders, and
whether its meetups are on the public web calendar."""

from __future__ import annotations

import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, fit
from bot.setup import MAX_IMPORTER_DAILY_LIMIT, describe_offsets
from bot.zones import kept_all_year_by, search_zones, zone_label
from cogs._setup_access import (
    BOTS_OWN_ROLE,
    HIDDEN_FROM_EVERYONE,
    MANAGED_ROLE,
    PUBLIC_QUEUE,
    UNGIVABLE,
    UNPOSTABLE,
    bots_own,
    cannot_give,
    channel_warning,
    lacking_server_wide,
    missing_to_post,
    readable_by_everyone,
    role_warning,
)
from cogs._text import counted, echo
from cogs.checks import ADMIN_PERMISSIONS, admin_only, guild_id_of
from cogs.setup_views import (
    TURN_ON,
    UNSET,
    calendar_reply,
    daily_word_outing,
    render_config,
    without_setting,
)

log = logging.getLogger(__name__)

# What members would miss in a channel they cannot view, by kind.
KIND_POSTS = {
    "meetups": "meetups",
    "builds": "build logs",
    "showcase": "showcase posts and ballots",
    "announcements": "importer announcements",
    "glossary": "words of the day",
}
ChannelKind = Literal["meetups", "builds", "showcase", "announcements", "glossary", "modqueue"]
RoleKind = Literal["moderator", "organizer", "importer"]
# Where each kind of post can go: build logs become forum posts (or threads in a text
# channel); everything else is a plain message, which a forum cannot take.
MESSAGE_CHANNELS = (discord.ChannelType.text, discord.ChannelType.news)
ALLOWED_CHANNELS = {"builds": (discord.ChannelType.text, discord.ChannelType.forum)}
SETTINGS = "change Keitora's settings"


class PostableChannel(app_commands.Transformer):
    """A channel option whose picker lists only the kinds some setting takes: which one a kind
    takes is checked when the command runs."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [*MESSAGE_CHANNELS, discord.ChannelType.forum]

    async def transform(
        self, interaction: discord.Interaction, value: app_commands.AppCommandChannel
    ) -> app_commands.AppCommandChannel:
        return value


# What the README's invite link asks for (README.md, "Invite it to your server").
INVITE_PERMISSIONS = discord.Permissions(2269718417361920)


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


UNCHANGED = "nothing changed."


def zone_now(whose: str, typed: str, zone: str) -> str:
    """The reply to /timezone set and /setup timezone: `{whose} time zone is now` the zone
    chosen. MST and AST are read as the zones whose clocks change: a member or server in
    Arizona or Puerto Rico hears which zone is its own."""
    said = f"{whose} time zone is now {chosen_zone(typed, zone)}."
    return " ".join(filter(None, (said, kept_all_year_by(typed, zone))))


@app_commands.guild_only()
@app_commands.default_permissions(ADMIN_PERMISSIONS)
class SetupCog(commands.GroupCog, group_name="setup", group_description="Server settings (admins)"):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service = bot.services.setup
        self.calendar_service = bot.services.public_calendar
        self.web_on = bot.settings.web_port is not None

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # The line a host looks for in the log: which application is up, and where. (A cog's
        # listener, so none is left to run after the bot closed.)
        assert self.bot.user is not None
        servers = len(self.bot.guilds)
        log.info(
            "ready as %s (application %s) in %d server%s",
            self.bot.user.display_name,
            self.bot.application_id,
            servers,
            "" if servers == 1 else "s",
        )
        if not servers:
            invite = discord.utils.oauth_url(
                self.bot.application_id or self.bot.user.id,
                permissions=INVITE_PERMISSIONS,
                scopes=("bot", "applications.commands"),
            )
            log.warning(
                "Keitora is in no server yet: invite it with %s (README.md, 'Invite it to your "
                "server')",
                invite,
            )

    @app_commands.command(name="channel", description="Choose the channel for one kind of post")
    @admin_only(SETTINGS)
    @app_commands.describe(kind="What the channel is for", channel="The channel to use")
    async def channel(
        self,
        interaction: discord.Interaction,
        kind: ChannelKind,
        channel: app_commands.Transform[app_commands.AppCommandChannel, PostableChannel],
    ) -> None:
        if channel.type not in ALLOWED_CHANNELS.get(kind, MESSAGE_CHANNELS):
            allowed = (
                "a text or forum channel" if kind == "builds" else "a text or announcement channel"
            )
            raise UserError(f"The {kind} channel must be {allowed}; {channel.mention} is not.")
        chosen = await self.service.set_channel(guild_id_of(interaction), kind, channel.id)
        warnings = []
        if missing := await missing_to_post(interaction, kind, channel.id):
            warnings.append(UNPOSTABLE.format(channel=channel.mention, missing=missing))
        if await readable_by_everyone(interaction, channel.id) != (kind != "modqueue"):
            hidden = PUBLIC_QUEUE if kind == "modqueue" else HIDDEN_FROM_EVERYONE
            warnings.append(hidden.format(channel=channel.mention, kind=KIND_POSTS.get(kind)))
        said = (
            f"The {kind} channel is now {channel.mention}."
            if chosen.changed
            else f"The {kind} channel was already {channel.mention}; {UNCHANGED}"
        )
        reply = "\n".join([said, *warnings])
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
        if bots_own(role):
            raise UserError(BOTS_OWN_ROLE.format(role=role.mention, kind=kind))
        chosen = await self.service.set_role(guild_id_of(interaction), kind, role.id)
        warnings = []
        if kind == "importer" and (lacking := cannot_give(role)):
            warnings.append(UNGIVABLE.format(role=role.mention, lacking=lacking))
        said = (
            f"Members with {role.mention} are now {kind}s."
            if chosen.changed
            else f"Members with {role.mention} were already {kind}s; {UNCHANGED}"
        )
        await respond(interaction, "\n".join([said, *warnings]))

    @app_commands.command(name="timezone", description="The server's default time zone")
    @admin_only(SETTINGS)
    @app_commands.describe(tz="A zone: America/Denver, Denver, Pacific, PT, Arizona, JST…")
    @app_commands.autocomplete(tz=zone_autocomplete)
    async def timezone(self, interaction: discord.Interaction, tz: str) -> None:
        chosen = await self.service.set_timezone(guild_id_of(interaction), tz)
        if not chosen.changed:
            zone = chosen_zone(tz, chosen.value)
            await respond(interaction, f"The server's time zone was already {zone}; {UNCHANGED}")
            return
        config = await self.service.get(guild_id_of(interaction))
        moved = (
            f"The word of the day keeps its hour in the new zone: it {daily_word_outing(config)}."
        )
        await respond(interaction, " ".join((zone_now("The server's", tz, chosen.value), moved)))

    @app_commands.command(name="reminders", description="When meetup reminders go out, or off")
    @admin_only(SETTINGS)
    @app_commands.describe(offsets="How long before a meetup, e.g. 24h,1h; or off for none")
    async def reminders(self, interaction: discord.Interaction, offsets: str) -> None:
        guild_id = guild_id_of(interaction)
        was_on = bool((await self.service.get(guild_id)).reminder_offsets)
        chosen = await self.service.set_reminder_offsets(guild_id, offsets)
        parsed = chosen.value
        if not parsed and not chosen.changed:
            await respond(interaction, f"Meetup reminders were already off; {UNCHANGED} {TURN_ON}.")
            return
        if not parsed:
            await respond(
                interaction,
                "Meetup reminders are off in this server: no reminder posts and no reminder "
                "DMs, also for meetups already planned, and members' own reminder times wait "
                f"until reminders are back on. {TURN_ON}.",
            )
            return
        if not chosen.changed:
            said = f"Reminders already go out {describe_offsets(parsed)} each meetup; {UNCHANGED}"
            await respond(interaction, said)
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
        kept = not (await self.service.set_daily_word_hour(guild_id, hour)).changed
        config = await self.service.get(guild_id)
        goes = daily_word_outing(config, "already" if kept else "now")
        await respond(
            interaction, f"The word of the day {goes}" + (f"; {UNCHANGED}" if kept else ".")
        )

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
        before = await self.calendar_service.state(guild_id)
        if public is not None and public != before.public:
            await self.calendar_service.set_public(guild_id, public)
        if rotate:
            await self.calendar_service.rotate(guild_id)
        state = await self.calendar_service.state(guild_id)
        await respond(
            interaction,
            calendar_reply(
                state,
                rotated=rotate,
                already=public is not None and public == before.public,
                web_on=self.web_on,
            ),
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
        kept = not (
            await self.service.set_importer_daily_limit(guild_id_of(interaction), daily)
        ).changed
        may = f"Each importer may {'already' if kept else 'now'} announce {counted(daily, 'time')}"
        await respond(interaction, f"{may} in 24 hours" + (f"; {UNCHANGED}" if kept else "."))

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
        guild_id = guild_id_of(interaction)
        cleared = await self.service.unset(guild_id, setting)
        name = UNSET[setting][0]
        without = without_setting(setting, await self.service.get(guild_id))
        if cleared:
            await respond(interaction, f"Cleared the {name}. {without}")
        else:
            await respond(
                interaction, f"Nothing was set for the {name}, so nothing changed. {without}"
            )

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
            f"role:{kind}": role_warning(interaction, kind, role_id)
            for kind, role_id in config.roles.items()
        }
        embed = render_config(
            config,
            calendar,
            web_on=self.web_on,
            warnings=warnings,
            lacking=lacking_server_wide(interaction, gives_roles="importer" in config.roles),
        )
        await respond(interaction, embed=embed)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(SetupCog(bot))
