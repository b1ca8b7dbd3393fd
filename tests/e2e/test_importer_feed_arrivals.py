"""A feed item for a truck its importer announced as an arrival this week, at the same
listing, is not posted again nor DMed to members again, through the loopback, as one repeating
a typed announcement is not. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importers import arrive, posts_to, server, server_ready, settle  # noqa: F401
from .test_reminders import settled


async def test_a_feed_item_at_the_listing_of_an_arrival_announced_is_not_posted_again(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    mika, yoshi = loopback.member("Mika"), loopback.member("Yoshi")
    await loopback.slash("alerts add", keywords="hijet", actor=mika)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")
    assert "on its way" in await arrive(loopback, 1995, link="https://kei.example/jumbo")
    await settle(loopback, "announcements", 2, "the arrival")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")

    # The importer's site lists the same truck, in its own words, and a new one.
    server.serve_feed(
        "/feed",
        [
            Item("Hijet S110P 4WD dump, in Houston", "https://kei.example/jumbo"),
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the new feed item")
    await settled(keitora, "%")

    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles[2:] == ["Acty arrived"], titles
    assert len(loopback.dms(mika)) == 1
