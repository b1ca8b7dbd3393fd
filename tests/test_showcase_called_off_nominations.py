"""A ballot called off counted nothing: it gives back the nominations it held, and 0069 gives
back those it kept before; a featured nomination was decided, and waits for no ballot once one
opened after it."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from pathlib import Path

import pytest

from bot.client import Renderers, Services
from bot.clock import ManualClock, unix
from bot.config import Settings
from bot.errors import UserError
from bot.feeds import FeedFetcher
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, MODERATOR = 1001, 900


async def test_a_ballot_called_off_gives_back_its_builds_nominations(services: Services) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in (501, 502, 503)
    ]
    for n, build in enumerate(builds[:2]):
        await services.showcase.nominate(build, 901 + n)
    ballots = services.showcase.ballots
    opened = await ballots.start_ballot(GUILD, MODERATOR, None)
    await services.builds.delete(builds[1])  # leaves the ballot one build: called off
    assert (await ballots.ballot(GUILD, opened.id)).called_off
    await services.showcase.nominate(builds[2], 905)

    again = await ballots.start_ballot(GUILD, MODERATOR, None)

    assert set(again.candidates) == {builds[0].id, builds[2].id}


async def test_0069_gives_back_the_nominations_ballots_called_off_held(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0068", 68)) as old:
        builds = [
            await old.insert(
                "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, "
                "last_activity_at) VALUES (?, ?, ?, 'Hijet', 0, 0)",
                (GUILD, 500 + n, f"Build {n}"),
            )
            for n in range(2)
        ]
        # December's ballot counted (build 0); January's, on builds 0 and 1, was called off.
        counted, called_off = [
            await old.insert(
                "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at, "
                "called_off) VALUES (?, ?, ?, ?, ?)",
                (GUILD, MODERATOR, opened, opened + 10, off),
            )
            for opened, off in ((100, 0), (200, 1))
        ]
        for ballot, build, position in (
            (counted, builds[0], 1),
            (called_off, builds[0], 1),
            (called_off, builds[1], 2),
        ):
            await old.execute(
                "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                "VALUES (?, ?, ?, ?)",
                (GUILD, ballot, build, position),
            )
        nominated = [
            await old.insert(
                "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
                "created_at, ballot_id) VALUES (?, ?, ?, 'pending', ?, ?)",
                (GUILD, build, 901 + n, at, ballot),
            )
            for n, (build, at, ballot) in enumerate(
                [
                    (builds[0], 50, counted),
                    (builds[0], 150, called_off),
                    (builds[1], 150, called_off),
                ]
            )
        ]

    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall("SELECT id, ballot_id FROM showcase_nominations ORDER BY id")
        assert [tuple(row) for row in rows] == list(
            zip(nominated, [counted, None, None], strict=True)
        )
        assert await upgraded.integrity_problems() == []


async def test_a_build_featured_before_the_last_ballot_opened_stands_on_no_automatic_one(
    tmp_path: Path, clock: ManualClock
) -> None:
    # A database 0064 left: build 0 nominated and featured two years ago, then a ballot opened
    # on builds 1 and 2 by name. Build 3 is nominated this month, build 4 featured this month.
    path = tmp_path / "keitora.sqlite3"
    long_ago = unix(clock.now() - timedelta(days=730))
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0064", 64)) as old:
        ids = [
            await old.insert(
                "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, "
                "last_activity_at) VALUES (?, ?, ?, 'Hijet', ?, ?)",
                (GUILD, 500 + n, f"Old build {n}", long_ago, long_ago),
            )
            for n in range(5)
        ]
        await old.execute(
            "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
            "created_at, decided_by, decided_at) VALUES (?, ?, 901, 'featured', ?, ?, ?)",
            (GUILD, ids[0], long_ago, MODERATOR, long_ago + 60),
        )
        ballot = await old.insert(
            "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at) "
            "VALUES (?, ?, ?, ?)",
            (GUILD, MODERATOR, long_ago + 3600, long_ago + 7200),
        )
        for position, build in enumerate(ids[1:3], start=1):
            await old.execute(
                "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                "VALUES (?, ?, ?, ?)",
                (GUILD, ballot, build, position),
            )
        now = unix(clock.now())
        await old.execute(
            "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
            "created_at, decided_by, decided_at) VALUES (?, ?, 903, 'featured', ?, ?, ?)",
            (GUILD, ids[4], now - 60, MODERATOR, now),
        )
    renderers = Renderers(*([None] * len(fields(Renderers))))
    settings = Settings.from_env({"DATABASE_PATH": str(path)})
    async with await Store.open(path, durable_commits=False) as store:
        services = Services.build(
            store, clock, renderers, settings, FeedFetcher(allow_private=True)
        )
        await services.showcase.nominate(await services.builds.get(GUILD, ids[3]), 902)

        opened = await services.showcase.ballots.start_ballot(GUILD, MODERATOR, None)

        assert set(opened.candidates) == {ids[3], ids[4]}


async def test_0071_holds_again_the_nominations_whose_builds_stood_on_a_later_counted_ballot(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "old.sqlite3"
    now = unix(clock.now())
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0068", 68)) as old:
        builds = [
            await old.insert(
                "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, "
                "last_activity_at) VALUES (?, ?, ?, 'Hijet', ?, ?)",
                (GUILD, 500 + n, f"Build {n}", now - 900_000, now - 900_000),
            )
            for n in range(2)
        ]
        # March: an automatic ballot on builds 0 and 1 was called off; the moderators then
        # opened April's by naming the same two builds, and it closed and counted.
        called_off, april = [
            await old.insert(
                "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at, "
                "called_off) VALUES (?, ?, ?, ?, ?)",
                (GUILD, MODERATOR, opened, opened + 10, off),
            )
            for opened, off in ((now - 800_000, 1), (now - 700_000, 0))
        ]
        for ballot in (called_off, april):
            for position, build in enumerate(builds, start=1):
                await old.execute(
                    "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                    "VALUES (?, ?, ?, ?)",
                    (GUILD, ballot, build, position),
                )
        for n, build in enumerate(builds):
            await old.execute(
                "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
                "created_at, ballot_id) VALUES (?, ?, ?, 'pending', ?, ?)",
                (GUILD, build, 901 + n, now - 850_000, called_off),
            )
    renderers = Renderers(*([None] * len(fields(Renderers))))
    settings = Settings.from_env({"DATABASE_PATH": str(path)})
    async with await Store.open(path, durable_commits=False) as store:
        services = Services.build(
            store, clock, renderers, settings, FeedFetcher(allow_private=True)
        )
        # Nobody nominated anything since April's ballot: nothing waits for the next one.
        with pytest.raises(UserError, match="no ballot held yet name none"):
            await services.showcase.ballots.start_ballot(GUILD, MODERATOR, None)


async def test_a_called_off_ballot_gives_back_a_nomination_featured_before_it_opened(
    services: Services, clock: ManualClock
) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in (501, 502, 503)
    ]
    for n, build in enumerate(builds[:2]):
        await services.showcase.nominate(build, 901 + n)
    # Build 0's nomination is featured before the ballot opens (a feature is no vote).
    store = services.showcase._store
    await store.execute(
        "UPDATE showcase_nominations SET status = 'featured', decided_by = ?, decided_at = ? "
        "WHERE build_id = ?",
        (MODERATOR, unix(clock.now()), builds[0].id),
    )
    clock.advance(timedelta(minutes=5))
    ballots = services.showcase.ballots
    opened = await ballots.start_ballot(GUILD, MODERATOR, None)
    assert set(opened.candidates) == {builds[0].id, builds[1].id}
    await services.builds.delete(builds[1])  # leaves one build: called off, counted nothing
    assert (await ballots.ballot(GUILD, opened.id)).called_off
    await services.showcase.nominate(builds[2], 905)

    again = await ballots.start_ballot(GUILD, MODERATOR, None)  # "gives back its nominations"

    assert set(again.candidates) == {builds[0].id, builds[2].id}
