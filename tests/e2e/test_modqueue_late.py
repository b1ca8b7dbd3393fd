"""A moderator late for an item, through the loopback: a click on its queue post, still showing
buttons because Discord was too busy for the post's own edit, has the post show the decision
in place and tells the moderator who decided it."""

from __future__ import annotations

import asyncio

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_builds import EDIT_MESSAGE
from .test_modqueue import reject, told_why
from .test_showcase_nominations import dales_nomination_posted, queue_posts, queue_ready

EDIT_ORIGINAL = ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")


async def test_a_late_click_on_a_queue_post_shows_the_decision_on_it_and_names_who_decided(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await queue_ready(loopback)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    # The outbox's edit of the post is refused: it still offers its buttons.
    loopback.faults.rate_limit(*EDIT_MESSAGE, times=100, retry_after=0.01)
    listed = await loopback.slash("modqueue", actor=akiko)
    await reject(loopback, listed, "Reject glossary #1", "Akiko")

    late = await loopback.click(queued, "Approve", actor=marcus)

    said = f"Rejected by <@{akiko.id}>; {told_why(loopback.member('Dale'))}"
    assert late.type == 7  # the post itself, shown decided
    body = late.record.callback_body["data"]
    assert (body["content"], body["components"]) == (said, [])
    assert body["allowed_mentions"]["parse"] == []
    await late.wait_until(lambda reply: bool(reply.followups))
    [told] = late.followups
    assert told.ephemeral
    assert told.content == f"That glossary suggestion was already decided: {said}"


async def test_a_late_click_landing_while_the_winners_answer_is_on_its_way_leaves_it_its_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    queued = await dales_nomination_posted(loopback)
    # Marcus's approval is deferred, and its edit of the post slow to land.
    loopback.faults.slow(*EDIT_ORIGINAL, 0.5)
    winning = asyncio.create_task(loopback.click(queued, "Approve", actor=marcus))

    async def recorded() -> bool:
        return bool(await keitora.store.fetchval("SELECT decision FROM modqueue_posts"))

    await eventually(recorded, "Marcus's decision recorded")
    late = await loopback.click(queued, "Approve", actor=akiko)
    won = await winning

    said = await keitora.store.fetchval("SELECT decision FROM modqueue_posts")
    assert said.startswith(f"Approved by <@{marcus.id}>. ")
    assert late.type == 7
    assert late.record.callback_body["data"]["content"] == said
    # Akiko's edit of the same post is not the answer Marcus's click waited for.
    assert won.type == 6
    assert [edit["content"] for edit in won.edits] == [said]


async def test_how_an_item_never_posted_was_decided_is_told_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    dale = loopback.member("Dale")
    # No mod-queue channel: the suggestion waits in /modqueue alone, never posted.
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    stale = await loopback.slash("modqueue", actor=marcus)
    listed = await loopback.slash("modqueue", actor=akiko)
    await reject(loopback, listed, "Reject glossary #1", "Akiko")

    await keitora.restart()
    late = await loopback.click(stale, "Approve glossary #1", actor=marcus)

    said = f"Rejected by <@{akiko.id}>; {told_why(loopback.member('Dale'))}"
    assert late.type == 7  # the page, shown again
    body = late.record.callback_body["data"]
    assert body["content"] == f"That glossary suggestion was already decided: {said}"
    assert body["embeds"][0]["description"] == "Nothing is waiting."
