"""The words of a decision on an item never posted (no mod-queue channel) are kept in the
database: a restart loses none of them, a forget of the moderator they name un-names them, and
they go a week after the decision."""

from __future__ import annotations

import pytest

from bot.modqueue import LET_GO_AFTER, ModQueue, NotWaiting
from bot.modqueue.exported import export_member
from bot.privacy import Forgotten
from bot.setup import SetupService
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import DALE, GUILD, MODERATOR, REJECTED, Queue


async def rejected_unposted(queue: Queue) -> int:
    """Dale's nomination, rejected from a list before its post was sent; its id."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, REJECTED, shown=False, outcome="rejected"
    )
    return nomination.id


def restarted(queue: Queue) -> ModQueue:
    """The queue as a new process has it: nothing in memory, the same database."""
    modqueue = ModQueue(
        queue.store, queue.clock, queue.jobs, SetupService(queue.store, queue.clock)
    )
    modqueue.register(queue.modqueue.source(NOMINATION_KIND))  # it keeps nothing in memory
    return modqueue


async def test_a_decision_on_an_item_never_posted_is_told_after_a_restart(queue: Queue) -> None:
    ref_id = await rejected_unposted(queue)

    with pytest.raises(NotWaiting) as late:
        await restarted(queue).waiting(GUILD, NOMINATION_KIND, ref_id)

    assert late.value.decision == REJECTED
    assert late.value.posted is None  # no post to show it on


async def test_a_forget_un_names_the_moderator_in_the_words_of_an_item_never_posted(
    queue: Queue,
) -> None:
    ref_id = await rejected_unposted(queue)
    part = queue.modqueue.member_data()
    exported = await part.export(MODERATOR)
    [row] = exported["queue_decisions_unposted"][GUILD]
    assert row["decision"] == "Rejected by you; a member will be told why."

    async with queue.store.transaction():
        forgotten = await part.forget(GUILD, MODERATOR, False)

    assert forgotten.anonymised == {"moderation queue decisions": 1}
    assert not forgotten.changed_queue_posts  # nothing in Discord names them
    with pytest.raises(NotWaiting) as late:
        await restarted(queue).waiting(GUILD, NOMINATION_KIND, ref_id)
    assert late.value.decision == "Rejected by a moderator; a member will be told why."
    assert (await part.export(MODERATOR))["queue_decisions_unposted"] == {}
    async with queue.store.transaction():
        assert await part.forget(GUILD, MODERATOR, False) == Forgotten()


async def test_the_words_of_a_decision_never_posted_go_a_week_after_it(queue: Queue) -> None:
    ref_id = await rejected_unposted(queue)
    assert await queue.modqueue.let_go_of_decided() == 0

    queue.clock.advance(LET_GO_AFTER)
    assert await queue.modqueue.let_go_of_decided() == 1

    with pytest.raises(NotWaiting) as late:
        await restarted(queue).waiting(GUILD, NOMINATION_KIND, ref_id)
    assert late.value.decision is None


@pytest.mark.parametrize("after_restart", [False, True])
async def test_an_approval_undone_leaves_no_words_for_a_late_click_once_withdrawn(
    queue: Queue, after_restart: bool
) -> None:
    """Recorded, then undone (Discord refused the showcase post): the nominations wait again,
    so once they are withdrawn a late click is told so, not the approval of old."""
    nomination = await queue.showcase.nominate(queue.build, DALE)
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    approved = f"Approved by <@{MODERATOR}>. Build #{queue.build.id} is featured."
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, approved, shown=False, outcome="approved"
    )
    await queue.showcase.abandon_feature(queue.build)
    async with queue.store.transaction():
        await queue.showcase.member_data().forget(GUILD, DALE, False)

    modqueue = restarted(queue) if after_restart else queue.modqueue
    with pytest.raises(NotWaiting) as late:
        await modqueue.waiting(GUILD, NOMINATION_KIND, nomination.id)
    assert late.value.message == "That showcase nomination is no longer waiting: it was withdrawn."


async def test_an_export_lists_words_naming_the_member_by_their_whole_mention(
    queue: Queue,
) -> None:
    await queue.store.execute(
        "INSERT INTO modqueue_decisions (guild_id, kind, ref_id, decided_by, decision, "
        "decided_at) VALUES (?, ?, 1, ?, ?, 0)",
        (GUILD, NOMINATION_KIND, MODERATOR, "Rejected by a moderator; <@12> will be told why."),
    )

    assert len((await export_member(queue.store, 12, {}))["queue_decisions_unposted"][GUILD]) == 1
    # <@1> is the start of <@12>, not a mention of member 1.
    assert (await export_member(queue.store, 1, {}))["queue_decisions_unposted"] == {}
