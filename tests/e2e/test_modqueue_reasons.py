"""A rejection's reason refused, through the loopback: "Fix the form" under the refusal opens
the reason form again with what was typed, and the fixed form answers in place of the refusal,
on the item's post (through the outbox) and on the /modqueue page it was first sent from."""

from __future__ import annotations

from sandbox import Loopback, Message, Reply
from sandbox.bodies import walk_components

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_modqueue import edited, reject, told_why
from .test_showcase_nominations import queue_posts, queue_ready

REASON = "Reason (the submitter reads it)"
TYPED = "  x  "  # long enough for Discord's form; too short once its spaces are gone


async def refused_then_reopened(loopback: Loopback, opened: Reply) -> tuple[Reply, Reply]:
    """The reason form `opened` sent with TYPED, and opened again from under the refusal."""
    refused = await loopback.submit_modal(opened, {REASON: TYPED})
    told = fix_offered(refused)
    assert told.ephemeral
    assert "The reason is too short: give at least 3 characters." in told.content
    return refused, await loopback.click(told, "Fix the form", actor=loopback.member("Marcus"))


def fix_offered(refused: Reply) -> Message:
    """The answer to a refused reason that offers "Fix the form"."""
    answers = [refused.message, *refused.followups] if refused.message else refused.followups
    [told] = [message for message in answers if "Fix the form" in message.buttons]
    return told


async def rejecting_on_its_post(loopback: Loopback) -> tuple[Message, Reply]:
    """Dale's suggestion posted to the mod-queue channel, and the reason form Marcus opened
    with its Reject."""
    await queue_ready(loopback)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    return queued, await loopback.click(queued, "Reject", actor=loopback.member("Marcus"))


async def test_a_refused_reason_is_fixed_from_under_the_refusal_and_answers_in_its_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    queued, opened = await rejecting_on_its_post(loopback)
    assert opened.record.callback_body is not None
    sent = opened.record.callback_body["data"]["components"]
    [box] = [c for c in walk_components(sent) if c["type"] == 4]
    assert box["min_length"] == 3  # a reason typed afresh is held to 3 by the form itself

    _, reopened = await refused_then_reopened(loopback, opened)

    assert reopened.type == 9
    assert form(reopened) == {REASON: TYPED.strip()}  # what was typed, its outer spaces aside
    assert loopback.dms(dale) == []  # nothing decided yet
    fixed = await loopback.submit_modal(reopened, {REASON: "Already in the glossary"})
    said = f"Rejected by <@{marcus.id}>; {told_why(loopback.member('Dale'))}"
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

    said = f"Rejected by <@{marcus.id}>; {told_why(loopback.member('Dale'))}"
    assert (fixed.type, fixed.content) == (7, said)
    await refused.wait_until(lambda reply: bool(reply.edits))
    [page] = refused.edits
    assert page["content"] == said
    assert page["embeds"][0]["description"] == "Nothing is waiting."


async def test_a_refused_reason_reopens_filled_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    _, opened = await rejecting_on_its_post(loopback)
    told = fix_offered(await loopback.submit_modal(opened, {REASON: "  x\n  "}))
    [fix] = [c for c in walk_components(told.components) if c.get("label") == "Fix the form"]
    assert len(fix["custom_id"]) <= 100

    await keitora.restart()
    reopened = await loopback.click(told, "Fix the form", actor=marcus)

    assert reopened.record.callback_body is not None
    assert reopened.record.callback_body["type"] == 9  # the bot sent a modal
    sent = reopened.record.callback_body["data"]["components"]
    [field] = [c for c in walk_components(sent) if c["type"] == 4]
    assert field["value"] == "x"  # what was typed; its outer spaces mean nothing in a reason
    # Discord opens no form prefilled short of its field's min_length: the box takes the short
    # reason as it was typed, to be added to, its 500 characters still the most.
    assert (field.get("min_length"), field["max_length"]) == (None, 500)
    fixed = await loopback.submit_modal(reopened, {REASON: "Already in the glossary"})
    said = f"Rejected by <@{marcus.id}>; {told_why(loopback.member('Dale'))}"
    assert fixed.type == 7  # the refusal gives way, its "Fix the form" gone
    assert (fixed.content, fixed.components) == (said, [])


async def test_fix_the_form_of_an_item_another_decided_since_says_so_in_place_and_on_the_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await queue_ready(loopback)
    for term, member in (("tanbo", "Dale"), ("hatake", "Rosa")):
        suggester = loopback.member(member)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=suggester)
    tanbo, _ = await queue_posts(loopback, 2)
    listed = await loopback.slash("modqueue", actor=marcus)
    opened = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    refused = await loopback.submit_modal(opened, {REASON: TYPED})
    told = fix_offered(refused)

    await reject(loopback, tanbo, "Reject", "Akiko")
    late = await loopback.click(told, "Fix the form", actor=marcus)

    rejected = f"Rejected by <@{akiko.id}>; {told_why(loopback.member('Dale'))}"
    said = f"That glossary suggestion was already decided: {rejected}"
    assert late.type == 7  # no form for an item nobody can reject now: the refusal gives way
    assert (late.content, late.components) == (said, [])
    await refused.wait_until(lambda reply: bool(reply.edits))
    [page] = refused.edits
    assert page["content"] == said
    assert page["embeds"][0]["footer"]["text"] == "1 waiting"
