"""The name of a build's thread, and Discord's rule for renaming it: a channel (a thread too) is
renamed at most twice in ten minutes; the next rename is refused with a 429 for minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import Clock, from_unix
from bot.limits import fit

THREAD_NAME = 100  # Discord's longest thread name
RENAMES_PER_WINDOW = 2
RENAME_WINDOW = timedelta(minutes=10)
# A rename Discord refused is asked again after REFUSED_RETRY (and then backing off); one of a
# thread locked in Discord waits for the unlock, checked again each LOCKED_RECHECK all the same
# (an unlock while the bot was away is not heard of), until LOCKED_GIVE_UP after the rename: a
# lock kept for a month is a moderator's decision, not a pause, and the owner is told once.
REFUSED_RETRY = timedelta(minutes=1)
LOCKED_RECHECK = timedelta(days=1)
LOCKED_GIVE_UP = timedelta(days=30)


def locked_too_long(renamed_at: int, now: datetime) -> bool:
    """Whether a rename waiting for its thread's unlock has waited LOCKED_GIVE_UP since the
    rename."""
    return now - from_unix(renamed_at) >= LOCKED_GIVE_UP


def thread_name(title: str) -> str:
    """A build's thread name: its title as the member typed it, within Discord's 100
    characters. Not `#12 Camper Carry`: Discord shows a thread's mention as `#` and its name,
    which read `##12 Camper Carry`; the card carries the number."""
    return fit(" ".join(title.split()), THREAD_NAME)


class ThreadRenames:
    """The renames of each thread this process made in the last window, and any wait Discord
    asked for, so a rename waits its turn rather than being held by Discord for minutes.
    Kept in memory: after a restart the first refused rename teaches the wait again."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._renamed: dict[int, list[datetime]] = {}
        self._refused_until: dict[int, datetime] = {}

    def free_at(self, thread_id: int) -> datetime | None:
        """When the thread may next be renamed, or None when it may be now."""
        now = self._clock.now()
        recent = [at for at in self._renamed.get(thread_id, []) if now - at < RENAME_WINDOW]
        self._renamed[thread_id] = recent
        waits = [recent[0] + RENAME_WINDOW] if len(recent) >= RENAMES_PER_WINDOW else []
        if (refused := self._refused_until.get(thread_id)) is not None and refused > now:
            waits.append(refused)
        return max(waits, default=None)

    def renamed(self, thread_id: int) -> None:
        self._renamed.setdefault(thread_id, []).append(self._clock.now())
        self._refused_until.pop(thread_id, None)

    def refused(self, thread_id: int, wait: timedelta = RENAME_WINDOW) -> datetime:
        """Discord held a rename back (renames made by others count too): none before `wait`
        has passed. Returns when the thread may be renamed."""
        until = self._clock.now() + wait
        self._refused_until[thread_id] = until
        return until
