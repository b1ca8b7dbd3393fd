"""An announcement changed by its importer after a moderator saw it is not approved on the
strength of what they saw: the click is refused, and the moderator is shown it as it reads now,
on their /modqueue page or on the queue post, to decide again."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_importers import announce, posts_to, server_ready, settle
from .test_modqueue import listed_ids
from .test_showcase_nominations import queue_posts

SCAM = "DM me, pay by gift card"
SCAM_LINK = "https://gift-card.example/pay"


async def change(loopback: Loopback) -> None:
    """Yoshi edits the scam into announcement #1, still waiting for a moderator."""
    yoshi = loopback.member("Yoshi")
    opened = await loopback.slash("importer edit", announcement="1", actor=yoshi)
    assert opened.modal is not None, opened.text
    fields = {"Text": SCAM, "Link (https://…)": SCAM_LINK}
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
