"""What each thread post of a change notice keeps to know whom to mention: the members of its own
post who were DMed, not every member DMed (which grew with the square of a big meetup's
attendees); a post queued before, naming them all, is read as it was."""

from __future__ import annotations

from bot.clock import ManualClock, unix
from bot.jobs import Job, JobQueue
from bot.meetups.model import Meetup
from bot.meetups.notices import (
    CHANGED_DM_JOB,
    CHANGED_POST_JOB,
    MENTIONS_PER_POST,
    MeetupNotices,
)
from bot.store import Store
from tests.test_meetups_views import meetup as a_meetup


def meetup() -> Meetup:
    """A meetup with a thread for its notices."""
    return a_meetup(channel_id=500, message_id=501, thread_id=502)


async def test_each_post_keeps_only_its_own_members_who_were_dmed(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    notices = MeetupNotices(store, clock, queue)
    members = list(range(1000, 1000 + 2 * MENTIONS_PER_POST + 10))
    direct = [member for member in members if member % 7]  # the rest are told otherwise
    await notices.schedule_notices(
        meetup(),
        (CHANGED_DM_JOB, CHANGED_POST_JOB),
        key="7:k",
        payload={"meetup_id": 7},
        mention=members,
        direct=direct,
        mention_unreached=True,
        organizer_dm=(1071, "7:900"),  # told by the DM naming the moderator
    )

    scheduled = await queue.claim_due(100, worker="test", kinds=[CHANGED_POST_JOB])
    assert [job.key for job in scheduled] == ["7:k:post0", "7:k:post1", "7:k:post2"]
    for job in scheduled:
        own = job.payload["members"]
        assert job.payload["direct"] == [member for member in own if member % 7], job.key
    # Only the post mentioning the organizer, should that DM not reach them, names it.
    assert [job.payload.get("organizer_dm") for job in scheduled] == [None, [1071, "7:900"], None]


async def test_a_post_queued_naming_every_member_dmed_mentions_as_it_did(
    store: Store, clock: ManualClock
) -> None:
    queue = JobQueue(store, clock)
    notices = MeetupNotices(store, clock, queue)
    for member in (1, 2, 3, 4):
        await queue.schedule(CHANGED_DM_JOB, f"7:k:{member}", clock.now(), payload={})
    dms = {job.key: job for job in await queue.claim_due(10, worker="w", kinds=[CHANGED_DM_JOB])}
    await queue.done(dms["7:k:1"])
    await queue.give_up(dms["7:k:2"], "Discord refused the message (50007)")
    await queue.done(dms["7:k:3"])
    await queue.give_up(dms["7:k:4"], "Discord refused the message (50007)")
    # As queued before: the second post of two names every member DMed.
    old = Job(
        1,
        CHANGED_POST_JOB,
        "7:k:post1",
        1,
        {"members": [3, 4, 5], "direct": [1, 2, 3, 4]},
        0,
        1,
        unix(clock.now()),
    )

    assert await notices.unreached(old, CHANGED_DM_JOB) == (4,)
