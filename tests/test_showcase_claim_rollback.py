"""A feature's claim whose transaction fails is no claim: neither in the table nor in the
service's mark of builds being featured now, which would otherwise tell every later claim that
another moderator is featuring the build right now, until the bot restarts."""

from __future__ import annotations

import sqlite3

import pytest

from bot.builds import BuildService
from bot.showcase import ShowcaseService
from bot.store import Store

from .test_showcase import GUILD, MEMBER, MODERATOR, OWNER
from .test_showcase import builds as builds
from .test_showcase import modqueue as modqueue
from .test_showcase import showcase as showcase


async def test_a_claim_whose_transaction_failed_leaves_the_build_free_to_feature(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await showcase.nominate(build, MEMBER)
    # The claim's row is in when answering its nominations fails (a constraint, a full disk).
    await store.execute(
        "CREATE TEMP TRIGGER refused BEFORE UPDATE ON showcase_nominations "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="refused"):
        await showcase.claim_feature(build, MODERATOR, None)
    await store.execute("DROP TRIGGER refused")

    assert await store.fetchval("SELECT count(*) FROM showcase_posts") == 0
    assert build.id not in showcase._sending  # nothing of this process is featuring it
    assert await showcase.claim_feature(build, MODERATOR, None) == nomination.id
