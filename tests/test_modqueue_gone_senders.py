"""A rejection's words count the senders a forget took out of those still to be told why
(`GoneSenders`), the only record of them left: words kept before the count read the old way
("1 of them asked to be forgotten before being told") are counted on from, and a reason saying
"will be told why" is the moderator's own words, never changed."""

from __future__ import annotations

from bot.modqueue.posts import GoneSenders, gone_senders, record_gone_senders
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, Queue

REASON = "\nReason: Whoever sends it again will be told why. 2 of them asked"


async def rejected_with(queue: Queue, words: str) -> int:
    """A nomination posted and rejected, its post keeping `words`."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.store.execute(
        "UPDATE modqueue_posts SET decision = ?, outcome = 'rejected' WHERE ref_id = ?",
        (words, nomination.id),
    )
    return nomination.id


async def decision(queue: Queue, ref_id: int) -> str:
    return await queue.store.fetchval(
        "SELECT decision FROM modqueue_posts WHERE ref_id = ?", (ref_id,)
    )


async def test_words_kept_the_old_way_are_counted_on_from(queue: Queue) -> None:
    old = f"Rejected by <@{MODERATOR}>; a member and <@{DALE}> will be told why. 1 of them "
    ref_id = await rejected_with(queue, f"{old}asked to be forgotten before being told.{REASON}")

    gone = await gone_senders(queue.store, GUILD, NOMINATION_KIND, ref_id)
    assert gone == GoneSenders(forgotten_first=1)
    await record_gone_senders(queue.store, GUILD, NOMINATION_KIND, ref_id, gone.with_dm("done"))

    assert await decision(queue, ref_id) == (
        f"Rejected by <@{MODERATOR}>; a member and <@{DALE}> will be told why, but for 1 told "
        f"already and 1 who asked to be forgotten before being told.{REASON}"
    )
    assert await gone_senders(queue.store, GUILD, NOMINATION_KIND, ref_id) == GoneSenders(
        told=1, forgotten_first=1
    )


async def test_a_reason_saying_so_is_no_count(queue: Queue) -> None:
    words = f"Rejected by <@{MODERATOR}>; <@{DALE}> could not be told why.{REASON}"
    ref_id = await rejected_with(queue, words)

    assert await gone_senders(queue.store, GUILD, NOMINATION_KIND, ref_id) == GoneSenders()
    gone = GoneSenders(refused=1)
    assert not await record_gone_senders(queue.store, GUILD, NOMINATION_KIND, ref_id, gone)
    assert await decision(queue, ref_id) == words
