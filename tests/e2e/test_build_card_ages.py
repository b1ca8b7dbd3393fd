"""A build's age as its card in the thread and `/build show` tell it, through the loopback: the
same words in both, however long ago the card was drawn. An open build shows the day it started
as a Discord timestamp (each reader's client counts from it), a closed one how long it was built
over, from its start to its close. Asserted on what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock, unix
from sandbox import ChannelRef, Loopback
from sandbox.state import Json

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, FORUM_POST, field, forum_build, requests

START = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
pytestmark = pytest.mark.clock(START)


def card_sent(loopback: Loopback, thread: ChannelRef) -> Json:
    """The build card as the bot last sent it to the thread: the forum post's first message, or
    the newest edit of it."""
    edits = [
        r.request
        for r in requests(loopback, EDIT_MESSAGE)
        if r.path.endswith(f"/{thread.id}/messages/{thread.id}") and r.request.get("embeds")
    ]
    if edits:
        embed: Json = edits[-1]["embeds"][0]
        return embed
    [post] = requests(loopback, FORUM_POST)
    first: Json = post.request["message"]["embeds"][0]
    return first


async def shown(loopback: Loopback) -> Json:
    """Build #1's card as `/build show` sent it."""
    reply = await loopback.slash("build show", build="1")
    assert reply.record.callback_body is not None
    [embed] = reply.record.callback_body["data"]["embeds"]
    card: Json = embed
    return card


def names(embed: Json) -> list[str]:
    return [f["name"] for f in embed["fields"]]


async def test_an_untouched_open_build_shows_its_start_day_alike_a_year_on(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    thread = await forum_build(loopback)
    started = f"<t:{unix(START)}:D> (<t:{unix(START)}:R>)"
    assert field(card_sent(loopback, thread), "Started") == started

    clock.advance(timedelta(days=391))
    show = await shown(loopback)
    assert field(show, "Started") == started
    assert show["fields"] == card_sent(loopback, thread)["fields"]
    assert "Days since start" not in names(show)


async def test_a_closed_build_shows_how_long_it_was_built_over_in_both_places(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    thread = await forum_build(loopback)
    clock.advance(timedelta(days=86, hours=3))
    closed_at = clock.now()
    assert "Build #1 is closed" in (await loopback.slash("build close", build="1")).text
    built = f"86 days, <t:{unix(START)}:D> to <t:{unix(closed_at)}:D>"
    card = card_sent(loopback, thread)
    assert field(card, "Built over") == built
    assert "Started" not in names(card)

    clock.advance(timedelta(days=184))
    show = await shown(loopback)
    assert field(show, "Built over") == built
    assert show["fields"] == card["fields"]

    # Reopened, it is under way again: the card counts from its start once more.
    await loopback.slash("build reopen", build="1")
    reopened = card_sent(loopback, thread)
    assert field(reopened, "Started") == f"<t:{unix(START)}:D> (<t:{unix(START)}:R>)"
    assert "Built over" not in names(reopened)


async def test_a_build_closed_on_its_first_day_was_built_over_less_than_a_day(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    thread = await forum_build(loopback)
    clock.advance(timedelta(hours=5))
    await loopback.slash("build close", build="1")
    # One day named once: "December 5, 2026 to December 5, 2026" read as a slip.
    built = f"less than a day, on <t:{unix(START)}:D>"
    assert field(card_sent(loopback, thread), "Built over") == built
    assert field(await shown(loopback), "Built over") == built
