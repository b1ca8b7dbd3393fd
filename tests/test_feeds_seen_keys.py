"""A feed item is known by its id, else by its listing's link however the feed writes it
(tracking parameters, http or https, a trailing slash): a feed rewriting an item's link does
not post it again. A database from before 0056, its items known by their raw links, is
upgraded without a repost: the first poll after takes an item matching its old key for seen,
and keys it anew."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, unix
from bot.feeds import FeedFetcher
from bot.jobs import JobQueue
from bot.store import Store
from tests.feed_server import FeedServer, Item
from tests.old_schema import migrations_up_to
from tests.test_feeds_poller import (  # noqa: F401 (fixtures)
    GUILD,
    POLL,
    Sink,
    add_importer,
    fetcher,
    make_poller,
    run_polls,
    server,
    setup,
    start,
)

LISTING = "https://kei.example/trucks/7"


async def test_an_item_whose_link_the_feed_rewrites_is_not_posted_again(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", [Item("Acty 4WD", LISTING)])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    assert sink.titles() == ["Acty 4WD"]

    for rewritten in (
        "http://kei.example/trucks/7/",
        "https://www.kei.example/trucks/7?utm_source=rss&fbclid=x",
    ):
        server.serve_feed("/feed", [Item("Acty 4WD", rewritten)])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
    assert sink.titles() == ["Acty 4WD"]


def _key_before_0056(link: str) -> str:
    """An item without an id as the release before 0056 keyed it: by its raw link."""
    return _old_key(Item("", link))


def _old_key(item: Item) -> str:
    """An item as the release before keyed it: by its raw id, else by its raw link."""
    basis = f"id:{item.guid}" if item.guid else f"link:{item.link}"
    return hashlib.sha256(basis.encode()).hexdigest()


async def _seen_by_old_keys(
    tmp_path: Path, clock: ManualClock, server: FeedServer, seen_before: list[Item], version: int
) -> Path:
    """A database of schema `version` whose primed feed saw `seen_before`, keyed as the
    release of that schema keyed them, its next poll due in POLL."""
    return await _seen_by_keys(
        tmp_path, clock, server, [_old_key(item) for item in seen_before], version
    )


async def _seen_by_keys(
    tmp_path: Path, clock: ManualClock, server: FeedServer, keys: list[str], version: int
) -> Path:
    """A database of schema `version` whose primed feed saw the items of `keys`, its next
    poll due in POLL."""
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "old", version)) as old:
        importer = await add_importer(old, clock)
        await old.execute(
            "INSERT INTO importer_feeds (importer_id, guild_id, url, primed, poll_no, "
            "next_poll_at) VALUES (?, ?, ?, 1, 1, ?)",
            (importer, GUILD, server.url("/feed"), unix(clock.now() + POLL)),
        )
        for key in keys:
            await old.execute(
                "INSERT INTO feed_items (importer_id, guild_id, item_key, first_seen_at) "
                "VALUES (?, ?, ?, 0)",
                (importer, GUILD, key),
            )
        await JobQueue(old, clock).schedule(
            "feed.poll",
            f"{importer}:1",
            clock.now() + POLL,
            payload={"importer_id": importer, "poll_no": 1},
            guild_id=GUILD,
        )
    return path


async def test_an_upgraded_database_posts_no_item_again_and_keys_them_anew(
    tmp_path: Path, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer
) -> None:
    seen_before = [
        Item("Acty 4WD", f"{LISTING}?utm_source=rss"),
        Item("Acty 4WD (photos)", f"{LISTING}/"),  # the same listing: both keys go to one
        Item("Carry dump", "https://kei.example/trucks/8"),
        Item("Hijet news", "https://kei.example/news/1", guid="news-1"),
    ]
    path = await _seen_by_old_keys(tmp_path, clock, server, seen_before, 55)

    async with await Store.open(path) as store:
        sink = Sink()
        jobs, poller = await make_poller(store, clock, fetcher, sink)
        # The feed as it always was, save one new truck.
        server.serve_feed("/feed", [Item("Truck 9", "https://kei.example/trucks/9"), *seen_before])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]

        # Keyed anew: the same listing written otherwise is known too.
        assert (
            await store.fetchval(
                "SELECT count(*) FROM feed_items WHERE item_key = ?", (_key_before_0056(LISTING),)
            )
            == 0
        )
        server.serve_feed("/feed", [Item("Acty 4WD", "http://kei.example/trucks/7/?ref_src=x")])
        clock.advance(timedelta(hours=1))
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]
        assert (
            await store.fetchval(
                "SELECT count(*) FROM feed_items WHERE keyed_before_0058 AND item_key != ?",
                (hashlib.sha256(b"id:news-1").hexdigest(),),
            )
            == 0
        )

        # 0058 marked every key 0056 had marked, and only its mark is read: 0056's is gone.
        columns = await store.fetchall("SELECT name FROM pragma_table_info('feed_items')")
        assert "before_0056" not in {column["name"] for column in columns}


async def test_an_item_whose_web_address_id_the_feed_rewrites_is_not_posted_again(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    """An id that is a web address is the listing's, and feeds add tracking parameters to it
    as they do to links."""
    sink, jobs, poller, importer = setup
    server.serve_feed("/feed", [Item("Acty 4WD", guid=f"{LISTING}?utm_source=rss&utm_id=mon")])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    assert sink.titles() == ["Acty 4WD"]

    for rewritten in (f"{LISTING}?utm_source=rss&utm_id=tue", "http://kei.example/trucks/7/"):
        server.serve_feed("/feed", [Item("Acty 4WD", guid=rewritten)])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
    assert sink.titles() == ["Acty 4WD"]


@pytest.mark.parametrize(
    "version",
    [
        55,  # seen before 0056: its keys marked
        56,  # seen since, by the release keying a web-address id as it was written
    ],
)
async def test_items_seen_by_their_web_address_id_are_not_posted_again_after_the_upgrade(
    tmp_path: Path, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer, version: int
) -> None:
    seen_before = [
        Item("Acty 4WD", guid=f"{LISTING}?utm_source=rss&utm_id=mon"),
        Item("Carry dump", guid="https://kei.example/trucks/8"),
        Item("Hijet news", guid="news-1"),  # an id that is no web address is keyed as it was
    ]
    path = await _seen_by_old_keys(tmp_path, clock, server, seen_before, version)

    async with await Store.open(path) as store:
        sink = Sink()
        jobs, poller = await make_poller(store, clock, fetcher, sink)
        server.serve_feed(
            "/feed", [Item("Truck 9", guid="https://kei.example/trucks/9"), *seen_before]
        )
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]

        # Keyed anew: the listing with other tracking parameters is known too.
        rewritten = [Item("Acty 4WD", guid=f"{LISTING}?utm_source=rss&utm_id=tue")]
        server.serve_feed("/feed", [*rewritten, *seen_before[1:]])
        clock.advance(timedelta(hours=1))
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]
        keys = await store.fetchall("SELECT item_key FROM feed_items")
        assert {_old_key(item) for item in seen_before[:2]}.isdisjoint(
            row["item_key"] for row in keys
        )
        assert len(keys) == 4


async def test_two_listings_told_apart_by_their_ref_are_two_items(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    first = Item("Acty 4WD", "https://kei.example/listing.php?ref=123")
    server.serve_feed("/feed", [first])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)

    server.serve_feed(
        "/feed", [Item("Carry dump", "https://kei.example/listing.php?ref=124"), first]
    )
    clock.advance(POLL)
    await run_polls(jobs, poller)

    assert sink.titles() == ["Acty 4WD", "Carry dump"]


async def test_two_listings_told_apart_by_a_ref_in_words_are_two_items(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    """A dealer names its stock `?ref=hijet-jumbo`; a `ref` naming where a visitor came from
    (`rss`, `Newsletter`) is tracking, and a feed changing it posts nothing again."""
    sink, jobs, poller, importer = setup
    hijet = Item("Hijet Jumbo", "https://kei.example/stock?ref=hijet-jumbo")
    server.serve_feed("/feed", [hijet, Item("Carry dump", f"{LISTING}?ref=rss")])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)

    server.serve_feed(
        "/feed",
        [
            Item("Acty standard", "https://kei.example/stock?ref=acty-std"),
            hijet,
            Item("Carry dump", f"{LISTING}?ref=Newsletter"),
        ],
    )
    clock.advance(POLL)
    await run_polls(jobs, poller)

    assert sink.titles() == ["Hijet Jumbo", "Acty standard"]


async def test_two_items_whose_web_address_ids_differ_by_their_fragment_are_two_items(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    sink, jobs, poller, importer = setup
    first = Item("Hijet news", guid="https://kei.example/news#1")
    server.serve_feed("/feed", [first])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)

    server.serve_feed("/feed", [Item("Acty news", guid="https://kei.example/news#2"), first])
    clock.advance(POLL)
    await run_polls(jobs, poller)
    server.serve_feed("/feed", [Item("Hijet news", guid="http://kei.example/news/?utm_id=x#1")])
    clock.advance(POLL)
    await run_polls(jobs, poller)

    assert sink.titles() == ["Hijet news", "Acty news"]


def _listing_key(listing: str) -> str:
    """An item as the release of 0056 keyed it by its listing."""
    return hashlib.sha256(f"link:{listing}".encode()).hexdigest()


async def test_items_keyed_by_the_listing_rule_of_0056_are_not_posted_again(
    tmp_path: Path, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer
) -> None:
    """That release dropped any `ref` in lowercase letters, and an id's fragment: items it
    keyed as one are each known, none posted again, and a listing told apart by them since is
    posted."""
    seen_since = [
        Item("Hijet Jumbo", "https://kei.example/stock?ref=hijet-jumbo"),
        Item("Acty standard", "https://kei.example/stock?ref=acty-std"),
        Item("Carry dump", f"{LISTING}?ref=rss"),
        Item("Stock list", "https://kei.example/stock"),  # its key then is its key now
        Item("Hijet news", guid="https://kei.example/news#1"),
        Item("Acty news", guid="https://kei.example/news#2"),
    ]
    keys = [
        _listing_key(listing)
        for listing in ("kei.example/stock", "kei.example/trucks/7", "kei.example/news")
    ]
    path = await _seen_by_keys(tmp_path, clock, server, keys, 57)

    async with await Store.open(path) as store:
        sink = Sink()
        jobs, poller = await make_poller(store, clock, fetcher, sink)
        truck = Item("Truck 9", "https://kei.example/trucks/9")
        server.serve_feed("/feed", [truck, *seen_since])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]

        minicab = Item("Minicab dump", "https://kei.example/stock?ref=minicab-dump")
        for listed in ([truck, *seen_since], [minicab, truck, *seen_since]):
            server.serve_feed("/feed", listed)
            clock.advance(POLL)
            assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9", "Minicab dump"]
        assert await store.fetchval("SELECT count(*) FROM feed_items") == 8


async def test_an_anchor_a_web_address_id_gains_is_the_same_item_posted_or_held_back(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    """A fragment without a digit (`#top`, `#comments`) is a place in the page, which a site
    adds or changes on the same listing; one with a digit numbers items on a page (`news#1`),
    kept apart by the test above. The backlog the first read held back stays held back."""
    sink, jobs, poller, importer = setup
    newest, backlog = "https://kei.example/s/1", "https://kei.example/s/2"
    server.serve_feed("/feed", [Item("Hijet dump", guid=newest), Item("Carry 4WD", guid=backlog)])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)
    assert sink.titles() == ["Hijet dump"]

    server.serve_feed(
        "/feed",
        [
            Item("Hijet dump", f"{newest}#top", guid=f"{newest}#top"),
            Item("Carry 4WD", f"{backlog}/#top", guid=f"{backlog}/#comments"),
        ],
    )
    clock.advance(POLL)
    assert await run_polls(jobs, poller) == 1
    assert sink.titles() == ["Hijet dump"]


async def test_an_item_seen_with_its_ids_anchor_is_not_posted_again_once_anchors_are_dropped(
    tmp_path: Path, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer
) -> None:
    """Until 0063 an id's anchor was part of its key: an item seen so is known still."""
    anchored = "https://kei.example/s/2#top"
    seen = hashlib.sha256(b"link:kei.example/s/2#top").hexdigest()
    path = await _seen_by_keys(tmp_path, clock, server, [seen], 62)

    async with await Store.open(path) as store:
        await store.execute("UPDATE feed_items SET keyed_before_0058 = 0")  # keyed since 0058
        sink = Sink()
        jobs, poller = await make_poller(store, clock, fetcher, sink)
        truck = Item("Truck 9", "https://kei.example/trucks/9")
        server.serve_feed("/feed", [truck, Item("Carry 4WD", anchored, guid=anchored)])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]

        server.serve_feed("/feed", [truck, Item("Carry 4WD", guid="https://kei.example/s/2")])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Truck 9"]


async def test_items_one_page_tells_apart_by_worded_anchors_are_each_posted(
    setup, store: Store, clock: ManualClock, server: FeedServer
) -> None:
    """A dealer's stock page naming each truck by an anchor (`stock#honda-acty-red`): only
    an anchor that is a place in any page (`#top`, `#comments`) is dropped from the key."""
    sink, jobs, poller, importer = setup
    page = "https://kei.example/stock"
    acty = Item("Acty red", guid=f"{page}#honda-acty-red")
    server.serve_feed("/feed", [acty])
    await start(poller, store, importer, server.url("/feed"))
    await run_polls(jobs, poller)

    carry = Item("Carry white", guid=f"{page}#suzuki-carry-white")
    server.serve_feed("/feed", [carry, acty])
    clock.advance(POLL)
    assert await run_polls(jobs, poller) == 1
    assert sink.titles() == ["Acty red", "Carry white"]


async def test_items_seen_while_worded_anchors_were_dropped_are_not_posted_again(
    tmp_path: Path, clock: ManualClock, fetcher: FeedFetcher, server: FeedServer
) -> None:
    """From 0063 a worded anchor was dropped, so the items of one page were seen by one key:
    each of them is taken for seen, and a truck the page lists since is posted."""
    page = "https://kei.example/stock"
    seen = hashlib.sha256(b"link:kei.example/stock").hexdigest()
    path = await _seen_by_keys(tmp_path, clock, server, [seen], 63)

    async with await Store.open(path) as store:
        sink = Sink()
        jobs, poller = await make_poller(store, clock, fetcher, sink)
        listed = [
            Item("Acty red", guid=f"{page}#honda-acty-red"),
            Item("Carry white", guid=f"{page}#suzuki-carry-white"),
        ]
        server.serve_feed("/feed", listed)
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == []

        server.serve_feed("/feed", [Item("Hijet blue", guid=f"{page}#daihatsu-hijet"), *listed])
        clock.advance(POLL)
        assert await run_polls(jobs, poller) == 1
        assert sink.titles() == ["Hijet blue"]
