"""A feed item repeating an arrival is held back when its link is the same
listing written another way (a trailing slash, tracking parameters, http for https, `www.`,
a fragment, the host's letter case), through a real feed on 127.0.0.1 and the loopback: sites
and feed tools add these routinely, and the truck must not be posted and DMed to members
twice. A link to another listing (another query) is still posted. (One taken down since is
held back alike: test_importer_feed_takedowns.) Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importer_feed_takedowns import titles
from .test_importers import arrive, server, server_ready, settle  # noqa: F401
from .test_reminders import settled

OLD = Item("Old truck", "https://kei.example/old")
LISTING = "https://kei.example/jumbo"
# The arrival's listing as feeds write it, each held back as that listing.
SAME_LISTING = (
    "https://kei.example/jumbo/",
    "http://kei.example/jumbo",
    "https://www.kei.example/jumbo",
    "https://KEI.Example/jumbo",
    "https://kei.example/jumbo#photos",
    "https://kei.example/jumbo?utm_source=rss&utm_medium=feed",
    "https://kei.example/jumbo?fbclid=IwAR0x&gclid=Cj0&ref=home",
    "http://WWW.Kei.example/jumbo/?utm_campaign=spring#top",
)


async def test_a_feed_item_at_an_arrivals_listing_written_another_way_is_not_posted(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [OLD])
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    await loopback.slash("alerts add", keywords="hijet", actor=mika)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")
    assert "on its way" in await arrive(loopback, 1995, link=LISTING)
    await settle(loopback, "announcements", 2, "the arrival")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")

    # Two polls: a feed's poll posts at most five new items.
    listed = [OLD]
    for variants, other in (
        (SAME_LISTING[:4], Item("Mini truck, second listing", "https://kei.example/jumbo?stock=2")),
        (SAME_LISTING[4:], Item("Acty arrived", "https://kei.example/acty")),
    ):
        listed = [*(Item(f"Hijet dump ({link})", link) for link in variants), other, *listed]
        server.serve_feed("/feed", listed)
        clock.advance(timedelta(minutes=15))
        keitora.bot.services.jobs.wake()
        await settle(loopback, "announcements", len(titles(loopback)) + 1, other.title)
        await settled(keitora, "%")

    assert sorted(titles(loopback)[2:]) == ["Acty arrived", "Mini truck, second listing"]
    assert len(loopback.dms(mika)) == 1
