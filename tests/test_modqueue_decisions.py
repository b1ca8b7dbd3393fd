"""Decisions that come too late or at once: a second moderator is told who decided the item (or
that it was withdrawn), two decisions at the same moment make one, and a member forgotten while
their item is rejected gets no DM."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.modqueue import MODQUEUE_REJECTED_JOB, NotWaiting
from bot.showcase import NOMINATION_KIND
from bot.store import Store
from tests.modqueue_harness import DALE, GUILD, HANK, MODERATOR, Queue


async def test_a_member_forgotten_while_their_item_is_rejected_gets_no_dm(
    queue: Queue, store: Store
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    dismissed, forgotten = asyncio.Event(), asyncio.Event()
    dismiss = queue.showcase.dismiss

    async def dismiss_then_linger(
        guild_id: int, nomination_id: int, moderator_id: int, reason: str
    ) -> None:
        await dismiss(guild_id, nomination_id, moderator_id, reason)
        dismissed.set()
        # Room for the forget to run between this decision and the DMs it leads to, as an
        # await on a busy bot gives; it cannot when the rejection holds the write lock.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(forgotten.wait(), 0.5)

    async def forget() -> None:
        async with store.transaction():
            for part in (queue.showcase.member_data(), queue.jobs.member_data()):
                await part.forget(GUILD, DALE, False)
        forgotten.set()

    queue.showcase.dismiss = dismiss_then_linger  # type: ignore[method-assign]
    rejecting = asyncio.create_task(
        queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
    )
    await dismissed.wait()
    await asyncio.gather(rejecting, forget())

    assert await queue.jobs.pending_keys(MODQUEUE_REJECTED_JOB, "") == []


async def test_a_moderator_second_to_an_item_never_posted_is_told_who_decided_it(
    queue: Queue, store: Store
) -> None:
    """Decided before its post went out (no mod-queue channel, or the post on its way), the
    item has no post to keep the words: the second moderator is named them all the same, and
    a forget of the first leaves them unnamed there too."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")

    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, HANK, "Nope")
    said = f"Rejected by <@{MODERATOR}>; <@{DALE}> will be told why."
    assert late.value.message == f"That showcase nomination was already decided: {said}"
    assert late.value.decision == said

    async with store.transaction():
        await queue.modqueue.member_data().forget(GUILD, MODERATOR, False)
    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, HANK)
    assert late.value.decision == f"Rejected by a moderator; <@{DALE}> will be told why."


async def test_two_decisions_of_one_item_at_once_make_one_and_name_it_to_the_other(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)

    results = await asyncio.gather(
        queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR),
        queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, HANK, "Not yet"),
        return_exceptions=True,
    )

    [decision] = [result for result in results if not isinstance(result, BaseException)]
    [late] = [result for result in results if isinstance(result, NotWaiting)]
    if decision.reason:
        assert late.decision == f"Rejected by <@{HANK}>; <@{DALE}> will be told why."
    else:
        featured = f"Build #{queue.build.id} is featured."
        assert late.decision == f"Approved by <@{MODERATOR}>; {featured}"


async def test_an_approval_undone_then_withdrawn_is_told_as_withdrawn(
    queue: Queue, store: Store
) -> None:
    """An approval whose post Discord refused is undone (its nominations wait again): what it
    said is no decision, and once the item is withdrawn a late click is told that."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    await queue.showcase.abandon_feature(queue.build)
    async with store.transaction():
        await queue.showcase.member_data().forget(GUILD, DALE, False)

    with pytest.raises(NotWaiting) as late:
        await queue.modqueue.waiting(GUILD, NOMINATION_KIND, nomination.id)
    assert late.value.message == "That showcase nomination is no longer waiting: it was withdrawn."
