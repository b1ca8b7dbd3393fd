"""Alert DMs about an importer's announcements show the importer as it stands now: renamed, its
new name; suspended, "suspended importer" as its cards say, and "verified importer" again once
the suspension is lifted. Each change edits every DM on record once, and a later change edits
them again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from bot.alerts.taken_down import ALERT_DM_EDIT_JOB
from bot.client import Services
from bot.clock import ManualClock
from bot.importers import Announcement
from bot.store import Store
from tests.test_alert_takedowns import DM_MESSAGE, Authored, Handlers, dm_sent
from tests.test_importers import GUILD, TRUSTED_MEMBER, composed_world, draft, jobs_of


async def shown_after_edits(services: Services) -> list[list[tuple[str, str, bool]]]:
    """What each alert DM edit due shows: the title, importer name and suspension of each."""
    handlers, edits = Handlers(), Authored()
    services.register_jobs(cast(Any, handlers), cast(Any, None), cast(Any, None), cast(Any, edits))
    for job in await services.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB]):
        await handlers.of[ALERT_DM_EDIT_JOB](job)
        await services.jobs.done(job)
    return [
        [
            (item.title, item.importer_name, item.importer_suspended)
            for item, _ in shown
            if isinstance(item, Announcement)
        ]
        for _, _, _, shown in edits.shown
    ]


async def test_renaming_and_suspending_an_importer_edits_its_alert_dms_each_time(
    services: Services, store: Store, clock: ManualClock
) -> None:
    composed = await composed_world(services, store, clock)
    first = await services.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet Jumbo"))
    second = await services.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet dump"))
    await dm_sent(composed, services.alerts, first.announcement.id, second.announcement.id)

    await services.importers.edit(GUILD, composed.trusted, name="Kei Imports West")
    assert await shown_after_edits(services) == [
        [("Hijet Jumbo", "Kei Imports West", False), ("Hijet dump", "Kei Imports West", False)]
    ]

    clock.advance(timedelta(minutes=5))
    await services.importers.edit(GUILD, composed.trusted, name="Kei Imports TX")
    clock.advance(timedelta(minutes=5))
    await services.importers.set_suspended(GUILD, composed.trusted, True, reason="Checking")
    # Two changes, two edits, each showing the DM as it stands when it runs.
    assert await shown_after_edits(services) == 2 * [
        [("Hijet Jumbo", "Kei Imports TX", True), ("Hijet dump", "Kei Imports TX", True)]
    ]

    clock.advance(timedelta(minutes=5))
    await services.importers.set_suspended(GUILD, composed.trusted, False)
    assert await shown_after_edits(services) == [
        [("Hijet Jumbo", "Kei Imports TX", False), ("Hijet dump", "Kei Imports TX", False)]
    ]
    # One edit a DM for each change, whatever the number of its announcements listed.
    keys = await jobs_of(store, ALERT_DM_EDIT_JOB)
    assert len(keys) == 4
    assert all(key.startswith(f"{DM_MESSAGE}:importer {composed.trusted} ") for key in keys)
