"""A queue post is edited when its item changes: members joining after it was sent gather into
one edit, a decision taken away from the post renders at once, an edit Discord was too busy for
is tried again, and an item decided meanwhile keeps the post that says so."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.delivery import Button, Outgoing, Sent
from bot.jobs import NotYet
from bot.modqueue import MODQUEUE_POST_JOB, MODQUEUE_REFRESH_JOB, REFRESH_AFTER
from bot.privacy.posts import QueuePost
from bot.showcase import NOMINATION_KIND
from tests.modqueue_harness import (
    DALE,
    GUILD,
    HANK,
    MIKA,
    MODERATOR,
    REJECTED,
    ROSA,
    Queue,
    refreshes_waiting,
)


async def test_a_change_edits_the_post_at_once_and_a_burst_after_it_gathers_into_one_edit(
    queue: Queue,
) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    posted = await queue.post()
    queue.clock.advance(REFRESH_AFTER)
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    # A moderator looking at the post sees the change at once: nothing wrote it lately.
    await queue.runner.run_due()
    [(post, shown)] = queue.editor.edits
    assert post == QueuePost(NOMINATION_KIND, lead.id, *posted)
    assert "Rosa's words" in shown

    hank = await queue.showcase.nominate(queue.build, HANK, "Hank's words")
    await queue.showcase.nominate(queue.build, MIKA, "Mika's words")
    # committed with Hank's nomination; Mika's shares it
    assert await refreshes_waiting(queue) == [f"{NOMINATION_KIND}:{lead.id}:{hank.id}"]
    await queue.runner.run_due()
    assert len(queue.editor.edits) == 1  # a burst right after an edit gathers first

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert len(queue.editor.edits) == 2
    assert all(reason in queue.editor.edits[-1][1] for reason in ("Hank's words", "Mika's words"))
    assert len(queue.sender.sent) == 1  # edited, never posted again


async def test_joins_just_after_the_post_gather_into_one_edit(queue: Queue) -> None:
    await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    await queue.showcase.nominate(queue.build, HANK, "Hank's words")
    await queue.runner.run_due()
    assert queue.editor.edits == []  # a burst after the post gathers first

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    [(_, shown)] = queue.editor.edits
    assert all(reason in shown for reason in ("Great bed", "Rosa's words", "Hank's words"))


async def test_a_join_before_the_post_is_sent_is_in_the_post_and_needs_no_edit(
    queue: Queue,
) -> None:
    await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    assert await refreshes_waiting(queue) == []
    await queue.post()
    assert "Rosa's words" in queue.sender.sent[-1][0].content


async def test_an_item_decided_before_its_edit_keeps_its_post(queue: Queue) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, lead.id, MODERATOR, "Not yet")

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert queue.editor.edits == []  # its post says how it was decided
    assert await refreshes_waiting(queue) == []


async def test_an_edit_discord_was_too_busy_for_is_tried_again(queue: Queue) -> None:
    await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    queue.editor.busy = 1

    queue.clock.advance(REFRESH_AFTER)
    await queue.runner.run_due()
    assert queue.editor.edits == []
    assert len(await refreshes_waiting(queue)) == 1
    queue.clock.advance(queue.jobs.backoff(1))
    await queue.runner.run_due()
    [(_, shown)] = queue.editor.edits
    assert "Rosa's words" in shown


async def test_an_item_is_not_taken_for_another_whose_number_starts_the_same(
    queue: Queue,
) -> None:
    await queue.jobs.schedule(MODQUEUE_POST_JOB, f"{NOMINATION_KIND}:12", queue.clock.now())

    await queue.modqueue.changed(GUILD, NOMINATION_KIND, 1, 100)  # posted long ago
    await queue.modqueue.changed(GUILD, NOMINATION_KIND, 12, 101)  # its post is still to come

    assert await refreshes_waiting(queue) == [f"{NOMINATION_KIND}:1:100"]


async def test_a_post_sent_for_an_item_decided_meanwhile_is_kept_and_gets_the_decision(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    send = queue.sender.send

    async def decided_meanwhile(message: Outgoing, *, nonce: str) -> Sent:
        # Decided from a list while Discord takes the post: no post is recorded to say so yet.
        queue.sender.send = send  # type: ignore[method-assign]
        await queue.modqueue.reject(GUILD, NOMINATION_KIND, nomination.id, MODERATOR, "Not yet")
        await queue.modqueue.decided(
            GUILD, NOMINATION_KIND, nomination.id, REJECTED, shown=False, outcome="rejected"
        )
        [edit] = await queue.jobs.claim_due(5, worker="early", kinds=[MODQUEUE_REFRESH_JOB])
        with pytest.raises(NotYet):  # the edit waits for the post
            await queue.modqueue.refresh_handler(queue.editor)(edit)
        await queue.jobs.release(edit)
        return await send(message, nonce=nonce)

    queue.sender.send = decided_meanwhile  # type: ignore[method-assign]
    await queue.post()  # the post, then, due at once, the edit and the DM telling Dale

    assert await queue.kept() == [(nomination.id, 9001)]  # the first message sent
    assert await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, nomination.id) == REJECTED
    assert await refreshes_waiting(queue) == []


async def test_a_decision_taken_away_from_its_post_edits_it_at_once(queue: Queue) -> None:
    lead = await queue.showcase.nominate(queue.build, DALE, "Great bed")
    await queue.post()
    rosa = await queue.showcase.nominate(queue.build, ROSA, "Rosa's words")
    waiting = await refreshes_waiting(queue)
    assert waiting == [f"{NOMINATION_KIND}:{lead.id}:{rosa.id}"]  # due in REFRESH_AFTER
    await queue.modqueue.reject(GUILD, NOMINATION_KIND, lead.id, MODERATOR, "Not yet")

    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, lead.id, REJECTED, shown=False, outcome="rejected"
    )

    # The edit waiting renders the decision, now; no second one.
    assert await refreshes_waiting(queue) == waiting
    [job] = await queue.jobs.claim_due(5, worker="w", kinds=[MODQUEUE_REFRESH_JOB])
    assert job.key == waiting[0]
    await queue.jobs.done(job)
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, lead.id, REJECTED, shown=False, outcome="rejected"
    )
    [again] = await queue.jobs.claim_due(5, worker="w", kinds=[MODQUEUE_REFRESH_JOB])
    assert again.key.startswith(f"{NOMINATION_KIND}:{lead.id}:decided:")


async def test_an_approval_undone_after_its_post_said_so_has_the_post_offer_buttons_again(
    queue: Queue,
) -> None:
    nomination = await queue.showcase.nominate(queue.build, DALE)
    posted = await queue.post()
    await queue.modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    approved = f"Approved by <@{MODERATOR}>. Build #{queue.build.id} is featured."
    await queue.modqueue.decided(
        GUILD, NOMINATION_KIND, nomination.id, approved, shown=True, outcome="approved"
    )
    await queue.showcase.abandon_feature(queue.build)

    assert await queue.modqueue.decision_of(GUILD, NOMINATION_KIND, nomination.id) is None
    queue.clock.advance(timedelta(minutes=1))
    await queue.runner.run_due()
    [(post, _)] = queue.editor.edits  # rendered as waiting: with its buttons
    assert post == QueuePost(NOMINATION_KIND, nomination.id, *posted)
    [edit] = queue.editor.sent
    assert edit.buttons == (
        Button("Approve", f"modq:approve:{NOMINATION_KIND}:{nomination.id}"),
        Button("Reject", f"modq:reject:{NOMINATION_KIND}:{nomination.id}"),
    )
