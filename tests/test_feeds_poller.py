"""The feed poller on a real SQLite file, fetching from a real HTTP server on 127.0.0.1, with
time moved by the clock: what is handed on, once, and how failures back off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from bot.clock import ManualClock, unix
from bot.feeds import FEED_POLL_JOB, FEED_TROUBLE_JOB, FeedFetcher, FeedItem, FeedPoller
from bot.feeds.poller import MAX_BACKOFF, oldest_first
from bot.jobs import JobQueue
from bot.store import Store
from tests.feed_server import FeedServer, Item, rss

GUILD = 111111111111111111
POLL = timedelta(minutes=15)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    running = await FeedServer().start()
    yield running
    await running.stop()


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    async with FeedFetcher(allow_private=True, min_host_gap=0.0, total_timeout=0.5) as client:
        yield client


class Sink:
    def __init__(self) -> None:
        self.items: list[FeedItem] = []

    async def __call__(
        self, guild_id: int, importer_id: int, items: Sequence[FeedItem], *, first: bool
    ) -> list[tuple[FeedItem, str]]:
        self.items.extend(items)
        return []

    def titles(self) -> list[str]:
        return [item.title for item in self.items]


async def make_poller(store: Store, clock: ManualClock, fetcher: FeedFetcher, sink: Sink):  # type: ignore[no-untyped-def]
    jobs = JobQueue(store, clock)
    poller = FeedPoller(
        store,
        clock,
        jobs,
        fetcher,
        poll_seconds=int(POLL.total_seconds()),
        allow_private=True,
    )
    poller.deliver_to(sink)
    return jobs, poller


async def add_importer(store: Store, clock: ManualClock) -> int:
    return await store.insert(
        "INSERT INTO importers (guild_id, name, name_key, member_id, created_at) "
        "VALUES (?, 'Kei Imports', 'kei imports', 42, ?)",
        (GUILD, unix(clock.now())),
    )


async def run_polls(jobs: JobQueue, poller: FeedPoller) -> int:
    ran = 0
    for job in await jobs.claim_due(50, worker="test", kinds=[FEED_POLL_JOB]):
        await poller.poll(job)
        await jobs.done(job)
        ran += 1
    return ran


async def trouble_jobs(store: Store) -> list[str]:
    rows = await store.fetchall(
        "SELECT payload FROM jobs WHERE kind = ? ORDER BY id", (FEED_TROUBLE_JOB,)
    )
    return [row["payload"] for row in rows]


def items(*numbers: int, day: datetime | None = None) -> list[Item]:
    return [Item(f"Truck {n}", f"https://kei.example/{n}", published=day) for n in numbers]


@pytest.fixture
async def setup(store: Store, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer):  # type: ignore[no-untyped-def]
    sink = Sink()
    jobs, poller = await make_poller(store, clock, fetcher, sink)
    importer = await add_importer(store, clock)
    return sink, jobs, poller, importer


async def start(poller: FeedPoller, store: Store, importer: int, url: str) -> None:
    """The importer's feed set to `url` as /importer feed url sets it: read at once, that read
    its first poll (the newest item handed on, the backlog recorded, the next poll one interval
    on)."""
    first = await poller.read(url)
    async with store.transaction():
        await poller.start(GUILD, importer, first)


# A feed with no items: one to set before the address fails (a feed is read as it is set).
EMPTY_FEED = b"<rss version='2.0'><channel/></rss>"


async def test_first_poll_hands_on_only_the_newest_then_each_new_item_once(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(3, 2, 1))
    await start(poller, store, importer, server.url("/feed"))
    assert sink.titles() == ["Truck 3"]

    assert await run_polls(jobs, poller) == 0  # the next poll waits for its time
    server.serve_feed("/feed", items(4, 3, 2, 1))
    clock.advance(POLL)
    assert await run_polls(jobs, poller) == 1
    clock.advance(POLL)
    assert await run_polls(jobs, poller) == 1
    assert sink.titles() == ["Truck 3", "Truck 4"]


async def test_the_newest_dated_item_is_chosen_from_the_backlog(
    setup, store: Store, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    day = datetime(2026, 11, 1, tzinfo=UTC)
    server.serve_feed(
        "/feed",
        [
            Item("Old", "https://kei.example/o", published=day),
            Item("Newest", "https://kei.example/n", published=day + timedelta(days=2)),
        ],
    )
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    assert sink.titles() == ["Newest"]


async def test_a_restart_and_a_reordered_feed_post_nothing_again(
    setup, store: Store, clock: ManualClock, server: FeedServer, fetcher: FeedFetcher, db_path
) -> None:
    _sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(2, 1))
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)

    # A second process on the same file knows only what the database knows.
    reopened = await Store.open(db_path)
    try:
        sink_after = Sink()
        jobs_after, poller_after = await make_poller(reopened, clock, fetcher, sink_after)
        server.serve_feed("/feed", items(1, 2))
        clock.advance(POLL)
        assert await run_polls(jobs_after, poller_after) == 1
        assert sink_after.items == []
    finally:
        await reopened.close()


async def test_re_stamped_dates_post_nothing_and_undated_items_are_not_dropped(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    day = datetime(2026, 11, 1, tzinfo=UTC)
    server.serve_feed("/feed", items(2, 1, day=day))
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    server.serve_feed("/feed", [*items(2, 1, day=day + timedelta(days=30))])
    clock.advance(POLL)
    await run_polls(jobs, poller)
    assert sink.titles() == ["Truck 2"]

    server.serve_feed("/feed", [*items(2, 1, day=day), Item("Undated", "https://kei.example/u")])
    clock.advance(POLL)
    await run_polls(jobs, poller)
    assert sink.titles() == ["Truck 2", "Undated"]


async def test_an_unchanged_feed_is_asked_conditionally_and_answers_304(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(1), etag='"v1"')
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    clock.advance(POLL)
    await run_polls(jobs, poller)
    assert server.requests[1].headers["If-None-Match"] == '"v1"'
    state = await poller.state(importer)
    assert state is not None
    assert state.failures == 0
    assert state.last_polled_at == unix(clock.now())
    assert sink.titles() == ["Truck 1"]


async def test_cache_control_max_age_stretches_the_interval(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    _sink, jobs, poller, importer = setup
    server.serve("/feed", EMPTY_FEED, **{"Cache-Control": "max-age=7200"})
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    state = await poller.state(importer)
    assert state is not None
    assert state.next_poll_at == unix(clock.now() + timedelta(hours=2))


@pytest.mark.parametrize(
    "bad",
    ["malformed", "bomb", "huge", "silent", "html", "missing"],
)
async def test_a_bad_feed_fails_backs_off_and_moderators_are_told_once(
    setup, store: Store, clock: ManualClock, server: FeedServer, bad: str
) -> None:
    from tests.test_feeds_parsing import BILLION_LAUGHS

    sink, jobs, poller, importer = setup
    server.serve("/feed", EMPTY_FEED)
    await start(poller, store, importer, server.url("/feed"))
    clock.advance(POLL)
    if bad == "malformed":
        server.serve("/feed", b"<rss><channel><item></channel>")
    elif bad == "bomb":
        server.serve("/feed", BILLION_LAUGHS)
    elif bad == "huge":
        server.stream("/feed", 50 * 1024 * 1024)
    elif bad == "silent":
        server.hang("/feed")
    elif bad == "html":
        server.serve("/feed", b"<!doctype html><html><body>Shop</body></html>")
    elif bad == "missing":
        del server.routes["/feed"]

    waits = []
    for _ in range(7):
        before = clock.now()
        assert await run_polls(jobs, poller) == 1
        state = await poller.state(importer)
        assert state is not None
        assert state.next_poll_at is not None
        waits.append(state.next_poll_at - unix(before))
        clock.advance(timedelta(seconds=state.next_poll_at - unix(clock.now())))
    assert waits == [int((POLL * 2**n).total_seconds()) for n in range(7)]
    assert len(await trouble_jobs(store)) == 1
    assert sink.items == []

    server.serve_feed("/feed", items(1))
    assert await run_polls(jobs, poller) == 1
    recovered = await poller.state(importer)
    assert recovered is not None
    assert (recovered.failures, recovered.failing_told, recovered.last_error) == (0, False, None)


async def failing(
    poller: FeedPoller, store: Store, clock: ManualClock, server: FeedServer, importer: int
) -> None:
    """The importer's feed set, then failing from its next poll, due now."""
    server.serve("/feed", EMPTY_FEED)
    await start(poller, store, importer, server.url("/feed"))
    server.serve("/feed", b"", status=503)
    clock.advance(POLL)


async def test_backoff_is_capped_at_a_day(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    _sink, jobs, poller, importer = setup
    await failing(poller, store, clock, server, importer)
    for _ in range(12):
        await run_polls(jobs, poller)
        clock.advance(MAX_BACKOFF)
    state = await poller.state(importer)
    assert state is not None
    assert state.failures == 12
    assert state.next_poll_at is not None
    assert state.next_poll_at - unix(clock.now() - MAX_BACKOFF) == MAX_BACKOFF.total_seconds()


async def test_a_feed_dead_for_a_month_still_backs_off_a_day(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    _sink, jobs, poller, importer = setup
    await failing(poller, store, clock, server, importer)
    # 40 failures in a row: about a month of a day's wait each, after the first doublings.
    await store.execute(
        "UPDATE importer_feeds SET failures = 40 WHERE importer_id = ?", (importer,)
    )

    await run_polls(jobs, poller)

    state = await poller.state(importer)
    assert state is not None
    assert state.failures == 41
    assert state.next_poll_at == unix(clock.now() + MAX_BACKOFF)


async def test_410_stops_polling_and_says_so(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    _sink, jobs, poller, importer = setup
    server.serve("/feed", EMPTY_FEED)
    await start(poller, store, importer, server.url("/feed"))
    server.serve("/feed", b"", status=410)
    clock.advance(POLL)
    await run_polls(jobs, poller)
    clock.advance(timedelta(days=3))
    assert await run_polls(jobs, poller) == 0
    state = await poller.state(importer)
    assert state is not None
    assert state.gone
    assert state.next_poll_at is None
    (told,) = await trouble_jobs(store)
    assert '"trouble": "gone"' in told
    assert len(server.requests) == 2  # as it was set, and the poll answered 410


async def test_a_feed_of_5000_items_records_the_backlog_and_posts_the_next_new_one(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(*range(5000, 0, -1)))
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    assert sink.titles() == ["Truck 5000"]
    assert await store.fetchval("SELECT count(*) FROM feed_items") == 5000
    server.serve_feed("/feed", items(*range(5001, 0, -1)))
    clock.advance(POLL)
    await run_polls(jobs, poller)
    assert sink.titles() == ["Truck 5000", "Truck 5001"]


async def test_a_flood_of_new_items_posts_a_few_and_records_the_rest(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(1))
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    server.serve_feed("/feed", items(*range(40, 0, -1)))
    clock.advance(POLL)
    await run_polls(jobs, poller)
    clock.advance(POLL)
    await run_polls(jobs, poller)
    # The five newest, posted oldest first.
    assert sink.titles() == ["Truck 1", "Truck 36", "Truck 37", "Truck 38", "Truck 39", "Truck 40"]


async def test_pausing_stops_the_pending_poll_and_resuming_polls_now(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(1))
    await start(poller, store, importer, server.url("/feed"))
    await poller.pause(importer)
    clock.advance(POLL)
    await run_polls(jobs, poller)
    assert len(server.requests) == 1  # as it was set
    server.serve_feed("/feed", items(2, 1))
    await poller.resume(importer)
    await run_polls(jobs, poller)
    assert sink.titles() == ["Truck 1", "Truck 2"]


async def test_removing_a_feed_calls_off_its_poll_and_one_under_way_records_nothing(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", items(1))
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    asked, release = asyncio.Event(), asyncio.Event()

    async def held(request: web.Request) -> web.StreamResponse:
        asked.set()
        await release.wait()
        return web.Response(body=rss(items(2, 1)), content_type="application/rss+xml")

    server.routes["/feed"] = held
    clock.advance(POLL)
    [job] = await jobs.claim_due(1, worker="test", kinds=[FEED_POLL_JOB])
    polling = asyncio.create_task(poller.poll(job))
    await asyncio.wait_for(asked.wait(), 5)

    async with store.transaction():
        await poller.stop(importer)
    release.set()
    await polling
    await jobs.done(job)

    assert sink.titles() == ["Truck 1"]
    assert await poller.state(importer) is None
    assert await jobs.pending_keys(FEED_POLL_JOB, "") == []
    assert await store.fetchval("SELECT count(*) FROM feed_items") == 0
    async with store.transaction():
        await poller.stop(importer)  # no feed: nothing to do


async def test_a_new_url_starts_over_without_posting_its_backlog(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/a", items(1))
    server.serve_feed("/b", items(9, 8, 7))
    await start(poller, store, importer, server.url("/a"))
    await run_polls(jobs, poller)
    await start(poller, store, importer, server.url("/b"))
    assert sink.titles() == ["Truck 1", "Truck 9"]
    assert [seen.path for seen in server.requests] == ["/a", "/b"]


async def test_preview_says_what_would_be_posted_and_why_not_the_rest(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, _jobs, poller, importer = setup
    server.serve_feed("/feed", items(2, 1))
    _feed, outcome = await poller.preview(importer, server.url("/feed"))
    assert [item.title for item in outcome.handed_on] == ["Truck 2"]
    assert [(item.title, why) for item, why in outcome.held_back] == [
        ("Truck 1", "backlog from before the feed was added")
    ]
    assert sink.items == []
    assert await store.fetchval("SELECT count(*) FROM feed_items") == 0


def test_private_literal_urls_are_refused_when_set(store: Store, clock: ManualClock) -> None:
    from bot.feeds import FeedError

    poller = FeedPoller(
        store,
        clock,
        JobQueue(store, clock),
        None,
        poll_seconds=900,
        allow_private=False,  # type: ignore[arg-type]
    )
    for url in ("http://127.0.0.1/feed", "http://[::ffff:10.0.0.1]/f", "gopher://kei.example/"):
        with pytest.raises(FeedError):
            poller.check_url(url)
    assert poller.check_url(" https://kei.example/feed.xml ") == "https://kei.example/feed.xml"


def test_new_items_are_posted_oldest_first_by_date_or_else_against_the_feeds_order() -> None:
    def item(title: str, day: int | None) -> FeedItem:
        published = None if day is None else datetime(2026, 11, day, tzinfo=UTC)
        return FeedItem(title, title, None, "", published)

    # A feed listing its oldest first, dated: the dates say which came first.
    dated = [item("Carry", 2), item("Acty", 3), item("Hijet", 1)]
    assert [i.title for i in oldest_first(dated)] == ["Hijet", "Carry", "Acty"]
    # One undated item: the feed's own order, newest first, turned round.
    undated = [item("Acty", 3), item("Carry", None), item("Hijet", 1)]
    assert [i.title for i in oldest_first(undated)] == ["Hijet", "Carry", "Acty"]
