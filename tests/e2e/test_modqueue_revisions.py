"""An announcement changed by its importer after a moderator saw it is not approved on the
strength of what they saw: the click is refused, and the moderator is shown it as it reads now,
on their /modqueue page or on the queue post, to decide again."""

from __future__ import annotations

from sandbox import Loopback, Message, Reply
from sandbox.api import Json

from .conftest import RunningBot
from .test_importers import announce, posts_to, server_ready, settle
from .test_modqueue import custom_ids, listed_ids
from .test_showcase_nominations import queue_posts

SCAM = "DM me, pay by gift card"
SCAM_LINK = "https://gift-card.example/pay"


async def change(loopback: Loopback, text: str = SCAM) -> None:
    """Yoshi edits the scam (or `text`) into announcement #1, still waiting for a moderator."""
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer edit", announcement="1", actor=yoshi)
    assert opened.modal is not None, opened.text
    fields = {"Text": text, "Link (https://…)": SCAM_LINK}
    saved = await loopback.submit_modal(opened, fields, actor=yoshi)
    assert "still waits for a moderator, as changed" in saved.content, saved.text


def approve_ids(reply: Reply) -> list[str]:
    return [custom_id for custom_id in listed_ids(reply) if custom_id.startswith("modq:approve")]


async def test_an_approval_on_a_page_seen_before_a_change_is_refused_and_shows_the_change(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(
        loopback, "Acty arrived", body="Ready in Houston"
    )
    listed = await loopback.slash("modqueue", actor=marcus)
    # Never changed: the button's id is the one posts carried before revisions existed.
    assert approve_ids(listed) == ["modq:approve:announcement:1"]

    await change(loopback)
    refused = await loopback.click(listed, "Approve announcement #1", actor=marcus)

    assert refused.type == 7  # the page itself, shown again
    body = refused.record.callback_body["data"]
    assert "has changed since you saw it" in body["content"], body
    shown = body["embeds"][1]
    assert shown["description"] == SCAM
    assert shown["url"] == SCAM_LINK
    assert approve_ids(refused) == ["modq:approve:announcement:1:1"]
    assert posts_to(loopback, "announcements") == []

    # Seen as it is now, it may be approved.
    approved = await loopback.click(refused, "Approve announcement #1", actor=marcus)
    content = approved.record.callback_body["data"]["content"]
    assert content.startswith(f"Approved by <@{marcus.id}>"), content
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    assert card.embeds[0]["description"] == SCAM


async def test_an_approval_on_a_queue_post_seen_before_a_change_is_refused_and_refreshes_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived", body="Ready in Houston")
    [post] = await queue_posts(loopback, 1)
    await change(loopback)  # the post's own refresh waits a few seconds to gather edits

    refused = await loopback.click(post, "Approve", actor=marcus)

    assert refused.type == 7  # the post, refreshed as the answer
    body = refused.record.callback_body["data"]
    assert body["embeds"][0]["description"] == SCAM
    buttons = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert buttons[0] == "modq:approve:announcement:1:1"
    await refused.wait_until(lambda reply: bool(reply.followups))
    [told] = refused.followups
    assert told.raw["flags"] & 64  # ephemeral: for the moderator who clicked
    assert "has changed since you saw it" in told.content
    assert posts_to(loopback, "announcements") == []

    approved = await loopback.click(refused, "Approve", actor=marcus)
    assert approved.record.callback_body["data"]["content"].startswith(
        f"Approved by <@{marcus.id}>"
    )
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    assert card.embeds[0]["description"] == SCAM


REASON = "Reason (the submitter reads it)"
CHANGED = "has changed since you saw it"
CHANGED_AGAIN = "Now with a free kei truck"


def reject_ids(reply: Reply) -> list[str]:
    return [custom_id for custom_id in listed_ids(reply) if custom_id.startswith("modq:reject")]


async def announced(loopback: Loopback) -> Message:
    """Yoshi's announcement waiting for a moderator; its queue post."""
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived", body="Ready in Houston")
    [post] = await queue_posts(loopback, 1)
    return post


def shown_changed(reply: Reply, text: str, *, embed: int = 0) -> Json:
    """The body of `reply`, which refused a rejection by editing the message it came from (no
    form opened) to show the item as `text` (in its embed `embed`)."""
    assert reply.modal is None
    assert reply.type == 7
    body = reply.record.callback_body["data"]
    assert body["embeds"][embed]["description"] == text, body
    return body


async def told_changed(reply: Reply) -> None:
    """`reply` edited a queue post: the moderator is told why, alone."""
    await reply.wait_until(lambda reply: bool(reply.followups))
    [told] = reply.followups
    assert told.ephemeral
    assert CHANGED in told.content, told.content


async def test_a_reason_sent_from_a_queue_post_seen_before_a_change_is_refused_and_refreshes_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, yoshi = loopback.member("Marcus"), loopback.member("Yoshi")
    post = await announced(loopback)
    opened = await loopback.click(post, "Reject", actor=marcus)
    assert opened.modal is not None, opened.text
    await change(loopback)  # while the reason form is open

    refused = await loopback.submit_modal(opened, {REASON: "No prices"}, actor=marcus)

    body = shown_changed(refused, SCAM)  # the post, refreshed as the answer
    buttons = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert buttons == ["modq:approve:announcement:1:1", "modq:reject:announcement:1:1"]
    await told_changed(refused)
    assert loopback.dms(yoshi) == []  # nothing decided

    # Seen as it is now, it may be rejected.
    rejected = await loopback.click(refused, "Reject", actor=marcus)
    done = await loopback.submit_modal(rejected, {REASON: "No gift cards"}, actor=marcus)
    assert done.record.callback_body["data"]["content"].startswith(f"Rejected by <@{marcus.id}>")
    await loopback.wait_until(lambda: len(loopback.dms(yoshi)) == 1, within=10, what="the DM")


async def test_reject_on_a_queue_post_seen_before_a_change_opens_no_form_and_refreshes_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    post = await announced(loopback)
    await change(loopback)

    refused = await loopback.click(post, "Reject", actor=loopback.member("Marcus"))

    shown_changed(refused, SCAM)
    await told_changed(refused)


async def test_reject_on_a_page_seen_before_a_change_is_refused_and_so_is_its_reason(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, yoshi = loopback.member("Marcus"), loopback.member("Yoshi")
    await announced(loopback)
    listed = await loopback.slash("modqueue", actor=marcus)
    assert reject_ids(listed) == ["modq:reject:announcement:1"]  # as posts had it before
    await change(loopback)

    stale = await loopback.click(listed, "Reject announcement #1", actor=marcus)

    # No form for words the moderator has not seen: the page itself, shown again.
    assert CHANGED in shown_changed(stale, SCAM, embed=1)["content"]
    assert reject_ids(stale) == ["modq:reject:announcement:1:1"]

    # Its form opened as it is now, and changed again before the reason is sent.
    opened = await loopback.click(stale, "Reject announcement #1", actor=marcus)
    assert opened.modal is not None, opened.text
    await change(loopback, CHANGED_AGAIN)
    refused = await loopback.submit_modal(opened, {REASON: "No prices"}, actor=marcus)

    assert CHANGED in shown_changed(refused, CHANGED_AGAIN, embed=1)["content"]
    assert reject_ids(refused) == ["modq:reject:announcement:1:2"]
    assert loopback.dms(yoshi) == []


async def test_fix_the_form_of_a_reason_for_an_item_changed_since_is_refused_in_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, yoshi = loopback.member("Marcus"), loopback.member("Yoshi")
    post = await announced(loopback)

    async def refused_reason() -> Message:
        opened = await loopback.click(post, "Reject", actor=marcus)
        short = await loopback.submit_modal(opened, {REASON: "  x  "}, actor=marcus)
        [told] = [m for m in [short.message, *short.followups] if m and "Fix the form" in m.buttons]
        return told

    # Refused for a short reason, then changed: "Fix the form" opens no form, and the refusal
    # shows the item as it is now under what was typed, "Fix the form" now for the change.
    told = await refused_reason()
    await change(loopback)
    again = await loopback.click(told, "Fix the form", actor=marcus)

    body = shown_changed(again, SCAM, embed=1)  # in place of the refusal
    assert CHANGED in body["content"]
    assert body["embeds"][0]["fields"][0]["value"] == "x"
    assert custom_ids(body) == ["modq:fix:announcement:1:1"]

    # The post shown as it is now (a click on it refreshes it), a reason refused, its form
    # reopened, then changed while the form is open: the fixed reason is refused in place.
    await loopback.click(post, "Reject", actor=marcus)
    reopened = await loopback.click(await refused_reason(), "Fix the form", actor=marcus)
    assert reopened.modal is not None, reopened.text
    await change(loopback, CHANGED_AGAIN)
    refused = await loopback.submit_modal(reopened, {REASON: "No prices"}, actor=marcus)

    body = shown_changed(refused, CHANGED_AGAIN, embed=1)
    assert CHANGED in body["content"]
    assert body["embeds"][0]["fields"][0]["value"] == "No prices"  # to copy, or send again
    assert custom_ids(body) == ["modq:fix:announcement:1:2"]
    assert loopback.dms(yoshi) == []


async def test_fix_the_form_from_a_page_for_an_item_changed_since_shows_it_on_that_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await announced(loopback)
    listed = await loopback.slash("modqueue", actor=marcus)
    opened = await loopback.click(listed, "Reject announcement #1", actor=marcus)
    refused = await loopback.submit_modal(opened, {REASON: "  x  "}, actor=marcus)
    [told] = [m for m in [refused.message, *refused.followups] if m and "Fix the form" in m.buttons]
    await change(loopback)

    again = await loopback.click(told, "Fix the form", actor=marcus)

    body = shown_changed(again, SCAM, embed=1)  # in place of the refusal, under what was typed
    assert CHANGED in body["content"]
    assert custom_ids(body) == ["modq:fix:announcement:1:1"]
    await refused.wait_until(lambda reply: bool(reply.edits))  # and on the page it came from
    [page] = refused.edits
    assert CHANGED in page["content"]
    assert page["embeds"][1]["description"] == SCAM
    assert custom_ids(page)[:2] == ["modq:approve:announcement:1:1", "modq:reject:announcement:1:1"]
