"""What counts toward an importer's daily limit: what they announced, posted, waiting or taken
back since; not what a moderator rejected, so a corrected announcement can follow the same day."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.errors import UserError
from tests.test_importers import (  # noqa: F401 (the fixture)
    GUILD,
    MODERATOR,
    UNTRUSTED_MEMBER,
    World,
    draft,
    world,
)


async def test_a_rejected_announcement_does_not_use_up_the_day(world: World) -> None:
    refs = [
        (await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    await world.modqueue.reject(GUILD, "announcement", refs[1], MODERATOR, "No price given")

    corrected = await world.announcements.announce(
        GUILD, UNTRUSTED_MEMBER, draft("Carry arrived, $6,500")
    )

    assert corrected.queued
    with pytest.raises(UserError, match="made 3 announcements in the last 24 hours"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Sambar arrived"))


async def test_a_withdrawn_announcement_still_uses_up_the_day(world: World) -> None:
    refs = [
        (await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, refs[1])

    with pytest.raises(UserError, match=r"made 3 .* \(withdrawn ones count too\)"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Sambar arrived"))
