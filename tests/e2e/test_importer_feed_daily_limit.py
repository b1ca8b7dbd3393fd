"""A new feed address's newest item is posted at once, by the command that set it: it is held to
the server's daily limit, so changing the address again and again posts nothing past it (what a
feed brings on its own polls never counts). Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importers import (
    announce,
    loopback,  # noqa: F401 (the fixture)
    posts_to,
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)


async def new_address(loopback: Loopback, server: FeedServer, number: int, title: str) -> str:
    """Yoshi sets his feed to `/f<number>`, a feed of one item titled `title`; the reply."""
    server.serve_feed(f"/f{number}", [Item(title, f"https://s.example/{number}")])
    path = server.url(f"/f{number}")
    return (
        await loopback.slash("importer feed url", url=path, actor=loopback.member("Yoshi"))
    ).text


async def test_changing_the_feed_address_posts_nothing_past_the_daily_limit(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    await server_ready(loopback, trusted=True)
    await loopback.slash("setup importers", daily=1, actor=loopback.member("Akiko"))
    yoshi = loopback.member("Yoshi")
    assert "on its way" in await announce(loopback, "Daily one")
    await settle(loopback, "announcements", 1, "the typed announcement")

    for number in range(1, 4):
        saved = await new_address(loopback, server, number, f"Spam Hijet deal {number}")
        assert (
            f"Its newest item, “Spam Hijet deal {number}”, is not announced: Kei Imports has "
            "made 1 announcement in the last 24 hours"
        ) in saved, saved
        assert "on its way" not in saved

    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Daily one"]
    # The feed test shows what setting that address would do.
    server.serve_feed("/f4", [Item("Spam Hijet deal 4", "https://s.example/4")])
    preview = await loopback.slash("importer feed test", url=server.url("/f4"), actor=yoshi)
    description = preview.embeds[0]["description"]
    assert "**Would post**\nnothing" in description, description
    assert "Spam Hijet deal 4 — Kei Imports has made 1 announcement" in description


async def test_an_untrusted_importers_new_addresses_fill_the_queue_no_further_than_the_limit(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    await server_ready(loopback, trusted=False)
    await loopback.slash("setup importers", daily=2, actor=loopback.member("Akiko"))
    replies = [
        await new_address(loopback, server, number, f"Hijet deal {number}")
        for number in range(1, 4)
    ]

    assert "“Hijet deal 1”, waits for a moderator" in replies[0], replies[0]
    assert "“Hijet deal 2”, waits for a moderator" in replies[1], replies[1]
    assert "“Hijet deal 3”, is not announced: Kei Imports has made 2 announcements" in replies[2]
    await settle(loopback, "mod-queue", 2, "the two items the limit lets through")
    queued = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Hijet deal 3" not in str(queued.embeds), queued.embeds


async def test_a_new_addresss_newest_item_counts_toward_a_hand_post_after_it(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    await server_ready(loopback, trusted=True)
    await loopback.slash("setup importers", daily=1, actor=loopback.member("Akiko"))
    saved = await new_address(loopback, server, 1, "Hijet deal 1")
    assert "“Hijet deal 1”" in saved, saved
    assert "is not announced" not in saved, saved
    await settle(loopback, "announcements", 1, "the new address's newest item")

    refused = await loopback.slash("importer announce", actor=loopback.member("Yoshi"))
    assert refused.modal is None
    assert refused.text.startswith(
        "Kei Imports has made 1 announcement in the last 24 hours, the most this server allows"
    ), refused.text
    titles = [body["embeds"][0]["title"] for body in posts_to(loopback, "announcements")]
    assert titles == ["Hijet deal 1"]
