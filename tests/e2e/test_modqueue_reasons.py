"""A rejection's reason refused, through the loopback: "Fix the form" under the refusal opens
the reason form again with what was typed, and the fixed form answers in place of the refusal,
on the item's post (through the outbox) and on the /modqueue page it was first sent from."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_modqueue import TOLD, edited
from .test_showcase_nominations import queue_posts, queue_ready

REASON = "Reason (the submitter reads it)"
TYPED = "  x  "  # long enough for Discord's form; too short once its spaces are gone


async def refused_then_reopened(loopback: Loopback, opened: Reply) -> tuple[Reply, Reply]:
    """The reason form `opened` sent with TYPED, and opened again from under the refusal."""
    refused = await loopback.submit_modal(opened, {REASON: TYPED})
    answers = [refused.message, *refused.followups] if refused.message else refused.followups
    [told] = [message for message in answers if "Fix the form" in message.buttons]
    assert told.ephemeral
    assert "Give a reason of 3 to 500 characters" in told.content
    return refused, await loopback.click(told, "Fix the form", actor=loopback.member("Marcus"))


async def test_a_refused_reason_is_fixed_from_under_the_refusal_and_answers_in_its_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    await queue_ready(loopback)
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    opened = await loopback.click(queued, "Reject", actor=marcus)

    _, reopened = await refused_then_reopened(loopback, opened)

    assert reopened.type == 9
    assert form(reopened) == {REASON: TYPED}  # what was typed, not lost
    assert loopback.dms(dale) == []  # nothing decided yet
    fixed = await loopback.submit_modal(reopened, {REASON: "Already in the glossary"})
    said = f"Rejected by <@{marcus.id}>; {TOLD}"
    assert fixed.type == 7  # the refusal gives way, its "Fix the form" gone
    assert (fixed.content, fixed.components) == (said, [])
    edit = (await edited(loopback, queued, content=said)).request
    assert edit["components"] == []


async def test_a_reason_refused_on_a_page_and_fixed_shows_the_decision_on_that_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    listed = await loopback.slash("modqueue", actor=marcus)
    opened = await loopback.click(listed, "Reject glossary #1", actor=marcus)

    refused, reopened = await refused_then_reopened(loopback, opened)
    fixed = await loopback.submit_modal(reopened, {REASON: "Already in the glossary"})

    said = f"Rejected by <@{marcus.id}>; {TOLD}"
    assert (fixed.type, fixed.content) == (7, said)
    await refused.wait_until(lambda reply: bool(reply.edits))
    [page] = refused.edits
    assert page["content"] == said
    assert page["embeds"][0]["description"] == "Nothing is waiting."
