"""An alert DM about an announcement its importer later takes down is edited once, through the
outbox, to say it was taken down (its card, the importer's words, goes); a DM listing several
matches keeps the others. Through the loopback, asserting on the edits the bot sent."""

from __future__ import annotations

from datetime import timedelta

from bot.alerts.taken_down import ALERT_DM_EDIT_JOB
from bot.clock import ManualClock
from sandbox import Loopback
from sandbox.core import RequestRecord
from sandbox.replies import Message
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_importers import announce, server, server_ready, settle  # noqa: F401 (the fixture)
from .test_reminders import settled

EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


def edits_of(loopback: Loopback, channel_id: str) -> list[RequestRecord]:
    """The edits the bot sent to messages of the channel."""
    return [
        r
        for r in loopback.requests
        if (r.method, r.template) == EDIT and f"/channels/{channel_id}/" in r.path
    ]


async def alert_dm_sent(keitora: RunningBot, loopback: Loopback) -> Message:
    """Yoshi's trusted importer posts "Hijet Jumbo arrived", and Mika's alert DMs her."""
    mika = loopback.member("Mika")
    await server_ready(loopback, trusted=True)
    await loopback.slash("alerts add", keywords="hijet", actor=mika)
    await announce(loopback, "Hijet Jumbo arrived")
    await loopback.wait_until(lambda: loopback.dms(mika), what="the alert DM")
    await settled(keitora, "alert.dm")
    [dm] = loopback.dms(mika)
    return dm


async def test_a_taken_down_announcement_edits_the_alert_dm_about_it_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, mika = loopback.member("Yoshi"), loopback.member("Mika")
    dm = await alert_dm_sent(keitora, loopback)
    assert dm.embeds

    taken = await loopback.slash("importer delete", announcement="1", actor=yoshi)
    assert taken.text.startswith("Taken down"), taken.text
    await settled(keitora, "alert.%")

    dm_channel = loopback.dm_channel(mika).id
    [edit] = edits_of(loopback, dm_channel)
    assert edit.path.endswith(f"/messages/{dm.id}")
    assert edit.request["content"] == (
        "Your alert `hijet` matched an announcement that its importer has since taken down."
    ), edit.request
    assert edit.request["embeds"] == []
    assert edit.request["allowed_mentions"]["parse"] == []
    keitora.bot.services.jobs.wake()
    await settled(keitora, "alert.%")
    assert len(edits_of(loopback, dm_channel)) == 1  # once


async def digest_sent(
    keitora: RunningBot,
    loopback: Loopback,
    server: FeedServer,  # noqa: F811 (the fixture, passed on)
    clock: ManualClock,
) -> Message:
    """Yoshi's trusted importer's feed brings "Hijet Jumbo arrived" (#2) and "Hijet dump
    arrived" (#3) in one poll, and Mika's alert DMs her one list of both."""
    server.serve_feed("/feed", [Item("Old truck", "https://kei.example/old")])
    await server_ready(loopback, trusted=True)
    yoshi, mika = loopback.member("Yoshi"), loopback.member("Mika")
    await loopback.slash("alerts add", keywords="hijet", actor=mika)
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "announcements", 1, "the newest item of the first poll")
    server.serve_feed(
        "/feed",
        [
            Item("Hijet Jumbo arrived", "https://kei.example/jumbo"),
            Item("Hijet dump arrived", "https://kei.example/dump"),
            Item("Old truck", "https://kei.example/old"),
        ],
    )
    clock.advance(timedelta(minutes=15))
    keitora.bot.services.jobs.wake()
    await settle(loopback, "announcements", 3, "the two new feed items")
    await loopback.wait_until(lambda: loopback.dms(mika), what="the alert DM")
    await settled(keitora, "alert.dm")
    [digest] = loopback.dms(mika)
    return digest


async def test_a_dm_listing_several_matches_keeps_those_still_up(
    keitora: RunningBot,
    loopback: Loopback,
    server: FeedServer,  # noqa: F811 (the fixture)
    clock: ManualClock,
) -> None:
    yoshi, mika = loopback.member("Yoshi"), loopback.member("Mika")
    digest = await digest_sent(keitora, loopback, server, clock)
    listed = digest.embeds[0]["description"].splitlines()
    assert sorted(listed) == [
        "• [Hijet Jumbo arrived](https://kei.example/jumbo) · `hijet`",
        "• [Hijet dump arrived](https://kei.example/dump) · `hijet`",
    ]
    [dump] = await keitora.bot.services.announcements.of_member(
        int(loopback.guild.id), int(yoshi.id), "dump", 5, posted=True
    )

    await loopback.slash("importer delete", announcement=str(dump.id), actor=yoshi)
    await settled(keitora, "alert.%")

    [edit] = edits_of(loopback, loopback.dm_channel(mika).id)
    assert edit.path.endswith(f"/messages/{digest.id}")
    assert edit.request["content"] == (
        "Your alerts matched 2 new announcements from **Kei Imports**:"
    )
    [embed] = edit.request["embeds"]
    assert embed["description"].splitlines() == [
        "• *taken down by its importer* · `hijet`" if "dump" in line else line for line in listed
    ], embed["description"]


async def test_a_dm_that_refuses_the_edit_is_left_as_it_is(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, mika = loopback.member("Yoshi"), loopback.member("Mika")
    await alert_dm_sent(keitora, loopback)
    loopback.close_dms(mika)  # blocked the bot since: Discord answers the edit 403 (50007)

    await loopback.slash("importer delete", announcement="1", actor=yoshi)
    await settled(keitora, "alert.%")

    [refused] = edits_of(loopback, loopback.dm_channel(mika).id)  # not retried
    assert (refused.status, refused.response["code"]) == (403, 50007)
    state = await keitora.store.fetchval(
        "SELECT state FROM jobs WHERE kind = ?", (ALERT_DM_EDIT_JOB,)
    )
    assert state == "failed"


async def test_the_composition_wires_removals_to_alert_dms(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dm = await alert_dm_sent(keitora, loopback)
    await settled(keitora, "importer.%")
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    await settled(keitora, "importer.%")
    await settled(keitora, "alert.%")
    [edit] = edits_of(loopback, loopback.dm_channel(loopback.member("Mika")).id)
    assert edit.path.endswith(f"/messages/{dm.id}")


async def test_a_suspension_and_its_lifting_each_edit_the_alert_dm_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The DM's card must not call a suspended importer verified, as its posted card no longer
    does; wired through the composition, as a running bot has it."""
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    dm = await alert_dm_sent(keitora, loopback)
    dm_channel = loopback.dm_channel(mika).id

    await loopback.slash("importer-mod suspend", importer="1", reason="Checking", actor=marcus)
    await settled(keitora, "alert.%")
    [suspended] = edits_of(loopback, dm_channel)
    assert suspended.path.endswith(f"/messages/{dm.id}")
    assert "suspended importer" in str(suspended.request["embeds"]), suspended.request

    keitora.clock.advance(timedelta(seconds=1))  # a later change, keyed apart
    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    await settled(keitora, "alert.%")
    [_, lifted] = edits_of(loopback, dm_channel)
    assert "suspended importer" not in str(lifted.request["embeds"]), lifted.request
    assert "verified importer" in str(lifted.request["embeds"]), lifted.request


async def test_an_alert_dm_reads_as_the_last_of_changes_made_within_one_second(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Each change edits the DM again, even in the second of the one before: the DM must not
    go on calling an importer suspended once that is lifted."""
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await alert_dm_sent(keitora, loopback)
    dm_channel = loopback.dm_channel(mika).id

    # The world's clock stands still: suspended and lifted in one second.
    await loopback.slash("importer-mod suspend", importer="1", reason="Checking", actor=marcus)
    await settled(keitora, "alert.%")
    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    await settled(keitora, "alert.%")

    shown = [str(edit.request["embeds"]) for edit in edits_of(loopback, dm_channel)]
    assert len(shown) == 2, shown
    assert "verified importer" in shown[-1], shown[-1]
