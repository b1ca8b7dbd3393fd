"""New times typed for a meetup or a series, read and checked: the layer of `MeetupService`
that refuses a time it cannot take before anything is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot import recurrence
from bot.dates import clock_text, length_words
from bot.errors import UserError
from bot.meetups.cancels import MeetupCancels
from bot.meetups.model import Meetup, Occurrence
from bot.meetups.occurrences import local_text
from bot.meetups.series import Retiming, read_on_own_day, read_retiming, refuse_gone_by
from bot.meetups.values import TimeKept
from bot.when import When, ZoneSource, parse_when
from bot.when.changes import day_text

MOVE_LOOKAHEAD = 10  # dates of a series a moved date could overlap (a daily series: 3 at most)


class MeetupNewTimes(MeetupCancels):
    """A meetup's new time, or a series' new rule, as typed, checked against its dates."""

    async def _read_new_time(
        self,
        meetup: Meetup,
        when_text: str,
        zone_option: str | None,
        by: int | None,
        *,
        own_day: date | None = None,
        near: date | None = None,
    ) -> tuple[When, bool]:
        """The new time typed, or a refusal; and whether it was read on `own_day` (the day of
        the date moved, or of a series' next date when every date is re-timed): a time of day that
        names no day ("8pm") is, so every date keeps its day, rather than the next 8 PM to
        come, whatever day that is. A weekday named alone is the one nearest `near` (else
        `own_day`): "sat 9am" keeps a Saturday weeks ahead on its day, rather than pulling it to
        the next."""
        # A new time is read in the meetup's own zone, not the editor's: an organizer in Tokyo
        # moving a meetup in LA means LA time, unless the text or the option names a zone
        # ("my time": the editor's own). That zone takes the place a template's would, above
        # the member's and the server's.
        member_zone = None if by is None else await self.members.member_zone(meetup.guild_id, by)

        def read(now: datetime) -> When:
            return parse_when(
                when_text,
                now=now,
                zone_option=zone_option,
                template_zone=meetup.zone,
                member_zone=member_zone,
                near=near or own_day,
            )

        when = read(self._clock.now())
        on_day = None if own_day is None else read_on_own_day(read, own_day, ZoneInfo(meetup.zone))
        when = on_day or when
        if when.zone_source is ZoneSource.TEMPLATE:
            when = replace(when, zone_source=ZoneSource.MEETUP)
        return when, on_day is not None

    async def _read_move(
        self, meetup: Meetup, when_text: str, zone_option: str | None, by: int | None
    ) -> tuple[Occurrence, When]:
        """The occurrence a move applies to (the next one) and its new time, or a refusal. A
        time of day alone keeps the date's day, as a re-time of every date does."""
        occurrence = await self.occurrence(meetup, None)
        day = occurrence.starts_at.astimezone(ZoneInfo(meetup.zone)).date()
        when, own = await self._read_new_time(meetup, when_text, zone_option, by, own_day=day)
        if own:
            refuse_gone_by(meetup.title, when, when_text, now=self._clock.now())
        if when.instant_utc == occurrence.starts_at:
            raise TimeKept("That is the time it already has: nothing changed.", when)
        refuse_before_first(meetup, when, when_text)
        # The series' dates whose hours the new ones would share, however far ahead.
        near = await self.occurrences_of(
            [meetup],
            limit=MOVE_LOOKAHEAD,
            after=when.instant_utc - meetup.duration,
            before=when.instant_utc + meetup.duration,
        )
        others = [o for o in near[meetup.id] if o.original_start != occurrence.original_start]
        if any(other.starts_at == when.instant_utc for other in others):
            # Two dates at one instant could not be told apart by their start.
            raise UserError(
                f"Another date of “{meetup.title}” is at that time already; cancel one of "
                "them instead."
            )
        if others:
            raise UserError(
                f"That time would overlap the date of “{meetup.title}” on "
                f"{local_text(meetup, others[0], now=self._clock.now())}, which lasts "
                f"{length_words(meetup.duration)}: choose a time clear of it, or cancel one of "
                "them."
            )
        return occurrence, when

    async def _read_retiming(
        self,
        meetup: Meetup,
        when_text: str | None,
        repeat_text: str | None,
        zone_option: str | None,
        by: int | None,
    ) -> tuple[Retiming, When | None]:
        """What the series becomes from its next date on (a new time of day from
        `when_text`, a new rule from `repeat_text`), and how the time was read; or a refusal."""
        if meetup.rrule is None:
            raise UserError(
                f"“{meetup.title}” is a single meetup, not a series: give it a new time with "
                "`when` alone (leave out `repeat` and `dates`)."
            )
        if not when_text and not repeat_text:
            raise UserError(
                "Say what every date from now on changes to: a new time with `when`, a new "
                "repeat rule with `repeat`, or both."
            )
        next_date = await self.occurrence(meetup, None)
        now = self._clock.now()
        zone = ZoneInfo(meetup.zone)
        kept = next_date.original_start  # the next date's place on the rule
        ahead = [
            occurrence
            for occurrence in (await self._stored_occurrences(meetup.id)).values()
            if occurrence.starts_at > now
        ]
        when, own_days = None, False
        if when_text is not None:
            # A time of day alone keeps each date's day; the rule's day, while it is ahead.
            own_day = kept.astimezone(zone).date() if kept > now else None
            # A weekday alone is the one beside the series' next date, held or off: "sat 11am"
            # said of a series whose coming Saturday is off names that Saturday.
            next_dates = recurrence.occurrences(
                meetup.start_local, meetup.zone, meetup.rrule, after=now, limit=1
            ) + [o.original_start for o in ahead if o.cancelled and o.original_start > now]
            near = min(next_dates).astimezone(zone).date() if next_dates else None
            when, own_days = await self._read_new_time(
                meetup, when_text, zone_option, by, own_day=own_day, near=near
            )
        if when is not None:
            anchor = when.instant_utc.astimezone(zone)
        else:
            # The rule's own time of day, unless that date was moved on its own to later.
            anchor = (kept if kept > now else next_date.starts_at).astimezone(zone)
        try:
            retiming = read_retiming(
                meetup,
                next_date=next_date,
                ahead=ahead,
                anchor_local=anchor.replace(tzinfo=None),
                repeat_text=repeat_text,
                now=now,
                when_text=when_text,
                read=when,
                own_days=own_days,
            )
        except recurrence.NotASeries as one:
            # An empty repeat in an edit keeps the series: "leave it empty" would not end it.
            until = now.astimezone(zone).date() + relativedelta(months=1, day=31)
            # A word for no series ("none") is named as typed: it was not left empty.
            kept = (
                f"{one.said}An edit with repeat left empty keeps “{meetup.title}” a series."
                if one.said or not repeat_text
                else f"repeat:{' '.join(repeat_text.split())} in an edit keeps "
                f"“{meetup.title}” a series, as repeat left empty does."
            )
            raise UserError(
                f"{kept} To end it, give its repeat with an end, like repeat:weekly until "
                f"{until}, or cancel the dates you don't want."
            ) from None
        return retiming, when


def refuse_before_first(meetup: Meetup, when: When, when_text: str) -> None:
    """Refuse to move one date of a series a week or more before the series' first date (a
    day or two earlier is a move like any other): it would be pulled out of the series' weeks,
    while its card and calendar still say the series starts later. Starting earlier is a re-time
    of every date, which moves the rule too."""
    zone = ZoneInfo(meetup.zone)
    first = meetup.starts_at.astimezone(zone)
    moved_to = when.instant_utc.astimezone(zone).date()
    if meetup.rrule is None or moved_to > first.date() - timedelta(weeks=1):
        return
    typed = " ".join(when_text.split())
    raise UserError(
        f"{day_text(when.local.date())} {clock_text(when.local)} is a week or more before the "
        f"first date of “{meetup.title}” ({first:%A %B} {first.day}): one date of a series "
        "moves at most days before its first. To start the series earlier, re-time every date: "
        f"`when:{typed}` with `dates:Every date from now on`."
    )
