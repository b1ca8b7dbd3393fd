"""An importer changes an announcement still waiting for moderators, through the loopback: the
form opens with what they wrote, the queue post is edited to show the change, and what was
posted or decided is not offered."""

from __future__ import annotations

from bot.modqueue import MODQUEUE_REFRESH_JOB, REFRESH_AFTER
from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import edited
from .test_importers import announce, server_ready, settle
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


async def test_an_importer_changes_a_waiting_announcement_and_its_queue_post_shows_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "Acty arived", body="No price")
    assert "waits for a moderator" in await announce(loopback, "Carry arrived")
    acty, carry = await queue_posts(loopback, 2)
    await loopback.click(carry, "Approve", actor=marcus)
    offered = await loopback.autocomplete("importer edit", "announcement", "", actor=yoshi)
    assert offered == [{"name": "#1 Acty arived", "value": "1"}]

    opened = await loopback.slash("importer edit", announcement="1", actor=yoshi)
    assert opened.modal is not None, opened.text
    assert opened.modal["title"] == "Change announcement #1"
    prefilled = {
        row["components"][0]["label"]: row["components"][0].get("value")
        for row in opened.modal["components"]
    }
    assert prefilled["Title"] == "Acty arived"
    assert prefilled["Text"] == "No price"
    saved = await loopback.submit_modal(
        opened, {"Title": "Acty arrived", "Text": "4WD, $6,500 @everyone"}, actor=yoshi
    )

    assert saved.ephemeral
    assert saved.content == "Saved: “Acty arrived” still waits for a moderator, as changed."
    keitora.clock.advance(REFRESH_AFTER)  # edits of one post are gathered for a moment
    keitora.bot.services.jobs.wake()
    edit = await edited(loopback, acty)
    embed = edit.request["embeds"][0]
    assert embed["title"] == "Acty arrived"
    assert "4WD, $6,500 @\u200beveryone" in embed["description"], embed
    refused = await loopback.slash("importer edit", announcement="2", actor=yoshi)
    assert "“Carry arrived” was posted already, so it cannot be changed" in refused.text
    await loopback.click(acty, "Approve", actor=marcus)
    cards = await settle(loopback, "announcements", 2, "both announcements")
    assert [card.embeds[0]["title"] for card in cards] == ["Carry arrived", "Acty arrived"]


async def test_a_queue_post_shows_the_last_of_two_changes_made_within_one_second(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Each change edits the queue post again, even in the second of the one before: the
    moderators must decide what the importer wrote last."""
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arived")
    [acty] = await queue_posts(loopback, 1)

    # The world's clock stands still; each edit's refresh runs before the next change.
    for title in ("Acty arrived", "Acty 4WD arrived"):
        opened = await loopback.slash("importer edit", announcement="1", actor=yoshi)
        await loopback.submit_modal(opened, {"Title": title}, actor=yoshi)
        await keitora.bot.services.jobs.run_now(MODQUEUE_REFRESH_JOB, "")
        await settled(keitora, "modqueue.%")

    assert (await edited(loopback, acty)).request["embeds"][0]["title"] == "Acty 4WD arrived"
