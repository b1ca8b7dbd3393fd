""" "Keep it" buttons from older releases, on questions still in Discord: before the three
confirmations shared `keep:…`, removing an importer answered `importer:keep` and taking down a
post `importer:keep-post`. A click on one still keeps, as the new button does, rather than
leaving Discord to say the interaction failed. Asserted on the request the bot sent."""

from __future__ import annotations

import pytest

from sandbox import Loopback, Message
from sandbox.messages import new_message, publish

from .conftest import RunningBot
from .test_importers import server_ready


async def old_question(loopback: Loopback, custom_id: str) -> Message:
    """A question the bot posted before the deploy, with a "Keep it" of `custom_id`."""
    bot = loopback.world.users[loopback.bot.id]
    button = {"type": 2, "style": 2, "label": "Keep it", "custom_id": custom_id}
    body = {"content": "Remove “Kei Imports”?", "components": [{"type": 1, "components": [button]}]}
    raw = new_message(loopback.core, loopback.channel("mod-queue").id, bot, body, {}, **body)
    return Message.of(loopback.world, await publish(loopback.core, raw))


@pytest.mark.parametrize(
    ("custom_id", "kept"),
    [("importer:keep", "removed"), ("importer:keep-post", "taken down")],
)
async def test_an_old_keep_it_still_keeps(
    loopback: Loopback, keitora: RunningBot, custom_id: str, kept: str
) -> None:
    await server_ready(loopback, trusted=True)
    asked = await old_question(loopback, custom_id)
    before = len(loopback.requests)

    answer = await loopback.click(asked, custom_id, actor=loopback.member("Marcus"))

    assert answer.text == f"Kept; nothing was {kept}."
    [sent] = [r for r in loopback.requests[before:] if "/callback" in r.path]
    assert sent.request["data"]["content"] == f"Kept; nothing was {kept}."
    assert sent.request["data"]["components"] == []
