"""The interaction webhook: each route answers by the token in its path, as Discord does. A token
Discord never gave is invalid, one past its 15 minutes has expired on every route, and a
followup always answers with its message."""

from __future__ import annotations

import pytest

from sandbox import Loopback
from sandbox.replies import Reply

from .conftest import ProbeBot, RestCall

FIFTEEN_MINUTES = 15 * 60.0


async def _answered(loopback: Loopback) -> Reply:
    return await loopback.slash("glossary lookup", term="keitora", public=True)


async def test_a_token_discord_never_gave_is_invalid_and_a_strange_id_unknown(
    loopback: Loopback, bot: ProbeBot, rest: RestCall
) -> None:
    reply = await _answered(loopback)
    app_id = loopback.core.world.application_id

    invalid = await rest("GET", f"/webhooks/{app_id}/not-a-token/messages/@original")
    unknown = await rest(
        "GET", f"/webhooks/{int(app_id) + 1}/{reply.record.token}/messages/@original"
    )

    assert (invalid[0], invalid[1]["code"]) == (401, 50027)
    assert (unknown[0], unknown[1]["code"]) == (404, 10015)


async def test_every_route_refuses_a_token_past_its_15_minutes(
    loopback: Loopback, bot: ProbeBot, rest: RestCall
) -> None:
    reply = await _answered(loopback)
    reply.record.dispatched_at -= FIFTEEN_MINUTES
    base = f"/webhooks/{loopback.core.world.application_id}/{reply.record.token}"

    answers = [
        await rest("GET", f"{base}/messages/@original"),
        await rest("PATCH", f"{base}/messages/@original", {"content": "edited"}),
        await rest("POST", base, {"content": "one more"}),
        await rest("DELETE", f"{base}/messages/@original"),
    ]

    assert [(status, body["code"]) for status, body in answers] == [(401, 50027)] * 4
    [shown] = loopback.messages("general")
    assert shown.embeds[0]["title"] == "keitora"


@pytest.mark.parametrize(
    ("content", "answer"), [("one more", (200, "one more")), ("", (400, 50006))]
)
async def test_a_followup_answers_with_its_message_unasked_and_is_refused_when_empty(
    loopback: Loopback, bot: ProbeBot, rest: RestCall, content: str, answer: tuple[int, object]
) -> None:
    reply = await _answered(loopback)
    base = f"/webhooks/{loopback.core.world.application_id}/{reply.record.token}"

    status, body = await rest("POST", base, {"content": content})

    # No `wait` asked for: an interaction's followup answers with its message all the same.
    assert (status, body.get("content", body.get("code"))) == answer
    assert len(reply.record.followups) == (status == 200)
