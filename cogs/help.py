"""`/help [topic]`: what Keitora can do, read from the command tree so it never goes stale."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, EMBED_DESCRIPTION, EMBED_FIELDS, fit
from cogs.checks import MODERATOR_PERMISSIONS, READ_ONLY, is_moderator

AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group

# Only what exists: the topics below come from the command tree, and a part that has not
# landed yet is not promised here.
INTRO = (
    "Keitora helps kei truck owners with the Japanese words on their papers and auction "
    "sheets, the 25-year import rule, meetups, build logs with a showcase, and news from "
    "verified importers (with alerts for the trucks you want). Pick a topic with "
    "`/help topic:<name>`."
)
# How alike a typed topic and a topic must be for the refusal to name it: "importers" and
# "glosary" are close to importer and glossary, "pizza" to nothing.
CLOSE_TOPIC = 0.8
# Discord's names for the permissions its settings show, where they differ from discord.py's.
PERMISSION_NAMES = {"manage_guild": "Manage Server"}


def _leaves(command: AppCommand) -> Iterator[app_commands.Command[Any, ..., Any]]:
    """A group's own commands in the order it declares them, then its subgroups' (`/build
    start` before `/build part add`)."""
    if isinstance(command, app_commands.Group):
        children = sorted(command.commands, key=lambda c: isinstance(c, app_commands.Group))
        for child in children:
            yield from _leaves(child)
    else:
        yield command


def topic_name(typed: str) -> str:
    """The topic a member means: `/Meetup`, `meetup` and `/meetup create` all name `meetup`."""
    words = typed.strip().lstrip("/").lower().split()
    return words[0] if words else ""


def close_topics(typed: str, names: Iterable[str]) -> list[str]:
    """The topics a slip of a letter or two away from `typed` (importers, glosary), closest
    first."""
    return difflib.get_close_matches(typed, list(names), n=3, cutoff=CLOSE_TOPIC)


def _usage(command: app_commands.Command[Any, ..., Any]) -> str:
    options = " ".join(
        f"{p.display_name}:" if p.required else f"[{p.display_name}]" for p in command.parameters
    )
    return f"/{command.qualified_name} {options}".rstrip()


class HelpCog(commands.Cog):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot

    def topics(self, interaction: discord.Interaction) -> dict[str, AppCommand]:
        """The commands of this server: its own copies when commands are synced per server."""
        tree = self.bot.tree
        commands = tree.get_commands(guild=interaction.guild) or tree.get_commands()
        return {command.name: command for command in commands}

    async def usable(
        self, interaction: discord.Interaction, topics: dict[str, AppCommand]
    ) -> dict[str, str]:
        """The topics the member asking may use, each with a note on where Discord may not
        list it for them: those Discord lists for them (it hides a command behind its
        `default_permissions`), and a moderators' command to a moderator by role alone."""
        usable: dict[str, str] = {}
        moderator: bool | None = None  # the server's roles are read only when needed
        for name, command in topics.items():
            needed = command.default_permissions
            if needed is None:
                usable[name] = ""
            elif interaction.guild_id is None:
                continue  # no server, no permissions: staff commands are the server's alone
            elif needed.is_subset(interaction.permissions):
                usable[name] = ""
            elif needed.is_subset(MODERATOR_PERMISSIONS):
                if moderator is None:
                    moderator = await is_moderator(interaction)
                if moderator:
                    usable[name] = (
                        f" Discord lists it for {_permission_names(needed)} until an admin "
                        f"allows your role: `/help topic:{name}`."
                    )
        return usable

    async def topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = topic_name(current)
        names = sorted(await self.usable(interaction, self.topics(interaction)))
        found = [name for name in names if needle in name] or close_topics(needle, names)
        return [app_commands.Choice(name=name, value=name) for name in found][:AUTOCOMPLETE_CHOICES]

    @app_commands.command(name="help", description="What Keitora can do", extras=READ_ONLY)
    @app_commands.describe(topic="A command family, such as glossary or auction")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def help(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        topics = self.topics(interaction)
        if topic is None:
            usable = await self.usable(interaction, topics)
            await respond(interaction, embed=render_overview(topics, usable))
            return
        # A topic named is explained to anyone, since it says who may use it; the overview,
        # the choices and this list offer only the member's own.
        command = topics.get(topic_name(topic))
        if command is None:
            usable = await self.usable(interaction, topics)
            names = ", ".join(sorted(usable))
            close = close_topics(topic_name(topic), usable)
            meant = f" Did you mean {close[0]}?" if close else ""
            raise UserError(f"There is no help topic “{fit(topic, 50)}”.{meant} Topics: {names}.")
        await respond(interaction, embed=render_topic(command))


def render_overview(topics: dict[str, AppCommand], usable: dict[str, str]) -> discord.Embed:
    """The `usable` topics, each with its note."""
    embed = discord.Embed(title="Keitora help", description=INTRO, colour=discord.Colour.teal())
    for name, note in sorted(usable.items())[:EMBED_FIELDS]:
        command = topics[name]
        count = sum(1 for _ in _leaves(command))
        suffix = f" ({count} commands)" if count > 1 else ""
        value = f"{command.description}{suffix}{note}"
        embed.add_field(name=f"/{name}", value=value, inline=False)
    return embed


def render_topic(command: AppCommand) -> discord.Embed:
    lines = [f"`{_usage(leaf)}` — {leaf.description}" for leaf in _leaves(command)]
    # A command family may explain the rules its options follow (`extras["help"]`).
    if notes := command.extras.get("help"):
        lines += ["", notes]
    shown_to = _shown_to(command)
    embed = discord.Embed(
        title=f"/{command.name}",
        description=fit("\n".join(lines), EMBED_DESCRIPTION - len(shown_to)) + shown_to,
        colour=discord.Colour.teal(),
    )
    # Rules too long for the description beside the commands, a field each (`extras["help
    # fields"]`: name and value pairs, each value within a field's 1,024 characters).
    for name, value in command.extras.get("help fields", ()):
        embed.add_field(name=name, value=value, inline=False)
    return embed


def _shown_to(command: AppCommand) -> str:
    """Who Discord lists a top-level command for by default, and how admins change that."""
    permissions = command.default_permissions
    if permissions is None:
        return ""
    names = _permission_names(permissions)
    granted = {name for name, on in permissions if on}
    if granted <= {"manage_messages"}:  # what moderators need: a moderator role may lack it
        return (
            f"\n\nDiscord lists /{command.name} only for members with {names}. A server admin "
            "can list it for other roles (a moderator role without that permission, say) in "
            "Server Settings → Integrations → Keitora; the bot still checks who may use it."
        )
    return (
        f"\n\nDiscord lists /{command.name} only for members with {names}, and only they may "
        "use it: listing it for other roles would show them a command that refuses them."
    )


def _permission_names(permissions: discord.Permissions) -> str:
    """The permissions granted, as Discord's settings name them ("Manage Server")."""
    return " and ".join(
        PERMISSION_NAMES.get(name, name.replace("_", " ").title())
        for name, granted in permissions
        if granted
    )


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(HelpCog(bot))
