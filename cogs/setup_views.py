"""What `/setup` shows: the settings embed, and the words for each setting an admin can set or
clear."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import discord

from bot.public_calendar import CalendarState
from bot.retention import RETAIN_FOR
from bot.setup import (
    CHANNEL_KINDS,
    DEFAULT_IMPORTER_DAILY_LIMIT,
    DEFAULT_REMINDER_OFFSETS,
    ROLE_KINDS,
    GuildConfig,
    describe_offsets,
    parse_offsets,
)
from bot.zones import zone_label
from cogs._text import counted

# What each setting is called in /setup unset's list, and what Keitora does without it: the
# same as on a new server, where nothing was ever set. Said from the server's other settings
# where they change what that is.
UNSET: Mapping[str, tuple[str, str | Callable[[GuildConfig], str]]] = {
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
        lambda config: f"As on a new server, the word of the day {daily_word_outing(config)}.",
    ),
    "importer_daily_limit": (
        "importer announcement limit",
        f"Each importer may announce {counted(DEFAULT_IMPORTER_DAILY_LIMIT, 'time')} in 24 "
        "hours, as on a new server.",
    ),
}


def without_setting(setting: str, config: GuildConfig) -> str:
    """What Keitora does without `setting` (one of `UNSET`), in a server set up as `config`."""
    without = UNSET[setting][1]
    return without if isinstance(without, str) else without(config)


def render_config(
    config: GuildConfig,
    calendar: CalendarState,
    *,
    web_on: bool,
    warnings: Mapping[str, str],
    lacking: Sequence[str],
) -> discord.Embed:
    """The settings; `warnings`: what is wrong with a chosen channel or role (a channel
    Keitora cannot post in, one deleted), by `SettingChange.setting` (`channel:meetups`);
    `lacking`: the server-wide permissions Keitora lacks, with what goes without each."""
    embed = discord.Embed(title="Keitora settings for this server", colour=discord.Colour.teal())
    channels = _listing("channel", CHANNEL_KINDS, config.channels, "<#{}>", warnings)
    embed.add_field(name="Channels", value=channels)
    roles = _listing("role", ROLE_KINDS, config.roles, "<@&{}>", warnings)
    embed.add_field(name="Roles", value=roles)
    embed.add_field(
        name="Time zone", value=zone_label(config.timezone) if config.timezone else NO_ZONE
    )
    embed.add_field(name="Reminders", value=reminders_text(config))
    embed.add_field(name="Word of the day", value=daily_word_time(config))
    embed.add_field(
        name="Public calendar", value=calendar_text(calendar, web_on=web_on), inline=False
    )
    embed.add_field(
        name="Importer announcements", value=f"{config.importer_daily_limit} in 24 hours each"
    )
    embed.add_field(name="My permissions", value=permissions_text(lacking), inline=False)
    embed.add_field(name="If Keitora is removed", value=RETENTION_TEXT, inline=False)
    return embed


def daily_word_time(config: GuildConfig) -> str:
    """When the word of the day goes out, in the zone its hour is read in: `07:00
    America/Denver`."""
    return _zone_told(config, _hour_in_zone(config))


def daily_word_outing(config: GuildConfig, adverb: str = "") -> str:
    """When the word of the day goes out, as the verb of a sentence about it: `already goes out
    at 07:00 America/Denver`. With no glossary channel nothing is posted, so the hour is what it
    `would go out at` once there is one: every reply naming the hour says the same."""
    when = f"{adverb} " if adverb else ""
    if "glossary" in config.channels:
        said = f"{when}goes out at {_hour_in_zone(config)}"
    else:
        said = (
            f"would {when}go out at {_hour_in_zone(config)} once a glossary channel is set "
            "(`/setup channel kind:glossary`)"
        )
    return _zone_told(config, said)


def _hour_in_zone(config: GuildConfig) -> str:
    zone = zone_label(config.timezone) if config.timezone else "UTC"
    return f"{config.daily_word_hour:02d}:00 {zone}"


def _zone_told(config: GuildConfig, said: str) -> str:
    """`said` of the word of the day's hour, and, where it reads UTC for want of a server zone,
    why."""
    return (
        said
        if config.timezone
        else f"{said}: this server has no time zone (`/setup timezone` sets one)"
    )


def permissions_text(lacking: Sequence[str]) -> str:
    if not lacking:
        return "I have every server-wide permission I use."
    return "\n".join(
        [
            *(f"⚠️ {line}" for line in lacking),
            f"Grant {'it' if len(lacking) == 1 else 'them'} to the Keitora role in Server "
            "Settings → Roles.",
        ]
    )


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


def calendar_reply(state: CalendarState, *, rotated: bool, already: bool, web_on: bool) -> str:
    """What `/setup calendar` did; turning it on or off as it already was is said, not hidden
    behind the same words as a change."""
    news = "New links made; the old ones no longer work. " if rotated else ""
    if already:
        news = f"The public calendar was already {'on' if state.public else 'off'}. {news}"
    return f"{news}Public calendar: {calendar_text(state, web_on=web_on)}"
