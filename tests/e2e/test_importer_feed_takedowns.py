"""A feed item repeating an announcement taken down this week, by a moderator or by its
importer, is not posted again nor DMed to members again, through a real feed on 127.0.0.1 and
the loopback: a take-down deletes the announcement, and the importer's site listing the same
truck must not put it back. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importer_takedown_confirm import TAKE_IT_DOWN
from .test_importers import announce, arrive, posts_to, server, server_ready, settle  # noqa: F401
from .test_reminders import settled

OLD = Item("Old truck", "https://kei.example/old")


async def feed_read(loopback: Loopback, server: FeedServer) -> None:
    """Yoshi's feed, saved: its newest item posted, and Mika's alert for Acty set."""
    server.serve_feed("/feed", [OLD])
    await loopback.slash("alerts add", keywords="acty", actor=loopback.member("Mika"))
    await loopback.slash(
        "importer feed url", url=server.url("/feed"), actor=loopback.member("Yoshi")
    )
    await settle(loopback, "announcements", 1, "the newest item of the first poll")


async def polled(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock, again: Item
) -> None:
    """The site lists `again` and a new truck, Carry; the feed is polled again until Carry
    is posted (the third post: one since taken down among them), then all settled."""
    server.serve_feed("/feed", [again, Item("Carry arrived", "https://kei.example/carry"), OLD])
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: len(posts_to(loopback, "announcements")) >= 3, within=10, what="the new item"
    )
    await settled(keitora, "%")


def titles(loopback: Loopback) -> list[str]:
    return [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]


async def test_a_feed_item_repeating_one_a_moderator_took_down_is_not_posted_again(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    await server_ready(loopback, trusted=True)
    await feed_read(loopback, server)
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    assert "on its way" in await announce(loopback, "Acty arrived", link="https://kei.example/a")
    await settle(loopback, "announcements", 2, "the typed announcement")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 1, within=10, what="Mika's DM")
    asked = await loopback.slash("importer delete", announcement="2", actor=marcus)
    taken = await loopback.click(asked, TAKE_IT_DOWN, actor=marcus)
    await loopback.wait_until(lambda: "Taken down" in taken.text, within=10, what="the answer")

    # The site lists the same truck under its title at another address.
    await polled(
        keitora, loopback, server, clock, Item("ACTY arrived!", "https://kei.example/list/a")
    )

    assert titles(loopback)[2:] == ["Carry arrived"], titles(loopback)
    assert len(loopback.dms(mika)) == 1


# The site lists the arrival's link as given, or written another way (`link_key`).
@pytest.mark.parametrize(
    "listed", ["https://kei.example/jumbo", "http://WWW.Kei.example/jumbo/?utm_campaign=x#top"]
)
async def test_a_feed_item_at_the_listing_of_an_arrival_its_importer_took_down_is_not_posted(
    keitora: RunningBot,
    loopback: Loopback,
    server: FeedServer,
    clock: ManualClock,
    listed: str,
) -> None:
    await server_ready(loopback, trusted=True)
    await feed_read(loopback, server)
    yoshi = loopback.member("Yoshi")
    assert "on its way" in await arrive(loopback, 1995, link="https://kei.example/jumbo")
    await settle(loopback, "announcements", 2, "the arrival")
    await settled(keitora, "%")
    taken = await loopback.slash("importer delete", announcement="2", actor=yoshi)
    assert taken.text.startswith("Taken down: "), taken.text

    # The site lists the same truck, in its own words, at the arrival's listing.
    await polled(keitora, loopback, server, clock, Item("Hijet dump in Houston", listed))

    assert titles(loopback)[2:] == ["Carry arrived"], titles(loopback)
