"""What an importer's member is told of a moderator's decisions about the importer, through the
loopback: a removal (with what waited and will not be posted), a suspension lifted (with only
what is true of what it held back); and who may not speak for an importer at all (a bot)."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer, Item

from .conftest import RunningBot
from .test_alert_takedowns import edits_of
from .test_importer_held_takedown import held_back
from .test_importer_suspended_cards import past_the_outboxs_records
from .test_importers import (
    announce,
    loopback,  # noqa: F401 (the fixture)
    posts_to,
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)
from .test_reminders import settled


async def test_a_removed_importers_member_is_told_what_went_and_what_will_never_be_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "you will hear if it is not approved" in await announce(loopback, "Hijet landed")
    await settle(loopback, "mod-queue", 1, "the queue post")

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    assert f"<@{yoshi.id}> is told by DM." in asked.text, asked.text
    removed = await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    assert f"Told <@{yoshi.id}> by DM." in removed.text, removed.text
    [dm] = loopback.dms(yoshi)
    assert dm.content == (
        "**Kei Imports** was removed from **Kei Truck Owners of America** by its moderators: "
        "your importer profile and feed are gone, and “Hijet landed”, which waited for a "
        "moderator, will not be posted. Ask the moderators if you want to know why."
    ), dm.content
    [request] = [r.request for r in loopback.requests if r.path.endswith("/messages")][-1:]
    assert request["allowed_mentions"]["parse"] == []


async def test_a_removal_dm_names_two_announcements_that_waited_without_all(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    for title in ("Hijet landed", "Acty landed"):
        assert "you will hear if it is not approved" in await announce(loopback, title)
    await settle(loopback, "mod-queue", 2, "the queue posts")

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    await loopback.wait_until(lambda: loopback.dms(yoshi), within=10, what="the DM")
    [dm] = loopback.dms(yoshi)
    assert (
        "your importer profile and feed are gone, and “Hijet landed” and “Acty landed”, which "
        "waited for a moderator, will not be posted. Ask"
    ) in dm.content, dm.content


async def test_a_removal_dm_says_what_was_posted_stays_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Acty arrived")
    await settle(loopback, "announcements", 1, "the announcement")
    await settled(keitora, "importer.%")

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    await loopback.wait_until(lambda: loopback.dms(yoshi), within=10, what="the DM")
    [dm] = loopback.dms(yoshi)
    assert dm.content == (
        "**Kei Imports** was removed from **Kei Truck Owners of America** by its moderators: "
        "your importer profile and feed are gone. Your 1 posted announcement stays up, its card "
        "naming a former importer. Ask the moderators if you want to know why."
    ), dm.content


async def test_a_bot_cannot_be_registered_as_an_importer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    for name in ("Keitora",):  # the bot itself; another bot is refused alike (`user.bot`)
        refused = await loopback.slash(
            "importer-mod register",
            name="Bot Imports",
            member=loopback.member(name),
            actor=loopback.member("Akiko"),
        )
        assert refused.ephemeral
        assert refused.text == "A bot cannot speak for an importer; register a member.", (
            refused.text
        )
    listed = await loopback.slash("importer list", actor=loopback.member("Akiko"))
    assert "Bot Imports" not in listed.text, listed.text


async def test_a_lifted_suspension_says_only_what_is_true_of_what_it_held_back(
    keitora: RunningBot, loopback: Loopback, server: FeedServer
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    lifted_of = (
        "The suspension of **Kei Imports** in **Kei Truck Owners of America** was lifted: you "
        "can announce again"
    )

    # Nothing was held back.
    await loopback.slash("importer-mod suspend", importer="1", reason="Papers", actor=marcus)
    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert loopback.dms(yoshi)[-1].content == f"{lifted_of}.", loopback.dms(yoshi)[-1].content

    # What waits for a moderator waits again: it is not on its way.
    server.serve_feed("/feed", [Item("Acty arrived", "https://kei.example/acty")])
    await loopback.slash("importer feed url", url=server.url("/feed"), actor=yoshi)
    await settle(loopback, "mod-queue", 1, "the queue post")
    await loopback.slash("importer-mod suspend", importer="1", reason="Papers", actor=marcus)
    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert loopback.dms(yoshi)[-1].content == (
        f"{lifted_of}. 1 announcement waits for a moderator again."
    ), loopback.dms(yoshi)[-1].content
    assert posts_to(loopback, "announcements") == []


async def test_a_lifted_suspension_says_what_it_held_back_is_on_its_way(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await held_back(keitora, loopback, clock)

    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)

    await settle(loopback, "announcements", 1, "the announcement held back")
    await loopback.wait_until(lambda: len(loopback.dms(yoshi)) == 2, within=10, what="the DM")
    assert loopback.dms(yoshi)[-1].content == (
        "The suspension of **Kei Imports** in **Kei Truck Owners of America** was lifted: you "
        "can announce again. 1 announcement it held back is on its way."
    ), loopback.dms(yoshi)[-1].content


async def test_a_rename_or_a_change_of_trust_is_told_to_the_importer_by_dm(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)

    edited = await loopback.slash(
        "importer-mod edit", importer="1", name="Rising Sun Imports", trusted=False, actor=marcus
    )

    assert f"<@{yoshi.id}> is told by DM." in edited.text, edited.text
    await loopback.wait_until(lambda: loopback.dms(yoshi), within=10, what="the DM")
    [dm] = loopback.dms(yoshi)
    assert dm.content == (
        "A moderator of **Kei Truck Owners of America** changed **Kei Imports**: it is now named "
        "**Rising Sun Imports**, on its posted cards too; its announcements and feed items now "
        "wait for a moderator before they are posted. Ask a moderator if you think this is a "
        "mistake."
    ), dm.content
    await loopback.slash("importer-mod edit", importer="1", trusted=True, actor=marcus)
    await loopback.wait_until(lambda: len(loopback.dms(yoshi)) == 2, within=10, what="the DM")
    assert loopback.dms(yoshi)[-1].content == (
        "A moderator of **Kei Truck Owners of America** changed **Rising Sun Imports**: its "
        "announcements and feed items are now posted without review (what waits for a "
        "moderator already still does). Ask a moderator if you think this is a mistake."
    ), loopback.dms(yoshi)[-1].content
    # A change of website alone changes nothing the importer must know of.
    await loopback.slash(
        "importer-mod edit", importer="1", website="https://kei.example", actor=marcus
    )
    await settled(keitora, "importers.%")
    assert len(loopback.dms(yoshi)) == 2


@pytest.mark.parametrize("posted_long_ago", [False, True])
async def test_a_renamed_importers_cards_name_it_as_alert_dms_sent_from_now_on_do(
    keitora: RunningBot, loopback: Loopback, posted_long_ago: bool
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Hijet arrived")
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await settled(keitora, "importer.%")
    assert card.embeds[0]["author"]["name"] == "Kei Imports · verified importer"
    if posted_long_ago:
        await past_the_outboxs_records(keitora)

    await loopback.slash("importer-mod edit", importer="1", name="Rising Sun Imports", actor=marcus)

    channel = loopback.channel("announcements").id
    await loopback.wait_until(lambda: edits_of(loopback, channel), within=10, what="the edit")
    [edit] = edits_of(loopback, channel)
    assert edit.path.endswith(f"/messages/{card.id}")
    [embed] = edit.request["embeds"]
    assert embed["author"]["name"] == "Rising Sun Imports · verified importer"
    assert embed["title"] == "Hijet arrived"


async def test_a_removal_dm_names_what_a_suspension_held_back_as_never_posted(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await held_back(keitora, loopback, clock)

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    await loopback.wait_until(lambda: len(loopback.dms(yoshi)) == 2, within=10, what="the DM")
    assert loopback.dms(yoshi)[-1].content == (
        "**Kei Imports** was removed from **Kei Truck Owners of America** by its moderators: "
        "your importer profile and feed are gone. “Acty arrived, $5,500”, which was not posted "
        "yet, will not be posted. Ask the moderators if you want to know why."
    ), loopback.dms(yoshi)[-1].content
    assert posts_to(loopback, "announcements") == []
