"""Roles as the console names them: two roles of one name are neither taken for the other,
as Discord's client lists both; the refusal lists them and how to name each."""

from __future__ import annotations

from sandbox.console import Console
from sandbox.interactions import APPLICATION_COMMAND
from sandbox.state import Json

from .conftest import says


def _commands_sent(console: Console) -> list[Json]:
    return [
        payload
        for event, payload in console.loopback.dispatched
        if event == "INTERACTION_CREATE" and payload["type"] == APPLICATION_COMMAND
    ]


def _role_sent(console: Console) -> str:
    options = _commands_sent(console)[-1]["data"]["options"][0]["options"]
    return next(option["value"] for option in options if option["name"] == "role")


async def test_two_roles_of_one_name_are_refused_with_the_choices(console: Console) -> None:
    guild = console.loopback.guild
    assert guild is not None
    first = guild.role("Moderator").id
    second = guild.add_role("Moderator").id
    sent = len(_commands_sent(console))

    assert not await console.run("as Akiko /setup role kind:moderator role:@Moderator")
    assert console.last_output == (
        f"✗ 2 roles are named @Moderator: @{first} and @{second}, oldest first; name the one "
        f"you mean by its id (@{second})."
    )
    assert len(_commands_sent(console)) == sent  # nothing went to the bot

    await says(console, f"as Akiko /setup role kind:moderator role:@{second}")
    assert _role_sent(console) == second


async def test_a_role_name_two_roles_have_but_for_case_is_refused_with_both(
    console: Console,
) -> None:
    guild = console.loopback.guild
    assert guild is not None
    guild.add_role("Crew")
    guild.add_role("CREW")

    assert not await console.run("as Akiko /setup role kind:organizer role:@crew")
    assert console.last_output == (
        "✗ @crew is the name, but for case or accents, of @Crew and @CREW; type the one you "
        "mean as it is written."
    )
    await says(console, "as Akiko /setup role kind:organizer role:@CREW")
    assert _role_sent(console) == guild.role("CREW").id
