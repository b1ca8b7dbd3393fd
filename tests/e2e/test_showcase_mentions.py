"""Mentions in the free text members and moderators write about a build (a nomination's
reason, a feature's note, a lock's reason, an update) are kept, and wherever Keitora shows
them, in the queue, the showcase, a card, a DM or a reply, they are inert and ping nobody."""

from __future__ import annotations

import json
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_showcase import start_builds
from .test_showcase_nominations import dms_sent_to, nominate, queue_posts, queue_ready

PINGS = ("@everyone", "@here", "<@123>", "<@&42>")


def bodies(loopback: Loopback) -> list[dict[str, Any]]:
    """Every message Keitora sent or edited, and every reply, as Discord received it."""
    sent = []
    for record in loopback.requests:
        body = record.request
        if not isinstance(body, dict):
            continue
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        if "content" in data or "embeds" in data:
            sent.append(data)
    return sent


def shown(body: dict[str, Any]) -> str:
    """What Discord renders of `body`, Markdown and mentions read: all but embed footers, shown
    as plain text (a question keeps a moderator's reason there as typed, to read it back)."""
    embeds = [{k: v for k, v in embed.items() if k != "footer"} for embed in body.get("embeds", ())]
    return json.dumps({**body, "embeds": embeds}, ensure_ascii=False)


async def test_mentions_in_a_builds_free_text_are_shown_inert_and_ping_nobody(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    [thread, _] = await start_builds(loopback, "Dale", "Rosa")
    await nominate(loopback, "Mika", "1", reason="@everyone look, <@123>")
    await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod feature", build="1", note="@here by <@&42>", actor=marcus)
    dale = loopback.member("Dale")
    update = "Thanks <@123> and @everyone"
    await loopback.slash("build update", text=update, where=thread, actor=dale)
    await loopback.slash("build-mod lock", build="1", reason="@everyone <@&42>", actor=marcus)
    await keitora.bot.job_runner.run_due()
    await eventually(lambda: len(dms_sent_to(loopback, "Dale")) >= 2, "Dale's DMs")
    card = await loopback.slash("build show", build="1", actor=dale)
    # A deletion's reason, told to a moderator asking after the build.
    asked = await loopback.slash(
        "build delete", build="2", reason="spam @here <@123>", actor=marcus
    )
    await loopback.click(asked, "Delete it", actor=marcus)
    await loopback.slash("build show", build="2", actor=marcus)
    assert "Locked by a moderator: " in json.dumps(card.record.callback_body)

    for body in bodies(loopback):
        text = shown(body)
        assert not [ping for ping in PINGS if ping in text], text
        assert body["allowed_mentions"]["parse"] == [], text
        assert not body["allowed_mentions"].get("roles"), text
    every = json.dumps(bodies(loopback), ensure_ascii=False)
    # Each text reached Discord, kept: the reason in the queue, the note on the showcase, the
    # update in the thread, the lock's reason on the card and in the owner's DM.
    for kept in ("look, <@\u200b123>", "by <@\u200b&42>", "Thanks <@\u200b123>"):
        assert kept in every, kept
    assert every.count("@\u200beveryone <@\u200b&42>") >= 2
    assert "The reason given: “spam @\u200bhere <@\u200b123>”." in every
