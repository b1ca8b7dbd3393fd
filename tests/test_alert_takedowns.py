"""Alert DMs about announcements taken down: recorded when sent, each edited once by a job
scheduled in the take-down's transaction (or at the send, when it was taken down while the DM
was on its way), left as it is when Discord refuses the edit."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from bot.alerts import ALERT_DM_JOB, AlertService
from bot.alerts.taken_down import ALERT_DM_EDIT_JOB, Gone, ShownMatch
from bot.client import Services
from bot.clock import ManualClock
from bot.delivery import Refused, Sent
from bot.importers import Announcement
from bot.importers.removal import RemovedBy
from bot.jobs import GiveUp, Handler, JobQueue
from bot.limits import plain_quote
from bot.store import Store
from tests.old_schema import migrations_up_to
from tests.test_importers import (  # noqa: F401 (the fixture)
    ANNOUNCEMENTS,
    GUILD,
    MODERATOR,
    TRUSTED_MEMBER,
    World,
    composed_world,
    draft,
    jobs_of,
    world,
)

MIKA, DM_CHANNEL, DM_MESSAGE = 701, 9001, 9002


class Edits:
    """The editor's side: what each edit was asked to show, or Discord's refusal."""

    def __init__(self, refusal: Refused | None = None) -> None:
        self.shown: list[tuple[int, int, int, Sequence[ShownMatch]]] = []
        self.refusal = refusal

    async def edit_alert_dm(
        self, channel_id: int, message_id: int, member_id: int, matches: Sequence[ShownMatch]
    ) -> None:
        if self.refusal is not None:
            raise self.refusal
        self.shown.append((channel_id, message_id, member_id, matches))


async def dm_sent(world: World, alerts: AlertService, *announcement_ids: int) -> None:
    """Mika's alert DM listing the announcements, as the outbox sends it."""
    matches = [{"announcement_id": ref, "queries": ["hijet"]} for ref in announcement_ids]
    await world.jobs.schedule(
        ALERT_DM_JOB,
        f"{GUILD}:{MIKA}:{announcement_ids[0]}",
        world.clock.now(),
        payload={"member_id": MIKA, "matches": matches},
        guild_id=GUILD,
    )
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_JOB])
    async with world.store.transaction():
        await alerts.dms.sent_hook(world.announcements.get)(job, Sent(DM_CHANNEL, DM_MESSAGE))


async def test_a_take_down_edits_each_dm_once_showing_what_is_still_up(world: World) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    first = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet Jumbo"))
    second = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet dump"))
    await dm_sent(world, alerts, first.announcement.id, second.announcement.id)
    assert await jobs_of(world.store, ALERT_DM_EDIT_JOB) == []

    for _ in range(2):  # told twice (a retried transaction): one edit still
        await alerts.dms.on_taken_down(second.announcement, False)
    await world.store.execute("DELETE FROM announcements WHERE id = ?", (second.announcement.id,))

    key = f"{DM_MESSAGE}:{second.announcement.id}"
    assert await jobs_of(world.store, ALERT_DM_EDIT_JOB) == [key]
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    edits = Edits()
    await alerts.dms.handler(
        world.announcements.get, edits, world.announcements.own.taken_down_by_moderator
    )(job)
    [(channel, message, member, shown)] = edits.shown
    assert (channel, message, member) == (DM_CHANNEL, DM_MESSAGE, MIKA)
    assert [
        (item.title if isinstance(item, Announcement) else item, queries) for item, queries in shown
    ] == [("Hijet Jumbo", ("hijet",)), (Gone(by_moderator=False), ("hijet",))]


async def test_an_announcement_taken_down_while_its_dm_was_on_its_way_is_edited_at_once(
    world: World,
) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    ref = announced.announcement.id
    await world.store.execute("DELETE FROM announcements WHERE id = ?", (ref,))

    await dm_sent(world, alerts, ref)

    assert await jobs_of(world.store, ALERT_DM_EDIT_JOB) == [f"{DM_MESSAGE}:{ref}"]


async def test_a_dm_discord_will_not_change_is_left_and_records_go_after_60_days(
    world: World,
) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    await dm_sent(world, alerts, announced.announcement.id)
    await alerts.dms.on_taken_down(announced.announcement, False)
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    refused = Edits(Refused(50007, "Cannot send messages to this user"))
    with pytest.raises(GiveUp, match="50007"):
        await alerts.dms.handler(
            world.announcements.get, refused, world.announcements.own.taken_down_by_moderator
        )(job)

    world.clock.advance(timedelta(days=61))
    await alerts.dms.let_go_of_old()
    assert await world.store.fetchval("SELECT count(*) FROM alert_dm_matches") == 0


async def test_removing_an_importer_edits_each_dm_once_and_a_take_down_still_does(
    world: World,
) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    world.announcements.removal.when_kept(alerts.dms.on_importer_removed)  # as composed
    first = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet Jumbo"))
    second = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet dump"))
    await dm_sent(world, alerts, first.announcement.id, second.announcement.id)
    # Both posted long ago (their post jobs forgotten since): kept as a former importer's.
    await world.store.execute("DELETE FROM jobs WHERE kind = 'importer.post'")

    await world.announcements.remove_importer(
        GUILD, world.trusted, RemovedBy(MODERATOR, plain_quote)
    )

    removed_key = f"{DM_MESSAGE}:importer {world.trusted} removed"
    assert await jobs_of(world.store, ALERT_DM_EDIT_JOB) == [removed_key]  # one edit a DM
    taken_down_by = await world.store.fetchall("SELECT taken_down_by FROM alert_dm_matches")
    assert [row["taken_down_by"] for row in taken_down_by] == [None, None]
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    edits = Edits()
    await alerts.dms.handler(
        world.announcements.get, edits, world.announcements.own.taken_down_by_moderator
    )(job)
    [(_, _, _, shown)] = edits.shown
    assert [
        (item.title, item.importer_id, item.importer_name)
        for item, _ in shown
        if isinstance(item, Announcement)
    ] == [("Hijet Jumbo", None, "Kei Imports"), ("Hijet dump", None, "Kei Imports")]
    await world.jobs.done(job)

    kept = await world.announcements.get(GUILD, second.announcement.id)
    await alerts.dms.on_taken_down(kept, True)
    taken_key = f"{DM_MESSAGE}:{second.announcement.id}"
    assert await jobs_of(world.store, ALERT_DM_EDIT_JOB) == [removed_key, taken_key]


async def test_edits_queued_under_the_old_kind_are_done_and_kept_under_the_new_one(
    tmp_path: Path, clock: ManualClock
) -> None:
    """Before 0044 the edit's kind said a take-down, though a removal queues it too: a pending
    one is done under the new kind, and a done one still keeps its DM from a second edit."""
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "migrations", 43)) as old:
        for key, state in ((f"{DM_MESSAGE}:7", "pending"), (f"{DM_MESSAGE}:8", "done")):
            await old.execute(
                "INSERT INTO jobs (kind, key, payload, due_at, state, created_at) "
                "VALUES ('alert.dm_taken_down', ?, ?, 0, ?, 0)",
                (key, json.dumps({"message_id": DM_MESSAGE}), state),
            )
    async with await Store.open(path) as upgraded:
        jobs = JobQueue(upgraded, clock)
        [job] = await jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
        assert (job.key, job.payload) == (f"{DM_MESSAGE}:7", {"message_id": DM_MESSAGE})
        assert not await jobs.schedule(ALERT_DM_EDIT_JOB, f"{DM_MESSAGE}:8", clock.now())
        kinds = await upgraded.fetchall("SELECT DISTINCT kind FROM jobs")
    assert [row["kind"] for row in kinds] == [ALERT_DM_EDIT_JOB]


async def test_taken_down_while_its_dm_was_on_its_way_says_by_whom_the_importers_recorded(
    world: World,
) -> None:
    """The DM's record was written after the take-down, so it does not say who took it down:
    the record of the withdrawal does."""
    alerts = AlertService(world.store, world.clock, world.jobs)
    world.announcements.own.when_taken_down(alerts.dms.on_taken_down)
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    ref = announced.announcement.id
    await world.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in="Kei Truck Owners"
    )

    await dm_sent(world, alerts, ref)

    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    edits = Edits()
    by_moderator = world.announcements.own.taken_down_by_moderator
    await alerts.dms.handler(world.announcements.get, edits, by_moderator)(job)
    [(_, _, _, shown)] = edits.shown
    assert list(shown) == [(Gone(by_moderator=True), ("hijet",))]


class Handlers:
    """A job runner's side of `register_jobs`: the handler of each kind, to run by hand."""

    def __init__(self) -> None:
        self.of: dict[str, Handler] = {}

    def register(self, kind: str, handler: Handler) -> None:
        self.of[kind] = handler

    def when_sent(self, kind: str, hook: object) -> None:
        pass

    def every_day(self, chore: object) -> None:
        pass


class Authored(Edits):
    """The bot's messages as `register_jobs` is given them: alert DMs edited, nothing else."""

    def __getattr__(self, name: str) -> Any:
        def unused(*_: Any) -> None:
            raise AssertionError(f"{name} is not used by these tests")

        return unused


async def test_the_composed_edit_asks_the_importers_who_took_down_one_its_dm_was_on_its_way_for(
    services: Services, store: Store, clock: ManualClock
) -> None:
    """Wired where the services are built: the edit's handler is given the importers' record
    of the take-down, so a DM recorded after it still says a moderator took it down."""
    composed = await composed_world(services, store, clock)
    announced = await services.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    ref = announced.announcement.id
    await services.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in="Kei Truck Owners"
    )
    await dm_sent(composed, services.alerts, ref)

    handlers, edits = Handlers(), Authored()
    services.register_jobs(cast(Any, handlers), cast(Any, None), cast(Any, None), cast(Any, edits))
    [job] = await services.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    await handlers.of[ALERT_DM_EDIT_JOB](job)
    [(_, _, _, shown)] = edits.shown
    assert list(shown) == [(Gone(by_moderator=True), ("hijet",))]
