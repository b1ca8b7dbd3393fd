"""Which ballot held a nomination: migration 0065 holds those a ballot held before it by that
ballot, so the next automatic ballot takes only the nominations no ballot held yet (one made
after the last ballot that held its build, or never held, still waits for one); a member's
export names it."""

from __future__ import annotations

import json
from pathlib import Path

from bot.client import Services
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, MODERATOR, NOMINATOR = 1001, 900, 901


async def test_0065_holds_each_nomination_by_the_latest_ballot_that_held_its_build_after_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0064", 64)) as old:
        builds = [
            await old.insert(
                "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, "
                "last_activity_at) VALUES (?, ?, ?, 'Hijet', 0, 0)",
                (GUILD, 500 + n, f"Build {n}"),
            )
            for n in range(3)
        ]
        # December's ballot held builds 0 and 1; January's, build 0 again.
        ballots = [
            await old.insert(
                "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, closed_at) "
                "VALUES (?, ?, ?, ?)",
                (GUILD, MODERATOR, opened, opened + 10),
            )
            for opened in (100, 200)
        ]
        for ballot, build in ((ballots[0], builds[0]), (ballots[0], builds[1])):
            await old.execute(
                "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                "VALUES (?, ?, ?, (SELECT count(*) + 1 FROM showcase_candidates "
                "WHERE ballot_id = ?))",
                (GUILD, ballot, build, ballot),
            )
        await old.execute(
            "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
            "VALUES (?, ?, ?, 1)",
            (GUILD, ballots[1], builds[0]),
        )
        nominated = [
            await old.insert(
                "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                (GUILD, build, NOMINATOR + n, status, at),
            )
            for n, (build, status, at) in enumerate(
                [
                    (builds[0], "pending", 50),  # held by both: January's
                    (builds[1], "featured", 50),  # held by December's
                    (builds[1], "pending", 150),  # after December's: waits
                    (builds[2], "pending", 50),  # never held: waits
                    (builds[0], "dismissed", 50),  # rejected: no ballot holds it
                ]
            )
        ]

    async with await Store.open(path) as upgraded:
        rows = await upgraded.fetchall("SELECT id, ballot_id FROM showcase_nominations ORDER BY id")
        assert [tuple(row) for row in rows] == list(
            zip(nominated, [ballots[1], ballots[0], None, None, None], strict=True)
        )
        assert await upgraded.integrity_problems() == []


async def test_a_members_export_names_the_ballot_that_held_each_nomination(
    services: Services,
) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in (501, 502, 503)
    ]
    for build in builds[:2]:
        await services.showcase.nominate(build, NOMINATOR)
    named = f"{builds[0].id}, {builds[2].id}"
    ballot = await services.showcase.ballots.start_ballot(GUILD, MODERATOR, named)

    exported = await services.privacy.export(NOMINATOR)

    assert exported is not None
    [server] = json.loads(exported.data)["servers"].values()
    assert [n.get("ballot_id") for n in server["showcase_nominations"]] == [ballot.id, None]
