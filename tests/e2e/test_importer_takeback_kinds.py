"""A withdrawal from the moderation queue and a take-down of an approved announcement are told
apart through the loopback: to the importer acting on their own gone, and in their /privacy
export (to a moderator: test_importer_late_answers). Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_importer_late_answers import said
from .test_importers import announce, server_ready, settle
from .test_privacy_export_words import exported
from .test_reminders import settled


async def approved_and_posted(loopback: Loopback, title: str) -> None:
    """Marcus approves the queue post of `title`; its post is in the channel."""

    def card() -> Message | None:
        return next(
            (m for m in loopback.messages("mod-queue") if m.embeds[0]["title"] == title), None
        )

    await loopback.wait_until(lambda: card() is not None, within=10, what="the queue post")
    await loopback.click(card(), "Approve", actor=loopback.member("Marcus"))
    await settle(loopback, "announcements", 1, "the approved post")


async def withdrawn_and_taken_down(loopback: Loopback) -> None:
    """Yoshi withdraws #1 from the queue, and takes #2 down once approved and posted."""
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "News A")
    await loopback.slash("importer withdraw", announcement="1", actor=yoshi)
    assert "waits for a moderator" in await announce(loopback, "News B")
    await approved_and_posted(loopback, "News B")
    await loopback.slash("importer delete", announcement="2", actor=yoshi)


async def test_the_importers_export_says_which_was_withdrawn_and_which_taken_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await withdrawn_and_taken_down(loopback)
    await settled(keitora, "importer.%")

    server = await exported(loopback, "Yoshi")

    rows = server["importer_announcements_withdrawn"]
    assert [(row["by"], row["what"]) for row in rows] == [
        ("you", "withdrawn while it waited for a moderator, never posted"),
        ("you", "taken down once approved"),
    ], rows


async def test_an_importer_acting_on_their_own_gone_is_told_what_became_of_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await withdrawn_and_taken_down(loopback)

    withdrawn = await loopback.slash("importer delete", announcement="1", actor=yoshi)
    taken = await loopback.slash("importer delete", announcement="2", actor=yoshi)

    assert said(loopback, withdrawn)["content"] == (
        "You withdrew it already, while it waited for a moderator; it was never posted."
    ), withdrawn.text
    assert said(loopback, taken)["content"] == "You took it down already.", taken.text
