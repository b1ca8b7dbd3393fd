"""The importer role through the loopback Discord: given at registration and taken at a
suspension or a forget when Discord lets the bot, and the moderator told why when it does not."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from collections.abc import Callable

from sandbox import Loopback
from sandbox.state import Permission, UserRef

from .conftest import RunningBot, eventually
from .test_importers import (
    ADD_ROLE,
    loopback,  # noqa: F401 (the fixture)
    requests,
    server_ready,
)


async def test_registering_says_when_the_bot_may_not_give_the_role(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await server_ready(loopback, trusted=False, member="Rosa")
    [answer] = requests(loopback, ADD_ROLE)
    assert (answer.status, answer.response["code"]) == (403, 50013)
    assert "I could not give the" in said
    assert "Manage Roles" in said
    info = await loopback.slash("importer list", actor=loopback.member("Mika"))
    assert "Kei Imports" in info.text


async def test_registering_a_member_who_has_the_role_leaves_it_be(
    keitora: RunningBot, loopback: Loopback
) -> None:
    importer_role = loopback.guild.role("Importer").id
    assert (
        importer_role
        in loopback.world.guilds[loopback.guild.id].members[loopback.member("Yoshi").id]["roles"]
    )

    said = await server_ready(loopback, trusted=False)  # the bot may not manage roles

    assert requests(loopback, ADD_ROLE) == []
    assert f"<@{loopback.member('Yoshi').id}> has the <@&{importer_role}> role already." in said
    assert "could not" not in said


async def bot_gives_roles(
    loopback: Loopback, *, above: bool = True
) -> tuple[Callable[[UserRef], list[str]], str]:
    """Keitora given Manage Roles, its role dragged above the others unless not `above` (the
    bot told, as by Discord); a member's roles as Discord has them, and the importer role."""
    guild = loopback.world.guilds[loopback.guild.id]
    bot_role = guild.roles[guild.members[loopback.bot.id]["roles"][0]]
    bot_role["permissions"] = str(int(bot_role["permissions"]) | Permission.MANAGE_ROLES)
    if above:
        bot_role["position"] = len(guild.roles)
    await loopback.core.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": bot_role})
    return lambda member: guild.members[member.id]["roles"], loopback.guild.role("Importer").id


async def test_with_its_role_below_the_importer_role_the_moderator_is_told_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord's role hierarchy: Manage Roles gives only the roles below the bot's own.
    roles_of, importer_role = await bot_gives_roles(loopback, above=False)

    said = await server_ready(loopback, trusted=True, member="Rosa")

    [answer] = requests(loopback, ADD_ROLE)
    assert (answer.status, answer.response["code"]) == (403, 50013)
    assert f"I could not give the <@&{importer_role}> role" in said
    assert "my role must be above it" in said
    assert "Manage Roles" not in said  # which it has: only what it lacks is named
    assert importer_role not in roles_of(loopback.member("Rosa"))


async def test_the_role_follows_registration_and_suspension_when_the_bot_may(
    keitora: RunningBot, loopback: Loopback
) -> None:
    roles_of, importer_role = await bot_gives_roles(loopback)
    rosa = loopback.member("Rosa")

    said = await server_ready(loopback, trusted=True, member="Rosa")
    assert f"Gave the <@&{importer_role}> role." in said
    assert importer_role in roles_of(rosa)

    marcus = loopback.member("Marcus")
    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    assert "Suspended" in suspended.text
    assert importer_role not in roles_of(rosa)
    refused = await loopback.slash("importer announce", actor=rosa)
    assert refused.modal is None
    assert "suspended" in refused.text
    lifted = await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert "Suspension lifted" in lifted.text
    assert importer_role in roles_of(rosa)


async def test_a_forgotten_importer_loses_the_importer_role(
    keitora: RunningBot, loopback: Loopback
) -> None:
    roles_of, importer_role = await bot_gives_roles(loopback)
    rosa = loopback.member("Rosa")
    await server_ready(loopback, trusted=True, member="Rosa")
    assert importer_role in roles_of(rosa)

    confirmation = await loopback.slash("privacy forget", actor=rosa)
    await loopback.click(confirmation, "Forget me", actor=rosa)

    taken = f"/guilds/{loopback.guild.id}/members/{rosa.id}/roles/{importer_role}"
    await loopback.wait_until(
        lambda: any((r.method, r.path) == ("DELETE", taken) for r in loopback.requests),
        what="the importer role taken back",
    )
    assert importer_role not in roles_of(rosa)
    # The follow-up that named Rosa keeps nothing of her once done.
    await eventually(
        lambda: keitora.store.fetchval(
            "SELECT count(*) = 0 FROM jobs WHERE instr(payload, ?)", (rosa.id,)
        ),
        "the follow-up's payload forgotten",
    )


async def test_suspending_a_member_without_the_role_says_nothing_could_not_be_taken_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    said = await server_ready(loopback, trusted=False, member="Rosa")
    assert "I could not give the" in said  # the bot may not manage roles: Rosa never got it
    importer_role = loopback.guild.role("Importer").id

    suspended = await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="Prices missing",
        actor=loopback.member("Marcus"),
    )

    assert "Suspended" in suspended.text
    assert "could not take back" not in suspended.text, suspended.text
    assert (
        f"<@{loopback.member('Rosa').id}> does not have the <@&{importer_role}> role."
    ) in suspended.text
    assert not [r for r in loopback.requests if r.method == "DELETE" and "/roles/" in r.path]
