"""Arrivals announced before an arrival's repeat key took in its listing (its link, else its
notes) are stored by the truck's fields alone: for the 7 days a repeat is refused, those keys
are still compared, so the same truck is not announced twice across the upgrade, nor a
moderator's take-down of one without a link undone by a retype."""

from __future__ import annotations

from dataclasses import astuple
from datetime import timedelta

import pytest

from bot.client import Services
from bot.clock import ManualClock
from bot.errors import UserError
from bot.importers import ArrivalDraft
from bot.importers.values import title_key
from bot.store import Store
from tests.test_importer_takedown_retypes import ACTY, _taken_down
from tests.test_importers import ANNOUNCEMENTS
from tests.test_privacy_importer_takedowns import GUILD, OTHER

ACTY_LISTED = ArrivalDraft(
    "Honda", "Acty", 1996, "HA4", "4wd", "4", "30,000 km", "$6,000", "tx",
    link="https://kei.example/stock/42",
)  # fmt: skip


async def _arrived_keyed_as_before(
    services: Services, store: Store, typed: ArrivalDraft
) -> tuple[int, str]:
    """OTHER's trusted importer announces `typed`, its key then stored as the release before
    stored it (the truck's fields alone): its id and that key."""
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await services.importers.register(GUILD, "Mini Truck Barn", OTHER, trusted=True)
    announced = await services.announcements.announce_arrival(GUILD, OTHER, typed)
    arrival = announced.announcement.arrival
    assert arrival is not None
    old_key = "|".join(title_key(str(value)) for value in astuple(arrival))
    await store.execute("UPDATE announcements SET title_key = ?", (old_key,))
    return announced.announcement.id, old_key


@pytest.mark.parametrize("typed", [ACTY_LISTED, ACTY])
async def test_an_arrival_announced_before_the_upgrade_is_still_a_repeat(
    services: Services, store: Store, clock: ManualClock, typed: ArrivalDraft
) -> None:
    await _arrived_keyed_as_before(services, store, typed)
    clock.advance(timedelta(days=1))

    with pytest.raises(UserError, match="a repeat is not posted again"):
        await services.announcements.announce_arrival(GUILD, OTHER, typed)
    assert await store.fetchval("SELECT count(*) FROM announcements") == 1


async def test_an_arrival_a_moderator_took_down_before_the_upgrade_is_not_retyped(
    services: Services, store: Store, clock: ManualClock
) -> None:
    announcement_id, old_key = await _arrived_keyed_as_before(services, store, ACTY)
    await _taken_down(services, announcement_id)
    await store.execute("UPDATE announcement_withdrawals SET title_key = ?", (old_key,))
    clock.advance(timedelta(days=1))

    with pytest.raises(UserError, match="a moderator took down in the last 7 days"):
        await services.announcements.announce_arrival(GUILD, OTHER, ACTY)
