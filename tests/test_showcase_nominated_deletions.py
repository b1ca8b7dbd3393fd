"""An automatic ballot refused for too few nominated builds counts those deleted since, within
the nomination window: counted, not named, and let go of once the window has passed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.client import Services
from bot.clock import ManualClock
from bot.errors import UserError
from bot.store import Store

GUILD = 1001
MODERATOR, NOMINATOR = 900, 901
OWNERS = (501, 502, 503)


async def test_only_builds_nominated_within_the_window_count_as_deleted_since(
    services: Services, clock: ManualClock, store: Store
) -> None:
    builds = [
        await services.builds.start(GUILD, owner, f"Build {owner}", "Hijet", None)
        for owner in OWNERS
    ]
    await services.showcase.nominate(builds[0], NOMINATOR)
    clock.advance(timedelta(days=20))
    await services.showcase.nominate(builds[1], NOMINATOR)
    await services.builds.delete(builds[0])
    await services.builds.delete(builds[1])
    clock.advance(timedelta(days=15))  # the first nomination is past the 31 days

    with pytest.raises(UserError) as refused:
        await services.showcase.ballots.start_ballot(GUILD, MODERATOR, None)

    assert str(refused.value) == (
        "A ballot needs at least two builds, and 1 was nominated in the last month, but 1 was "
        "deleted since, leaving none: name the candidates, e.g. `12, 15, 18`."
    )
    # Kept: when each was nominated, nothing of the build or its nominator; the count past the
    # window goes with the next deletion.
    await services.builds.delete(builds[2])
    rows = await store.fetchall("SELECT * FROM showcase_nominated_deletions")
    assert [tuple(row.keys()) for row in rows] == [("guild_id", "nominated_at")]
