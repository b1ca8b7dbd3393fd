"""A nomination of a build a moderator locked is held in the queue, not offered for a decision
that cannot succeed: its post and the /modqueue list say it is on hold and offer Reject alone,
until the build is unlocked; once decided, it no longer reads on hold."""

from __future__ import annotations

import pytest

from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback, Message
from sandbox.bot_work import until_settled

from .conftest import RunningBot
from .test_forget_messages import forget, path_of
from .test_importers import announce, server_ready
from .test_modqueue import custom_ids, listed_ids
from .test_privacy import DELETE_BUILDS, deleted
from .test_showcase_nominations import REASON, dales_nomination_posted, queue_posts
from .test_showcase_revisions import taken_edits

HELD = (
    "Build #1 is locked by a moderator (“rude”): it can be rejected, or approved once that changes."
)


async def edits_of(keitora: RunningBot, loopback: Loopback, post: Message, count: int) -> dict:
    """The body of the bot's `count`-th edit of `post` that Discord took, once the edits
    gathered for a moment are made."""
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: len(taken_edits(loopback, post)) >= count, within=10, what="the post edited"
    )
    return taken_edits(loopback, post)[count - 1]


async def test_a_locked_builds_nomination_is_held_with_reject_alone_until_it_is_unlocked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    queued = await dales_nomination_posted(loopback)

    await loopback.slash("build-mod lock", build="1", reason="rude", actor=marcus)

    held = await edits_of(keitora, loopback, queued, 1)
    assert held["embeds"][0]["fields"] == [{"name": "On hold", "value": HELD, "inline": False}]
    assert custom_ids(held) == ["modq:reject:nomination:1"]
    listed = await loopback.slash("modqueue", actor=marcus)
    [line] = listed.embeds[0]["description"].splitlines()
    assert line.endswith(" — **on hold:** Build #1 is locked by a moderator (“rude”)"), line
    assert [i for i in listed_ids(listed) if i.startswith("modq:")] == [
        "modq:reject:nomination:1",
        "modq:refresh",
    ]

    await loopback.slash("build-mod unlock", build="1", actor=marcus)

    lifted = await edits_of(keitora, loopback, queued, 2)
    assert "fields" not in lifted["embeds"][0]
    assert custom_ids(lifted) == ["modq:approve:nomination:1", "modq:reject:nomination:1"]

    # Locked again, it is rejected from its post: the nominator is told why.
    await loopback.slash("build-mod lock", build="1", reason="rude", actor=marcus)
    await edits_of(keitora, loopback, queued, 3)
    opened = await loopback.click(queued, "Reject", actor=marcus)
    rejected = await loopback.submit_modal(opened, {REASON: "Locked for rudeness"}, actor=marcus)
    assert rejected.content.startswith(f"Rejected by <@{marcus.id}>; <@{dale.id}> will be told")
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 1, within=10, what="the DM")


async def no_card_kept(keitora: RunningBot, loopback: Loopback) -> None:
    """Once the post says how its item was decided, the copy of the item's card kept for that
    is gone: it quotes what the sender wrote."""
    await until_settled(loopback, keitora.bot)
    assert await keitora.store.fetchval("SELECT decided_embeds FROM modqueue_posts") is None


async def rejected_on_its_post(
    keitora: RunningBot, loopback: Loopback, queued: Message, hold: str, option: str
) -> dict:
    """Marcus puts the item of post `queued` on hold (the command `hold` on its `option` #1),
    then rejects it from its post once the post shows the hold; the body of the answer, which
    edits the post."""
    marcus = loopback.member("Marcus")
    await loopback.slash(hold, **{option: "1"}, reason="drama", actor=marcus)
    await edits_of(keitora, loopback, queued, 1)
    opened = await loopback.click(queued, "Reject", actor=marcus)
    rejected = await loopback.submit_modal(opened, {REASON: "Not for us"}, actor=marcus)
    body = rejected.record.callback_body["data"]
    # Its decision and its item, without the line that it was on hold: nothing holds it now.
    assert (body["components"], body["content"][:12]) == ([], "Rejected by ")
    assert [f["name"] for f in body["embeds"][0].get("fields", [])] == []
    await no_card_kept(keitora, loopback)
    return body


async def test_a_held_nomination_rejected_on_its_post_no_longer_reads_on_hold(
    keitora: RunningBot, loopback: Loopback
) -> None:
    queued = await dales_nomination_posted(loopback)
    body = await rejected_on_its_post(keitora, loopback, queued, "build-mod lock", "build")
    assert body["embeds"][0]["title"] == "Build #1 · Build 1"  # the item itself still shows


async def test_a_held_announcement_rejected_on_its_post_no_longer_reads_on_hold(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    body = await rejected_on_its_post(keitora, loopback, queued, "importer-mod suspend", "importer")
    assert body["embeds"][0]["title"] == "Acty arrived"


@pytest.mark.parametrize("lifted", [False, True])
async def test_a_held_nomination_rejected_from_a_modqueue_page_no_longer_reads_on_hold(
    keitora: RunningBot, loopback: Loopback, lifted: bool
) -> None:
    """Decided from a page, the post is edited through the outbox: the edit carries the item
    as it was decided, without the line that it was on hold, and reads nothing back first;
    also when the hold was `lifted` a moment before, its post still showing it."""
    marcus = loopback.member("Marcus")
    queued = await dales_nomination_posted(loopback)
    await loopback.slash("build-mod lock", build="1", reason="rude", actor=marcus)
    await edits_of(keitora, loopback, queued, 1)
    listed = await loopback.slash("modqueue", actor=marcus)
    if lifted:  # its edit gathers changes for a moment: the post still shows the hold
        await loopback.slash("build-mod unlock", build="1", actor=marcus)
    asked = await loopback.click(listed, "Reject nomination #1", actor=marcus)
    await loopback.submit_modal(asked, {REASON: "Not for us"}, actor=marcus)

    decided = await edits_of(keitora, loopback, queued, 2)

    assert (decided["content"][:12], decided["components"]) == ("Rejected by ", [])
    [embed] = decided["embeds"]
    assert (embed["title"], embed.get("fields", [])) == ("Build #1 · Build 1", [])
    reads = [r for r in loopback.requests if r.method == "GET" and r.path == path_of(queued)]
    assert reads == []
    assert len(taken_edits(loopback, queued)) == 2
    await no_card_kept(keitora, loopback)


async def test_a_held_announcement_removed_with_its_importer_no_longer_reads_on_hold(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Removing its importer decides the item away from its post, after the announcement is
    gone: the edit still carries its card without the hold, as last shown, and the card's copy
    kept for that edit goes once it is made."""
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    await loopback.slash("importer-mod suspend", importer="1", reason="drama", actor=marcus)
    held = await edits_of(keitora, loopback, queued, 1)
    assert [f["name"] for f in held["embeds"][0].get("fields", [])] == ["On hold"]
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "importer:remove:1", actor=marcus)
    decided = await edits_of(keitora, loopback, queued, 2)
    assert decided["content"].startswith("Removed with ")
    assert decided["components"] == []
    [embed] = decided["embeds"]
    assert (embed["title"], embed.get("fields", [])) == ("Acty arrived", [])
    await no_card_kept(keitora, loopback)


async def test_a_held_announcements_card_copy_goes_with_its_forgotten_importer(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The card kept while the announcement is held quotes the importer: their forget takes it
    with the post."""
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    await loopback.slash("importer-mod suspend", importer="1", reason="drama", actor=marcus)
    await edits_of(keitora, loopback, queued, 1)
    assert await keitora.store.fetchval("SELECT decided_embeds FROM modqueue_posts") is not None

    await forget(loopback, "Yoshi", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))
    assert await keitora.store.fetchval("SELECT count(*) FROM modqueue_posts") == 0


async def test_a_suspension_holds_its_queued_announcement_on_the_post_at_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Nothing wrote the post lately: its edit is made at once, so the console's settling
    (which waits for what is due) shows no Approve a moderator's click would find refused."""
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    await until_settled(loopback, keitora.bot)  # the post's place kept
    keitora.clock.advance(REFRESH_AFTER)  # posted a while ago

    await loopback.slash("importer-mod suspend", importer="1", reason="drama", actor=marcus)
    await until_settled(loopback, keitora.bot)

    [held] = taken_edits(loopback, queued)
    assert [f["name"] for f in held["embeds"][0].get("fields", [])] == ["On hold"]
    assert custom_ids(held) == ["modq:reject:announcement:1"]
