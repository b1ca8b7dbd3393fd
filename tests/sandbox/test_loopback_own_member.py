"""Discord sends a member update of the bot itself (its roles changed) whatever its intents,
unlike anyone else's, which takes the privileged GUILD_MEMBERS intent."""

from __future__ import annotations

import asyncio

import discord
import pytest

from sandbox import Loopback

from .conftest import running_bot


async def give_role(
    loopback: Loopback, member_id: str, role_name: str, permissions: int = 0
) -> None:
    """An admin makes a role and gives it to the member; the bot sees GUILD_ROLE_CREATE, then
    GUILD_MEMBER_UPDATE."""
    guild = loopback.guild
    role = guild.add_role(role_name, permissions)
    await loopback.core.dispatch(
        "GUILD_ROLE_CREATE", {"guild_id": guild.id, "role": guild.roles[role.id]}
    )
    member = guild.members[member_id]
    member["roles"] = [*member["roles"], role.id]
    await loopback.core.dispatch("GUILD_MEMBER_UPDATE", {**member, "guild_id": guild.id})


async def test_the_bots_own_member_update_comes_without_the_members_intent(
    loopback: Loopback,
) -> None:
    async with running_bot(loopback, discord.Intents(guilds=True)) as bot:
        others = asyncio.create_task(bot.wait_for("member_update", timeout=0.5))
        await give_role(loopback, loopback.member("Dale").id, "Hauler")
        with pytest.raises(TimeoutError):
            await others

        own = asyncio.create_task(bot.wait_for("member_update", timeout=5))
        await give_role(loopback, loopback.bot.id, "Thread Keeper")
        before, after = await own

    assert before.id == after.id == int(loopback.bot.id)
    assert [role.name for role in after.roles if role not in before.roles] == ["Thread Keeper"]
