"""A glossary suggestion whose member ran /privacy forget while it waited: rejecting it, on its
post or from /modqueue, names them nowhere and DMs nobody. Asserted on every request the bot
sent from the forget on. One rejected before its member was forgotten, whose post names them
as told why, names them no more once they are."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from bot.modqueue import LET_GO_AFTER
from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import forget
from .test_modqueue import REASON, edited, reject, told_why, was_told
from .test_privacy import DELETE_BUILDS
from .test_reminders import settled
from .test_showcase_nominations import queue_posts, queue_ready


async def test_rejecting_a_forgotten_members_suggestion_names_them_nowhere(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, marcus = loopback.member("Dale"), loopback.member("Marcus")
    await queue_ready(loopback)
    for term in ("tanbo", "hatake"):
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=dale)
    tanbo, _ = await queue_posts(loopback, 2)
    since = len(loopback.requests)

    await forget(loopback, "Dale", DELETE_BUILDS)
    forgotten = time.monotonic()
    listed = await loopback.slash("modqueue", actor=marcus)
    on_post = await reject(loopback, tanbo, "Reject", "Marcus")
    in_list = await reject(loopback, listed, "Reject glossary #2", "Marcus")
    await settled(keitora, "%")

    reason = REASON["Reason (the submitter reads it)"]
    said = f"Rejected by <@{marcus.id}>; its sender was forgotten, so nobody is told."
    assert on_post.record.callback_body["data"]["content"] == f"{said}\nReason: {reason}"
    assert said in json.dumps(in_list.record.callback_body, ensure_ascii=False)
    # What the bot sent, but its answers to Dale's own /privacy forget, which are his alone.
    sent = [
        r
        for r in loopback.requests[since:]
        if r.request is not None
        and not (r.path.startswith("/interactions/") and r.finished and r.finished < forgotten)
    ]
    assert sent
    naming = [(r.method, r.path, r.request) for r in sent if dale.id in json.dumps(r.request)]
    assert naming == []
    assert not any(r.path.startswith("/users/@me/channels") for r in loopback.requests[since:])
    assert loopback.dms(dale) == []


async def test_a_rejection_naming_its_sender_names_them_no_more_once_they_are_forgotten(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, marcus = loopback.member("Dale"), loopback.member("Marcus")
    await queue_ready(loopback)
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [tanbo] = await queue_posts(loopback, 1)
    rejected = await reject(loopback, tanbo, "Reject", "Marcus")
    said = f"Rejected by <@{marcus.id}>; {told_why(dale)}"
    assert rejected.record.callback_body["data"]["content"] == said
    # Weeks go by: the daily sweeps keep the post, for a forget of the member it names, which
    # says by now that they were told why.
    for _ in range(2):
        keitora.clock.advance(LET_GO_AFTER + timedelta(days=1))
        keitora.bot.services.jobs.wake()
        await settled(keitora, "%")
        await keitora.bot.services.modqueue.let_go_of_decided()

    await forget(loopback, "Dale", DELETE_BUILDS)

    unnamed = f"Rejected by <@{marcus.id}>; {was_told(dale)}".replace(f"<@{dale.id}>", "a member")
    edit = (await edited(loopback, tanbo, content=unnamed)).request
    assert str(dale.id) not in json.dumps(edit)
    assert edit["components"] == []  # still decided: no buttons come back
