"""A forgotten importer, through the loopback: what they announced leaves the moderation queue
channel, decided or not (it quotes them), while what was posted for members stays, and so do
the moderators' decisions, as records."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import forget, path_of
from .test_importers import announce, posts_to, server_ready
from .test_modqueue import REASON
from .test_privacy import DELETE_BUILDS, deleted
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


async def test_a_forgotten_importers_decided_queue_posts_go_and_their_posted_news_stays(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    for title in ("Acty arrived", "Open house Saturday", "Carry arrived"):
        assert "waits for a moderator" in await announce(loopback, title)
    rejected, approved, waiting = await queue_posts(loopback, 3)
    asked = await loopback.click(rejected, "Reject", actor=marcus)
    await loopback.submit_modal(asked, REASON, actor=marcus)
    await loopback.click(approved, "Approve", actor=marcus)
    await loopback.wait_until(
        lambda: len(posts_to(loopback, "announcements")) == 1, within=10, what="the approved post"
    )
    [news] = loopback.messages("announcements")

    await forget(loopback, "Yoshi", DELETE_BUILDS)

    for post in (waiting, rejected, approved):
        await deleted(loopback, path_of(post))
    await settled(keitora, "%")
    assert loopback.messages("mod-queue") == []
    assert [m.id for m in loopback.messages("announcements")] == [news.id]
    # The decisions stay, as records of their moderator's, with nothing of what Yoshi sent.
    kept = await keitora.store.fetchall(
        "SELECT ref_id, decision, post_deleted FROM modqueue_posts ORDER BY ref_id"
    )
    assert [tuple(row) for row in kept] == [
        (1, f"Rejected by <@{marcus.id}>.\nReason: {REASON[next(iter(REASON))]}", 1),
        (2, f"Approved by <@{marcus.id}>.", 1),
    ]
