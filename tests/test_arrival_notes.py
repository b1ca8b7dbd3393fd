"""An arrival's notes: what its fields cannot say (a dump bed, A/C), shown on its card and
read by alerts, so `hijet dump` finds the dump Hijet that arrived."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService
from bot.errors import UserError
from bot.importers import ArrivalDraft
from tests.test_importers import (  # noqa: F401 (the fixture)
    GUILD,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    world,
)


def hijet(notes: str | None) -> ArrivalDraft:
    return ArrivalDraft("Daihatsu", "Hijet", 1995, "S110P", "4wd", notes=notes)


async def test_an_arrivals_notes_are_its_text_and_alerts_read_them(world: World) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    alert = await alerts.add(GUILD, 701, "hijet 4wd dump")

    announced = await world.announcements.announce_arrival(
        GUILD, TRUSTED_MEMBER, hijet("  Dump bed,\nA/C works ")
    )

    assert announced.announcement.body == "Dump bed,\nA/C works"
    assert [found.id for found in await alerts.matching(announced.announcement)] == [alert.id]


async def test_notes_past_their_limit_are_refused(world: World) -> None:
    with pytest.raises(UserError, match="The notes are 1,001 characters; the limit is 1,000"):
        await world.announcements.announce_arrival(GUILD, TRUSTED_MEMBER, hijet("x" * 1001))


async def test_moderators_see_a_queued_arrivals_notes_under_its_fields(world: World) -> None:
    await world.announcements.announce_arrival(GUILD, UNTRUSTED_MEMBER, hijet("Dump bed"))
    [item] = await world.modqueue.pending(GUILD)
    assert item.body.splitlines()[-1] == "Notes: Dump bed", item.body
