"""Two moderators suspending one importer at once: one suspension, one reason, and the second
moderator told it is suspended already (so only one DM goes out)."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import asyncio

import pytest

from bot.errors import UserError
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
    assert first.suspension_reason == "Prices missing"
    assert isinstance(second, UserError)
    assert "already suspended" in str(second)
    assert "Prices missing" in str(second)  # what it is suspended for, as the first gave it
    importer = await world.importers.get(GUILD, world.trusted)
    assert importer.suspension_reason == "Prices missing"


async def test_of_two_lifts_at_once_the_second_is_told_it_is_not_suspended(world: World) -> None:
    await world.importers.set_suspended(GUILD, world.trusted, True, reason="Prices missing")
    results = await asyncio.gather(
        world.importers.set_suspended(GUILD, world.trusted, False),
        world.importers.set_suspended(GUILD, world.trusted, False),
        return_exceptions=True,
    )
    assert [type(result) for result in results][1] is UserError
    with pytest.raises(UserError, match="already not suspended"):
        await world.importers.set_suspended(GUILD, world.trusted, False)
