"""The whole command tree, walked: no command that changes shared data ships without a declared
check, and Discord hides every gated command from the members the check would refuse."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from discord import AppCommandType, app_commands

from bot.client import KeitoraBot, create_bot, load_cogs
from bot.clock import ManualClock
from bot.config import Settings
from bot.store import Store
from cogs.checks import Gate

# Members change shared data with these by design; each answers for its own limits (a suggestion
# or a nomination only waits in the moderators' queue; a new build, an alert, a forget is the
# member's own).
# Every other command is read-only or carries a Gate.
MEMBER_ACTIONS = frozenset(
    {
        "glossary suggest",
        "build start",
        "showcase nominate",
        "alerts add",
        "alerts remove",
        "privacy forget",
    }
)

AnyCommand = app_commands.Command[Any, ..., Any] | app_commands.ContextMenu


@pytest.fixture
async def bot(store: Store, clock: ManualClock, db_path: Path) -> AsyncIterator[KeitoraBot]:
    """The bot with every cog loaded, as `setup_hook` loads them, without connecting."""
    built = create_bot(Settings.from_env({"DATABASE_PATH": str(db_path)}), store, clock)
    await load_cogs(built)
    yield built
    await built.close()


def every_command(bot: KeitoraBot) -> dict[str, AnyCommand]:
    """Every command a member can invoke (slash leaves and context menus), by qualified name."""
    found: dict[str, AnyCommand] = {}
    for kind in AppCommandType:
        for command in bot.tree.walk_commands(type=kind):
            if not isinstance(command, app_commands.Group):
                found[command.qualified_name] = command
    return found


def gate_of(command: AnyCommand) -> Gate | None:
    return next((check for check in command.checks if isinstance(check, Gate)), None)


def top_level(command: AnyCommand) -> AnyCommand | app_commands.Group:
    """The command Discord reads default permissions and contexts from."""
    return getattr(command, "root_parent", None) or command


def is_read_only(command: AnyCommand) -> bool:
    return command.extras.get("read_only") is True


async def test_every_command_that_changes_shared_data_declares_who_may_use_it(
    bot: KeitoraBot,
) -> None:
    commands = every_command(bot)
    assert "glossary-mod add" in commands  # the walk sees subcommands of every cog
    unchecked = sorted(
        name
        for name, command in commands.items()
        if gate_of(command) is None and not is_read_only(command) and name not in MEMBER_ACTIONS
    )
    assert unchecked == [], (
        "these commands may change shared data but declare no check: decorate them with "
        "admin_only/moderator_only/organizer_only from cogs.checks, mark them "
        "extras=READ_ONLY, or, if every member may use them by design, list them in MEMBER_ACTIONS"
    )


async def test_the_member_actions_allowed_are_real_unchecked_commands(bot: KeitoraBot) -> None:
    commands = every_command(bot)
    for name in MEMBER_ACTIONS:
        assert name in commands, f"/{name} no longer exists; drop it from MEMBER_ACTIONS"
        assert gate_of(commands[name]) is None, f"/{name} is gated; drop it from MEMBER_ACTIONS"
        assert not is_read_only(commands[name]), f"/{name} is read-only; drop it"


async def test_gated_commands_are_hidden_where_discord_can_express_the_gate(
    bot: KeitoraBot,
) -> None:
    gated = {name: (c, gate) for name, c in every_command(bot).items() if (gate := gate_of(c))}
    assert "setup timezone" in gated
    for name, (command, gate) in gated.items():
        root = top_level(command)
        assert root.guild_only, f"/{name} checks a server's roles, so it must be guild-only"
        if gate.permissions is not None:
            assert root.default_permissions == gate.permissions, (
                f"/{name} is for members with {gate.permissions}, but Discord shows "
                f"/{root.name} to members with {root.default_permissions}; gated commands need "
                "a top-level command of their own with the gate's default_permissions"
            )


async def test_every_command_discord_hides_still_checks_at_runtime(bot: KeitoraBot) -> None:
    # default_permissions is only a default: a server admin may show the command to anyone.
    hidden = {
        name: command
        for name, command in every_command(bot).items()
        if top_level(command).default_permissions is not None
    }
    assert "glossary-mod import" in hidden
    assert sorted(name for name, command in hidden.items() if gate_of(command) is None) == []
