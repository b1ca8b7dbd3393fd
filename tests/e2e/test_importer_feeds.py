"""Importer feeds through the loopback Discord: read before they are saved, polled on schedule,
each new item posted once and oldest first, repeats left out, and moderators told of a feed that
keeps failing. Feeds are served by a real HTTP server on 127.0.0.1."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock, unix
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot, eventually
from .test_importers import (
    announce,
    failures_recorded,
    loopback,  # noqa: F401 (the fixture)
    next_poll_planned,
    posts_to,
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)


async def test_a_feed_is_read_on_schedule_and_each_new_item_posted_once(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    # What the reply promises is what happens: the newest item only.
    assert "Its newest item, “Old truck”, is on its way to the announcements" in saved.text
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    preview = await loopback.slash("importer feed test", actor=yoshi)
    assert "Hijet Jumbo arrived" in preview.embeds[0]["description"]
    assert "already seen" in preview.embeds[0]["description"]

    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    cards = await settle(loopback, "announcements", 2, "the new feed item")
    assert [card.embeds[0]["title"] for card in cards] == ["Old truck", "Hijet Jumbo arrived"]
    assert cards[1].embeds[0]["footer"]["text"] == "From their feed"

    await keitora.restart()
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: len(server.hits("/feed")) >= 3, "the poll after the restart")
    assert len(loopback.messages("announcements")) == 2


async def test_a_feed_test_says_where_items_would_go_and_counts_entries_it_cannot_show(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty"), Item("")])
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    preview = await loopback.slash("importer feed test", url=server.url("/feed"), actor=yoshi)
    description = preview.embeds[0]["description"]
    assert "**Would send to the moderators**" in description
    assert "Would post" not in description
    assert "Acty arrived" in description
    # An entry with nothing to show is counted and said, not silently left out.
    assert "1 entry with no title, link or id" in description
    assert preview.embeds[0]["footer"]["text"] == "2 entries in the feed"


async def test_a_feed_test_shows_no_character_that_turns_text_round_or_shows_nothing(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    # A title that would read "Evil title" backwards in Discord, and a zero-width space.
    server.serve_feed("/feed", [Item("\u202eEvil\u200b title", "https://kei.example/evil")])
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    preview = await loopback.slash("importer feed test", url=server.url("/feed"), actor=yoshi)
    description = preview.embeds[0]["description"]
    assert "Evil title" in description
    assert "\u202e" not in description
    assert "\u200b" not in description


async def test_a_saved_feed_is_fetched_once_and_that_fetch_is_its_first_poll(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed(
        "/feed",
        [Item("Hijet Jumbo arrived", "https://kei.example/jumbo"), Item("Old truck")],
        etag='"v1"',
    )
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert "“Hijet Jumbo arrived”, is on its way" in saved.text, saved.text
    assert "1 older item is recorded, not posted" in saved.text
    await settle(loopback, "announcements", 1, "the newest item")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Hijet Jumbo arrived"
    assert len(server.hits("/feed")) == 1  # the check before saving was the first poll
    feed = await keitora.bot.services.feeds.state(1)
    assert feed is not None
    assert feed.next_poll_at == unix(clock.now() + timedelta(minutes=15))

    # The next poll asks with what the first read was answered, and the feed is unchanged.
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: len(server.hits("/feed")) == 2, "the second poll")
    assert server.hits("/feed")[1].headers.get("If-None-Match") == '"v1"'
    await next_poll_planned(keitora, clock)

    server.serve_feed(
        "/feed",
        [
            Item("Carry DA63T arrived", "https://kei.example/carry"),
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck"),
        ],
        etag='"v2"',
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 2, "the next new item")
    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Hijet Jumbo arrived", "Carry DA63T arrived"]
    assert len(server.hits("/feed")) == 3


async def test_a_feed_given_at_registration_is_fetched_once(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    admin = loopback.member("Akiko")
    await loopback.slash(
        "setup channel",
        kind="announcements",
        channel=loopback.channel("announcements"),
        actor=admin,
    )
    registered = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member("Yoshi"),
        feed=server.url("/feed"),
        trusted=True,
        actor=loopback.member("Marcus"),
    )
    assert "Registered “Kei Imports”" in registered.text, registered.text
    await settle(loopback, "announcements", 1, "the feed's newest item")
    [body] = posts_to(loopback, "announcements")
    assert body["embeds"][0]["title"] == "Acty arrived"
    assert len(server.hits("/feed")) == 1
    feed = await keitora.bot.services.feeds.state(1)
    assert feed is not None
    assert feed.next_poll_at == unix(clock.now() + timedelta(minutes=15))


async def test_a_feed_is_read_before_it_is_saved_and_one_that_fails_is_refused(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    await server_ready(loopback, trusted=False)
    yoshi = loopback.member("Yoshi")
    for path, reason in (("/shop", "web page"), ("/missing", "(404)")):
        refused = await loopback.slash("importer feed url", url=server.url(path), actor=yoshi)
        assert refused.type == 5  # deferred: reading a feed may take longer than 3 seconds
        assert refused.ephemeral
        assert "not saved" in refused.text, refused.text
        assert reason in refused.text, refused.text
    assert len(server.hits("/shop")) == 1
    assert await keitora.store.fetchval("SELECT count(*) FROM importer_feeds") == 0

    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert saved.type == 5
    assert saved.ephemeral
    # An untrusted importer's newest item goes to the moderators, and the reply says so.
    assert "“Hijet Jumbo arrived”" in saved.text, saved.text
    assert "waits for a moderator" in saved.text
    assert "1 older item is recorded, not posted" in saved.text
    [queued] = await settle(loopback, "mod-queue", 1, "the newest item, queued")
    assert queued.embeds[0]["title"] == "Hijet Jumbo arrived"
    assert loopback.messages("announcements") == []


async def test_registering_with_a_feed_that_cannot_be_read_registers_nothing(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
    refused = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member("Yoshi"),
        feed=server.url("/shop"),
        actor=loopback.member("Marcus"),
    )
    assert refused.type == 5
    assert refused.ephemeral
    assert "cannot be read, so nothing was registered" in refused.text, refused.text
    assert "web page" in refused.text
    assert await keitora.store.fetchval("SELECT count(*) FROM importers") == 0


async def test_a_private_feed_address_is_refused_without_feed_allow_private(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.env["FEED_ALLOW_PRIVATE"] = "off"
    await keitora.restart()
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    for url in (
        "http://169.254.169.254/latest",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
    ):
        refused = await loopback.slash("importer feed url", url=url, actor=yoshi)
        assert refused.ephemeral
        assert "cannot be used" in refused.text
    assert await keitora.store.fetchval("SELECT count(*) FROM importer_feeds") == 0


async def test_moderators_are_told_once_of_a_failing_feed_and_of_a_gone_one(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the first poll's newest item")
    # The shop moves its site: the feed's address now serves a web page.
    server.serve("/feed", b"<!doctype html><html><body>Shop</body></html>")
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    for failures in range(1, 8):
        # The bot times its next try from when it recorded the failure: the clock moves on
        # only after that, not as soon as the request reached the feed server.
        await failures_recorded(keitora, failures)
        if failures == 1:
            info = await loopback.slash("importer info", importer="1", actor=yoshi)
            assert "Failed 1 time in a row" in info.embeds[0]["fields"][3]["value"]
        clock.advance(timedelta(hours=24))
        keitora.bot.services.jobs.wake()
    [told] = await settle(loopback, "mod-queue", 1, "the failing-feed notice")
    assert "failed 5 times in a row" in told.content
    assert "web page" in told.content

    server.serve("/feed", b"", status=410)
    await loopback.wait_until(
        lambda: len(loopback.messages("mod-queue")) == 2, within=10, what="the gone notice"
    )
    assert "is gone" in loopback.messages("mod-queue")[1].content
    polls = len(server.hits("/feed"))
    clock.advance(timedelta(days=3))
    keitora.bot.services.jobs.wake()
    info = await loopback.slash("importer info", importer="1", actor=yoshi)
    assert "Gone (410)" in info.embeds[0]["fields"][3]["value"]
    assert len(server.hits("/feed")) == polls


async def test_new_feed_items_of_one_poll_are_posted_oldest_first(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    await loopback.slash(
        "importer feed url", url=server.url("/feed"), actor=loopback.member("Yoshi")
    )
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    # Newest first, as feeds list them: the Acty came in after the Carry.
    server.serve_feed(
        "/feed",
        [
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Carry arrived", "https://kei.example/carry"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the two new feed items")
    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Old truck", "Carry arrived", "Acty arrived"]


async def test_a_feed_item_repeating_what_the_importer_announced_is_not_posted_or_dmed_again(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    await loopback.slash("alerts add", keywords="jumbo", actor=mika)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")
    await announce(loopback, "Hijet Jumbo arrived!")
    await settle(loopback, "announcements", 2, "the announcement")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")

    # The importer's site lists the same truck a little later, and a new one.
    server.serve_feed(
        "/feed",
        [
            Item("Hijet jumbo arrived", "https://kei.example/jumbo"),
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    preview = await loopback.slash("importer feed test", actor=yoshi)
    description = preview.embeds[0]["description"]
    would_post, would_not = description.split("**Would not post**")
    assert "Acty arrived" in would_post
    assert "Hijet jumbo arrived — you announced it this week" in would_not, description

    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the new feed item")
    await keitora.restart()  # what the poll planned is sent by now, or after the restart

    async def all_sent() -> bool:
        return not await keitora.bot.services.jobs.pending_keys("importer.post", "")

    await eventually(all_sent, "every post sent")
    titles = [card.embeds[0]["title"] for card in loopback.messages("announcements")]
    assert titles == ["Old truck", "Hijet Jumbo arrived!", "Acty arrived"]
    assert len(loopback.dms(mika)) == 1


async def test_a_feed_saved_again_calls_what_it_read_before_read_before_not_unposted(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    server.serve_feed(
        "/feed", [Item("Hijet Jumbo arrived", "https://kei.example/jumbo"), Item("Old truck")]
    )
    await server_ready(loopback, trusted=True)
    yoshi = loopback.member("Yoshi")
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item")

    again = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)

    assert again.text.startswith(
        f"Saved. I read “{server.url('/feed')}” from now on. It has no new item now. 2 items "
        "were read before, and are not announced again."
    ), again.text
    assert "not posted" not in again.text
    assert len(posts_to(loopback, "announcements")) == 1
