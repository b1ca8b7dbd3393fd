"""A meetup's revision, kept by the database's triggers, moves with each change a calendar shows
and with nothing else: calendar apps replace an event only with a higher SEQUENCE."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.client import Services
from bot.errors import UserError
from bot.meetups import MeetupDraft
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, ORGANIZER, MEMBER = 1001, 501, 502


async def revision(store: Store, meetup_id: int) -> int:
    return await store.fetchval("SELECT revision FROM meetups WHERE id = ?", (meetup_id,))


@pytest.fixture
async def weekly(services: Services) -> int:
    await services.setup.set_timezone(GUILD, "America/Denver")
    draft = MeetupDraft("Coffee and kei", "2026-12-05 10:00", "Moab", repeat="weekly")
    return (await services.meetups.create(GUILD, ORGANIZER, draft)).meetup.id


async def test_answers_and_the_cards_place_leave_the_revision(
    services: Services, store: Store, weekly: int
) -> None:
    meetups = services.meetups
    await meetups.set_card(weekly, 555, 1000)
    await meetups.answer(GUILD, weekly, MEMBER, "going")
    with pytest.raises(UserError, match="nothing changed"):
        await meetups.edit(GUILD, weekly, title="Coffee and kei")

    assert await revision(store, weekly) == 0


async def test_an_edit_a_moved_date_a_cancelled_date_and_the_cancellation_each_move_it(
    services: Services, store: Store, weekly: int
) -> None:
    meetups = services.meetups
    await meetups.edit(GUILD, weekly, location="Green River")
    assert await revision(store, weekly) == 1
    await meetups.move(GUILD, weekly, "2026-12-05 11:00")
    assert await revision(store, weekly) == 2
    [_, second] = await meetups.occurrences(await meetups.get(GUILD, weekly), limit=2)
    await meetups.cancel(GUILD, weekly, original_start=second.original_start)
    assert await revision(store, weekly) == 3
    await meetups.cancel(GUILD, weekly, reason="Snow")
    assert await revision(store, weekly) == 4
    assert (await meetups.get(GUILD, weekly)).revision == 4


async def test_a_date_stored_moved_from_the_start_moves_it_too(
    services: Services, store: Store, weekly: int
) -> None:
    """Whatever code stores a moved date, inserting it moved or moving it after."""
    await store.execute(
        "INSERT INTO occurrences (meetup_id, original_start, starts_at) VALUES (?, ?, ?)",
        (weekly, 1_796_500_000, 1_796_503_600),
    )
    assert await revision(store, weekly) == 1


async def test_the_upgrade_moves_every_meetup_on_once(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "migrations", 21)) as old:
        await old.execute(
            "INSERT INTO meetups (guild_id, organizer_id, title, description, location, zone, "
            "start_local, starts_at, duration_minutes, created_at) "
            "VALUES (?, ?, 'Kei day', '', 'Moab', 'America/Denver', '2026-12-05T10:00:00', "
            "1796490000, 120, 0)",
            (GUILD, ORGANIZER),
        )
    async with await Store.open(path) as upgraded:
        assert await upgraded.fetchval("SELECT revision FROM meetups") == 1
