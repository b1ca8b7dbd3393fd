"""The one gate for who may do what; every cog asks here instead of checking roles itself.

A command says who may use it with one decorator (`moderator_only("edit the glossary")`), which
both attaches the runtime check and, where Discord can express it, declares the command's
`default_permissions` so clients hide it from members without them. Discord hides per top-level
command only, so a group's own `default_permissions` (one of the `*_PERMISSIONS` below) hides
its subcommands. That is only a default a server admin may change in Server Settings →
Integrations, so the runtime check is what actually refuses; buttons and modal submits that
change data call the plain `require_*` functions again.

Refusals are `CheckFailure`s: discord.py routes those to the tree's error handler both from a
command's checks and from inside a command or view, where another exception type raised by a
check would escape the handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, TypeVar

import discord
from discord import app_commands

from bot.builds import Build, Fallback
from bot.builds.deletion import BuildNotHere
from bot.client import GUILD_ONLY, KeitoraBot
from bot.errors import NotFound, UserError
from bot.setup import GuildConfig
from cogs._text import deleted_text

T = TypeVar("T")
Requirement = Callable[[discord.Interaction, str], Awaitable[None]]

# What Discord shows a command to by default; admins may override it per server.
ADMIN_PERMISSIONS: Final = discord.Permissions(manage_guild=True)
MODERATOR_PERMISSIONS: Final = discord.Permissions(manage_messages=True)
# `extras` of a command that changes no shared data, so it needs no gate; never mutated.
READ_ONLY: Final[dict[str, bool]] = {"read_only": True}
# `extras` of a build command that, named no build, means the member's newest build (as every
# one does, whatever its state), telling a member with none as a reopen does (`Fallback`).
BUILD_FALLBACK: Final = "build_fallback"
CLOSED_BUILD: Final[dict[str, Fallback]] = {BUILD_FALLBACK: Fallback.CLOSED}


def guild_id_of(interaction: discord.Interaction) -> int:
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage(GUILD_ONLY)
    return interaction.guild_id


def _role_ids(interaction: discord.Interaction) -> set[int]:
    roles = getattr(interaction.user, "roles", ())
    return {role.id for role in roles}


async def _config(interaction: discord.Interaction) -> GuildConfig:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return await bot.services.setup.get(guild_id_of(interaction))


async def require_admin(interaction: discord.Interaction, action: str) -> None:
    """Admins are members with Manage Server."""
    guild_id_of(interaction)
    if not interaction.permissions.manage_guild:
        raise app_commands.CheckFailure(f"Only server admins (Manage Server) can {action}.")


async def require_moderator(interaction: discord.Interaction, action: str) -> None:
    """Moderators hold the configured moderator role or have Manage Messages."""
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    if not config.is_moderator(_role_ids(interaction), can_manage_messages=manage):
        raise app_commands.CheckFailure(f"Only moderators can {action}.")


async def require_organizer(interaction: discord.Interaction, action: str) -> None:
    """Organizers hold the organizer role; with none configured, every member organizes."""
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    if not config.is_organizer(_role_ids(interaction), can_manage_messages=manage):
        # Who may is a role the admin chose, which a newcomer cannot guess; shown, never pinged
        # (the answer is ephemeral).
        raise app_commands.CheckFailure(
            f"Only organizers can {action}: members with the <@&{config.roles['organizer']}> "
            "role. Ask the server's admins for it."
        )


async def require_importer(interaction: discord.Interaction, action: str) -> None:
    """Importers are members linked to a verified, unsuspended importer profile."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    try:
        await bot.services.importers.of_member(guild_id_of(interaction), interaction.user.id)
    except UserError as refused:
        # Says whether the member is no importer at all or a suspended one (and why).
        raise app_commands.CheckFailure(refused.message) from None


@dataclass(frozen=True)
class Gate:
    """A command's check, kept recognisable so a test can walk the tree and find every gate.

    `permissions` is what Discord hides the command behind, or None where no permission
    describes who passes (a configurable role that defaults to everyone, the owner of a row).
    """

    require: Requirement
    action: str
    permissions: discord.Permissions | None

    async def __call__(self, interaction: discord.Interaction) -> bool:
        await self.require(interaction, self.action)
        return True

    def attach(self, command: T) -> T:
        """Add this check to `command` and declare what Discord hides it behind."""
        command = app_commands.check(self)(command)
        if self.permissions is None:
            return command
        return app_commands.default_permissions(self.permissions)(command)


def admin_only(action: str) -> Callable[[T], T]:
    """Server admins only (Manage Server); Discord hides a top-level command from the rest."""
    return Gate(require_admin, action, ADMIN_PERMISSIONS).attach


def moderator_only(action: str) -> Callable[[T], T]:
    """Moderators only; Discord hides a top-level command from members without Manage Messages,
    which also hides it from a moderator role lacking that permission until an admin allows the
    role in Server Settings → Integrations."""
    return Gate(require_moderator, action, MODERATOR_PERMISSIONS).attach


def organizer_only(action: str) -> Callable[[T], T]:
    """Organizers only; not hidden, since with no organizer role every member organizes."""
    return Gate(require_organizer, action, None).attach


def importer_only(action: str) -> Callable[[T], T]:
    """Verified importers only; not hidden, since Discord has no permission for it."""
    return Gate(require_importer, action, None).attach


async def require_own_meetup(
    interaction: discord.Interaction, organizer_id: int, action: str
) -> None:
    """A meetup is changed by the member who organizes it, or by a moderator."""
    if interaction.user.id == organizer_id:
        return
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    if not config.is_moderator(_role_ids(interaction), can_manage_messages=manage):
        raise app_commands.CheckFailure(f"Only its organizer or a moderator can {action}.")


async def is_moderator(interaction: discord.Interaction) -> bool:
    config = await _config(interaction)
    manage = interaction.permissions.manage_messages
    return config.is_moderator(_role_ids(interaction), can_manage_messages=manage)


async def named_build(interaction: discord.Interaction) -> Build:
    """The build a command is about: its `build` option, else the build whose thread this is,
    else the member's newest build, whatever its state; a member with none is told so as its
    `extras` word it (`CLOSED_BUILD`), else as a change's `Fallback.OPEN`."""
    named = getattr(interaction.namespace, "build", None)
    extras = interaction.command.extras if interaction.command else {}
    return await resolve_build(interaction, named, extras.get(BUILD_FALLBACK, Fallback.OPEN))


async def resolve_build(
    interaction: discord.Interaction, named: str | None, fallback: Fallback
) -> Build:
    """The build `named`, else the one whose thread this is, else the member's newest of the
    `fallback` kind (`BuildService.resolve`)."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    asked = (guild_id_of(interaction), interaction.user.id, named, interaction.channel_id, fallback)
    try:
        return await bot.services.builds.resolve(*asked)
    except NotFound:
        # A build named that is gone says who deleted it to a moderator too: the role is read
        # only then, as most commands never need it.
        if named and await is_moderator(interaction):
            try:
                return await bot.services.builds.resolve(*asked, moderator=True)
            except BuildNotHere as gone:
                if gone.deletion is None:
                    raise
                raise NotFound(deleted_text(gone.build_id, gone.deletion)) from None
        raise


async def require_build_owner(interaction: discord.Interaction, action: str) -> None:
    """A build is changed by the member who owns it, or by a moderator."""
    try:
        build = await named_build(interaction)
    except UserError as refusal:
        # A check may raise only CheckFailure, or the refusal escapes the error handler.
        raise app_commands.CheckFailure(refusal.message) from None
    if build.owner_id != interaction.user.id and not await is_moderator(interaction):
        raise app_commands.CheckFailure(f"Only its owner or a moderator can {action}.")


def build_owner_only(action: str) -> Callable[[T], T]:
    """The owner of the build the command names, or a moderator; not hidden, since every
    member may own builds."""
    return Gate(require_build_owner, action, None).attach
