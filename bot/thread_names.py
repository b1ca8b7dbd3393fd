"""A thread named after what it is about (a build, a meetup) and renamed with it, within
Discord's rule: a channel (a thread too) is renamed at most twice in ten minutes; the next rename
is refused with a 429 for minutes. A rename is stored as a thread-name job in the transaction of
the change (`ThreadNameJobs`), so the thread follows even when the rename made at once is held
back, refused or cut off by a restart; the Discord side is cogs/_thread_names.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock, from_unix, unix
from bot.delivery import Outgoing
from bot.jobs import Job, JobQueue, NotYet, TryAgain
from bot.limits import fit
from bot.turns import Turns

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
# How long a thread's new name waits for the rename the member's command makes at once, before
# the job does it instead (the command died, or Discord held the rename back).
THREAD_NAME_FOLLOW_UP = timedelta(minutes=1)


def locked_too_long(renamed_at: int, now: datetime) -> bool:
    """Whether a rename waiting for its thread's unlock has waited LOCKED_GIVE_UP since the
    rename."""
    return now - from_unix(renamed_at) >= LOCKED_GIVE_UP


def thread_name(title: str, status: str = "") -> str:
    """A thread's name: the title as the member typed it (its spaces collapsed), after a
    `status` such as "Cancelled · " that the channel's thread list should show first, within
    Discord's 100 characters (the title is cut, never the status). Not `#12 Camper Carry`:
    Discord shows a thread's mention as `#` and its name, which read `##12 Camper Carry`; the
    card carries the number."""
    return status + fit(" ".join(title.split()), THREAD_NAME - len(status))


class ThreadRenames:
    """The renames of each thread this process made in the last window, and any wait Discord
    asked for, so a rename waits its turn rather than being held by Discord for minutes.
    Kept in memory: after a restart the first refused rename teaches the wait again. One for
    the process, shared by every sort of thread (thread ids never meet) and by the commands
    and the jobs that rename them, so neither spends a rename the other counted on."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._renamed: dict[int, list[datetime]] = {}
        self._refused_until: dict[int, datetime] = {}
        self._turns: Turns[int] = Turns()

    @asynccontextmanager
    async def turn(self, thread_id: int) -> AsyncIterator[None]:
        """One rename of a thread at a time: a member's rename and a due job (or two quick
        renames) would each find a rename free and spend both of Discord's together."""
        async with self._turns.turn(thread_id):
            yield

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


@dataclass(frozen=True)
class Naming:
    """How a rename of a thread went: done (or nothing to do); to wait `until` (Discord's
    renames spent; with `refused`, the thread locked in Discord); `refused` outright; `failed`
    by Discord's servers (a 5xx); or the thread `gone`, deleted in Discord."""

    until: datetime | None = None
    refused: str | None = None
    mention: str = ""
    gone: bool = False
    failed: bool = False

    def retry_at(self, now: datetime) -> datetime | None:
        """When the thread-name job should ask again, or None when it is done with."""
        if self.failed or (self.refused is not None and self.until is None):
            return now + REFUSED_RETRY  # the job asks again, backing off
        return self.until

    def locked(self) -> bool:
        return self.refused is not None and self.until is not None

    def settle_job(self) -> None:
        """End a thread-name job as the rename went: done, or put off (NotYet, TryAgain)."""
        if self.until is not None:
            spent = "Discord's renames of the thread are spent for now"
            raise NotYet(self.until, self.refused or spent)
        if self.refused is not None:
            raise TryAgain(self.refused)  # permissions may be granted: ask again, backing off
        if self.failed:
            raise TryAgain("Discord's servers failed the rename")


class ThreadNameJobs:
    """The thread-name jobs (`kind`) of one sort of item: one a rename, keyed `<item id>:<n>`,
    its payload naming the item under `field` and when it was renamed."""

    def __init__(self, jobs: JobQueue, kind: str, field: str) -> None:
        self._jobs = jobs
        self.kind = kind
        self._field = field

    async def schedule(
        self, item_id: int, guild_id: int, now: datetime, extra: Mapping[str, object] = {}
    ) -> None:
        """In the caller's transaction: the item's thread takes its new name shortly (by
        THREAD_NAME_FOLLOW_UP), unless the caller renames it at once and settles the job; the
        job's payload carries `extra` for its handler."""
        # One job a rename, numbered on from the item's last: a finished job keeps its key.
        keys = await self._jobs.keys(self.kind, f"{item_id}:")
        numbers = [int(key.rsplit(":", 1)[1]) for key in keys]
        await self._jobs.schedule(
            self.kind,
            f"{item_id}:{max(numbers, default=0) + 1}",
            now + THREAD_NAME_FOLLOW_UP,
            payload={self._field: item_id, "renamed_at": unix(now), **extra},
            guild_id=guild_id,
        )

    async def is_latest(self, item_id: int, key: str) -> bool:
        """Whether the job `key` is for the item's latest rename."""
        keys = await self._jobs.keys(self.kind, f"{item_id}:")
        return key == max(keys, key=lambda k: int(k.rsplit(":", 1)[1]), default=None)

    async def settled(self, item_id: int, until: datetime | None) -> None:
        """The caller renamed the item's thread (`until` None): its pending jobs are done; or
        it must wait until `until` (for Discord's renames, or to try again): they move there."""
        for key in await self._jobs.pending_keys(self.kind, f"{item_id}:"):
            if until is None:
                await self._jobs.cancel(self.kind, key)
            else:
                await self._jobs.reschedule(self.kind, key, until)

    async def due(self, guild_id: int, item_id: int | None = None) -> None:
        """What kept the server's (or one item's) threads from their names may be gone: their
        pending renames run now."""
        prefix = "" if item_id is None else f"{item_id}:"
        await self._jobs.run_now(self.kind, prefix, guild_id=guild_id)


class ThreadNamers(Protocol):
    """The discord layer's handlers of the thread-name jobs, one for each sort of thread."""

    async def name_build_thread(self, job: Job) -> Outgoing | None: ...

    async def name_meetup_thread(self, job: Job) -> Outgoing | None: ...
