"""A meetup's thread, started on its card: the name it carries, renamed through the
thread-name jobs every sort of titled thread takes (bot/thread_names.py)."""

from __future__ import annotations

from bot.meetups.model import Meetup
from bot.thread_names import thread_name

MEETUP_THREAD_NAME_JOB = "meetups.thread_name"  # gives a meetup's thread its new name
# First in a cancelled meetup's thread name, so the channel's thread list does not show it as
# live: the card and the notice are inside, the list is what members scan.
CANCELLED = "Cancelled · "


def meetup_thread_name(meetup: Meetup) -> str:
    """The name the meetup's thread should carry now: its title, marked when cancelled."""
    return thread_name(meetup.title, CANCELLED if meetup.cancelled_at is not None else "")
