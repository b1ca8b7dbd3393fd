"""The organizer of a meetup a moderator changed, going to it, is told by the DM naming the
moderator rather than as an attendee: the thread's notice mentions them only when that DM did
not reach them (closed DMs) or cannot be found, so they are told once, and never not at all."""

from __future__ import annotations

import pytest

from bot.clock import ManualClock
from bot.jobs import JobQueue, NotYet
from bot.meetups.moderated import MEETUP_MODERATED_JOB
from bot.meetups.notices import CHANGED_DM_JOB, CHANGED_POST_JOB, MeetupNotices
from bot.store import Store
from tests.test_meetups_views import meetup

ORGANIZER, DALE = 42, 7
MODERATED = "1:900"  # the DM naming the moderator, keyed by the change's interaction


async def mentioned(store: Store, clock: ManualClock, organizer_dm: str | None) -> tuple[int, ...]:
    """Whom the notice's post mentions, Dale's DM through, the organizer's DM as it went."""
    queue = JobQueue(store, clock)
    notices = MeetupNotices(store, clock, queue)
    await notices.schedule_notices(
        meetup(organizer_id=ORGANIZER, channel_id=500, message_id=501, thread_id=502),
        (CHANGED_DM_JOB, CHANGED_POST_JOB),
        key="1:k",
        payload={"meetup_id": 1},
        mention=[ORGANIZER, DALE],
        direct=[DALE],
        mention_unreached=True,
        organizer_dm=(ORGANIZER, organizer_dm),
    )
    for dm in await queue.claim_due(10, worker="w", kinds=[CHANGED_DM_JOB]):
        await queue.done(dm)
    [post] = await queue.claim_due(10, worker="w", kinds=[CHANGED_POST_JOB])
    return await notices.unreached(post, CHANGED_DM_JOB)


async def organizers_dm(store: Store, clock: ManualClock, refused: bool) -> None:
    queue = JobQueue(store, clock)
    await queue.schedule(MEETUP_MODERATED_JOB, MODERATED, clock.now(), payload={})
    [dm] = await queue.claim_due(1, worker="w", kinds=[MEETUP_MODERATED_JOB])
    if refused:
        await queue.give_up(dm, "Discord refused the message: (code 50007)")
    else:
        await queue.done(dm)


async def test_an_organizer_their_dm_reached_is_not_mentioned(
    store: Store, clock: ManualClock
) -> None:
    await organizers_dm(store, clock, refused=False)
    assert await mentioned(store, clock, MODERATED) == ()


async def test_an_organizer_whose_dm_was_refused_is_mentioned(
    store: Store, clock: ManualClock
) -> None:
    await organizers_dm(store, clock, refused=True)
    assert await mentioned(store, clock, MODERATED) == (ORGANIZER,)


async def test_an_organizer_whose_dm_is_missing_is_mentioned(
    store: Store, clock: ManualClock
) -> None:
    assert await mentioned(store, clock, MODERATED) == (ORGANIZER,)


async def test_an_organizer_whose_dm_is_not_known_is_mentioned(
    store: Store, clock: ManualClock
) -> None:
    await organizers_dm(store, clock, refused=False)
    assert await mentioned(store, clock, None) == (ORGANIZER,)


async def test_the_post_waits_for_the_organizers_dm_on_its_way(
    store: Store, clock: ManualClock
) -> None:
    await JobQueue(store, clock).schedule(MEETUP_MODERATED_JOB, MODERATED, clock.now())
    with pytest.raises(NotYet):
        await mentioned(store, clock, MODERATED)
