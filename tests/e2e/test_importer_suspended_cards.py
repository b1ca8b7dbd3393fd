"""What members read on a suspended importer's posted cards, through the loopback: a suspension
edits each card to say so (once a card, also when Discord first answers 429), and lifting it
edits them back; changes made in one second each leave the card as the last one reads."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import edits_of
from .test_builds import EDIT_MESSAGE
from .test_importers import (
    POST,
    announce,
    loopback,  # noqa: F401 (the fixture)
    server,  # noqa: F401 (the fixture)
    server_ready,
    settle,
)
from .test_reminders import settled

VERIFIED, SUSPENDED = "Kei Imports · verified importer", "Kei Imports · suspended importer"


async def posted_cards(keitora: RunningBot, loopback: Loopback, *titles: str) -> list[str]:
    """Yoshi's trusted importer posts `titles`; their cards' message ids."""
    await server_ready(loopback, trusted=True)
    for title in titles:
        await announce(loopback, title, link=f"https://kei.example/{title.split()[0].lower()}")
    cards = await settle(loopback, "announcements", len(titles), "the announcements")
    await settled(keitora, "importer.%")
    assert {card.embeds[0]["author"]["name"] for card in cards} == {VERIFIED}
    return [card.id for card in cards]


def shown_last(loopback: Loopback) -> dict[str, str]:
    """Each announcement card's author line as the bot's last accepted edit set it."""
    shown: dict[str, str] = {}
    for edit in edits_of(loopback, loopback.channel("announcements").id):
        if edit.status == 200:
            shown[edit.path.rsplit("/", 1)[1]] = edit.request["embeds"][0]["author"]["name"]
    return shown


def accepted_edits(loopback: Loopback) -> Counter[str]:
    channel = loopback.channel("announcements").id
    return Counter(
        edit.path.rsplit("/", 1)[1] for edit in edits_of(loopback, channel) if edit.status == 200
    )


async def past_the_outboxs_records(keitora: RunningBot) -> None:
    """Past the 60 days finished jobs, and where they sent, are kept: the daily purge has
    forgotten them."""
    keitora.clock.advance(timedelta(days=61))
    assert await keitora.bot.services.jobs.purge_finished() > 0


async def suspended_and_shown(keitora: RunningBot, loopback: Loopback, cards: list[str]) -> None:
    """Marcus suspends the importer; each of `cards` reads so once the edits are done."""
    await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="Prices missing",
        actor=loopback.member("Marcus"),
    )
    await loopback.wait_until(
        lambda: len(accepted_edits(loopback)) == len(cards), within=10, what="the cards' edits"
    )
    await settled(keitora, "importer.%")
    assert shown_last(loopback) == dict.fromkeys(cards, SUSPENDED)


async def test_a_suspension_edits_each_posted_card_once_and_lifting_it_edits_them_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    cards = await posted_cards(keitora, loopback, "Hijet arrived", "Acty arrived")
    loopback.faults.rate_limit(*EDIT_MESSAGE, times=1, retry_after=0.05)

    await suspended_and_shown(keitora, loopback, cards)
    assert accepted_edits(loopback) == Counter(cards)

    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)

    await loopback.wait_until(
        lambda: set(accepted_edits(loopback).values()) == {2}, within=10, what="the edits back"
    )
    await settled(keitora, "importer.%")
    assert shown_last(loopback) == dict.fromkeys(cards, VERIFIED)
    assert accepted_edits(loopback) == Counter(cards * 2)


async def test_a_card_reads_as_the_last_of_changes_made_within_one_second(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    [card] = await posted_cards(keitora, loopback, "Hijet arrived")

    # The world's clock stands still: suspended, lifted and suspended again in one second.
    for command, options in (
        ("importer-mod suspend", {"reason": "Prices missing"}),
        ("importer-mod unsuspend", {}),
        ("importer-mod suspend", {"reason": "Prices still missing"}),
    ):
        await loopback.slash(command, importer="1", **options, actor=marcus)
        await settled(keitora, "importer.%")

    assert shown_last(loopback) == {card: SUSPENDED}


async def test_a_card_on_its_way_as_the_importer_is_suspended_is_edited_once_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    channel = loopback.channel("announcements").id
    held = loopback.faults.hold(*POST, applies_to=lambda path: f"/channels/{channel}/" in path)
    await announce(loopback, "Hijet arrived")
    # Drawn as it read before the suspension, and sitting with Discord as it comes.
    await asyncio.wait_for(held.arrived.wait(), 10)

    await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    held.release()

    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await loopback.wait_until(lambda: shown_last(loopback), within=10, what="the card's edit")
    await settled(keitora, "importer.%")
    assert shown_last(loopback) == {card.id: SUSPENDED}


async def test_cards_posted_before_the_outbox_forgot_their_posts_are_edited_too(
    keitora: RunningBot, loopback: Loopback
) -> None:
    cards = await posted_cards(keitora, loopback, "Hijet arrived", "Acty arrived")
    await past_the_outboxs_records(keitora)

    await suspended_and_shown(keitora, loopback, cards)
