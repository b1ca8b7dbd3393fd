"""The dates of a meetup a member names in an option: picked from its autocomplete, or typed as
its plain text reads (`Sat Dec 19`) or as a day in any form a time is typed in (2026-12-19):
dates left to call off (the one under way too), dates off that can still be restored, and the
dates whose answers `/meetup attendees` lists. The layer of
`MeetupService` over its schedule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from bot.errors import NotFound, UserError
from bot.limits import fit
from bot.meetups.model import Meetup, Occurrence
from bot.meetups.occurrences import falls_on, local_text, on_day_typed, shown_as_typed
from bot.meetups.schedule import MeetupSchedule

# How far ahead a date typed for a series is looked for: two years, so a date of next year is
# found, however often the series meets (a daily one has 731 dates in that time).
DATES_SEARCHED = timedelta(days=731)
DATES_SEARCHED_MAX = 731


class MeetupDates(MeetupSchedule):
    """The dates of a meetup named in an option, read back and checked."""

    async def dates_typed(
        self, meetup: Meetup, typed: str, *, limit: int, typing: bool = False
    ) -> list[Occurrence]:
        """The meetup's `dates_cancellable` whose plain text (`local_text`) holds what was
        typed word for word (`Jun 5`, `sat jun 5 10:00`, `jun 5 2027`); while `typing`,
        the last word may be the start of one (`Jun 1` then also finds Jun 12)."""
        dates = await self.dates_cancellable(meetup)
        return shown_as_typed(meetup, dates, typed, self._clock.now(), typing=typing)[:limit]

    async def dates_cancellable(self, meetup: Meetup) -> list[Occurrence]:
        """The meetup's date under way, if any (those there are told it stops), and its dates
        ahead in the next two years, soonest first."""
        now = self._clock.now()
        under_way = await self.date_under_way(meetup)
        ahead = await self.occurrences_of(
            [meetup], limit=DATES_SEARCHED_MAX, before=now + DATES_SEARCHED
        )
        return ([under_way] if under_way is not None else []) + ahead[meetup.id]

    async def date_typed(self, meetup: Meetup, typed: str) -> datetime:
        """The original start of the one date left to call off that what was typed names: as
        its plain text reads, else by its day in any form a time is typed in (2026-12-19)."""
        now = self._clock.now()
        found = _one_typed(meetup, await self.dates_cancellable(meetup), typed, now)
        if found is not None:
            return found.original_start
        if _typed_matches(meetup, await self.dates_off(meetup), typed, now)[0]:
            raise UserError(
                f"That date of “{meetup.title}” is cancelled already (restore it with "
                "`/meetup restore`)."
            )
        raise UserError(
            f"Pick a date from the list as you type; “{fit(typed.strip(), 60)}” is not one "
            f"of the dates of “{meetup.title}” under way or in the next two years."
        )

    async def date_off_typed(self, meetup: Meetup, typed: str) -> datetime:
        """The original start of the one date off that can still be restored that what was
        typed names, read as `date_typed` reads a date."""
        found = _one_typed(meetup, await self.dates_off(meetup), typed, self._clock.now())
        if found is None:
            raise UserError(
                f"Pick a date from the list as you type; “{fit(typed.strip(), 60)}” is not "
                f"one of the dates of “{meetup.title}” called off that can still be restored."
            )
        return found.original_start

    async def dates_off(self, meetup: Meetup) -> list[Occurrence]:
        """The meetup's dates cancelled on their own that have not ended (a restore holds them
        again until then, see `restore`), soonest first."""
        now = self._clock.now()
        stored = (await self._stored_occurrences(meetup.id)).values()
        return sorted(
            (off for off in stored if off.cancelled and off.starts_at + meetup.duration > now),
            key=lambda off: off.starts_at,
        )

    async def dates_listed(self, meetup: Meetup) -> list[Occurrence]:
        """The dates whose answers `/meetup attendees` lists when named: `dates_cancellable` and
        `dates_off`, soonest first."""
        dates = await self.dates_cancellable(meetup) + await self.dates_off(meetup)
        return sorted(dates, key=lambda occurrence: occurrence.starts_at)

    async def listed_dates_typed(
        self, meetup: Meetup, typed: str, *, limit: int, typing: bool = False
    ) -> list[Occurrence]:
        """Those of `dates_listed` whose plain text holds what was typed, as `dates_typed`."""
        dates = await self.dates_listed(meetup)
        return shown_as_typed(meetup, dates, typed, self._clock.now(), typing=typing)[:limit]

    async def listed_date_typed(self, meetup: Meetup, typed: str) -> Occurrence:
        """The one of `dates_listed` that what was typed names, read as `date_typed` reads a
        date."""
        found = _one_typed(meetup, await self.dates_listed(meetup), typed, self._clock.now())
        if found is None:
            raise UserError(
                f"Pick a date from the list as you type; “{fit(typed.strip(), 60)}” is not "
                f"one of the dates of “{meetup.title}” ahead in the next two years."
            )
        return found

    async def listed_date(self, meetup: Meetup, original_start: datetime) -> Occurrence:
        """The meetup's date named by its original start (as a choice gives it), cancelled or
        not, whenever it is."""
        stored = (await self._stored_occurrences(meetup.id)).get(original_start)
        if stored is not None:
            return stored
        if falls_on(meetup, original_start):
            return Occurrence(meetup.id, original_start, original_start)
        under_way = await self.date_under_way(meetup)  # on the rule before a re-time
        if under_way is not None and under_way.original_start == original_start:
            return under_way
        raise NotFound(f"“{meetup.title}” has no meetup at that time.")


def _typed_matches(
    meetup: Meetup, dates: Sequence[Occurrence], typed: str, now: datetime
) -> tuple[list[Occurrence], date | None]:
    """Those of `dates` what was typed names as their plain text reads, else those on the day
    it names (and that day)."""
    shown = shown_as_typed(meetup, dates, typed, now, typing=False)
    if shown:
        return shown, None
    on_day = on_day_typed(meetup, dates, typed, now)
    return ([], None) if on_day is None else (on_day[1], on_day[0])


def _one_typed(
    meetup: Meetup, dates: Sequence[Occurrence], typed: str, now: datetime
) -> Occurrence | None:
    """The one of `dates` what was typed names, None if none; asks which when it names more."""
    found, day = _typed_matches(meetup, dates, typed, now)
    if len(found) == 1:
        return found[0]
    if not found:
        return None
    example = local_text(meetup, found[0], now=now)
    if day is None:
        raise UserError(
            f"More than one date of “{meetup.title}” is “{fit(typed.strip(), 40)}”: type "
            f"more of it, like {example}, or pick one from the list as you type."
        )
    named = " and ".join(local_text(meetup, o, now=now) for o in found)
    raise UserError(
        f"More than one date of “{meetup.title}” is on {day:%a %b} {day.day}: {named}. Type its "
        f"time too, like {example}, or pick one from the list as you type."
    )
