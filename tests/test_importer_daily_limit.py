"""What counts toward an importer's daily limit: what they announced, posted, waiting or taken
back since; not what a moderator rejected, so a corrected announcement can follow the same day."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.errors import UserError
from bot.feeds import FeedItem
from bot.importers.withdrawals import WITHDRAWALS_KEPT
from tests.test_importers import (  # noqa: F401 (the fixture)
    GUILD,
    MODERATOR,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    draft,
    world,
)


async def test_a_rejected_announcement_does_not_use_up_the_day(world: World) -> None:
    refs = [
        (await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    await world.modqueue.reject(GUILD, "announcement", refs[1], MODERATOR, "No price given")

    corrected = await world.announcements.announce(
        GUILD, UNTRUSTED_MEMBER, draft("Carry arrived, $6,500")
    )

    assert corrected.queued
    with pytest.raises(UserError, match="made 3 announcements in the last 24 hours"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Sambar arrived"))


async def test_a_withdrawn_announcement_still_uses_up_the_day(world: World) -> None:
    refs = [
        (await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    await world.announcements.own.withdraw(GUILD, UNTRUSTED_MEMBER, refs[1])

    with pytest.raises(UserError, match=r"made 3 .* \(withdrawn ones count too\)"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Sambar arrived"))


async def test_only_the_last_day_counts_though_older_take_backs_are_kept(world: World) -> None:
    own = world.announcements.own
    week_old = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, week_old.announcement.id)
    world.clock.advance(timedelta(days=7))
    today = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, today.announcement.id)

    counted = await own.counted_today(world.untrusted)

    assert (counted.made, counted.withdrawn) == (1, 1)
    assert counted.frees_at == today.announcement.created_at + timedelta(days=1)
    assert await world.store.fetchval("SELECT count(*) FROM announcement_withdrawals") == 2
    # The daily chore lets go of what is older than kept, and of that only.
    world.clock.advance(WITHDRAWALS_KEPT - timedelta(days=7, seconds=-1))
    await own.let_go_of_old()
    assert await world.store.fetchval("SELECT count(*) FROM announcement_withdrawals") == 1


async def test_a_new_feed_addresss_newest_item_counts_taken_down_or_not_and_a_polled_one_never(
    world: World,
) -> None:
    newest = FeedItem("n" * 64, "Carry arrived", "https://kei.example/c", "4WD", None)
    polled = FeedItem("p" * 64, "Acty arrived", "https://kei.example/a", "4WD", None)
    own = world.announcements.own
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, [newest], first=True)
        await world.announcements.accept_feed_items(GUILD, world.trusted, [polled])
    assert (await own.counted_today(world.trusted)).made == 1
    counts = await world.store.fetchall(
        "SELECT id, counts_toward_limit FROM announcements ORDER BY id"
    )
    assert [row["counts_toward_limit"] for row in counts] == [1, 0]

    for row in counts:
        await own.take_down(GUILD, TRUSTED_MEMBER, row["id"], post_removed=None)

    assert (await own.counted_today(world.trusted)).made == 1  # taken down, it still counts
