"""An automatic ballot refused for too few nominated builds counts those deleted since whose
nominations no ballot held: counted, not named, and let go of once a ballot opens."""

from __future__ import annotations

import pytest

from bot.client import Services
from bot.errors import UserError
from bot.store import Store

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
    # Kept: when each was nominated, nothing of the build or its nominator.
    rows = await store.fetchall("SELECT * FROM showcase_nominated_deletions")
    assert [tuple(row.keys()) for row in rows] == [("guild_id", "nominated_at")]
    assert len(rows) == 1
