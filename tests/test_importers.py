"""Importer profiles, announcements, arrivals and the publish budget, on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from aiohttp import web

from bot.client import Services
from bot.clock import ManualClock, unix
from bot.delivery import Channel, Outgoing
from bot.errors import NotFound, UserError
from bot.feeds import FeedFetcher, FeedItem, FeedPoller
from bot.importers import (
    IMPORTER_POST_JOB,
    IMPORTER_PUBLISH_JOB,
    AnnouncementDraft,
    AnnouncementService,
    ArrivalDraft,
    FeedRemoved,
    ImporterService,
    PublishLater,
)
from bot.importers.removal import RemovedBy
from bot.jobs import GiveUp, Job, JobQueue, NotYet
from bot.limits import plain_quote
from bot.modqueue import MODQUEUE_POST_JOB, MODQUEUE_REJECTED_JOB, ModQueue
from bot.setup import SetupService
from bot.store import Store
from tests.feed_server import FeedServer, Item

GUILD = 222222222222222222
ANNOUNCEMENTS = 5001
MODS = 5002
TRUSTED_MEMBER, UNTRUSTED_MEMBER, MODERATOR = 601, 602, 603


@dataclass
class World:
    store: Store
    clock: ManualClock
    setup: SetupService
    jobs: JobQueue
    modqueue: ModQueue
    importers: ImporterService
    announcements: AnnouncementService
    trusted: int
    untrusted: int


def wired(
    store: Store, clock: ManualClock
) -> tuple[SetupService, JobQueue, ModQueue, ImporterService, AnnouncementService]:
    """The services of a World over `store`, as a (re)started bot builds them."""
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    modqueue = ModQueue(store, clock, jobs, setup)
    poller = FeedPoller(store, clock, jobs, FeedFetcher(), poll_seconds=900, allow_private=False)
    importers = ImporterService(store, clock, setup, poller, jobs)
    announcements = AnnouncementService(store, clock, setup, jobs, importers, modqueue)
    modqueue.register(announcements)
    return setup, jobs, modqueue, importers, announcements


@pytest.fixture
async def world(store: Store, clock: ManualClock) -> World:
    setup, jobs, modqueue, importers, announcements = wired(store, clock)
    await setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    await setup.set_channel(GUILD, "modqueue", MODS)
    trusted = await importers.register(GUILD, "Kei Imports", TRUSTED_MEMBER, trusted=True)
    untrusted = await importers.register(GUILD, "Mini Truck Barn", UNTRUSTED_MEMBER, state="tx")
    return World(
        store, clock, setup, jobs, modqueue, importers, announcements, trusted.id, untrusted.id
    )


async def composed_world(services: Services, store: Store, clock: ManualClock) -> World:
    """A World of the services as the composition root builds them, with one trusted importer
    announcing into ANNOUNCEMENTS: for tests of what only that wiring does."""
    await services.setup.set_channel(GUILD, "announcements", ANNOUNCEMENTS)
    trusted = await services.importers.register(GUILD, "Kei Imports", TRUSTED_MEMBER, trusted=True)
    return World(
        store,
        clock,
        services.setup,
        services.jobs,
        services.modqueue,
        services.importers,
        services.announcements,
        trusted.id,
        trusted.id,
    )


async def jobs_of(store: Store, kind: str) -> list[str]:
    rows = await store.fetchall("SELECT key FROM jobs WHERE kind = ? ORDER BY id", (kind,))
    return [row["key"] for row in rows]


def draft(title: str = "1995 Hijet 4WD dump arrived", **fields: str) -> AnnouncementDraft:
    return AnnouncementDraft(
        title, fields.get("body", "Ready in Houston."), fields.get("link"), fields.get("image_url")
    )


# -- profiles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Kei Imports"}, "already an importer named"),
        ({"name": "  KEI   imports "}, "already an importer named"),
        ({"member_id": TRUSTED_MEMBER}, "already speaks for"),
        ({"state": "Texass"}, "not a US state"),
        ({"website": "http://kei.example"}, "https:// link"),
        ({"website": "javascript:alert(1)"}, "https:// link"),
        ({"feed_url": "http://127.0.0.1/feed"}, "loopback"),
        ({"feed_url": "http://[::ffff:10.0.0.1]/feed"}, "private"),
        ({"feed_url": "file:///etc/passwd"}, "http or https only"),
        ({"name": "x" * 81}, "limit is 80"),
    ],
)
async def test_registering_refuses_bad_input_and_changes_nothing(
    world: World, fields: dict, message: str
) -> None:
    values = {"name": "New Importer", "member_id": 777} | fields
    name, member_id = values.pop("name"), values.pop("member_id")
    with pytest.raises(UserError, match=message):
        await world.importers.register(GUILD, name, member_id, **values)
    assert len(await world.importers.all(GUILD)) == 2
    assert await world.store.fetchval("SELECT count(*) FROM importer_feeds") == 0


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    """A fetcher that may read the test's feed server, closed (with its sockets) after."""
    async with FeedFetcher(allow_private=True, min_host_gap=0.0) as client:
        yield client


async def test_a_registered_feed_is_read_once_and_that_read_is_its_first_poll(
    world: World, fetcher: FeedFetcher
) -> None:
    server = await FeedServer().start()
    try:
        server.serve_feed(
            "/rss",
            [
                Item("Acty arrived", "https://kei.example/acty"),
                Item("Old", "https://kei.example/o"),
            ],
        )
        server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
        poller = FeedPoller(
            world.store, world.clock, world.jobs, fetcher, poll_seconds=900, allow_private=True
        )
        poller.deliver_to(world.announcements.accept_feed_items)
        importers = ImporterService(world.store, world.clock, world.setup, poller, world.jobs)
        with pytest.raises(UserError, match="cannot be read, so nothing was registered"):
            await importers.register(GUILD, "Feedy", 778, feed_url=server.url("/shop"))
        importer = await importers.register(
            GUILD, "Feedy", 778, feed_url=server.url("/rss"), trusted=True
        )
    finally:
        await server.stop()
    assert importer.feed_url == server.url("/rss")
    assert len(server.hits("/rss")) == 1
    # The read before saving was the first poll: its newest item is on its way, the other
    # recorded, and the next poll is one interval away, not due at once.
    [post] = await jobs_of(world.store, IMPORTER_POST_JOB)
    assert post.startswith(f"{importer.id}:")
    assert await world.store.fetchval("SELECT count(*) FROM feed_items") == 2
    assert await jobs_of(world.store, "feed.poll") == [f"{importer.id}:1"]
    due = await world.store.fetchval("SELECT due_at FROM jobs WHERE kind = 'feed.poll'")
    assert due == unix(world.clock.now() + timedelta(seconds=900))


async def test_a_feed_saved_while_its_importer_was_suspended_is_not_saved(
    world: World, fetcher: FeedFetcher
) -> None:
    server = await FeedServer().start()
    try:
        server.serve_feed("/rss", [Item("Acty arrived", "https://kei.example/acty")])
        serve_feed = server.routes["/rss"]

        async def suspended_meanwhile(request: web.Request) -> web.StreamResponse:
            # A moderator suspends the importer while its new feed is being fetched.
            await world.importers.set_suspended(GUILD, world.trusted, True)
            return await serve_feed(request)

        server.routes["/rss"] = suspended_meanwhile
        poller = FeedPoller(
            world.store, world.clock, world.jobs, fetcher, poll_seconds=900, allow_private=True
        )
        importers = ImporterService(world.store, world.clock, world.setup, poller, world.jobs)
        with pytest.raises(UserError, match="is suspended"):
            await importers.set_feed(GUILD, TRUSTED_MEMBER, server.url("/rss"))
    finally:
        await server.stop()
    assert await world.store.fetchval("SELECT count(*) FROM importer_feeds") == 0
    assert await jobs_of(world.store, "feed.poll") == []


async def test_a_suspended_importer_removes_their_feed_but_is_given_no_new_one(
    world: World, fetcher: FeedFetcher
) -> None:
    server = await FeedServer().start()
    try:
        server.serve_feed("/rss", [Item("Acty arrived", "https://kei.example/acty")])
        poller = FeedPoller(
            world.store, world.clock, world.jobs, fetcher, poll_seconds=900, allow_private=True
        )
        importers = ImporterService(world.store, world.clock, world.setup, poller, world.jobs)
        await importers.set_feed(GUILD, TRUSTED_MEMBER, server.url("/rss"))
        await importers.set_suspended(GUILD, world.trusted, True)
        with pytest.raises(UserError, match="is suspended, so its feed is not read; lift"):
            await importers.edit(GUILD, world.trusted, feed=server.url("/rss"))

        removed = await importers.set_feed(GUILD, TRUSTED_MEMBER, " Remove ")
    finally:
        await server.stop()
    assert isinstance(removed, FeedRemoved)
    assert (removed.url, removed.importer.feed_url) == (server.url("/rss"), None)
    assert len(server.hits("/rss")) == 1  # removing reads nothing
    assert await world.store.fetchval("SELECT count(*) FROM importer_feeds") == 0


async def test_suspending_stops_announcing_and_lifting_restores_it(world: World) -> None:
    await world.importers.set_suspended(GUILD, world.trusted, True)
    with pytest.raises(UserError, match="suspended"):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    with pytest.raises(UserError, match="already suspended"):
        await world.importers.set_suspended(GUILD, world.trusted, True)
    await world.importers.set_suspended(GUILD, world.trusted, False)
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())


async def test_only_importers_announce(world: World) -> None:
    with pytest.raises(UserError, match="Only verified importers"):
        await world.announcements.announce(GUILD, 999, draft())


# -- announcements ----------------------------------------------------------------------------


async def test_a_trusted_importer_posts_and_publishes_at_once(world: World) -> None:
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    assert not announced.queued
    key = f"{world.trusted}:{announced.announcement.id}"
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == [key]
    assert await jobs_of(world.store, IMPORTER_PUBLISH_JOB) == [key]
    assert await jobs_of(world.store, MODQUEUE_POST_JOB) == []


async def test_an_untrusted_importer_waits_in_the_queue_until_approved(world: World) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    assert announced.queued
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == []
    assert await jobs_of(world.store, MODQUEUE_POST_JOB) == [f"announcement:{ref}"]
    [item] = await world.modqueue.pending(GUILD)
    assert (item.kind, item.ref_id, item.submitted_by) == ("announcement", ref, "Mini Truck Barn")

    decision = await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    assert "on its way" in decision.outcome
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == [f"{world.untrusted}:{ref}"]
    assert await world.modqueue.pending(GUILD) == []
    with pytest.raises(UserError, match="already decided"):
        await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    with pytest.raises(UserError, match="already decided"):
        await world.modqueue.reject(GUILD, "announcement", ref, MODERATOR, "too late")


async def test_a_rejected_announcement_tells_its_importer_why(world: World) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    ref = announced.announcement.id
    with pytest.raises(UserError, match="reason"):
        await world.modqueue.reject(GUILD, "announcement", ref, MODERATOR, " ")
    await world.modqueue.reject(GUILD, "announcement", ref, MODERATOR, "No prices in titles")
    [key] = await jobs_of(world.store, MODQUEUE_REJECTED_JOB)
    assert key == f"announcement:{ref}:{UNTRUSTED_MEMBER}"
    handlers = world.modqueue.handlers(lambda *a: None, lambda label, title, reason, server: reason)  # type: ignore[arg-type, return-value]
    [job] = await world.jobs.claim_due(5, worker="t", kinds=[MODQUEUE_REJECTED_JOB])
    told = await handlers[MODQUEUE_REJECTED_JOB](job)
    assert told is not None
    assert told.to.user_id == UNTRUSTED_MEMBER  # type: ignore[union-attr]
    assert told.content == "No prices in titles"
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == []


async def test_the_daily_limit_is_a_server_setting(world: World) -> None:
    for n in range(3):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(f"Arrival number {n}"))
    with pytest.raises(UserError, match="3 announcements in the last 24 hours"):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("One more"))
    await world.setup.set_importer_daily_limit(GUILD, 4)
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("One more"))
    world.clock.advance(timedelta(hours=24, seconds=1))
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Next day"))
    assert len(await jobs_of(world.store, IMPORTER_POST_JOB)) == 5


async def test_a_repeat_within_7_days_is_refused(world: World) -> None:
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("Hijet 4WD dump — arrived!"))
    world.clock.advance(timedelta(days=6, hours=23))
    with pytest.raises(UserError) as refused:
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("HIJET 4wd dump arrived"))
    # What was announced is quoted, not the retype that differs from it.
    assert str(refused.value) == (
        "“HIJET 4wd dump arrived” repeats “Hijet 4WD dump — arrived!”, which was announced in "
        "the last 7 days; a repeat is not posted again."
    )
    world.clock.advance(timedelta(hours=2))
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft("HIJET 4wd dump arrived"))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "x" * 257}, "limit is 256"),
        ({"title": "   "}, "cannot be empty"),
        ({"title": "🚚🚚 !!"}, "needs some words"),
        ({"body": "b" * 4001}, "limit is 4,000"),
        ({"link": "http://kei.example/truck"}, "https:// link"),
        ({"link": "https://127.0.0.1"}, "https:// link"),
        ({"image_url": "https://kei.example/truck.html"}, "must end in .png"),
        ({"image_url": "javascript:alert(1)//x.png"}, "https:// link"),
    ],
)
async def test_bad_announcements_are_refused_and_nothing_is_stored(
    world: World, fields: dict, message: str
) -> None:
    title = fields.pop("title", "Hijet arrived")
    with pytest.raises(UserError, match=message):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(title, **fields))
    assert await world.store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_member_text_is_kept_as_typed(world: World) -> None:
    announced = await world.announcements.announce(
        GUILD,
        TRUSTED_MEMBER,
        draft(
            "ハイゼット入荷",
            body="@everyone <@&1> 入荷",
            image_url="https://kei.example/a.JPG?w=800",
        ),
    )
    # Shown inert on its card; a title may hold no mention (it reads as a ping).
    assert announced.announcement.body == "@everyone <@&1> 入荷"


async def test_a_title_is_measured_as_it_is_kept_with_single_spaces(world: World) -> None:
    typed = "Hijet  " + "x" * 250  # 257 characters typed, 256 kept: Discord's embed title
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(typed))
    assert announced.announcement.title == "Hijet " + "x" * 250


async def test_no_announcements_channel_is_said(world: World) -> None:
    await world.store.execute("DELETE FROM guild_channels WHERE kind = 'announcements'")
    with pytest.raises(UserError, match="no announcements channel"):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())


# -- arrivals ---------------------------------------------------------------------------------


async def test_an_arrival_is_checked_field_by_field(world: World) -> None:
    arrival = ArrivalDraft(
        "Daihatsu", "Hijet", 1995, "s110p", "4x4", "3.5点", "45,000 km", "$9,000", "tx"
    )
    announced = await world.announcements.announce_arrival(GUILD, TRUSTED_MEMBER, arrival)
    stored = announced.announcement
    assert stored.title == "1995 Daihatsu Hijet S110P 4WD"
    assert stored.arrival is not None
    assert (stored.arrival.grade, stored.arrival.mileage_km, stored.arrival.price_usd) == (
        "3.5",
        45000,
        9000,
    )
    assert stored.arrival.mileage_miles == 27962
    assert stored.eligibility is not None
    assert stored.eligibility.eligible_now


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"grade": "10"}, "not an auction grade"),
        ({"model_code": "ZZ999"}, "not a model code I know"),
        ({"model_code": "DA63T", "year": 1995}, "was built"),
        ({"mileage_km": "lots"}, "whole number"),
        ({"mileage_km": "٣٠٠٠"}, "whole number"),
        ({"price": "99999999999"}, r"at most \$10,000,000"),
        ({"mileage_km": "9" * 5000}, "at most"),
        ({"state": "ZZ"}, "not a US state"),
        ({"drive": "6wd"}, "2WD or 4WD"),
        ({"year": 2099}, "has not happened yet"),
        ({"photo_url": "https://kei.example/p.jpg", "link": "ftp://x"}, "https:// link"),
    ],
)
async def test_bad_arrivals_are_refused(world: World, fields: dict, message: str) -> None:
    values = {"make": "Daihatsu", "model": "Hijet", "year": 1995} | fields
    with pytest.raises(UserError, match=message):
        await world.announcements.announce_arrival(GUILD, TRUSTED_MEMBER, ArrivalDraft(**values))
    assert await world.store.fetchval("SELECT count(*) FROM arrivals") == 0


# -- feed items -------------------------------------------------------------------------------


async def test_feed_items_post_for_the_trusted_and_queue_for_the_rest(world: World) -> None:
    item = FeedItem("k" * 64, "Carry arrived", "https://kei.example/c", "4WD", None)
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, [item])
        await world.announcements.accept_feed_items(GUILD, world.untrusted, [item])
    assert len(await jobs_of(world.store, IMPORTER_POST_JOB)) == 1
    assert len(await jobs_of(world.store, MODQUEUE_POST_JOB)) == 1


# -- posting and publishing -------------------------------------------------------------------


class Publisher:
    def __init__(self) -> None:
        self.published: list[int] = []
        self.later: float | None = None

    async def publish(self, channel_id: int, message_id: int) -> bool:
        if self.later is not None:
            raise PublishLater(self.later)
        self.published.append(message_id)
        return True


def card(announcement, channel_id: int) -> Outgoing:  # type: ignore[no-untyped-def]
    return Outgoing(Channel(channel_id), content=announcement.title)


async def deliver(world: World, job: Job, message_id: int) -> None:
    await world.store.execute(
        "INSERT INTO deliveries (job_id, channel_id, message_id, at) VALUES (?, ?, ?, 0)",
        (job.id, ANNOUNCEMENTS, message_id),
    )
    await world.jobs.done(job)


async def test_the_publish_budget_holds_the_eleventh_post_of_the_hour(world: World) -> None:
    await world.setup.set_importer_daily_limit(GUILD, 20)
    publisher = Publisher()
    handlers = world.announcements.handlers(card, publisher)
    for n in range(11):
        await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft(f"Truck {n}"))
    posts = await world.jobs.claim_due(20, worker="t", kinds=[IMPORTER_POST_JOB])
    for number, job in enumerate(posts, start=1):
        message = await handlers[IMPORTER_POST_JOB](job)
        assert message is not None
        assert message.to == Channel(ANNOUNCEMENTS)
        await deliver(world, job, number)
    publishes = await world.jobs.claim_due(20, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    waits = []
    for job in publishes:
        try:
            await handlers[IMPORTER_PUBLISH_JOB](job)
            await world.jobs.done(job)
        except NotYet as wait:
            waits.append(wait.until)
            await world.jobs.postpone(job, wait.until, str(wait))
    assert publisher.published == list(range(1, 11))
    assert waits == [world.clock.now() + timedelta(hours=1)]
    assert await world.announcements.waiting_to_publish(world.trusted) == 1

    world.clock.advance(timedelta(hours=1))
    [eleventh] = await world.jobs.claim_due(20, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    await handlers[IMPORTER_PUBLISH_JOB](eleventh)
    assert publisher.published == list(range(1, 12))


async def test_publishing_waits_for_the_post_and_for_discord(world: World) -> None:
    publisher = Publisher()
    handlers = world.announcements.handlers(card, publisher)
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    [publish] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    with pytest.raises(NotYet, match="not posted yet"):
        await handlers[IMPORTER_PUBLISH_JOB](publish)
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, 77)
    publisher.later = 1800
    with pytest.raises(NotYet) as wait:
        await handlers[IMPORTER_PUBLISH_JOB](publish)
    assert wait.value.until == world.clock.now() + timedelta(minutes=30)
    publisher.later = None
    await handlers[IMPORTER_PUBLISH_JOB](publish)
    assert publisher.published == [77]


@pytest.mark.parametrize("limit", [0, 51, -3])
async def test_the_daily_limit_setting_is_bounded(world: World, limit: int) -> None:
    with pytest.raises(UserError, match="from 1 to 50"):
        await world.setup.set_importer_daily_limit(GUILD, limit)
    assert (await world.setup.get(GUILD)).importer_daily_limit == 3


async def test_a_post_in_a_plain_text_channel_spends_no_publish_budget(world: World) -> None:
    class TextChannel:
        async def publish(self, channel_id: int, message_id: int) -> bool:
            return False

    handlers = world.announcements.handlers(card, TextChannel())
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await deliver(world, post, 90)
    [publish] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    await handlers[IMPORTER_PUBLISH_JOB](publish)
    assert await world.store.fetchval("SELECT count(*) FROM importer_publishes") == 0


async def test_a_post_that_was_never_delivered_is_not_published(world: World) -> None:
    handlers = world.announcements.handlers(card, Publisher())
    await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    await world.jobs.give_up(post, "Discord refused the message")
    [publish] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_PUBLISH_JOB])
    with pytest.raises(GiveUp, match="never posted"):
        await handlers[IMPORTER_PUBLISH_JOB](publish)


async def test_feed_items_wait_for_moderators_while_there_is_no_announcements_channel(
    world: World,
) -> None:
    await world.store.execute("DELETE FROM guild_channels WHERE kind = 'announcements'")
    item = FeedItem("k" * 64, "Carry arrived", "https://kei.example/c", "4WD", None)
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.trusted, [item])
    assert await jobs_of(world.store, IMPORTER_POST_JOB) == []
    [queued] = await world.modqueue.pending(GUILD)
    assert queued.title == "Carry arrived"


# -- suspension and the outbox ----------------------------------------------------------------


async def test_a_suspension_holds_back_what_is_not_sent_yet_and_lifting_it_sends_it(
    world: World,
) -> None:
    reinstated: list[tuple[int, int]] = []

    async def told(guild_id: int, importer_id: int) -> None:
        reinstated.append((guild_id, importer_id))

    world.importers.when_reinstated(world.announcements.release_held)
    world.importers.when_reinstated(told)
    handlers = world.announcements.handlers(card, Publisher())
    announced = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    await world.importers.set_suspended(GUILD, world.trusted, True)

    jobs = await world.jobs.claim_due(
        5, worker="t", kinds=[IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB]
    )
    assert len(jobs) == 2
    for job in jobs:
        with pytest.raises(NotYet, match="Kei Imports is suspended") as held:
            await handlers[job.kind](job)
        await world.jobs.postpone(job, held.value.until, str(held.value))
    assert held.value.until == world.clock.now() + timedelta(minutes=15)
    world.clock.advance(timedelta(minutes=15))
    [post] = await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB])
    with pytest.raises(NotYet):  # still suspended: still held, however often it looks
        await handlers[IMPORTER_POST_JOB](post)
    await world.jobs.postpone(post, world.clock.now() + timedelta(minutes=15), "held")

    await world.importers.set_suspended(GUILD, world.trusted, False)
    assert reinstated == [(GUILD, world.trusted)]
    # Both woken at once, not a quarter of an hour later.
    [post, _publish] = await world.jobs.claim_due(
        5, worker="t", kinds=[IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB]
    )
    message = await handlers[IMPORTER_POST_JOB](post)
    assert message is not None
    assert message.content == announced.announcement.title


# -- editing and removing ---------------------------------------------------------------------


async def test_editing_changes_what_is_given_and_nothing_else(world: World) -> None:
    edited = await world.importers.edit(
        GUILD, world.untrusted, name="  Mini   Truck Barn TX ", website="https://barn.example"
    )
    assert (edited.name, edited.website, edited.state, edited.trusted) == (
        "Mini Truck Barn TX",
        "https://barn.example",
        "TX",
        False,
    )
    edited = await world.importers.edit(GUILD, world.untrusted, trusted=True, state="none")
    assert (edited.website, edited.state, edited.trusted) == ("https://barn.example", None, True)
    edited = await world.importers.edit(GUILD, world.untrusted, website="None")
    assert edited.website is None
    # Its own name, in another case, is not "taken".
    edited = await world.importers.edit(GUILD, world.untrusted, name="MINI TRUCK BARN TX")
    assert edited.name == "MINI TRUCK BARN TX"
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    assert not announced.queued  # trusted now


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Give something to change"),
        ({"name": " kei  IMPORTS", "trusted": True}, "already an importer named"),
        ({"name": "x" * 81}, "limit is 80"),
        ({"name": "   "}, "cannot be empty"),
        ({"website": "http://barn.example", "trusted": True}, "https:// link"),
        ({"website": "https://10.0.0.1/"}, "public site"),
        ({"website": "https://barn.example/" + "x" * 600}, "limit is 512"),
        ({"website": "   "}, "Give the new website"),
        ({"state": "Texass"}, "not a US state"),
        ({"feed": "none"}, "has no feed to remove"),
        ({"feed": "   "}, "Give the feed's address"),
        ({"feed": "file:///etc/passwd"}, "cannot be used"),
    ],
)
async def test_editing_refuses_bad_input_and_changes_nothing(
    world: World, fields: dict, message: str
) -> None:
    before = await world.importers.get(GUILD, world.untrusted)
    with pytest.raises(UserError, match=message):
        await world.importers.edit(GUILD, world.untrusted, **fields)
    assert await world.importers.get(GUILD, world.untrusted) == before


async def test_removing_an_importer_withdraws_what_waits_and_sends_nothing_more(
    world: World,
) -> None:
    queued = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    for importer_id in (world.untrusted, world.trusted):
        removed = await world.announcements.remove_importer(
            GUILD, importer_id, RemovedBy(MODERATOR, plain_quote)
        )
        assert removed.importer.id == importer_id
    assert removed.withdrawn == ()
    ref = queued.announcement.id

    assert await world.importers.all(GUILD) == []
    assert await world.modqueue.pending(GUILD) == []
    # Decided with the removal, its moderator named.
    with pytest.raises(UserError, match=f"already decided: Removed with .* by <@{MODERATOR}>"):
        await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    with pytest.raises(UserError, match="Only verified importers"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    # Not sent yet, so never shown: its post is called off, and its record goes.
    assert await world.jobs.claim_due(5, worker="t", kinds=[IMPORTER_POST_JOB]) == []
    with pytest.raises(NotFound):
        await world.announcements.get(GUILD, posted.announcement.id)
    with pytest.raises(UserError, match="no such importer"):
        await world.announcements.remove_importer(
            GUILD, world.trusted, RemovedBy(MODERATOR, plain_quote)
        )
    # The member (and the name) can be registered again.
    again = await world.importers.register(GUILD, "Mini Truck Barn", UNTRUSTED_MEMBER)
    assert again.id > world.trusted
