"""Two moderators suspending one importer at once: one suspension, one reason, and the second
moderator told it is suspended already (so only one DM goes out)."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import asyncio

import pytest

from bot.errors import UserError
from bot.importers.suspensions import IMPORTER_SUSPENSION_JOB
from tests.test_importers import GUILD, World, world  # noqa: F401 (the fixture)


async def test_of_two_suspensions_at_once_the_second_is_told_it_is_suspended_already(
    world: World,
) -> None:
    first, second = await asyncio.gather(
        world.importers.set_suspended(GUILD, world.trusted, True, reason="Prices missing"),
        world.importers.set_suspended(GUILD, world.trusted, True, reason="Spam links"),
        return_exceptions=True,
    )

    assert not isinstance(first, BaseException), first
    assert first.importer.suspension_reason == "Prices missing"
    assert isinstance(second, UserError)
    assert "already suspended" in str(second)
    assert "Prices missing" in str(second)  # what it is suspended for, as the first gave it
    importer = await world.importers.get(GUILD, world.trusted)
    assert importer.suspension_reason == "Prices missing"
    assert await world.jobs.keys(IMPORTER_SUSPENSION_JOB, "") == [first.dm_key]  # one DM


async def test_of_two_lifts_at_once_the_second_is_told_it_is_not_suspended(world: World) -> None:
    await world.importers.set_suspended(GUILD, world.trusted, True, reason="Prices missing")
    results = await asyncio.gather(
        world.importers.set_suspended(GUILD, world.trusted, False),
        world.importers.set_suspended(GUILD, world.trusted, False),
        return_exceptions=True,
    )
    assert [type(result) for result in results][1] is UserError
    with pytest.raises(UserError, match=r"^“Kei Imports” is not suspended\.$"):
        await world.importers.set_suspended(GUILD, world.trusted, False)


async def test_each_change_schedules_its_dm_in_its_own_transaction(world: World) -> None:
    """Scheduled with the change, the DM goes out once by the outbox even when the bot stops
    right after the change: nothing waits on the command that made it."""
    suspended = await world.importers.set_suspended(
        GUILD, world.trusted, True, reason="Prices missing", server="Kei Truck Owners"
    )
    lifted = await world.importers.set_suspended(
        GUILD, world.trusted, False, server="Kei Truck Owners"
    )
    assert (suspended.dm_key, lifted.dm_key) == (f"{world.trusted}:1", f"{world.trusted}:2")
    payloads = [
        await world.store.fetchval(
            "SELECT payload FROM jobs WHERE kind = ? AND key = ?", (IMPORTER_SUSPENSION_JOB, key)
        )
        for key in (suspended.dm_key, lifted.dm_key)
    ]
    assert '"suspended": true' in payloads[0]
    assert '"reason": "Prices missing"' in payloads[0]
    assert '"suspended": false' in payloads[1]
    assert '"server": "Kei Truck Owners"' in payloads[1]
