"""A moderator takes down any importer's posted announcement through the importer's own path:
the record names the moderator (an importer taking down their own is named as theirs), the
importer is told by DM through the outbox, and the alert DMs about it say a moderator took it
down. Anyone else is refused and nothing changes."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.alerts import AlertService
from bot.alerts.taken_down import ALERT_DM_EDIT_JOB, Gone
from bot.client import Services
from bot.clock import ManualClock
from bot.delivery import Outgoing
from bot.errors import UserError
from bot.feeds import FeedItem
from bot.importers import Announcement
from bot.importers.own_announcements import Overtaken
from bot.importers.removal import RemovedBy
from bot.importers.takedowns import (
    IMPORTER_TAKEN_DOWN_JOB,
    TakenDownNews,
    TakenDownNotice,
    taken_down_handler,
)
from bot.jobs import Job
from bot.limits import plain_quote
from bot.store import Store
from cogs.importers_views import taken_down_notice
from tests.test_alert_takedowns import DM_MESSAGE, Edits, dm_sent
from tests.test_importers import (  # noqa: F401 (the fixture)
    ANNOUNCEMENTS,
    GUILD,
    MODERATOR,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    composed_world,
    draft,
    jobs_of,
    world,
)

SERVER = "Kei Truck Owners"


def notice(news: TakenDownNews) -> str:
    return f"A moderator of {news.server} took down {news.title}"


async def taken_down_dm(job: Job, worded: TakenDownNotice = notice) -> Outgoing:
    return await taken_down_handler(worded)(job)


async def withdrawn_by(world: World) -> list[int | None]:
    rows = await world.store.fetchall("SELECT withdrawn_by FROM announcement_withdrawals")
    return [row["withdrawn_by"] for row in rows]


async def test_a_moderator_takes_down_another_importers_announcement_and_it_is_told(
    world: World,
) -> None:
    told: list[tuple[int, bool]] = []

    async def subscriber(announcement: Announcement, by_moderator: bool) -> None:
        told.append((announcement.id, by_moderator))

    world.announcements.own.when_taken_down(subscriber)
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    offered = await world.announcements.posted_in(GUILD, "dump", 25)
    assert [(a.id, a.importer_name) for a in offered] == [(ref, "Kei Imports")]
    found = await world.announcements.own.post_of(GUILD, MODERATOR, ref, moderator_in=SERVER)

    taken = await world.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=found.post, moderator_in=SERVER
    )

    assert taken.id == ref
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0
    assert await withdrawn_by(world) == [MODERATOR]
    assert told == [(ref, True)]
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_TAKEN_DOWN_JOB])
    dm = await taken_down_dm(job)
    # The job keeps the facts: the DM is worded when it is sent.
    assert "content" not in job.payload
    assert (dm.recipient_id, dm.content) == (
        TRUSTED_MEMBER,
        f"A moderator of {SERVER} took down {taken.title}",
    )


async def test_an_importer_taking_down_their_own_is_named_and_not_told(world: World) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id

    await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)

    assert await withdrawn_by(world) == [TRUSTED_MEMBER]
    assert await jobs_of(world.store, IMPORTER_TAKEN_DOWN_JOB) == []


async def test_an_importer_who_is_a_moderator_taking_down_their_own_is_not_told(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id

    await world.announcements.own.take_down(
        GUILD, TRUSTED_MEMBER, ref, post_removed=None, moderator_in=SERVER
    )

    assert await withdrawn_by(world) == [TRUSTED_MEMBER]
    assert await jobs_of(world.store, IMPORTER_TAKEN_DOWN_JOB) == []


async def test_another_importer_may_not_take_it_down_and_nothing_changes(world: World) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id

    with pytest.raises(UserError, match="Pick one of your announcements"):
        await world.announcements.own.post_of(GUILD, UNTRUSTED_MEMBER, ref)
    with pytest.raises(UserError, match="Pick one of your announcements"):
        await world.announcements.own.take_down(GUILD, UNTRUSTED_MEMBER, ref, post_removed=None)

    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 1
    assert await withdrawn_by(world) == []
    assert await world.announcements.of_member(GUILD, UNTRUSTED_MEMBER, "", 25, posted=True) == []


async def test_a_moderator_is_offered_posted_announcements_only(world: World) -> None:
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Acty arrived"))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))

    offered = await world.announcements.posted_in(GUILD, "", 25)

    assert [a.id for a in offered] == [posted.announcement.id]  # the other waits for moderators
    with pytest.raises(UserError, match="Pick an announcement from the list"):
        await world.announcements.own.post_of(GUILD, MODERATOR, 999, moderator_in=SERVER)


async def test_an_alert_dm_says_a_moderator_took_it_down(world: World) -> None:
    alerts = AlertService(world.store, world.clock, world.jobs)
    world.announcements.own.when_taken_down(alerts.dms.on_taken_down)
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    ref = announced.announcement.id
    await dm_sent(world, alerts, ref)

    await world.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in=SERVER
    )

    [job] = await world.jobs.claim_due(5, worker="t", kinds=[ALERT_DM_EDIT_JOB])
    assert job.key == f"{DM_MESSAGE}:{ref}"
    edits = Edits()
    await alerts.dms.handler(
        world.announcements.get, edits, world.announcements.own.taken_down_by_moderator
    )(job)
    [(_, _, _, shown)] = edits.shown
    assert list(shown) == [(Gone(by_moderator=True), ("hijet",))]


async def test_the_composed_services_edit_alert_dms_about_a_take_down(
    services: Services, store: Store, clock: ManualClock
) -> None:
    """Wired where the services are built, not by a cog: a take-down through the composed
    services schedules the edit of each alert DM that listed it."""
    composed = await composed_world(services, store, clock)
    announced = await services.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    ref = announced.announcement.id
    await dm_sent(composed, services.alerts, ref)

    await services.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in=SERVER
    )

    assert await jobs_of(store, ALERT_DM_EDIT_JOB) == [f"{DM_MESSAGE}:{ref}"]
    assert await jobs_of(store, IMPORTER_TAKEN_DOWN_JOB) == [f"{GUILD}:{ref}"]


async def test_the_importer_is_told_a_take_down_of_one_still_on_its_way_was_never_shown(
    world: World,
) -> None:
    """Its post was not sent yet: the DM must not say members no longer see it in the
    channel, where it never was."""
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    found = await world.announcements.own.post_of(GUILD, MODERATOR, ref, moderator_in=SERVER)
    assert found.post is None  # on its way: the outbox has not sent it

    await world.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in=SERVER
    )

    [job] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_TAKEN_DOWN_JOB])
    assert job.payload["posted"] is False
    content = (await taken_down_dm(job, taken_down_notice)).content
    assert "no longer see it" not in content, content
    assert "will not be posted" in content, content


async def test_a_moderator_is_not_told_to_ask_a_moderator_of_a_post_found_no_more(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    # Posted so long ago that the outbox let go of where.
    await world.store.execute("DELETE FROM jobs")

    with pytest.raises(UserError) as refused:
        await world.announcements.own.take_down(
            GUILD, MODERATOR, ref, post_removed=None, moderator_in=SERVER
        )

    assert "ask a moderator" not in refused.value.message, refused.value.message
    assert "delete it in the announcements channel by hand" in refused.value.message
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 1
    with pytest.raises(UserError, match="ask a moderator to delete it"):
        await world.announcements.own.take_down(GUILD, TRUSTED_MEMBER, ref, post_removed=None)


async def test_a_moderators_take_down_of_a_feed_item_is_recorded_and_uses_up_no_day(
    world: World,
) -> None:
    """Feed items do not count toward the importer's daily limit, taken down or not; who took
    one down is kept all the same."""
    item = FeedItem("k" * 64, "Carry arrived", "https://kei.example/c", "4WD", None)
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, [item])
    ref = await world.store.fetchval("SELECT id FROM announcements WHERE source = 'feed'")

    await world.announcements.own.take_down(
        GUILD, MODERATOR, ref, post_removed=None, moderator_in=SERVER
    )

    assert await withdrawn_by(world) == [MODERATOR]
    counted = await world.announcements.own.counted_today(world.trusted)
    assert (counted.made, counted.withdrawn, counted.frees_at) == (0, 0, None)
    # The importer is told until when the feed's same item is not announced again, a week
    # from the take-down its record keeps, and nothing of a limit it never counted toward.
    taken_at = await world.store.fetchval("SELECT withdrawn_at FROM announcement_withdrawals")
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_TAKEN_DOWN_JOB])
    world.clock.advance(timedelta(hours=3))  # a DM Discord took a while to let through
    content = (await taken_down_dm(job, taken_down_notice)).content
    assert content.endswith(
        f"The same item of your feed is not announced again until <t:{taken_at + 7 * 86400}:f>. "
        "Ask the moderators if you want to know why."
    ), content
    assert "limit" not in content, content


async def test_a_moderator_finding_an_announcement_taken_down_already_is_told_by_whom(
    world: World,
) -> None:
    own = world.announcements.own
    refs = [
        (await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(title))).announcement.id
        for title in ("Acty arrived", "Carry arrived", "Hijet arrived")
    ]
    other_moderator = MODERATOR + 1
    await own.take_down(GUILD, TRUSTED_MEMBER, refs[0], post_removed=None)
    for ref, by in ((refs[1], MODERATOR), (refs[2], other_moderator)):
        await own.take_down(GUILD, by, ref, post_removed=None, moderator_in=SERVER)

    for ref, done in (
        (refs[0], "taken down by its importer"),
        (refs[1], "taken down by you"),
        (refs[2], f"taken down by <@{other_moderator}>"),
    ):
        with pytest.raises(Overtaken, match=f"^Already {done}; there is nothing"):
            await own.post_of(GUILD, MODERATOR, ref, moderator_in=SERVER)
    with pytest.raises(UserError, match="Pick an announcement from the list") as never:
        await own.post_of(GUILD, MODERATOR, refs[2] + 1, moderator_in=SERVER)
    assert not isinstance(never.value, Overtaken)


async def test_who_took_an_announcement_down_is_told_from_its_withdrawal_record(
    world: World,
) -> None:
    """For an alert DM about an announcement gone before the DM was recorded: its record in
    the importers' withdrawals says by whom, where the DM's own record cannot."""
    own = world.announcements.own
    mine = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet"))
    theirs = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Carry"))
    await own.take_down(GUILD, TRUSTED_MEMBER, mine.announcement.id, post_removed=None)
    await own.take_down(
        GUILD, MODERATOR, theirs.announcement.id, post_removed=None, moderator_in=SERVER
    )

    assert await own.taken_down_by_moderator(GUILD, mine.announcement.id) is False
    assert await own.taken_down_by_moderator(GUILD, theirs.announcement.id) is True
    assert await own.taken_down_by_moderator(GUILD, 999) is None  # no record: not known
    # The importer removed, what a moderator took down stays the moderator's record.
    await world.announcements.remove_importer(
        GUILD, world.trusted, RemovedBy(MODERATOR, plain_quote)
    )
    assert await own.taken_down_by_moderator(GUILD, mine.announcement.id) is None
    assert await own.taken_down_by_moderator(GUILD, theirs.announcement.id) is True
