"""An automatic ballot refused for too few nominated builds counts those deleted since whose
nominations no ballot held: counted, not named, and let go of once a ballot opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.client import Services
from bot.errors import UserError
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD = 1001
MODERATOR, NOMINATOR = 900, 901
OWNERS = (501, 502, 503, 504)


async def test_only_builds_nominated_since_the_last_ballot_count_as_deleted_since(
    services: Services, store: Store
) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in OWNERS
    ]
    for build in builds[:3]:
        await services.showcase.nominate(build, NOMINATOR)
    await services.builds.delete(builds[0])
    ballots = services.showcase.ballots
    opened = await ballots.start_ballot(GUILD, MODERATOR, None)  # lets the first count go
    assert opened.candidates == (builds[1].id, builds[2].id)
    await ballots.close_ballot(GUILD)
    await services.builds.delete(builds[1])  # its nomination was on the ballot: not counted
    await services.showcase.nominate(builds[3], NOMINATOR)
    await services.builds.delete(builds[3])

    with pytest.raises(UserError) as refused:
        await ballots.start_ballot(GUILD, MODERATOR, None)

    assert str(refused.value) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 1, but "
        f"1 was deleted since, leaving none; #{builds[2].id}, still waiting in the moderation "
        "queue, was on a ballot already (a member's new nomination puts it on the next): name "
        "the candidates, e.g. `12, 15, 18`."
    )
    # Kept: when each was nominated and when the last ballot had opened, nothing of the build
    # or its nominator; the one from before the last ballot goes once the next opens.
    rows = await store.fetchall("SELECT * FROM showcase_nominated_deletions")
    assert {tuple(row.keys()) for row in rows} == {
        ("guild_id", "nominated_at", "last_ballot_opened")
    }
    assert sorted(row["last_ballot_opened"] > 0 for row in rows) == [False, True]


async def test_a_ballot_given_up_before_it_was_posted_keeps_the_deleted_since_counts(
    services: Services,
) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in OWNERS[:3]
    ]
    for build in builds:
        await services.showcase.nominate(build, NOMINATOR)
    await services.builds.delete(builds[0])
    ballots = services.showcase.ballots
    unposted = await ballots.start_ballot(GUILD, MODERATOR, None)
    await ballots.discard_ballot(unposted)  # its message refused: its nominations wait again
    await services.builds.delete(builds[2])

    with pytest.raises(UserError) as refused:
        await ballots.start_ballot(GUILD, MODERATOR, None)

    assert str(refused.value) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 3, but "
        f"2 were deleted since, leaving only #{builds[1].id}: name the candidates, e.g. "
        "`12, 15, 18`."
    )


async def test_0069_dates_the_kept_deletions_at_the_last_ballots_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0068", 68)) as old:
        for opened in (100, 200):
            await old.execute(
                "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at) "
                "VALUES (?, ?, ?, ?)",
                (GUILD, MODERATOR, opened, opened + 10),
            )
        await old.execute(
            "INSERT INTO showcase_nominated_deletions (guild_id, nominated_at) VALUES (?, 150)",
            (GUILD,),
        )

    async with await Store.open(path) as upgraded:
        kept = await upgraded.fetchall(
            "SELECT guild_id, last_ballot_opened FROM showcase_nominated_deletions"
        )
        assert [tuple(row) for row in kept] == [(GUILD, 200)]
        assert await upgraded.integrity_problems() == []
