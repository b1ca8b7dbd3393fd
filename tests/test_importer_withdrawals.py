"""An importer takes back an announcement: one waiting for moderators even while suspended, one
not posted yet at once, one posted only once its channel message came down; what was taken back
still counts toward the day's limit."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import UserError
from bot.importers import IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB
from bot.importers.own_announcements import TryAgain
from bot.privacy.posts import PostedMessage
from tests.test_importers import (  # noqa: F401 (the fixture)
    GUILD,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    deliver,
    draft,
    jobs_of,
    world,
)


async def test_a_suspended_importer_withdraws_what_waits_on_hold(world: World) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    await world.importers.set_suspended(GUILD, world.untrusted, True)

    offered = await world.announcements.of_member(GUILD, UNTRUSTED_MEMBER, "", 25, posted=False)
    assert [a.id for a in offered] == [ref]
    withdrawn = await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, ref)

    assert withdrawn.title == announced.announcement.title
    assert await world.modqueue.pending(GUILD) == []
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0
    # Suspended, they may take back, not announce.
    with pytest.raises(UserError, match="suspended"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Another"))


async def test_what_was_withdrawn_still_counts_toward_the_days_limit(world: World) -> None:
    await world.setup.set_importer_daily_limit(GUILD, 2)
    first = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, first.announcement.id)

    with pytest.raises(UserError, match="2 announcements in the last 24 hours") as refused:
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Hijet arrived"))
    assert "withdrawn ones count too" in refused.value.message

    world.clock.advance(timedelta(hours=24, seconds=1))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Hijet arrived"))
    # Another importer's limit is its own.
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Acty arrived"))


async def test_an_announcement_not_posted_yet_is_taken_down_with_its_post_and_publish(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    offered = await world.announcements.of_member(GUILD, TRUSTED_MEMBER, "dump", 25, posted=True)
    assert [a.id for a in offered] == [ref]
    assert (await world.announcements.own.post_of(GUILD, TRUSTED_MEMBER, ref)).post is None

    taken = await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)

    assert taken.id == ref
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == []
    assert await jobs_of(world.store, IMPORTER_PUBLISH_JOB) == []
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_an_announcement_being_posted_right_now_is_not_taken_down(world: World) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])

    with pytest.raises(TryAgain, match="being posted right now"):
        await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 1


async def test_what_waits_is_withdrawn_and_what_is_posted_taken_down_not_the_other_way(
    world: World,
) -> None:
    waiting = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    with pytest.raises(UserError, match="waits for a moderator, so take it back with /importer"):
        await world.announcements.own.take_down(
            GUILD, UNTRUSTED_MEMBER, waiting.announcement.id, post_removed=None
        )
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, 90)
    with pytest.raises(UserError, match="posted already, so it cannot be withdrawn; take it dow"):
        await world.announcements.own.withdraw(GUILD, TRUSTED_MEMBER, posted.announcement.id)
    # A suspended importer's posts stay up for moderators to look at.
    await world.importers.set_suspended(GUILD, world.trusted, True)
    with pytest.raises(UserError, match="stay up while the moderators look at them; a moder"):
        await world.announcements.own.take_down(
            GUILD, TRUSTED_MEMBER, posted.announcement.id, post_removed=None
        )


async def test_what_a_suspension_holds_back_its_importer_takes_down(world: World) -> None:
    """Never shown, it is theirs to take back, as what waits in the queue is; it is not
    withdrawn (it left the queue), and it is not posted when the suspension is lifted."""
    held = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = held.announcement.id
    await world.importers.set_suspended(GUILD, world.trusted, True)
    with pytest.raises(
        UserError, match="is held back by the suspension and was never posted, so it"
    ):
        await world.announcements.own.withdraw(GUILD, TRUSTED_MEMBER, ref)

    found = await world.announcements.own.post_of(GUILD, TRUSTED_MEMBER, ref)
    await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=found.post)

    assert found.post is None
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == []


async def test_a_rejected_announcement_or_another_importers_is_not_offered_or_taken_back(
    world: World,
) -> None:
    mine = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    ref = mine.announcement.id
    await world.modqueue.reject(GUILD, "announcement", ref, 603, "No prices in titles")
    assert await world.announcements.of_member(GUILD, UNTRUSTED_MEMBER, "", 25, posted=False) == []
    assert await world.announcements.of_member(GUILD, UNTRUSTED_MEMBER, "", 25, posted=True) == []
    with pytest.raises(UserError, match="was rejected"):
        await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, ref)
    with pytest.raises(UserError, match="was rejected"):
        await world.announcements.own.take_down(GUILD, UNTRUSTED_MEMBER, ref, post_removed=None)
    theirs = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    with pytest.raises(UserError, match="Pick one of your announcements"):
        await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, theirs.announcement.id)


async def test_a_post_sent_while_it_was_being_taken_down_asks_for_another_go(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    assert (await world.announcements.own.post_of(GUILD, TRUSTED_MEMBER, ref)).post is None
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, 90)  # the outbox sends it meanwhile

    with pytest.raises(TryAgain, match="was posted just now"):
        await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 1
    found = await world.announcements.own.post_of(GUILD, TRUSTED_MEMBER, ref)
    assert found.post == PostedMessage(5001, 90)
    await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=found.post)
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_the_days_limit_says_when_the_next_announcement_may_go_out(world: World) -> None:
    await world.setup.set_importer_daily_limit(GUILD, 2)
    first = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    world.clock.advance(timedelta(hours=5))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, first.announcement.id)
    world.clock.advance(timedelta(hours=2, minutes=30))

    with pytest.raises(UserError) as refused:
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Hijet arrived"))
    assert refused.value.message.endswith(
        "the most this server allows; the next may go out in 16 h 30 min."
    ), refused.value.message
    world.clock.advance(timedelta(hours=16, minutes=29))
    with pytest.raises(UserError, match="the next may go out in 1 min"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Hijet arrived"))
    world.clock.advance(timedelta(minutes=1, seconds=1))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Hijet arrived"))


async def test_one_discord_would_not_post_is_said_to_be_so_not_posted(world: World) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Acty arrived"))
    ref = announced.announcement.id
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await world.jobs.give_up(post, "Missing Access")
    await world.importers.set_suspended(GUILD, world.trusted, True)

    with pytest.raises(UserError) as refused:
        await world.announcements.own.withdraw(GUILD, TRUSTED_MEMBER, ref)
    await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)

    assert refused.value.message == (
        "“Acty arrived” was approved, but could not be posted, so it cannot be withdrawn; take "
        "it down with /importer delete."
    )
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0
