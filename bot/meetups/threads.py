"""A meetup's thread, started on its card: the name it carries, renamed through the
thread-name jobs every sort of titled thread takes (bot/thread_names.py)."""

from __future__ import annotations

from datetime import timedelta

from bot.jobs import JobQueue
from bot.meetups.model import Meetup
from bot.meetups.notices import CHANGED_POST_JOB, follows_notice
from bot.thread_names import thread_name

MEETUP_THREAD_NAME_JOB = "meetups.thread_name"  # gives a meetup's thread its new name
# First in a cancelled meetup's thread name, so the channel's thread list does not show it as
# live: the card and the notice are inside, the list is what members scan.
CANCELLED = "Cancelled · "
CALLED_OFF = "Called off · "  # cancelled while under way, as those there were told
# How often a thread-name job waiting for the meetup's notices to be posted looks again, and
# for how long: a notice that cannot be posted (no thread, no permission) holds no rename up
# for good; posted later, it reopens the thread. A notice sent wakes it at once
# (`MeetupCancels.notice_sent`).
NOTICES_FIRST = timedelta(minutes=1)
NOTICES_AWAITED = timedelta(hours=1)
# How long a thread-name job waits in place for a notice on its way (`notices_on_their_way`),
# looking again each pause: sent by another worker, or in the batch beside it, it is through in
# a moment, and the thread is archived right after it rather than a minute later.
NOTICE_ON_ITS_WAY = timedelta(seconds=2)
NOTICE_ON_ITS_WAY_PAUSE = timedelta(milliseconds=20)
# In a thread-name job's payload: the rename leaves the thread open, as a restore's own rename
# does (a meetup live again belongs in the list of live threads). Without it, an archived thread
# the rename reopens is archived again.
LEAVE_OPEN = "leave_open"


def meetup_thread_name(meetup: Meetup, *, called_off: bool) -> str:
    """The name the meetup's thread should carry now: its title, marked when cancelled, as
    called off when that was while a date was under way (`MeetupSchedule.called_off`)."""
    if meetup.cancelled_at is None:
        return thread_name(meetup.title, "")
    return thread_name(meetup.title, CALLED_OFF if called_off else CANCELLED)


def archived_when_named(meetup: Meetup) -> bool:
    """Whether the meetup's thread is archived once named: a cancelled meetup is over, so its
    thread leaves the channel's list of live threads (archived, not locked: members may still
    talk there, and a message reopens it)."""
    return meetup.cancelled_at is not None


async def notices_on_their_way(jobs: JobQueue, meetup_id: int) -> bool:
    """Whether a post telling members of a change of the meetup is being sent (claimed):
    through in a moment, unless its worker died."""
    for key in await jobs.keys(CHANGED_POST_JOB, f"{meetup_id}:"):
        if await jobs.state(CHANGED_POST_JOB, key) == "claimed":
            return True
    return False


async def notices_pending(jobs: JobQueue, meetup_id: int) -> bool:
    """Whether posts telling members of a change of the meetup still wait to go to its
    thread, which they reopen: the thread is named (and archived) after them. Not those that
    follow a whole cancel's notice while they wait for its DMs (`follows_notice`), which wait for
    the archive; on their way, they reopen it too."""
    for key in await jobs.keys(CHANGED_POST_JOB, f"{meetup_id}:"):
        state = await jobs.state(CHANGED_POST_JOB, key)
        if state == "claimed" or (state == "pending" and not follows_notice(key)):
            return True
    return False
