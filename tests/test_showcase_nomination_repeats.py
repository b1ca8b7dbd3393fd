"""A build's nomination repeats the nominations a moderator rejected before while the build
reads as they judged it (title, truck, cover): its queue item names that rejection, who made
it, when and why. A build changed since is judged anew, and a moderator forgotten is named no
more there, the item's post rendered again."""

from __future__ import annotations

from bot.modqueue import RejectedBefore
from bot.privacy import Forgotten
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, MODS, ROSA, Queue

REASON = "Blurry photos"


async def rejected_then_nominated_again(queue: Queue) -> tuple[int, int]:
    """Dale's nomination rejected, then Rosa's of the same build posted: their ids."""
    first = await queue.showcase.nominate(queue.build, DALE)
    await queue.post()
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, first.id, MODERATOR, REASON)
    again = await queue.showcase.nominate(queue.build, ROSA)
    await queue.post()
    return first.id, again.id


async def item_repeats(queue: Queue, ref_id: int) -> RejectedBefore | None:
    item = await queue.modqueue.source(NOMINATION_KIND).item(GUILD, ref_id)
    assert item is not None
    return item.repeats


async def test_a_build_nominated_again_as_it_was_repeats_its_rejection(queue: Queue) -> None:
    first, again = await rejected_then_nominated_again(queue)

    repeats = await item_repeats(queue, again)

    assert repeats is not None
    assert (repeats.ref_id, repeats.rejected_by, repeats.reason) == (first, MODERATOR, REASON)
    [listed] = await queue.modqueue.pending(GUILD)
    assert listed.repeats == repeats


async def test_a_build_changed_since_its_rejection_is_judged_anew(queue: Queue) -> None:
    _, again = await rejected_then_nominated_again(queue)

    await queue.store.execute("UPDATE builds SET title = 'Hijet, new bed'")

    assert await item_repeats(queue, again) is None


async def test_its_moderator_forgotten_is_named_no_more(queue: Queue) -> None:
    _, again = await rejected_then_nominated_again(queue)

    async with queue.store.transaction():
        forgotten: Forgotten = await queue.showcase.member_data().forget(GUILD, MODERATOR, True)

    repeats = await item_repeats(queue, again)
    assert repeats is not None
    assert repeats.rejected_by is None
    [post] = forgotten.changed_queue_posts
    assert (post.kind, post.ref_id, post.channel_id) == (NOMINATION_KIND, again, MODS)
