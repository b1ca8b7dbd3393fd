"""What the change notices keep in memory of the posts that wait for their DMs lasts only while
a post may still wait: a post given up while it waited (its meetup deleted, say) is forgotten
once it could no longer be waiting, rather than kept for the life of the process."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.jobs import JobQueue, NotYet
from bot.meetups.notices import CHANGED_DM_JOB, CHANGED_POST_JOB, DMS_AWAITED, MeetupNotices
from bot.store import Store


async def test_a_post_given_up_while_it_waited_is_forgotten_once_it_could_wait_no_more(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    notices = MeetupNotices(store, clock, queue)
    await queue.schedule(CHANGED_DM_JOB, "a:42", clock.now(), payload={"member_id": 42})
    await queue.claim_due(1, worker="other", kinds=[CHANGED_DM_JOB])
    await queue.schedule(
        CHANGED_POST_JOB, "a:post0", clock.now(), payload={"members": [42], "direct": [42]}
    )
    [waiting] = await queue.claim_due(1, worker="here", kinds=[CHANGED_POST_JOB])
    with pytest.raises(NotYet):  # asked again at once: the DM may be later in its batch here
        await notices.unreached(waiting, CHANGED_DM_JOB)
    assert notices._looked_again  # the memory under test
    # The post is given up, never asked again; a later one is asked once it could not wait.
    await queue.give_up(waiting, "the meetup was deleted")
    clock.advance(DMS_AWAITED)
    await queue.schedule(
        CHANGED_POST_JOB, "b:post0", clock.now(), payload={"members": [7], "direct": []}
    )
    [later] = await queue.claim_due(1, worker="here", kinds=[CHANGED_POST_JOB])

    assert await notices.unreached(later, CHANGED_DM_JOB) == ()
    assert not notices._looked_again
