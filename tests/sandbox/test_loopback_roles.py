"""Giving and taking back roles, as Discord allows it: Manage Roles, and only roles below the
bot's highest role (Administrator does not lift that; owning the server does). A role an
integration manages (a bot's own, Server Booster) nobody gives or takes. The loopback holds
the bot to the hierarchy with `Options.role_hierarchy`, on unless a test turns it off."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import Guild, Permission

from .conftest import RestCall


def _guild(loopback: Loopback) -> Guild:
    assert loopback.guild is not None
    return loopback.guild


async def _change(
    rest: RestCall, loopback: Loopback, method: str, role: str
) -> tuple[int, int | None]:
    guild = _guild(loopback)
    member, role_id = loopback.member("Yoshi").id, guild.role(role).id
    status, body = await rest(method, f"/guilds/{guild.id}/members/{member}/roles/{role_id}")
    return status, None if body is None else body["code"]


def _roles_of_yoshi(loopback: Loopback) -> list[str]:
    guild = _guild(loopback)
    member = guild.members[loopback.member("Yoshi").id]
    return [guild.roles[role_id]["name"] for role_id in member["roles"]]


async def test_only_roles_below_the_bots_highest_are_given_or_taken(
    loopback: Loopback, rest: RestCall
) -> None:
    assert loopback.core.options.role_hierarchy
    guild = _guild(loopback)
    keitora, organizer = guild.roles[guild.role("Keitora").id], guild.role("Organizer")
    await loopback.set_permissions(guild.role("Keitora"), Permission.BOT | Permission.ADMINISTRATOR)
    assert guild.roles[organizer.id]["position"] > keitora["position"]  # made after the invite

    assert await _change(rest, loopback, "PUT", "Organizer") == (403, 50013)
    assert await _change(rest, loopback, "DELETE", "Importer") == (403, 50013)
    assert _roles_of_yoshi(loopback) == ["Importer"]

    keitora["position"] = len(guild.roles)  # an admin drags Keitora's role to the top
    assert await _change(rest, loopback, "PUT", "Organizer") == (204, None)
    assert await _change(rest, loopback, "DELETE", "Importer") == (204, None)
    assert _roles_of_yoshi(loopback) == ["Organizer"]


async def test_a_role_an_integration_manages_is_given_by_nobody(
    loopback: Loopback, rest: RestCall
) -> None:
    guild = _guild(loopback)
    await loopback.set_permissions(guild.role("Keitora"), Permission.BOT | Permission.MANAGE_ROLES)
    guild.roles[guild.role("Keitora").id]["position"] = len(guild.roles)
    booster = guild.add_role("Server Booster", managed=True)
    guild.roles[booster.id]["position"] = 1

    assert await _change(rest, loopback, "PUT", "Server Booster") == (403, 50013)
    assert await _change(rest, loopback, "PUT", "Keitora") == (403, 50013)
    assert _roles_of_yoshi(loopback) == ["Importer"]
