"""Meetups and dates cancelled: the bottom of the layer of `MeetupService` that changes when and
where a meetup's dates are, over its notices. It tells the attendees (going, waiting or maybe)
of each change and, once it is written, the subscribers (reminders, the Events tab)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.clock import Clock, from_unix, unix
from bot.errors import UserError
from bot.jobs import JobQueue
from bot.limits import require_length
from bot.meetups.model import Change, Changed, Meetup, Occurrence
from bot.meetups.notices import MeetupNotices
from bot.meetups.threads import MEETUP_THREAD_NAME_JOB
from bot.meetups.values import REASON_MAX
from bot.store import Store
from bot.thread_names import ThreadNameJobs

log = logging.getLogger(__name__)

AFFECTED_MAX = 100  # upcoming occurrences of a cancelled series whose members are told

MeetupSubscriber = Callable[[Meetup], Awaitable[None]]


class MeetupCancels(MeetupNotices):
    """Meetups and dates cancelled, told to those they concern; the subscribers of every change."""

    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        super().__init__(store, clock, jobs)
        self._subscribers: list[MeetupSubscriber] = []
        self.thread_names = ThreadNameJobs(jobs, MEETUP_THREAD_NAME_JOB, "meetup_id")

    def subscribe(self, subscriber: MeetupSubscriber) -> None:
        """Be told (after the write) of every meetup created, edited, moved or cancelled."""
        self._subscribers.append(subscriber)

    async def _announce(self, meetup: Meetup) -> None:
        # The change is committed; a subscriber that fails must not turn it into an error.
        # Subscribers catch up from the stored meetups at start-up.
        for subscriber in self._subscribers:
            try:
                await subscriber(meetup)
            except Exception:
                log.exception("a subscriber failed to take in meetup %s", meetup.id)

    async def cancel(
        self,
        guild_id: int,
        meetup_id: int,
        *,
        reason: str | None = None,
        original_start: datetime | None = None,
        by: int | None = None,
    ) -> Changed:
        """Cancel the whole meetup (or series), or one occurrence of a series (the only one of a
        one-off meetup is the whole meetup); every attendee (going, waiting or maybe) is told,
        in the meetup's thread (else the card's channel) and by DM, but the member who cancels
        (`by`). A whole cancel schedules the thread's new name, as a new title does (see `edit`)."""
        reason = require_length("The reason", reason, REASON_MAX, minimum=0) if reason else None
        change = Change("cancelled", reason=reason or None)
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            if meetup.cancelled_at is not None:
                raise UserError(f"“{meetup.title}” was cancelled already.")
            now = unix(self._clock.now())
            if original_start is not None and meetup.rrule is None:
                # A one-off meetup's only date is the meetup: cancelling it cancels the meetup,
                # so its card, calendar and Events tab say "cancelled", not "no dates ahead".
                await self.occurrence(meetup, original_start)
                original_start = None
            if original_start is None:
                affected = await self._dates_left(meetup)
                if not affected:
                    # Marking a meetup that took place as cancelled would only mislead: its
                    # card and calendars would say it never happened.
                    raise UserError(
                        f"“{meetup.title}” has no date still ahead, so there is nothing to cancel."
                    )
                await self._store.execute(
                    "UPDATE meetups SET cancelled_at = ?, cancel_reason = ? WHERE id = ?",
                    (now, change.reason, meetup.id),
                )
                if meetup.thread_id is not None:
                    # Its thread says so too; the caller renames it at once and settles the job.
                    await self.thread_names.schedule(meetup.id, guild_id, self._clock.now())
            else:
                occurrence = await self.occurrence(meetup, original_start)
                occurrence_id = await self._occurrence_id(occurrence)
                await self._store.execute(
                    "UPDATE occurrences SET cancelled_at = ? WHERE id = ?", (now, occurrence_id)
                )
                affected = [occurrence]
            told = await self._tell(
                meetup, [(occurrence, change) for occurrence in affected], by=by
            )
        changed = Changed(await self.get(guild_id, meetup_id), tuple(affected), told)
        await self._announce(changed.meetup)
        return changed

    async def dates_off_over(self, meetup: Meetup, date: Occurrence) -> list[Occurrence]:
        """The meetup's dates cancelled on their own whose hours `date` overlaps."""
        rows = await self._store.fetchall(
            "SELECT original_start, starts_at FROM occurrences WHERE meetup_id = ? "
            "AND cancelled_at IS NOT NULL AND starts_at > ? AND starts_at < ? "
            "ORDER BY starts_at",
            (
                meetup.id,
                unix(date.starts_at - meetup.duration),
                unix(date.starts_at + meetup.duration),
            ),
        )
        return [
            Occurrence(
                meetup.id, from_unix(row["original_start"]), from_unix(row["starts_at"]), True
            )
            for row in rows
        ]

    async def _dates_left(self, meetup: Meetup) -> list[Occurrence]:
        """The dates a new place or a cancel is for: the one under way, if any (those on their
        way there need to know), and those ahead."""
        under_way = await self.date_under_way(meetup)
        ahead = await self.occurrences(meetup, limit=AFFECTED_MAX)
        return ([under_way] if under_way is not None else []) + ahead
