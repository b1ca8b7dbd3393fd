"""A build changed in what a moderator judges (its title, its truck, its cover photo) after it
was nominated is not featured on the strength of what they saw: the click is refused, and the
moderator is shown the build as it is now, on the queue post or their /modqueue page."""

from __future__ import annotations

from bot.modqueue import REFRESH_AFTER
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.api import File

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, requests
from .test_forget_messages import path_of
from .test_glossary_curation import form
from .test_modqueue import custom_ids, edited
from .test_modqueue_revisions import REASON, approve_ids
from .test_showcase import PNG, start_builds
from .test_showcase_nominations import nominate, posted_to, queue_posts, queue_ready


async def nominated(loopback: Loopback) -> ChannelRef:
    """The queue ready, and Mika's build nominated by Dale; its thread."""
    await queue_ready(loopback)
    [thread] = await start_builds(loopback, "Mika")
    await nominate(loopback, "Dale")
    return thread


def taken_edits(loopback: Loopback, post: Message) -> list[dict]:
    """The bodies of the bot's edits of `post` that Discord took, oldest first."""
    return [
        r.request
        for r in requests(loopback, EDIT_MESSAGE)
        if r.path == path_of(post) and r.status == 200
    ]


def last_edit(loopback: Loopback, post: Message) -> dict:
    """The body of the bot's last edit of `post` that Discord took."""
    return taken_edits(loopback, post)[-1]


def buttons_of(reply: Reply) -> list[str]:
    return custom_ids(reply.record.callback_body["data"])


async def test_an_approval_on_a_queue_post_seen_before_a_rename_is_refused_and_refreshes_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    thread = await nominated(loopback)
    [post] = await queue_posts(loopback, 1)
    renamed = await loopback.slash("build rename", title="Rust bucket", where=thread, actor=mika)
    assert "Rust bucket" in renamed.text, renamed.text

    refused = await loopback.click(post, "Approve", actor=marcus)

    assert refused.type == 7  # the post, refreshed as the answer
    body = refused.record.callback_body["data"]
    assert body["embeds"][0]["title"] == "Build #1 · Rust bucket"
    [approve, reject] = buttons_of(refused)
    assert approve.startswith("modq:approve:nomination:1:"), approve
    assert reject.startswith("modq:reject:nomination:1:"), reject
    await refused.wait_until(lambda reply: bool(reply.followups))
    [told] = refused.followups
    assert told.ephemeral
    assert "changed since you saw it" in told.content, told.content
    assert posted_to(loopback, "showcase") == []

    approved = await loopback.click(refused, "Approve", actor=marcus)
    assert approved.edits[-1]["content"].startswith(f"Approved by <@{marcus.id}>.")
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["title"] == "★ #1 · Rust bucket"


async def test_an_approval_on_a_page_seen_before_a_new_cover_photo_is_refused_and_shows_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    thread = await nominated(loopback)
    listed = await loopback.slash("modqueue", actor=marcus)
    assert approve_ids(listed) == ["modq:approve:nomination:1"]  # as nominated
    await loopback.slash(
        "build update",
        text="Painted",
        photo=File("paint.png", PNG, "image/png"),
        where=thread,
        actor=mika,
    )

    refused = await loopback.click(listed, "Approve nomination #1", actor=marcus)

    assert refused.type == 7  # the page itself, shown again
    body = refused.record.callback_body["data"]
    assert "changed since you saw it" in body["content"], body
    photo = next(m for m in loopback.messages(thread) if m.attachments).attachments[0].url
    assert body["embeds"][1]["image"]["url"] == photo
    [approve] = approve_ids(refused)
    assert approve.startswith("modq:approve:nomination:1:"), approve
    assert posted_to(loopback, "showcase") == []

    approved = await loopback.click(refused, "Approve nomination #1", actor=marcus)
    assert f"Approved by <@{marcus.id}>." in approved.edits[-1]["content"]
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["image"]["url"] == photo


async def test_a_new_cover_photo_shows_on_the_queue_post_before_anyone_clicks(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await nominated(loopback)
    [post] = await queue_posts(loopback, 1)
    assert "image" not in post.embeds[0]

    await loopback.slash(
        "build update",
        text="Painted",
        photo=File("paint.png", PNG, "image/png"),
        where=thread,
        actor=loopback.member("Mika"),
    )
    keitora.clock.advance(REFRESH_AFTER)  # edits of one post are gathered for a moment
    keitora.bot.services.jobs.wake()

    photo = next(m for m in loopback.messages(thread) if m.attachments).attachments[0].url
    edit = (await edited(loopback, post)).request
    assert edit["embeds"][0]["image"]["url"] == photo
    buttons = [c["custom_id"] for row in edit["components"] for c in row["components"]]
    assert buttons[0].startswith("modq:approve:nomination:1"), buttons

    # The photo taken back: the post shows the build without it.
    keitora.clock.advance(REFRESH_AFTER)
    asked = await loopback.slash(
        "build delete-update", update="1", where=thread, actor=loopback.member("Mika")
    )
    await loopback.click(asked, "Delete it", actor=loopback.member("Mika"))
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: "image" not in last_edit(loopback, post)["embeds"][0],
        within=5,
        what="the queue post without the photo",
    )


TYPED = "Not yet, needs photos"


async def rename(loopback: Loopback, thread: ChannelRef) -> None:
    """Mika, the build's owner, renames it "Rust bucket"."""
    await loopback.slash(
        "build rename", title="Rust bucket", where=thread, actor=loopback.member("Mika")
    )


def typed_kept(told: Message) -> None:
    """The refusal of a reason for a build changed since shows what was typed, to copy, and
    offers it again ("Fix the form")."""
    assert told.ephemeral
    assert "changed since you saw it" in told.content, told.content
    sent = told.embeds[0]
    assert sent["title"] == "What you sent"
    assert sent["fields"] == [{"name": REASON, "value": TYPED, "inline": False}]
    assert "Fix the form" in told.buttons


async def test_a_reason_refused_for_a_rename_on_its_post_is_shown_back_and_sent_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    thread = await nominated(loopback)
    [post] = await queue_posts(loopback, 1)
    opened = await loopback.click(post, "Reject", actor=marcus)
    await rename(loopback, thread)

    refused = await loopback.submit_modal(opened, {REASON: TYPED}, actor=marcus)

    assert refused.record.callback_body["data"]["embeds"][0]["title"] == "Build #1 · Rust bucket"
    await refused.wait_until(lambda reply: bool(reply.followups))
    [told] = refused.followups
    typed_kept(told)
    # Sent again once looked at, as typed: the rejection is of the build as it is now.
    again = await loopback.click(told, "Fix the form", actor=marcus)
    assert form(again) == {REASON: TYPED}
    done = await loopback.submit_modal(again, {}, actor=marcus)
    assert done.content.startswith(f"Rejected by <@{marcus.id}>; <@{dale.id}> will be told")
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 1, within=10, what="the DM")
    assert "Rust bucket" in loopback.dms(dale)[0].content


async def test_a_reason_refused_for_a_rename_on_a_page_is_shown_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    thread = await nominated(loopback)
    opened = await loopback.click(
        await loopback.slash("modqueue", actor=marcus), "Reject nomination #1", actor=marcus
    )
    await rename(loopback, thread)

    refused = await loopback.submit_modal(opened, {REASON: TYPED}, actor=marcus)

    assert refused.type == 7  # the page, the build shown under it as it is now
    assert refused.record.callback_body["data"]["embeds"][1]["title"] == "Build #1 · Rust bucket"
    await refused.wait_until(lambda reply: bool(reply.followups))
    [told] = refused.followups
    typed_kept(told)
