"""An importer's feed removed, through the loopback: by the importer (`/importer feed url
url:none`) or a moderator (`/importer-mod edit feed:none`), polling stops at once, nothing more
comes from it, and the reply says what happened to what it already brought. A moderator may
also give an importer a new feed, read before it is saved; either way the importer is told
once by DM. Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.clock import ManualClock
from sandbox import Loopback, UserRef
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot, eventually
from .test_importer_late_answers import said
from .test_importers import (
    loopback,  # noqa: F401 (the fixture)
    posts_to,
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)


async def no_more_polls(keitora: RunningBot, clock: ManualClock, server: FeedServer) -> None:
    """The feed's next poll was called off, and none comes however long one waits."""
    jobs = keitora.bot.services.jobs
    assert await jobs.pending_keys("feed.poll", "") == []
    before = len(server.hits("/feed"))
    clock.advance(timedelta(hours=2))
    jobs.wake()
    await asyncio.sleep(0.3)  # a poll, were one due, would have fetched the feed by now
    assert len(server.hits("/feed")) == before


async def yoshis_feed_read(loopback: Loopback, server: FeedServer, *, trusted: bool) -> UserRef:
    """Yoshi's business is registered and reads its feed, holding one item; Yoshi."""
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=trusted)
    yoshi = loopback.member("Yoshi")
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert "Saved." in said(loopback, saved)["content"], said(loopback, saved)
    return yoshi


async def test_an_importer_removes_their_feed_and_nothing_more_comes_from_it(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    yoshi = await yoshis_feed_read(loopback, server, trusted=True)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")

    removed = await loopback.slash("importer feed url", url=" None ", actor=yoshi)

    assert removed.ephemeral
    assert said(loopback, removed)["content"] == (
        f"Removed: I no longer read “{server.url('/feed')}”, and nothing more comes from it. "
        "What it brought already stays: an item waiting for a moderator still waits (take one "
        "back with /importer withdraw), and a posted one stays up (/importer delete takes it "
        "down)."
    ), said(loopback, removed)
    server.serve_feed(
        "/feed",
        [
            Item("Acty arrived", "https://kei.example/acty"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    await no_more_polls(keitora, clock, server)
    assert len(posts_to(loopback, "announcements")) == 1
    info = await loopback.slash("importer info", importer="1", actor=yoshi)
    assert info.embeds[0]["fields"][3] == {"name": "Feed", "value": "none", "inline": False}
    again = await loopback.slash("importer feed url", url="off", actor=yoshi)
    assert said(loopback, again)["content"] == (
        "You have no feed to remove; set one with /importer feed url."
    ), said(loopback, again)

    # Set again, it starts over without its record of what it showed: what it announced this
    # week is still not announced twice.
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    saved = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    assert said(loopback, saved)["content"] == (
        f"Saved. I read “{server.url('/feed')}” from now on. Its newest item, “Old truck”, was "
        "announced this week, so it is not announced again. Each new item after that is posted "
        "once."
    ), said(loopback, saved)
    await asyncio.sleep(0.3)  # a post, were one made, would be on its way by now
    assert len(posts_to(loopback, "announcements")) == 1


async def test_a_moderator_removes_an_importers_feed_or_gives_it_another(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    server.serve("/shop", b"<!doctype html><html><body>Shop</body></html>")
    await yoshis_feed_read(loopback, server, trusted=False)
    marcus = loopback.member("Marcus")
    await settle(loopback, "mod-queue", 1, "the newest item, queued")

    removed = await loopback.slash("importer-mod edit", importer="1", feed="none", actor=marcus)

    assert said(loopback, removed)["content"] == (
        "Saved “Kei Imports”. Its feed is no longer read, and nothing more comes from it. What "
        "it brought already stays: an item in the moderation queue still waits for a decision, "
        "and a posted one stays up (/importer delete takes it down). "
        f"<@{loopback.member('Yoshi').id}> is told by DM."
    ), said(loopback, removed)
    await no_more_polls(keitora, clock, server)
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 1

    refused = await loopback.slash(
        "importer-mod edit", importer="1", feed=server.url("/shop"), actor=marcus
    )
    assert "cannot be read, so nothing was changed" in said(loopback, refused)["content"], said(
        loopback, refused
    )
    given = await loopback.slash(
        "importer-mod edit", importer="1", feed=server.url("/feed"), actor=marcus
    )
    assert given.type == 5  # deferred: the feed is read before it is saved
    assert said(loopback, given)["content"] == (
        f"Saved “Kei Imports”. I read its feed “{server.url('/feed')}” from now on; of the "
        f"items it holds now, only the newest is announced, and only within the importer's "
        f"daily limit. <@{loopback.member('Yoshi').id}> is told by DM."
    ), said(loopback, given)
    hits = len(server.hits("/feed"))
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: len(server.hits("/feed")) == hits + 1, "the next poll")


async def test_a_suspended_importer_may_remove_their_feed_but_not_set_one(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    yoshi = await yoshis_feed_read(loopback, server, trusted=True)
    await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="Papers unclear",
        actor=loopback.member("Marcus"),
    )

    refused = await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    removed = await loopback.slash("importer feed url", url="none", actor=yoshi)

    assert said(loopback, refused)["content"] == (
        "Kei Imports is suspended (“Papers unclear”); a moderator can lift that."
    ), said(loopback, refused)
    assert said(loopback, removed)["content"].startswith("Removed: I no longer read"), said(
        loopback, removed
    )
    assert len(server.hits("/feed")) == 1
    await loopback.slash("importer-mod unsuspend", importer="1", actor=loopback.member("Marcus"))
    await no_more_polls(keitora, clock, server)


def dms_sent(loopback: Loopback, user: UserRef) -> list[str]:
    """The content of each DM the bot sent `user`, as sent over the wire, oldest first."""
    if user.id not in loopback.world.dm_channels:
        return []
    path = f"/channels/{loopback.dm_channel(user).id}/messages"
    return [r.request["content"] for r in loopback.requests if (r.method, r.path) == ("POST", path)]


async def test_an_importer_is_told_once_by_dm_when_a_moderator_removes_or_replaces_their_feed(
    keitora: RunningBot, loopback: Loopback, server: FeedServer, clock: ManualClock
) -> None:
    yoshi = await yoshis_feed_read(loopback, server, trusted=False)
    marcus = loopback.member("Marcus")
    await settle(loopback, "mod-queue", 1, "the newest item, queued")
    feed = server.url("/feed")

    # Renamed in the same edit, the importer is named as it is called from now on, and told of
    # the new name in the same DM.
    await loopback.slash(
        "importer-mod edit", importer="1", feed="none", name="Kei Imports West", actor=marcus
    )

    await eventually(lambda: len(dms_sent(loopback, yoshi)) == 1, "the DM of the removal")
    assert dms_sent(loopback, yoshi) == [
        f"A moderator of **Kei Truck Owners of America** removed the feed of **Kei Imports West** "
        f"(“{feed}”): it is no longer read, and nothing more comes from it. What it brought "
        "already stays: an item waiting for a moderator still waits, and a posted one stays up. "
        "Ask a moderator if you think this is a mistake. The same moderator changed **Kei "
        "Imports**: it is now named **Kei Imports West**, on its posted cards too."
    ], dms_sent(loopback, yoshi)

    await loopback.slash("importer-mod edit", importer="1", feed=feed, actor=marcus)

    await eventually(lambda: len(dms_sent(loopback, yoshi)) == 2, "the DM of the new feed")
    assert dms_sent(loopback, yoshi)[1] == (
        f"A moderator of **Kei Truck Owners of America** set the feed of **Kei Imports West** to "
        f"“{feed}”: it is read from now on, and of the items it holds now only the newest is "
        "announced. What it brought already stays."
    ), dms_sent(loopback, yoshi)
    # Told once each, however often the queue runs; the importer's own removal tells nobody.
    clock.advance(timedelta(hours=1))
    keitora.bot.services.jobs.wake()
    await loopback.slash("importer feed url", url="none", actor=yoshi)
    await asyncio.sleep(0.3)  # a DM, were one due, would be on its way by now
    assert len(dms_sent(loopback, yoshi)) == 2, dms_sent(loopback, yoshi)
