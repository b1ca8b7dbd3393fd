"""Meetups and dates cancelled: the bottom of the layer of `MeetupService` that changes when and
where a meetup's dates are, over its twins. It tells the attendees (going, waiting or maybe)
of each change and, once it is written, the subscribers (reminders, the Events tab)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from bot.clock import Clock, from_unix, unix
from bot.delivery import Outgoing, Sent
from bot.errors import UserError
from bot.jobs import Job, JobQueue
from bot.meetups.model import Change, Changed, Meetup, Occurrence
from bot.meetups.moderated import (
    Acting,
    CancelledBy,
    by_another,
    moderated_dm_key,
    tell_organizer,
)
from bot.meetups.notices import THREAD_FIRST, ChangeNotice, follows_notice
from bot.meetups.schedule import TITLE_OR_NUMBER, title_or_number, with_date_off
from bot.meetups.series import MOVES_OVERLAPPED
from bot.meetups.threads import LEAVE_OPEN, MEETUP_THREAD_NAME_JOB, meetup_thread_name
from bot.meetups.twins import MeetupTwins
from bot.meetups.values import checked_reason
from bot.store import Store
from bot.thread_names import ThreadNameJobs

log = logging.getLogger(__name__)

AFFECTED_MAX = 100  # upcoming occurrences of a cancelled series whose members are told

MeetupSubscriber = Callable[[Meetup], Awaitable[None]]


class MeetupCancels(MeetupTwins):
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

    def change_handlers(
        self, notice: ChangeNotice
    ) -> tuple[Callable[[Job], Awaitable[Outgoing]], Callable[[Job], Awaitable[Outgoing | None]]]:
        """As `MeetupNotices.change_handlers`; a whole cancel's notice and the posts after it
        (`thread_first`) have its thread archived as soon as they are out (each reopens it):
        the rename job asked now runs once the posts of the batch they go in are sent."""
        direct_message, channel_post = super().change_handlers(notice)

        async def post_then_archive(job: Job) -> Outgoing | None:
            post = await channel_post(job)
            first = job.payload.get(THREAD_FIRST) or follows_notice(job.key)
            if first and post is not None and job.guild_id is not None:
                meetup_id = job.payload["meetup_id"]
                if not await self._jobs.pending_keys(self.thread_names.kind, f"{meetup_id}:"):
                    # A post after the notice reopens the archived thread.
                    await self.thread_names.schedule(meetup_id, job.guild_id, self._clock.now())
                await self.thread_names.due(job.guild_id, meetup_id)
            return post

        return direct_message, post_then_archive

    async def notice_sent(self, job: Job, sent: Sent) -> None:
        """A post telling members of a change is out (CHANGED_POST_JOB's sent hook, in the
        transaction recording it): a rename that waited for it runs now, not when its wait
        ends, so a whole cancel's thread is archived, and its DMs go, right after the notice."""
        if job.guild_id is not None:
            await self.thread_names.due(job.guild_id, int(job.payload["meetup_id"]))

    async def thread_name(self, meetup: Meetup) -> str:
        """The name the meetup's thread should carry now (see `meetup_thread_name`)."""
        return meetup_thread_name(meetup, called_off=await self.called_off(meetup))

    async def cancel(
        self,
        guild_id: int,
        meetup_id: int,
        *,
        reason: str | None = None,
        original_start: datetime | None = None,
        by: int | None = None,
        acting: Acting | None = None,
    ) -> Changed:
        """Cancel the whole meetup (or series), or one occurrence of a series (the only one of a
        one-off meetup is the whole meetup); every attendee (going, waiting or maybe) is told,
        in the meetup's thread (else the card's channel) and by DM, but the member who cancels
        (`by`). A whole cancel schedules the thread's new name, as a new title does (see `edit`).
        Its organizer is told by DM when someone else (`acting`) cancels."""
        change = Change("cancelled", reason=checked_reason(reason))
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            if meetup.cancelled_at is not None:
                raise UserError(f"“{meetup.title}” was already cancelled.")
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
                    "UPDATE meetups SET cancelled_at = ?, cancel_reason = ?, "
                    "cancelled_by_moderator = ? WHERE id = ?",
                    (now, change.reason, by_another(meetup, acting), meetup.id),
                )
                if meetup.thread_id is not None:
                    # Its thread says so too; the caller renames it at once, and the job
                    # archives it once its notice is out (see `change_handlers`).
                    await self.thread_names.schedule(meetup.id, guild_id, self._clock.now())
            else:
                # A date under way can be called off too, as a whole meetup can: those there
                # are told it stops (see `restore` to undo it until it ends).
                under_way = await self.date_under_way(meetup)
                occurrence = (
                    under_way
                    if under_way is not None and under_way.original_start == original_start
                    else await self.occurrence(meetup, original_start)
                )
                occurrence_id = await self.date_id(occurrence)
                await self._store.execute(
                    "UPDATE occurrences SET cancelled_at = ?, cancel_reason = ?, "
                    "cancelled_by_moderator = ? WHERE id = ?",
                    (now, change.reason, by_another(meetup, acting), occurrence_id),
                )
                affected = [occurrence]
            # Can't go is not told of a cancel.
            told, _ = await self._tell(
                meetup,
                [
                    (
                        occurrence,
                        replace(change, under_way=occurrence.starts_at <= self._clock.now()),
                    )
                    for occurrence in affected
                ],
                by=by,
                organizer_dm=moderated_dm_key(meetup, acting),
                # Those who planned on that date without answering read it there (a whole
                # cancel renames the thread).
                posted_alone=original_start is not None,
                # A whole cancel's thread is archived once its notice is out: not after a
                # minute or more of DMs.
                thread_first=original_start is None,
            )
            first = affected[0]
            if original_start is not None:
                under_way = first.starts_at <= self._clock.now()
                kind = "date_cancelled_under_way" if under_way else "date_cancelled"
            elif not await self.called_off(await self.get(guild_id, meetup_id)):
                kind = "cancelled"
            else:
                # Its date under way stopped too; only a one-off is restored (until it ends).
                kind = "series_cancelled_under_way" if meetup.rrule else "cancelled_under_way"
            restorable = kind in ("cancelled_under_way", "date_cancelled_under_way")
            await tell_organizer(
                self._jobs,
                meetup,
                acting,
                [kind],
                at=now,
                date=None if kind == "cancelled" else unix(first.starts_at),
                reason=change.reason,
                until=unix(first.starts_at + meetup.duration) if restorable else None,
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

    async def restore(
        self,
        guild_id: int,
        meetup_id: int,
        *,
        original_start: datetime | None = None,
        by: int | None = None,
        acting: Acting | None = None,
    ) -> Changed:
        """Undo the cancel of a one-off meetup, or of one date of a series (by its original
        start), until it ends; everyone who had answered for it is told, as of a new
        time (see `_tell`), but the member who restores it (`by`). A whole series cancelled is
        not restored: its dates ahead were never kept. A restored one-off schedules its
        thread's name, as its cancel did. Its organizer is told by DM when someone else
        (`acting`) restores. A restore onto a meetup of its title posted meanwhile is refused as a
        twin, changing nothing."""
        async with self._store.transaction():
            meetup = await self.get(guild_id, meetup_id)
            now = self._clock.now()
            if meetup.cancelled_at is not None and meetup.rrule is not None:
                raise UserError(
                    f"The whole series “{meetup.title}” was cancelled, which cannot be undone: "
                    "create it again with `/meetup create`."
                )
            if meetup.cancelled_at is not None:
                date = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
                _refuse_over(meetup, date, now)
                await self._store.execute(
                    "UPDATE meetups SET cancelled_at = NULL, cancel_reason = NULL, "
                    "cancelled_by_moderator = 0 WHERE id = ?",
                    (meetup.id,),
                )
                if meetup.thread_id is not None:
                    # Left open, as the restore's own rename leaves it, should that one fail.
                    await self.thread_names.schedule(
                        meetup.id, guild_id, now, extra={LEAVE_OPEN: True}
                    )
            else:
                date = await self._date_off(meetup, original_start)
                _refuse_over(meetup, date, now)
                await self._refuse_held_over(meetup, date)
                await self._store.execute(
                    "UPDATE occurrences SET cancelled_at = NULL, cancel_reason = NULL, "
                    "cancelled_by_moderator = 0 WHERE meetup_id = ? AND original_start = ?",
                    (meetup.id, unix(date.original_start)),
                )
                date = replace(date, cancelled=False)
            # A meetup of its title may have been posted at that time meanwhile.
            await self.refuse_twin(meetup, [date], restoring=True)
            told, declined = await self._tell(
                meetup,
                [(date, Change("restored"))],
                by=by,
                organizer_dm=moderated_dm_key(meetup, acting),
            )
            whole = meetup.cancelled_at is not None
            await tell_organizer(
                self._jobs,
                meetup,
                acting,
                ["restored" if whole else "date_restored"],
                at=unix(now),
                date=None if whole else unix(date.starts_at),
            )
        changed = Changed(await self.get(guild_id, meetup_id), (date,), told, declined=declined)
        await self._announce(changed.meetup)
        return changed

    async def cancelled_by_other(
        self, meetup: Meetup, original_start: datetime | None
    ) -> CancelledBy | None:
        """How `meetup`, or its date `original_start`, was cancelled, when someone other than
        its organizer (a moderator) cancelled it."""
        if original_start is None:
            row = await self._store.fetchone(
                "SELECT cancel_reason FROM meetups WHERE id = ? AND cancelled_by_moderator = 1",
                (meetup.id,),
            )
        else:
            row = await self._store.fetchone(
                "SELECT cancel_reason FROM occurrences WHERE meetup_id = ? AND original_start = ? "
                "AND cancelled_by_moderator = 1",
                (meetup.id, unix(original_start)),
            )
        return None if row is None else CancelledBy(row["cancel_reason"])

    async def restorable(
        self, guild_id: int, *, matching: str = "", organizer_id: int | None = None, limit: int
    ) -> list[tuple[Meetup, Occurrence]]:
        """The meetups with a cancel to undo (of a date ahead or still under way), each once
        with its first such date, soonest first, at most `limit` meetups: a one-off cancelled,
        or a series going on with a date off (however many dates it has off); `matching` and
        `organizer_id` as in `upcoming`, the organizer's only those they cancelled themselves (a
        moderator's cancel is a moderator's to undo). Never posted, a meetup was cancelled by
        the bot, and nobody was told of it."""
        now = unix(self._clock.now())
        typed = f"AND {TITLE_OR_NUMBER}" if matching else ""
        matched: list[object] = title_or_number(matching) if matching else []
        own_one_off = own_date = ""
        if organizer_id is not None:
            typed += " AND meetups.organizer_id = ?"
            matched.append(organizer_id)
            own_one_off = "AND meetups.cancelled_by_moderator = 0 "
            own_date = "AND off.cancelled_by_moderator = 0 "
        # The first date off of each series: SQLite takes the bare columns of a row with min()
        # from the row that has the least value.
        rows = await self._store.fetchall(
            "SELECT meetups.*, starts_at AS lost_original, starts_at AS lost_start, "
            "cancel_reason AS lost_reason FROM meetups "
            "WHERE guild_id = ? AND cancelled_at IS NOT NULL AND rrule IS NULL "
            f"AND message_id IS NOT NULL AND starts_at + duration_minutes * 60 > ? {own_one_off}"
            f"{typed} "
            "UNION ALL "
            "SELECT meetups.*, off.original_start, min(off.starts_at), off.cancel_reason "
            "FROM meetups "
            "JOIN occurrences AS off ON off.meetup_id = meetups.id "
            "WHERE meetups.guild_id = ? AND meetups.cancelled_at IS NULL "
            f"AND meetups.message_id IS NOT NULL AND off.cancelled_at IS NOT NULL {own_date}"
            f"AND off.starts_at + meetups.duration_minutes * 60 > ? {typed} GROUP BY meetups.id "
            "ORDER BY lost_start, id LIMIT ?",
            (guild_id, now, *matched, guild_id, now, *matched, limit),
        )
        return [with_date_off(row) for row in rows]

    async def _date_off(self, meetup: Meetup, original_start: datetime | None) -> Occurrence:
        """The date of a meetup not cancelled as a whole that `original_start` names, when it
        is off; else what to type instead."""
        if meetup.rrule is None or original_start is None:
            raise UserError(
                f"“{meetup.title}” is not cancelled: nothing to restore."
                if meetup.rrule is None
                else f"“{meetup.title}” goes on: name its date to restore with `occurrence`."
            )
        date = (await self._stored_occurrences(meetup.id)).get(original_start)
        if date is None or not date.cancelled:
            raise UserError(f"That date of “{meetup.title}” is not cancelled: nothing to restore.")
        return date

    async def _refuse_held_over(self, meetup: Meetup, date: Occurrence) -> None:
        """Refuse a date back over the hours of one held since (moved there on its own)."""
        near = await self.occurrences_of(
            [meetup],
            limit=MOVES_OVERLAPPED,
            after=date.starts_at - meetup.duration,
            before=date.starts_at + meetup.duration,
        )
        if any(o.original_start != date.original_start for o in near[meetup.id]):
            raise UserError(
                f"Another date of “{meetup.title}” was moved over the hours of that one: move "
                "it away first, or leave that date off."
            )


def _refuse_over(meetup: Meetup, date: Occurrence, now: datetime) -> None:
    # Until it ends: a cancel made while it was under way (by mistake, or on a report) is undone
    # for those still there.
    if date.starts_at + meetup.duration <= now:
        raise UserError(f"That date of “{meetup.title}” is over: it cannot be restored.")
