"""`/help [topic]`: what Keitora can do, read from the command tree so it never goes stale."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.importers.profiles import REGISTERING
from bot.limits import AUTOCOMPLETE_CHOICES, EMBED_DESCRIPTION, EMBED_FIELDS, fit
from bot.when import RULE_PARTS, examples, rule_parts
from cogs._text import counted, echo
from cogs.checks import (
    MODERATOR_PERMISSIONS,
    READ_ONLY,
    Gate,
    Requirement,
    is_moderator,
    require_build_owner,
    require_importer,
)
from cogs.importers import require_importer_or_moderator, require_importer_profile

AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group
Leaf = app_commands.Command[Any, ..., Any]

# Only what exists: the topics below come from the command tree, and a part that has not
# landed yet is not promised here.
INTRO = (
    "Keitora helps kei truck owners with the Japanese words on their papers and auction "
    "sheets, the 25-year import rule, meetups, build logs with a showcase, and news from "
    "verified importers (with alerts for the trucks you want). Pick a topic with "
    "`/help topic:<name>`: a command below, `tools` for the auction-sheet and 25-year tools, or "
    "`times` for how to write a date and time."
)
# /help's own topics beside the commands: README calls /auction and /eligibility "the tools",
# and the times typed in `when` options follow rules too long for a member's meetup page.
TOOLS_TOPIC, TIMES_TOPIC = "tools", "times"
TOOLS = ("auction", "eligibility")
TIME_OPTION = "when"
# What a member looks for first in a family: what there is, then one of it.
LOOKED_FOR_FIRST = ("list", "info")
# How alike a typed topic and a topic must be for the refusal to name it: "importers" and
# "glosary" are close to importer and glossary, "pizza" to nothing.
CLOSE_TOPIC = 0.8
# Discord's names for the permissions its settings show, where they differ from discord.py's.
PERMISSION_NAMES = {"manage_guild": "Manage Server"}
# Gates that ask about what a command names (whose build), not who the member is: any member
# may pass them, so they hide no command.
ABOUT_WHAT_IS_NAMED: frozenset[Requirement] = frozenset({require_build_owner})
# Gates that a moderator's registration opens, not a role: a member holding the importer role
# but not registered is no importer.
IMPORTERS_GATES: frozenset[Requirement] = frozenset(
    {require_importer, require_importer_profile, require_importer_or_moderator}
)


def _leaves(command: AppCommand) -> Iterator[Leaf]:
    """A group's own commands in the order it declares them, then its subgroups' (`/build
    start` before `/build part add`)."""
    if isinstance(command, app_commands.Group):
        children = sorted(command.commands, key=lambda c: isinstance(c, app_commands.Group))
        for child in children:
            yield from _leaves(child)
    else:
        yield command


def time_rule_fields(today: date) -> list[tuple[str, str]]:
    """The rules a `when` option reads times by on `today`, as embed fields (name, value)."""
    parts = rule_parts(today)
    return [
        (f"How times are read ({number} of {len(parts)})", part)
        for number, part in enumerate(parts, start=1)
    ]


def topic_name(typed: str) -> str:
    """The topic a member means: `/Meetup`, `meetup` and `/meetup create` all name `meetup`."""
    words = typed.strip().lstrip("/").lower().split()
    return words[0] if words else ""


def close_topics(typed: str, names: Iterable[str]) -> list[str]:
    """The topics a slip of a letter or two away from `typed` (importers, glosary), closest
    first."""
    return difflib.get_close_matches(typed, list(names), n=3, cutoff=CLOSE_TOPIC)


def _usage(command: Leaf) -> str:
    options = " ".join(
        f"{p.display_name}:" if p.required else f"[{p.display_name}]" for p in command.parameters
    )
    return f"/{command.qualified_name} {options}".rstrip()


class Rights:
    """What the member asking may use, asked of the very gates the commands run (an organizer
    role, a verified importer's profile), each gate once however many commands it guards."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self._interaction = interaction
        self._refusals: dict[Requirement, str | None] = {}

    async def refusal(self, command: Leaf) -> str | None:
        """Why the member may not use `command`, or None when they may."""
        gate = await self.refusing_gate(command)
        return None if gate is None else await self.refused(gate.require, gate.action)

    async def refusing_gate(self, command: Leaf) -> Gate | None:
        """The first of `command`'s gates that refuses the member, or None."""
        for gate in command.checks:
            if not isinstance(gate, Gate) or gate.require in ABOUT_WHAT_IS_NAMED:
                continue
            if await self.refused(gate.require, gate.action) is not None:
                return gate
        return None

    async def refused(self, require: Requirement, action: str) -> str | None:
        """Why `require` refuses the member, or None when it lets them through; asked once."""
        if require not in self._refusals:
            try:
                await require(self._interaction, action)
                self._refusals[require] = None
            except app_commands.CheckFailure as refused:
                self._refusals[require] = str(refused)
        return self._refusals[require]

    async def usable(self, command: AppCommand) -> list[Leaf]:
        return [leaf for leaf in _leaves(command) if await self.refusal(leaf) is None]


@dataclass(frozen=True)
class Usable:
    """A topic as the member asking may use it: its commands they pass, and a note on where
    Discord may not list it for them."""

    leaves: list[Leaf]
    note: str


class HelpCog(commands.Cog):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot

    def topics(self, interaction: discord.Interaction) -> dict[str, AppCommand]:
        """The commands of this server (its own copies when commands are synced per server),
        but for /help itself, which the member is reading."""
        tree = self.bot.tree
        commands = tree.get_commands(guild=interaction.guild) or tree.get_commands()
        return {command.name: command for command in commands if command.name != self.help.name}

    async def usable(
        self, interaction: discord.Interaction, topics: dict[str, AppCommand], rights: Rights
    ) -> dict[str, Usable]:
        """The topics the member asking may use: those Discord lists for them (it hides a
        command behind its `default_permissions`), and a moderators' command to a moderator by
        role alone; each with the commands in it whose gates let them through."""
        usable: dict[str, Usable] = {}
        moderator: bool | None = None  # the server's roles are read only when needed
        for name, command in topics.items():
            needed = command.default_permissions
            note = ""
            if needed is not None and not needed.is_subset(interaction.permissions):
                if interaction.guild_id is None:
                    continue  # no server, no permissions: staff commands are the server's alone
                if not needed.is_subset(MODERATOR_PERMISSIONS):
                    continue
                if moderator is None:
                    moderator = await is_moderator(interaction)
                if not moderator:
                    continue
                note = (
                    f" Discord lists it for {_permission_names(needed)} until an admin "
                    f"allows your role: `/help topic:{name}`."
                )
            if leaves := await rights.usable(command):
                usable[name] = Usable(leaves, note)
        return usable

    async def topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = topic_name(current)
        topics = self.topics(interaction)
        usable = await self.usable(interaction, topics, Rights(interaction))
        names = sorted({*usable, TOOLS_TOPIC, TIMES_TOPIC})
        found = [name for name in names if needle in name] or close_topics(needle, names)
        return [app_commands.Choice(name=name, value=name) for name in found][:AUTOCOMPLETE_CHOICES]

    @app_commands.command(name="help", description="What Keitora can do", extras=READ_ONLY)
    @app_commands.describe(topic="A command family, such as glossary or auction")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def help(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        topics, rights = self.topics(interaction), Rights(interaction)
        usable = await self.usable(interaction, topics, rights)
        if topic is None:
            await respond(interaction, embed=render_overview(topics, usable))
            return
        # The overview, the choices and a topic's page offer only what the member may use.
        name = topic_name(topic)
        names = ", ".join(offered(topics, usable))
        # The dates shown are ahead of the bot's day (UTC's, ahead whatever the member's zone).
        today = self.bot.clock.now().astimezone(UTC).date()
        if name == TIMES_TOPIC:
            await respond(interaction, embed=render_times(today))
        elif name == TOOLS_TOPIC and (tools := _tools(usable)):
            await respond(interaction, embed=render_tools(tools))
        elif name in usable:
            leaves = usable[name].leaves
            others = await _not_listed_why(rights, topics[name], leaves)
            page = render_topic(topics[name], leaves, others, today)
            await respond(interaction, embed=page)
        elif name in topics:
            refused = await _first_refusal(rights, topics[name])
            raise UserError(f"{refused} Topics you may use: {names}.")
        else:
            close = close_topics(name, usable)
            meant = f" Did you mean {close[0]}?" if close else ""
            raise UserError(f"There is no help topic “{fit(topic, 50)}”.{meant} Topics: {names}.")


def offered(topics: dict[str, AppCommand], usable: dict[str, Usable]) -> list[str]:
    """The topics a refusal names: the command families the member may use and /help's own; a
    lone command (/garage) answers its topic too, but is no family to browse."""
    families = [name for name in usable if isinstance(topics[name], app_commands.Group)]
    return sorted([*families, TOOLS_TOPIC, TIMES_TOPIC])


def _tools(usable: dict[str, Usable]) -> list[Leaf]:
    return [leaf for name in TOOLS if name in usable for leaf in usable[name].leaves]


async def _first_refusal(rights: Rights, command: AppCommand) -> str:
    """Why the member may use none of `command`: what its first command refuses them with."""
    for leaf in _leaves(command):
        if refused := await rights.refusal(leaf):
            return refused
    return f"/{command.name} is not for you here."


async def _not_listed_why(rights: Rights, command: AppCommand, leaves: list[Leaf]) -> str:
    """Why the commands of `command` other than `leaves` are not the member's, ending a
    sentence that counts them: a role, or for an importer's, the registration that is missing
    (the importer role alone makes no one an importer), or the suspension that holds it."""
    gates = [await rights.refusing_gate(leaf) for leaf in _leaves(command) if leaf not in leaves]
    if not gates or not all(gate and gate.require in IMPORTERS_GATES for gate in gates):
        return ", for members with other roles."
    # Neither gate's refusal names the action.
    if await rights.refused(require_importer_profile, "") is not None:
        return f", for registered importers: {REGISTERING}"
    # Registered, so suspended: the refusal quotes the moderator's reason, shown inert.
    return f": {echo(await rights.refused(require_importer, '') or '')}"


def render_overview(topics: dict[str, AppCommand], usable: dict[str, Usable]) -> discord.Embed:
    """The `usable` topics, each with how many of its commands the member may use, and its
    note."""
    embed = discord.Embed(title="Keitora help", description=INTRO, colour=discord.Colour.teal())
    for name, topic in sorted(usable.items())[:EMBED_FIELDS]:
        value = _counted_in(topics[name].description, len(topic.leaves))
        value += f".{topic.note}" if topic.note else ""
        embed.add_field(name=f"/{name}", value=value, inline=False)
    return embed


def _counted_in(description: str, count: int) -> str:
    """`description` with how many commands it stands for, inside its own brackets if it ends
    in some: "Run the showcase (moderators, 4 commands)"."""
    if count < 2:
        return description
    if description.endswith(")"):
        return f"{description[:-1]}, {count} commands)"
    return f"{description} ({count} commands)"


def _usage_lines(leaves: Iterable[Leaf]) -> list[str]:
    return [f"`{_usage(leaf)}` — {leaf.description}" for leaf in leaves]


def _looked_for_first(command: AppCommand, leaves: list[Leaf]) -> list[Leaf]:
    """`leaves` with the family's own list and info first, the rest in their order."""
    first = [f"{command.name} {name}" for name in LOOKED_FOR_FIRST]
    rank = {name: place for place, name in enumerate(first)}
    return sorted(leaves, key=lambda leaf: rank.get(leaf.qualified_name, len(first)))


def _names_any(note: str, leaves: Iterable[Leaf]) -> bool:
    """Whether `note` names one of `leaves` (`/meetup edit when:`, `/meetup create`)."""
    return any(re.search(rf"`/{re.escape(leaf.qualified_name)}[ `]", note) for leaf in leaves)


def render_topic(
    command: AppCommand, leaves: list[Leaf], others_why: str, today: date
) -> discord.Embed:
    """The `leaves` of `command` the member may use, list and info first; how many more are
    others', unnamed, and why (`others_why`, ending the sentence that counts them). Notes about
    others' commands are theirs alone, and the time rules, to a member without every command
    of the family, are a few examples and where the rest are; their dates are ahead of
    `today`."""
    everyone = list(_leaves(command))
    others = [leaf for leaf in everyone if leaf not in leaves]
    lines = _usage_lines(_looked_for_first(command, leaves))
    if others:
        lines += ["", f"Not listed: {counted(len(others), 'more command')}{others_why}"]
    # A command family may explain the rules its options follow (`extras["help"]`), a paragraph
    # each.
    notes = command.extras.get("help", "").split("\n\n")
    if shown := [note for note in notes if note and not _names_any(note, others)]:
        lines += ["", "\n\n".join(shown)]
    # Rules too long for the description beside the commands, a field each (`extras["help
    # fields"]`: name and value pairs, each value within a field's 1,024 characters).
    # The family gives the time rules as undated (`RULE_PARTS`): shown, they are `today`'s.
    dated = dict(zip(RULE_PARTS, rule_parts(today), strict=True))
    fields = [
        (name, dated.get(value, value)) for name, value in command.extras.get("help fields", ())
    ]
    takes_times = any(TIME_OPTION in {p.name for p in leaf.parameters} for leaf in everyone)
    if others and takes_times:
        fields = [(name, value) for name, value in fields if value not in dated.values()]
        lines += [
            "",
            f"Write a time like this: {examples(today)}. Every form: `/help topic:{TIMES_TOPIC}`.",
        ]
    shown_to = _shown_to(command)
    embed = discord.Embed(
        title=f"/{command.name}",
        description=fit("\n".join(lines), EMBED_DESCRIPTION - len(shown_to)) + shown_to,
        colour=discord.Colour.teal(),
    )
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    return embed


def render_times(today: date) -> discord.Embed:
    """How a `when` option reads a date and time: examples, then every rule, their dates ahead
    of `today`."""
    embed = discord.Embed(
        title="Writing a time",
        description=(
            f"Meetup times (the `{TIME_OPTION}` option) are read from what you type, such as "
            f"{examples(today)}. Every form:"
        ),
        colour=discord.Colour.teal(),
    )
    for name, value in time_rule_fields(today):
        embed.add_field(name=name, value=value, inline=False)
    return embed


def render_tools(leaves: list[Leaf]) -> discord.Embed:
    """The tools the member may use (README's word for them), a line each."""
    return discord.Embed(
        title="Tools",
        description="\n".join(_usage_lines(leaves)),
        colour=discord.Colour.teal(),
    )


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
