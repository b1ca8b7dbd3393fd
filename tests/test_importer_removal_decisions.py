"""Removing an importer decides the queue posts of its announcements that waited in the same
transaction as the removal: a bot stopped right after it commits (before the moderator's
answer) still leaves each post saying it was removed, without its buttons, once it runs again.
A forget of the importer's member deletes those posts instead (test_importer_ownership)."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from bot.importers.removal import RemovedBy
from bot.limits import plain_quote
from bot.modqueue import MODQUEUE_REFRESH_JOB
from bot.modqueue.posts import record_post
from bot.privacy.posts import PostedMessage
from tests.test_importers import (
    GUILD,
    MODERATOR,
    UNTRUSTED_MEMBER,
    World,
    draft,
    jobs_of,
    world,  # noqa: F401 (the fixture)
)


async def test_a_removal_commits_its_queue_posts_decisions_with_it(world: World) -> None:
    posted, unposted = [
        (await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))).announcement
        for title in ("Acty arrived", "Carry arrived")
    ]
    async with world.store.transaction():  # its post was sent; the other's never was
        await record_post(world.store, GUILD, "announcement", posted.id, PostedMessage(55, 900))

    await world.announcements.remove_importer(
        GUILD, world.untrusted, RemovedBy(MODERATOR, plain_quote), server="Kei Trucks"
    )
    # Nothing after the commit: the bot stopped there.

    said = f"Removed with “Mini Truck Barn” by <@{MODERATOR}>; it will not be posted."
    decided = await world.store.fetchone(
        "SELECT decision, decided_by, outcome FROM modqueue_posts WHERE ref_id = ?", (posted.id,)
    )
    assert dict(decided) == {"decision": said, "decided_by": MODERATOR, "outcome": "removed"}
    assert await jobs_of(world.store, MODQUEUE_REFRESH_JOB)  # the edit, through the outbox
    never_posted = await world.store.fetchone(
        "SELECT decision, outcome FROM modqueue_decisions WHERE ref_id = ?", (unposted.id,)
    )
    assert dict(never_posted) == {"decision": said, "outcome": "removed"}
