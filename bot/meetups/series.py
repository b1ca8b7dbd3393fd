"""A series re-timed from its next date on: a new time of day, a new rule, or both, with the
dates members answered for carried over to the new dates.

The rule for carrying answers over: the series' dates still ahead, counted in order on the old
rule (those cancelled one by one and those moved one by one included, each at its place on the
old rule), become the new rule's dates in the same order: the first date ahead that is held
becomes the new first date, the one after it the second, and so on. So "first Saturday 10am"
turned "first Saturday 11am" keeps every answer on its own day; Saturdays turned Sundays keep
it on the day after. A date cancelled on its own stays cancelled at its new place (the week off
is still off). One cancelled before the first date held moves too when the new time names its
day ("sat 11am" said on the Saturday that is off): it stays off, at 11, and the series goes on
from the first date held; else it stays as it was. A date moved on its own follows the new time
like every other, since the organizer re-timed every date from now on. Dates already past, and
one under way, keep what they were."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import recurrence
from bot.dates import weekday_date
from bot.errors import UserError
from bot.meetups.model import Meetup, Occurrence
from bot.recurrence.local_time import instant_of
from bot.recurrence.rule import Rule, read_rrule

_EPSILON = timedelta(seconds=1)
# Dates of the old rule walked to find the place of the furthest date someone answered for:
# two years of a daily series, as far as a date can be typed.
OLD_DATES_WALKED = 731


@dataclass(frozen=True)
class Retiming:
    """A series' new rule from its next date on, and where each stored date ahead goes."""

    rrule: str
    description: str  # the new series in words, as the organizer and members read it
    first_local: datetime  # the new first date's naive local start
    first: datetime  # the same, as an instant
    since: datetime  # the old rule's first date carried over: the earlier rule ends before it
    moves: tuple[tuple[Occurrence, datetime], ...]  # a stored date ahead, and its new start


def read_retiming(
    meetup: Meetup,
    *,
    next_date: Occurrence,
    ahead: Sequence[Occurrence],
    anchor_local: datetime,
    repeat_text: str | None,
    now: datetime,
    typed: bool,
) -> Retiming:
    """The series `meetup` becomes from `anchor_local` (the new next date's naive local start,
    which the rule must fall on when the organizer `typed` it) with `repeat_text` (else its own
    rule, with what is left of its count), and the new start of each of its stored dates
    `ahead` (cancelled ones included); a UserError when the new series misses the date typed,
    gives no date ahead, fewer dates than those answered for, or is the old one."""
    assert meetup.rrule is not None  # the caller refuses a one-off
    tz = ZoneInfo(meetup.zone)  # a series' zone is always named
    repeat = recurrence.parse_repeat(
        repeat_text or _rest_of(meetup, next_date), anchor_local, meetup.zone
    )
    # In words without "the first is on …": the organizer and members read the new first date
    # beside it, as a timestamp.
    description = recurrence.describe(repeat.first, meetup.zone, repeat.rrule)
    if typed and repeat.first.date() != anchor_local.date():
        # Else "sun 11am" on a first-Saturday series would quietly skip to next month.
        raise UserError(
            f"{weekday_date(anchor_local)} is not a date of a series that meets {description}: "
            "give a date it falls on, or a new `repeat` too (like monthly on the first sunday)."
        )
    first = recurrence.to_instant(repeat.first, meetup.zone)
    if first <= now:
        raise UserError(f"“{description}” would start in the past; give a time ahead.")
    old_dates = _old_dates(meetup, next_date, ahead, now)
    places = {original: index for index, original in enumerate(old_dates)}
    held = min(
        places[original]
        for original in (
            next_date.original_start,
            *(o.original_start for o in ahead if not o.cancelled and o.original_start in places),
        )
    )
    start = _taken_by_first(first, old_dates, places, held, [o for o in ahead if o.cancelled])
    shift = held - start  # dates off before the first held, which keep their places before it
    rule = read_rrule(repeat.rrule, tz)
    # A COUNT the organizer typed counts from the new first date; the series' own counts only
    # the dates from its first held on (see `_rest_of`).
    count = rule.count if repeat_text is None or rule.count is None else rule.count - shift
    carried = [o for o in ahead if places.get(o.original_start, -1) >= start]
    needed = max([places[o.original_start] - start for o in carried] + [shift]) + 1
    new_dates = recurrence.occurrences(
        repeat.first,
        meetup.zone,
        replace(rule, count=None).text(),
        after=first - _EPSILON,
        limit=needed,
    )
    given = len(new_dates) - shift if count is None else min(count, len(new_dates) - shift)
    if given < needed - shift:
        raise UserError(
            f"“{description}” gives {max(given, 0)} dates, fewer than the {needed - shift} "
            "dates ahead that members answered for; give a rule that goes on longer, or "
            "cancel the dates you no longer hold first."
        )
    rrule = replace(rule, count=count).text()
    first_local = _wall_of(repeat.first, tz, rule, new_dates[shift])
    moved_alone = any(o.starts_at != o.original_start for o in ahead if not o.cancelled)
    if rrule == meetup.rrule and new_dates[shift] == next_date.original_start and not moved_alone:
        raise UserError(f"“{meetup.title}” already meets {description}.")
    moves = tuple(
        (occurrence, new_dates[places[occurrence.original_start] - start]) for occurrence in carried
    )
    return Retiming(
        rrule,
        recurrence.describe(first_local, meetup.zone, rrule),
        first_local,
        new_dates[shift],
        old_dates[start],
        moves,
    )


def _taken_by_first(
    first: datetime,
    old_dates: Sequence[datetime],
    places: dict[datetime, int],
    held: int,
    cancelled: Sequence[Occurrence],
) -> int:
    """The place on the old rule of the date the new first date takes: the first date held,
    or a date cancelled before it that is nearer the new first date ("sat 11am" naming the
    Saturday that is off keeps it off, at 11). A date cancelled before that one has no date
    before it to take and stays as it was. `places` are the old dates' places by start."""
    candidates = [held] + [
        places[o.original_start]
        for o in cancelled
        if o.original_start in places and places[o.original_start] < held
    ]
    # The nearest; of two as near, the later, the first held before any date off.
    return min(candidates, key=lambda place: (abs(old_dates[place] - first), -place))


def _wall_of(start_local: datetime, tz: ZoneInfo, rule: Rule, instant: datetime) -> datetime:
    """The naive local start the rule from `start_local` gives at `instant` (one of its
    dates): a gap time as the rule writes it, so the dates after it keep their wall clock."""
    for wall in rule.walls(start_local, probe=True):
        if instant_of(wall, tz) == instant:
            return wall
    raise AssertionError(f"{instant} is not a date of the rule")


def _rest_of(meetup: Meetup, next_date: Occurrence) -> str:
    """The series' own rule from its next date on: a COUNT keeps only the dates still left."""
    assert meetup.rrule is not None
    rule = read_rrule(meetup.rrule, ZoneInfo(meetup.zone))
    if rule.count is None:
        return meetup.rrule
    gone = len(
        recurrence.occurrences(
            meetup.start_local,
            meetup.zone,
            meetup.rrule,
            after=meetup.starts_at - _EPSILON,
            before=next_date.original_start,
            limit=rule.count,
        )
    )
    left = rule.count - gone
    if left < 2:
        raise UserError(
            f"“{meetup.title}” has only its next date left; move that date alone instead."
        )
    return replace(rule, count=left).text()


def _old_dates(
    meetup: Meetup, next_date: Occurrence, ahead: Sequence[Occurrence], now: datetime
) -> list[datetime]:
    """The old rule's dates from the next one on, by their original starts: those not yet
    reached, and any earlier one moved to a time still ahead."""
    assert meetup.rrule is not None
    moved_ahead = {occurrence.original_start for occurrence in ahead}
    earliest = min([next_date.original_start, *moved_ahead, now])
    return [
        original
        for original in recurrence.occurrences(
            meetup.start_local,
            meetup.zone,
            meetup.rrule,
            after=earliest - _EPSILON,
            limit=OLD_DATES_WALKED,
        )
        if original > now or original in moved_ahead
    ]
