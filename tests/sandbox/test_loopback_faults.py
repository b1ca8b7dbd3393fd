"""The real discord.py client recovers from the faults the loopback injects."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from sandbox import Loopback

from .conftest import ProbeBot

FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"
CREATE_MESSAGE = "/channels/{channel_id}/messages"


async def _still_answers(loopback: Loopback) -> None:
    reply = await loopback.slash("glossary lookup", term="shaken")
    assert reply.embeds[0]["title"] == "shaken"


async def test_dropped_socket_is_resumed(loopback: Loopback, bot: ProbeBot) -> None:
    await loopback.gateway.drop(4000)
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")

    await _still_answers(loopback)
    assert loopback.gateway.identifies == 1


async def test_aborted_connection_is_resumed(loopback: Loopback, bot: ProbeBot) -> None:
    loopback.gateway.abort()
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")

    await _still_answers(loopback)


async def test_reconnect_request_is_followed(loopback: Loopback, bot: ProbeBot) -> None:
    await loopback.gateway.reconnect()
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")

    await _still_answers(loopback)


@pytest.mark.parametrize(("resumable", "identifies", "resumes"), [(False, 2, 0), (True, 1, 1)])
async def test_invalid_session(
    loopback: Loopback, bot: ProbeBot, resumable: bool, identifies: int, resumes: int
) -> None:
    await loopback.gateway.invalidate(resumable)
    await loopback.wait_until(
        lambda: (
            (loopback.gateway.identifies, loopback.gateway.resumes) == (identifies, resumes)
            and loopback.gateway.connected
        ),
        what="a new session" if not resumable else "a resume",
    )

    await _still_answers(loopback)


def _calls(loopback: Loopback, method: str, template: str) -> list[int | None]:
    return [r.status for r in loopback.requests if (r.method, r.template) == (method, template)]


@pytest.mark.parametrize("is_global", [False, True])
async def test_rate_limited_followup_is_retried_once(
    loopback: Loopback, bot: ProbeBot, is_global: bool
) -> None:
    loopback.faults.rate_limit("POST", FOLLOWUP, retry_after=0.05, is_global=is_global)

    reply = await loopback.slash("slow")

    assert reply.content == "done thinking"
    assert _calls(loopback, "POST", FOLLOWUP) == [429, 200]
    assert len(reply.followups) == 1


async def test_rate_limited_message_create_is_delivered_once(
    loopback: Loopback, bot: ProbeBot
) -> None:
    loopback.faults.rate_limit("POST", CREATE_MESSAGE, times=2)

    reply = await loopback.slash("post", text="Meetup moved to 10am")

    assert reply.content == "posted"
    assert _calls(loopback, "POST", CREATE_MESSAGE) == [429, 429, 200]
    assert [m.content for m in loopback.messages("general")] == ["Meetup moved to 10am"]


async def test_slow_route_delays_the_answer(loopback: Loopback, bot: ProbeBot) -> None:
    loopback.faults.slow("POST", CREATE_MESSAGE, 0.2)

    reply = await loopback.slash("post", text="slowly")

    post = next(r for r in loopback.requests if r.template == CREATE_MESSAGE)
    assert post.finished - post.started >= 0.2
    assert reply.content == "posted"


async def test_a_held_call_waits_until_released_and_the_calls_after_it_do_not(
    loopback: Loopback, bot: ProbeBot
) -> None:
    hold = loopback.faults.hold("POST", CREATE_MESSAGE)
    first = asyncio.create_task(loopback.slash("post", text="first"))
    await asyncio.wait_for(hold.arrived.wait(), 10)
    assert hold.path == f"/channels/{loopback.channel('general').id}/messages"
    assert loopback.messages("general") == []

    # Elsewhere (discord.py sends one call at a time per channel until it knows the limits).
    second = await loopback.slash("post", text="second", where=loopback.channel("meetups"))
    assert second.content == "posted"
    assert [m.content for m in loopback.messages("meetups")] == ["second"]
    assert not first.done()

    hold.release()
    assert (await first).content == "posted"
    assert [m.content for m in loopback.messages("general")] == ["first"]


async def test_a_share_of_a_routes_calls_is_rate_limited_only_where_it_applies(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = loopback.channel("general")
    # Twenty posts into one channel, which Discord takes only 5 every 5 seconds: this test is
    # of the planned share of 429s, not of pacing sends.
    loopback.core.options = replace(loopback.core.options, channel_sends=100)
    loopback.faults.rate_limit_share(
        "POST", CREATE_MESSAGE, 0.25, applies_to=lambda path: general.id in path, seed=7
    )

    for number in range(20):
        reply = await loopback.slash("post", text=f"update {number}")
        assert reply.content == "posted"

    statuses = _calls(loopback, "POST", CREATE_MESSAGE)
    assert 1 <= statuses.count(429) <= 12  # about a quarter, and every one retried
    assert statuses.count(200) == 20
    assert [m.content for m in loopback.messages("general")] == [f"update {n}" for n in range(20)]
    loopback.faults.rate_limit_share(
        "POST", CREATE_MESSAGE, 0.99, applies_to=lambda path: "nowhere" in path
    )
    before = len(statuses)
    await loopback.slash("post", text="not refused")
    assert _calls(loopback, "POST", CREATE_MESSAGE)[before:] == [200]
