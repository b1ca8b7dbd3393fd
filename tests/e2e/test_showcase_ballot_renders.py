"""A ballot's message is rendered by more than one hand: the close, and the jobs that follow a
lock, an unlock or a forget. Each reads the ballot and edits its message under one lock per
ballot, so an edit made from what was read before a close can never land after the close's
own, showing "vote!" and buttons on a ballot whose clicks answer "closed"."""

from __future__ import annotations

import asyncio

from sandbox import Loopback, Message
from sandbox.core import RequestRecord

from .conftest import RunningBot, eventually
from .test_build_locks import three_on_a_ballot_and_a_vote_for_the_first

EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


def edits_of_path(ballot: Message) -> str:
    return f"/channels/{ballot.channel_id}/messages/{ballot.id}"


def edits_of(loopback: Loopback, ballot: Message) -> list[RequestRecord]:
    return [r for r in loopback.requests if r.method == "PATCH" and r.path == edits_of_path(ballot)]


async def test_a_re_render_read_before_the_close_does_not_land_after_the_closes_edit(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus = loopback.member("Marcus")

    await loopback.slash("build-mod lock", build="2", reason="spam", actor=marcus)
    await loopback.wait_until(
        lambda: any(r.finished for r in edits_of(loopback, ballot)), what="the lock's edit"
    )

    rendering = keitora.bot.services.showcase.ballots.rendering
    ballot_id = await keitora.store.fetchval("SELECT id FROM showcase_ballots")
    # The unlock's re-render reads the ballot open and sends its edit, holding the ballot's
    # turn while Discord sits on it.
    held = loopback.faults.hold(*EDIT, applies_to=lambda path: path == edits_of_path(ballot))
    unlocking = asyncio.create_task(loopback.slash("build-mod unlock", build="2", actor=marcus))
    await asyncio.wait_for(held.arrived.wait(), 10)

    # The close waits for its turn after the re-render; without one it would send its own
    # edit now, which Discord takes before the held one.
    closing = asyncio.create_task(loopback.slash("showcase-mod vote close", actor=marcus))
    waits = asyncio.create_task(
        eventually(lambda: rendering.waiting(ballot_id) == 1, "the close waiting its turn")
    )
    edited = asyncio.create_task(
        loopback.wait_until(lambda: len(edits_of(loopback, ballot)) == 3, within=10)
    )
    _, pending = await asyncio.wait({waits, edited}, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    held.release()

    closed = await closing
    assert closed.text.startswith("The ballot is closed"), closed.text
    assert (await unlocking).text.startswith("Build #2 is unlocked.")
    await loopback.wait_until(
        lambda: all(r.finished is not None for r in edits_of(loopback, ballot)),
        within=10,
        what="every edit of the ballot",
    )

    # In the order Discord took them: once the ballot showed its close, it never showed
    # "vote!" again, not even until a later edit (the result's link) put the close back.
    landed = sorted(edits_of(loopback, ballot), key=lambda r: r.finished or 0.0)
    titles = [r.request["embeds"][0]["title"] for r in landed]
    first_closed = titles.index("Build of the Month: voting closed")
    assert set(titles[first_closed:]) == {"Build of the Month: voting closed"}, titles
    assert all(r.request["components"] == [] for r in landed[first_closed:])
    shown = next(m for m in loopback.messages("showcase") if m.id == ballot.id)
    assert shown.components == []
    assert shown.embeds[0]["title"] == "Build of the Month: voting closed"
