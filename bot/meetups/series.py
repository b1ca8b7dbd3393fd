"""A series re-timed from its next date on: a new time of day, a new rule, or both, with the
dates members answered for carried over to the new dates.

The rule for carrying answers over: the series' dates still ahead, counted in order on the old
rule (those cancelled one by one and those moved one by one included, each at its place on the
old rule), become the new rule's dates in the same order. The new first date takes the old
date nearest it of: the first date held, the next date the card shows, and those cancelled
before it. So "first Saturday 10am" turned "first Saturday 11am" keeps every answer on its own
day; Saturdays turned Sundays keep it on the day after. A date cancelled on its own stays
cancelled at its new place (the week off is still off), and the new rule starts from the first
date it carries, one off included, so the date stays off through any later re-time; one
cancelled before the date the new first date takes stays as it was, and a later re-time still
counts it. A date moved on its own follows a new time that names its day like every other,
since the organizer re-timed every date from now on: one moved past the next date too, becoming
the series' new next date. A time of day alone ("8pm") names no day, so such a date keeps the
day it was moved to, at the new time; and a new rule alone gives no new time, so it stays where
it is (a new date over its hours is refused). Dates already past, and one under way, keep what
they were."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import recurrence
from bot.dates import clock_text, weekday_date
from bot.errors import UserError
from bot.meetups.counted_weekday import counted_weekday_repeat
from bot.meetups.model import Meetup, Occurrence
from bot.meetups.values import TimeKept
from bot.recurrence.local_time import instant_of
from bot.recurrence.rule import Rule, read_rrule
from bot.when import When

_EPSILON = timedelta(seconds=1)
# Dates of the old rule walked to find the place of the furthest date someone answered for:
# two years of a daily series, as far as a date can be typed.
OLD_DATES_WALKED = 731
MOVES_OVERLAPPED = 3  # dates of a new rule a date's hours can overlap (a daily one's: 3)


@dataclass(frozen=True)
class Retiming:
    """A series' new rule from its next date on, and where each stored date ahead goes."""

    rrule: str
    description: str  # the new series in words, as the organizer and members read it
    first_local: datetime  # the new rule's first date's naive local start (it may be off)
    first: datetime  # the same, as an instant
    since: datetime  # the old rule's first date carried over: the earlier rule ends before it
    # A stored date ahead, its new place on the rule (its original start) and its new start.
    moves: tuple[tuple[Occurrence, datetime, datetime], ...]
    next_from: datetime  # where the date that becomes the series' next one started before


def read_retiming(
    meetup: Meetup,
    *,
    next_date: Occurrence,
    ahead: Sequence[Occurrence],
    anchor_local: datetime,
    repeat_text: str | None,
    now: datetime,
    when_text: str | None,
    read: When | None = None,
    own_days: bool = False,
) -> Retiming:
    """The series `meetup` becomes from `anchor_local` (the new next date's naive local start,
    which the rule must fall on when the organizer typed it as `when_text`) with `repeat_text`
    (else its own rule, with what is left of its count), and the new start of each of its
    stored dates `ahead` (cancelled ones included); a UserError when the new series misses the
    date typed, starts at a time gone by, gives no date ahead, fewer dates than those answered
    for, or is the old one (a TimeKept, carrying the time as it was `read`: its range may
    still give every date a new length). A date moved on its own keeps its day, at the new
    time, when the time typed named no day (`own_days`), and its start when none was typed;
    else it takes its place on the new rule."""
    assert meetup.rrule is not None  # the caller refuses a one-off
    typed = when_text is not None
    tz = ZoneInfo(meetup.zone)  # a series' zone is always named
    if repeat_text is not None and when_text is not None:
        # "monthly" from "the first saturday in january": that weekday, as the start was typed.
        repeat_text = (
            counted_weekday_repeat(repeat_text, when_text, anchor_local.date()) or repeat_text
        )
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
        # Only a time of day alone read on the next date's own day, today, can have passed
        # (any other time gone by is refused as it is read, and no new time starts on a date
        # ahead).
        assert when_text is not None
        raise _gone_by(meetup, repeat.first, repeat.rrule, description, when_text, now)
    old_dates = _old_dates(meetup, next_date, ahead, now)
    places = {original: index for index, original in enumerate(old_dates)}
    shown = places[next_date.original_start]  # the next date the card shows
    # A date moved on its own past the next one is held before it on the old rule.
    held = min([shown] + [places[o.original_start] for o in ahead if _held_on(o, places)])
    start = _taken_by_first(first, old_dates, places, held, shown, ahead)
    # Dates held before the one the new first date takes (moved on their own past it) come
    # along, a date each before it, so none is left off the new rule.
    lowest = min(start, held)
    rule = read_rrule(repeat.rrule, tz)
    count = _new_count(
        rule.count, own=repeat_text is None, added=shown - lowest, typed=start - lowest
    )
    carried = [o for o in ahead if places.get(o.original_start, -1) >= lowest]
    needed = max([places[o.original_start] - lowest for o in carried] + [start - lowest]) + 1
    rule_start, new_dates = _new_dates(
        repeat.first,
        tz,
        rule,
        before=start - lowest,
        gap=_local(old_dates[start], tz) - _local(old_dates[lowest], tz),
        limit=needed,
    )
    if (
        len(new_dates) <= start - lowest
        or new_dates[start - lowest] != first
        or new_dates[0] <= now
    ):
        raise UserError(
            f"“{meetup.title}” has a date moved on its own past its next date, which a series "
            f"that meets {description} from {weekday_date(anchor_local)} leaves no place: "
            "give the new time on that date's own day, or cancel that date first."
        )
    given = len(new_dates) if count is None else min(count, len(new_dates))
    if given < needed:
        # The dates off before the first one held are not counted to the organizer.
        off = held - lowest
        raise UserError(
            f"“{description}” gives {max(given - off, 0)} dates, fewer than the {needed - off} "
            "dates ahead that members answered for; give a rule that goes on longer, or "
            "cancel the dates you no longer hold first."
        )
    rrule = replace(rule, count=count).text()
    first_local = _wall_of(rule_start, tz, rule, new_dates[0])
    moved_alone = {
        o.original_start: o.starts_at
        for o in carried
        if not o.cancelled and o.starts_at != o.original_start
    }
    if rrule == meetup.rrule and new_dates[0] == old_dates[lowest] and not moved_alone:
        raise TimeKept(f"“{meetup.title}” already meets {description}: nothing changed.", read)
    moves = tuple(
        (
            occurrence,
            place := new_dates[places[occurrence.original_start] - lowest],
            _own_start(moved_alone.get(occurrence.original_start), place, tz, typed, own_days),
        )
        for occurrence in carried
    )
    _refuse_kept_over(meetup, first_local, rrule, moves)
    return Retiming(
        rrule,
        recurrence.describe(first_local, meetup.zone, rrule, zone_named=True),
        first_local,
        new_dates[0],
        old_dates[lowest],
        moves,
        next(
            (o.starts_at for o in carried if o.original_start == old_dates[held]),
            old_dates[held],
        ),
    )


def _gone_by(
    meetup: Meetup,
    first_local: datetime,
    rrule: str,
    description: str,
    when_text: str,
    now: datetime,
) -> UserError:
    """The refusal of a new series whose first date, today's, is at a time gone by: it names
    the new rule's next date, to type with the time."""
    tz = ZoneInfo(meetup.zone)
    said = (
        f"A series that meets {description} from {weekday_date(first_local)} would start at a "
        f"time that has passed, so “{meetup.title}” stays as it is."
    )
    ahead = recurrence.occurrences(first_local, meetup.zone, rrule, after=now, limit=1)
    if not ahead:
        return UserError(f"{said} Give a time still ahead.")
    later = ahead[0].astimezone(tz)
    typed = f"{later:%b} {later.day} ".casefold() + " ".join(when_text.split())
    return UserError(f"{said} To start from its next date, give that date too: `when:{typed}`.")


def _own_start(
    moved: datetime | None, place: datetime, tz: ZoneInfo, typed: bool, own_days: bool
) -> datetime:
    """The new start of a date at `place` on the new rule, `moved` on its own before (if so):
    its own start when no new time was typed, its day at the new time when the time typed
    named no day (`own_days`), else its place."""
    if moved is None or (typed and not own_days):
        return place
    if not typed:
        return moved
    return instant_of(datetime.combine(_local(moved, tz).date(), _local(place, tz).time()), tz)


def _refuse_kept_over(
    meetup: Meetup,
    first_local: datetime,
    rrule: str,
    moves: Sequence[tuple[Occurrence, datetime, datetime]],
) -> None:
    """Refuse a new rule with a date over the hours of one moved on its own that stays off it."""
    for _, place, start in moves:
        if start == place:
            continue
        near = recurrence.occurrences(
            first_local,
            meetup.zone,
            rrule,
            after=start - meetup.duration,
            before=start + meetup.duration,
            limit=MOVES_OVERLAPPED,
        )
        if any(date != place for date in near):
            raise UserError(
                f"The {weekday_date(_local(start, ZoneInfo(meetup.zone)))} date of "
                f"“{meetup.title}” was moved on its own and keeps its day, where a date of the "
                "new rule would overlap it: give that date a new time with `when` first, or "
                "cancel it."
            )


def _local(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def _held_on(occurrence: Occurrence, places: dict[datetime, int]) -> bool:
    return not occurrence.cancelled and occurrence.original_start in places


def _new_count(count: int | None, *, own: bool, added: int, typed: int) -> int | None:
    """The new rule's COUNT, which counts from its first date: the series' own counts the dates
    from its next date on (see `_rest_of`), one the organizer typed from the new first date;
    `added` and `typed` are how many dates the new rule has before each."""
    if count is None:
        return None
    return count + (added if own else typed)


def _new_dates(
    first_local: datetime,
    tz: ZoneInfo,
    rule: Rule,
    *,
    before: int,
    gap: timedelta,
    limit: int,
) -> tuple[datetime, list[datetime]]:
    """The naive local start of the new rule and its first `limit` dates: from `first_local`,
    or from the `before`-th of its dates before it, looked for as far back as `gap` (where the
    old rule had them). The caller checks the rule gives `first_local` in its place."""
    zone, text = str(tz), replace(rule, count=None).text()
    start_local = first_local
    if before:
        back = first_local - gap
        earlier = recurrence.occurrences(
            back,
            zone,
            text,
            after=instant_of(back, tz) - _EPSILON,
            before=instant_of(first_local, tz),
            limit=OLD_DATES_WALKED,
        )
        if len(earlier) >= before:
            start_local = _wall_of(back, tz, rule, earlier[-before])
    found = recurrence.occurrences(
        start_local, zone, text, after=instant_of(start_local, tz) - _EPSILON, limit=limit
    )
    return start_local, found


def _taken_by_first(
    first: datetime,
    old_dates: Sequence[datetime],
    places: dict[datetime, int],
    held: int,
    shown: int,
    ahead: Sequence[Occurrence],
) -> int:
    """The place on the old rule of the date the new first date takes: the first date held, the
    next date the card shows (one held before it was moved on its own past it), or a date
    cancelled before that is nearer the new first date ("sat 11am" naming the Saturday that is
    off keeps it off, at 11). A date cancelled before that one has no date before it to take
    and stays as it was. `places` are the old dates' places by start."""
    candidates = [held, shown] + [
        places[o.original_start]
        for o in ahead
        if o.cancelled and o.original_start in places and places[o.original_start] < shown
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
    reached, any earlier one moved to a time still ahead, and the dates still ahead cancelled
    on their own that an earlier re-time left where they were, off the rule (so a later one
    does not hold a date on their day again)."""
    assert meetup.rrule is not None
    moved_ahead = {occurrence.original_start for occurrence in ahead}
    earliest = min([next_date.original_start, *moved_ahead, now])
    on_rule = [
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
    off = {o.original_start for o in ahead if o.cancelled and o.original_start < on_rule[0]}
    return sorted({*on_rule, *off})


def read_on_own_day(read: Callable[[datetime], When], day: date, tz: ZoneInfo) -> When | None:
    """The time typed, read on `day` (a date's day in its meetup's zone `tz`) in the zone the
    time is read in, when it names no day of its own; else None. A time of day alone ("8pm") is
    read from the start of a day as that day's, and from its last second as the next day's, at
    one clock. A day named ("mon 8pm", "dec 7 8pm", and "today 8pm" too: the day it is said
    on) is not, nor is "in 2 hours" (not at one clock)."""
    try:
        # The day runs from midnight in the zone the time is read in ("4pm PT", or the editor's
        # own for "my time"), not the meetup's: midnight in Denver is the evening before in Los
        # Angeles, where "4pm" would be read as the next day's, and a Thursday would not stay one.
        zone = read(instant_of(datetime.combine(day, time()), tz)).local.tzinfo
        first, second = (
            read(datetime.combine(day, clock, zone).astimezone(UTC))
            for clock in (time(), time(23, 59, 59))
        )
    except UserError:
        return None
    own = first.local.date() == day and second.local.date() == day + timedelta(days=1)
    return first if own and first.local.time() == second.local.time() else None


def refuse_gone_by(title: str, when: When, when_text: str, *, now: datetime) -> None:
    """Refuse a time of day alone read on its date's own day, today, once it has passed (any
    other time gone by is refused as it is read): the next one to come is another day's, which
    must be named."""
    if when.instant_utc > now:
        return
    later = when.local.date() + timedelta(days=1)
    typed = f"{later:%a}".casefold() + " " + " ".join(when_text.split())
    raise UserError(
        f"{clock_text(when.local)} on {weekday_date(when.local.date())} has passed, so "
        f"“{title}” stays where it is. For {later:%A}, name the day too: `when:{typed}`."
    )
