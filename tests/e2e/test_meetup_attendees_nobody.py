"""`/meetup attendees` of a cancelled meetup, or a date under way, that nobody answered says so
once, with no empty list under it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted


async def test_a_cancelled_meetup_nobody_answered_says_so_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Solo")
    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))

    shown = await loopback.slash("meetup attendees", meetup="1")
    sent = shown.record.callback_body
    assert sent is not None
    assert sent["data"]["flags"] & 64  # ephemeral
    assert sent["data"]["content"] == "**Solo** was cancelled before anyone answered."
    assert not sent["data"].get("embeds")
    assert not sent["data"].get("components")


async def test_a_date_under_way_nobody_answered_says_so_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Swap meet", when="Dec 5 10am")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    keitora.clock.set(start + timedelta(minutes=30))

    shown = await loopback.slash("meetup attendees", meetup="Swap meet")
    sent = shown.record.callback_body
    assert sent is not None
    assert sent["data"]["content"] == (
        f"**Swap meet** started <t:{unix(start)}:F> (<t:{unix(start)}:R>) before anyone answered."
    )
    assert not sent["data"].get("embeds")


async def test_a_cancelled_meetup_only_cant_go_answered_says_nobody_said_they_would_come(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Solo")
    await loopback.click(card, "Can't go", actor=loopback.member("Dale"))
    await loopback.slash("meetup cancel", meetup="1", reason="Rain", actor=loopback.member("Tammy"))

    shown = await loopback.slash("meetup attendees", meetup="1")
    assert shown.content == "**Solo** was cancelled before anyone said they'd come: Rain."
    assert not shown.embeds
