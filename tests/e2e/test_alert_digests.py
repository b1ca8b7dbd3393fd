"""A feed poll that brings several new items a member's alerts match sends them one DM listing
the matches, not a DM each; one match is still its own card. Through the loopback, with the
feed served from 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importers import server, server_ready, settle  # noqa: F401 (the fixture)
from .test_reminders import settled


async def test_a_burst_of_feed_items_is_one_dm_listing_the_matches(
    keitora: RunningBot,
    loopback: Loopback,
    server: FeedServer,  # noqa: F811 (the fixture)
    clock: ManualClock,
) -> None:
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    yoshi, mika, dale = (loopback.member(name) for name in ("Yoshi", "Mika", "Dale"))
    await loopback.slash("alerts add", keywords="hijet", actor=mika)
    await loopback.slash("alerts add", keywords="🛻", actor=mika)
    await loopback.slash("alerts add", keywords="acty", actor=dale)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo 🛻 arrived", "https://kei.example/jumbo"),
            Item("Acty arrived", "https://kei.example/acty"),
            Item("**Hijet** dump @everyone", "https://kei.example/dump"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 4, "the three new feed items")
    await loopback.wait_until(lambda: loopback.dms(mika) and loopback.dms(dale), what="DMs")
    await settled(keitora, "alert.dm")

    [digest] = loopback.dms(mika)
    assert digest.content == "Your alerts matched 2 new announcements from **Kei Imports**:"
    [embed] = digest.embeds
    assert embed["description"].splitlines() == [
        "• [\\*\\*Hijet\\*\\* dump @\u200beveryone](https://kei.example/dump) · `hijet`",
        "• [Hijet Jumbo 🛻 arrived](https://kei.example/jumbo) · `hijet`, `🛻`",
    ], embed["description"]
    [card] = loopback.dms(dale)  # one match: the card itself, as before
    assert card.content == "Your alert `acty` matched this from **Kei Imports**:"
    assert card.embeds[0]["title"] == "Acty arrived"
