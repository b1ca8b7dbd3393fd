"""The times people type ("sat 10am PT", "Dec 5 10am", "in 3 days 6pm"), read as one instant,
and the length when they type a range ("sat 10am-2pm").

The rules, as a member reads them in /help meetup (`RULES`, in three parts: `RULE_PARTS`):

• Time: 10am, 14:30, 18h, noon, sat 1930 or sat 19.30; midnight or 24 ends the day named. No
  am/pm: 7 to 11 are AM (sat 9). Asked about: 1 to 6 (sat 3, 2-10), an AM hour gone today (fri 7
  typed at 9 AM), sat 8 till late. Say which: 7 in the evening, tonight 7 (tonight 1 is after
  midnight).
• In words: six pm, six thirty pm, half past six pm, ten after six pm, quarter to seven pm, ten
  till two pm (1:50), seven o'clock pm, six to eight pm, nine till noon.
• Range, for the length: 10am-2pm, 10-2 (10 AM to 2 PM), 10pm-2am, in two zones too (sat
  10am-2pm ET / 7am-11am PT). Two days (dec 5-6): give the first here, the length in the
  duration option. Figures with a dash or slash after a time or a weekday (10am 7-11, 10am 7/11,
  sat 10-2 3pm) are asked about: put a date before the time (12-12 9am).
• Day: 2026-12-05, Dec 5, 12/5 (month/day), 12.12 or 13.12 (with a dot: only when one date
  fits), the 5th, 12月5日, today, tomorrow, in 3 days, in 2 hours, a week from tomorrow, sat (the
  next one; in an edit, the one nearest the date), next sat (the one after), next week sat, the
  1st sat of jan (or of the month, of next month), the last sat of this year or next, a Discord
  <t:…> time. A day, month or year left out is the next ahead; a date gone in the last 60 days is
  refused.
• Zone: in the text (PT, Denver, America/Denver, UTC-7, 3pm -07:00) or a city and its state
  in capitals (Tulsa, OK; Hartford, CT with its comma, as CT after a word is Central; asked
  where the state has two zones), else the timezone option, your /timezone,
  else the server's (an edit: the meetup's own). PST in July reads as PDT. An offset and a
  name, or two zones, must agree (10pm -08:00 PT; 3pm ET / 12pm PT). A city after at, near or a
  comma (10am at Denver) is asked about, unless in the zone used anyway: the place goes in the
  location option.
• Refused: times gone, over 2 years ahead, or skipped when clocks spring forward. A time shown
  twice as they fall back is the first (1:30am CST: the second). At most 100 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta

from bot.dates import clock_text, length_words
from bot.errors import UserError
from bot.when.changes import at, day_text, latest, refuse_first_passed, wall_clock_notes
from bot.when.clock import (
    LONE_CLOCK,
    Clock,
    dotted_clock,
    evening,
    in_part_of_day,
    lone_clock,
    refuse_spaced_minutes,
    take_clock,
    take_part_of_day,
)
from bot.when.days import (
    EXAMPLES,
    FILLERS,
    Day,
    DaysAhead,
    FromNow,
    Weekday,
    date_then_hour,
    examples,
    refuse_days_each_timed,
    refuse_two_days,
    take_day,
    tom_before_a_time,
    without_this_weekend,
)
from bot.when.halves import ask_which_half, either_half
from bot.when.holidays import refuse_moving_holiday
from bot.when.japanese import range_as_typed
from bot.when.length import refuse_length
from bot.when.notes import (
    BOTH_HALVES_GONE,
    clock_notes,
    day_notes,
    monthday_notes,
    next_weekday_notes,
    passed_note,
    rough_time_notes,
    tonight_note,
)
from bot.when.nth_weekday import NextOne, nth_weekdays_as_dates
from bot.when.on_day import (
    RetypedRefusal,
    ahead_hint,
    beside_date,
    date_gone_hints,
    on_day,
    year_on_notes,
)
from bot.when.place import refuse_place_words
from bot.when.span import Ends, Span, read_ends, span_note, take_span
from bot.when.text import as_typed, normalize
from bot.when.two_zones import take_other_zones
from bot.when.vague import refuse_vague
from bot.when.written import WrittenDate, read_date, year_in_figures
from bot.when.zone import (
    Zone,
    ZoneNotRead,
    ZoneSource,
    choose_zone,
    cities_with_a_comma,
    refuse_city_of_many_zones,
    refuse_other_offset,
    take_zone,
    zone_notes,
    zone_untyped,
)
from bot.zones import load_zone, zone_label

__all__ = [
    "EXAMPLES",
    "MAX_TEXT",
    "RULES",
    "RULE_PARTS",
    "When",
    "ZoneSource",
    "examples",
    "parse_when",
    "rule_parts",
]

# The Day rule's date written in full, as the module's doc says it (`rule_parts`: as shown).
_DAY_IN_FULL = "2026-12-05"
# Three parts, each of which fits an embed field (1,024 characters) with room to spare.
RULE_PARTS = (
    "\n".join(
        (
            "• Time: 10am, 14:30, 18h, noon, sat 1930 or sat 19.30; midnight or 24 ends the day "
            "named. No am/pm: 7 to 11 are AM (sat 9). Asked about: 1 to 6 (sat 3, 2-10), an AM "
            "hour gone today (fri 7 typed at 9 AM), sat 8 till late. Say which: 7 in the "
            "evening, tonight 7 (tonight 1 is after midnight).",
            "• In words: six pm, six thirty pm, half past six pm, ten after six pm, quarter to "
            "seven pm, ten till two pm (1:50), seven o'clock pm, six to eight pm, nine till noon.",
        )
    ),
    "\n".join(
        (
            "• Range, for the length: 10am-2pm, 10-2 (10 AM to 2 PM), 10pm-2am, in two zones too "
            "(sat 10am-2pm ET / 7am-11am PT). Two days (dec 5-6): give the first here, the "
            "length in the duration option. Figures with a dash or slash after a time or a "
            "weekday (10am 7-11, 10am 7/11, sat 10-2 3pm) are asked about: put a date before "
            "the time (12-12 9am).",
            f"• Day: {_DAY_IN_FULL}, Dec 5, 12/5 (month/day), 12.12 or 13.12 (with a dot: only "
            "when one date fits), the 5th, 12月5日, today, tomorrow, in 3 days, in 2 hours, a week "
            "from tomorrow, sat (the next one; in an edit, the one nearest the date), next sat "
            "(the one after), next week sat, the 1st sat of jan (or of the month, of next "
            "month), the last sat of this year or next, a Discord <t:…> time. A day, month or "
            "year left out is the next ahead; a date gone in the last 60 days is refused.",
        )
    ),
    "\n".join(
        (
            "• Zone: in the text (PT, Denver, America/Denver, UTC-7, 3pm -07:00) or a city and "
            "its state in capitals (Tulsa, OK; Hartford, CT with its comma, as CT after a word "
            "is Central; asked where the state has two zones), else the timezone "
            "option, your /timezone, else the server's (an edit: the meetup's own). PST in July "
            "reads as PDT. An offset and a name, or two zones, must agree (10pm -08:00 PT; 3pm "
            "ET / 12pm PT). A city after at, near or a comma (10am at Denver) is asked about, "
            "unless in the zone used anyway: the place goes in the location option.",
            "• Refused: times gone, over 2 years ahead, or skipped when clocks spring forward. A "
            "time shown twice as they fall back is the first (1:30am CST: the second). At most "
            "100 characters.",
        )
    ),
)
RULES = "\n".join(RULE_PARTS)


def rule_parts(today: date) -> tuple[str, ...]:
    """`RULE_PARTS` as shown on `today`: the Day rule's Dec 5 written in full with the year of
    the next one, so that a member who types it as shown has it read rather than refused."""
    year = today.year + (today > date(today.year, 12, 5))
    return tuple(part.replace(_DAY_IN_FULL, f"{year}-12-05") for part in RULE_PARTS)


MAX_TEXT = 100
MAX_AHEAD = relativedelta(years=2)


@dataclass(frozen=True)
class When:
    """A typed time, read: the instant, the zone it was read in and why, and what to point out."""

    instant_utc: datetime
    zone_name: str  # an IANA name, or a fixed offset such as UTC-07:00 (see zones.load_zone)
    zone_source: ZoneSource
    local: datetime  # the same instant on the zone's clock
    notes: tuple[str, ...] = ()
    duration: timedelta | None = None  # the time that passes to the end of a range (10am-2pm)

    @property
    def ends_utc(self) -> datetime | None:
        return None if self.duration is None else self.instant_utc + self.duration

    @property
    def understood(self) -> str:
        """`Saturday December 5, 2026 10:00 AM (America/Denver)`."""
        zone = zone_label(self.zone_name)
        return f"{day_text(self.local.date())} {clock_text(self.local)} ({zone})"


def parse_when(
    text: str,
    *,
    now: datetime,
    zone_option: str | None = None,
    template_zone: str | None = None,
    member_zone: str | None = None,
    server_zone: str | None = None,
    near: date | None = None,
) -> When:
    """The future instant `text` means at `now`, or a UserError that says what was understood.
    A meetup template's zone (its place's) wins over the member's and the server's. In an edit
    of the date `near`, a weekday named alone is the one nearest that date (see
    `beside_date`)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if len(text) > MAX_TEXT:
        raise UserError(f"That time is {len(text)} characters long; keep it to {MAX_TEXT}.")
    stamp = _DISCORD_TIMESTAMP.fullmatch(text.strip())
    words = "" if stamp else normalize(text)
    if not words and not stamp:
        raise UserError(f"Say when, for example {examples(now.astimezone(UTC).date())}.")
    refuse_length(text)
    kept = {"zone_option": zone_option, "template_zone": template_zone, "near": near}
    kept |= {"member_zone": member_zone, "server_zone": server_zone}
    fallbacks = (template_zone, member_zone, server_zone)
    if not stamp:  # before a second zone or a date is read from it (the 7-11 as July 11)
        read = partial(parse_when, now=now, **kept)
        refuse_place_words(
            text, read, zone_untyped(zone_option, fallbacks), now.astimezone(UTC).date()
        )
        refuse_city_of_many_zones(text)
    words, other_zones = take_other_zones(words, member_zone)
    typed_zone, words = take_zone(
        words,
        negative_iso_offset=_ISO_T.search(text) is not None,
        member_zone=member_zone,
        with_a_comma=cities_with_a_comma(text),
    )
    if typed_zone is None and not any(name and name.strip() for name in (zone_option, *fallbacks)):
        dated, _, _ = _days_as_dates(words, text, now.date())  # no zone: its own mistakes first
        refuse_vague(dated, text, now, None)  # "asap" is the first thing to fix, not its zone
        _refuse_zone_not_read(dated, text, now, near)
    zone, source, notes = choose_zone(typed_zone, zone_option, fallbacks)
    # The member's own day, not UTC's: at 6 PM on Saturday in Los Angeles, UTC's Sunday
    # would pass over "the first saturday of december" being today.
    words, counted_notes, next_ones = _days_as_dates(words, text, now.astimezone(zone.tz).date())
    notes += counted_notes
    refuse_vague(words, text, now, zone)
    now = now.astimezone(UTC)
    calendar, duration, later = None, None, None
    if stamp:
        local = _stamped(stamp).astimezone(zone.tz)
    else:
        try:
            local, calendar, read_notes, duration, later = _read_local(words, text, now, zone, near)
        except _NoTime as missing:
            there = now.astimezone(zone.tz)
            raise _with_example(missing, partial(parse_when, now=now, **kept), there) from None
        notes += read_notes
        notes += rough_time_notes(text, local, notes)
    for other in other_zones:
        other.refuse_other_instant(zone, local, duration)
    refuse_other_offset(zone, local)
    when = When(local.astimezone(UTC), zone.name, source, local, notes, duration)
    if when.instant_utc <= now:
        instead = f" {later}" if later else ""
        hints = "".join(next_one.hint(text) for next_one in next_ones) or date_gone_hints(
            text, local, calendar, now, later
        )
        retyped = bool(hints)
        if not hints and (later is None or later.endswith(BOTH_HALVES_GONE)):
            hints = ahead_hint(local, now, zone.shown)
        raise _OutOfReach(
            f"I read that as {when.understood}, which has passed.{instead}{hints}",
            local,
            hints,
            retyped=retyped,
        )
    if when.instant_utc > now + MAX_AHEAD:
        raise _OutOfReach(
            f"I read that as {when.understood}, which is more than 2 years ahead.", local
        )
    return when


def _days_as_dates(
    words: str, text: str, today: date
) -> tuple[str, tuple[str, ...], tuple[NextOne, ...]]:
    """`words` with each weekday counted in a month written as its date, counted from
    `today`, what to point out, and the next of one that is today; a holiday that moves
    refused with its next date."""
    refuse_moving_holiday(words, today)
    return nth_weekdays_as_dates(words, today, partial(as_typed, text))


class _OutOfReach(UserError):
    """A time read, and refused as passed or too far ahead: its local time and what to write
    for the next one, for the refusal of its day typed without a time; `retyped` when that is
    the member's text written anew (its time as typed), not an example of a time ahead."""

    def __init__(
        self, message: str, local: datetime, hints: str = "", *, retyped: bool = False
    ) -> None:
        super().__init__(message)
        self.local, self.hints, self.retyped = local, hints, retyped


class _NoTime(UserError):
    """A day typed without a time of day (`typed`), the hour an example would add, and the
    part of the day named (morning, evening; "" for a whole day)."""

    def __init__(self, typed: str, hour: str, part: str = "") -> None:
        super().__init__(
            f"“{typed}” has no time of day. Add one, like {typed} {hour} (or 2:30 PM, 14:30, noon)."
        )
        self.typed, self.hour, self.part = typed, hour, part

    @property
    def ends(self) -> int:
        """The hour the part of the day named ends at: noon for a morning, 6 PM for an
        afternoon, midnight (24) for an evening, a night or a whole day."""
        return _PART_ENDS.get(self.part, 24)

    @property
    def later_today(self) -> str:
        """What an evening or a night calls the rest of today, and any other part."""
        return "tonight" if self.ends == 24 and self.part else "today"


# The hour each part of the day ends at; an evening's or a night's, as a day's, at midnight.
_PART_ENDS = {"morning": 12, "afternoon": 18}
# An evening hour, offered for a day whose own example hour has passed today.
_EVENING_HOUR = 19


def _hour_said(hour: int) -> str:
    """A whole hour as a member types it: 9am, noon, 7pm, midnight (24)."""
    if hour % 12 == 0:
        return "noon" if hour == 12 else "midnight"
    return f"{hour % 12}{'am' if hour < 12 else 'pm'}"


def _later_hours(missing: _NoTime, there: datetime) -> tuple[str, ...]:
    """Hours to offer in place of the example's, should it have passed today (`there` is now
    in the zone of the time): the evening's, then each whole hour still ahead, up to the end
    of the part of the day named (midnight ends an evening, a night and a day)."""
    hours = (_EVENING_HOUR, *range(there.hour + 1, missing.ends))
    ahead = tuple(_hour_said(hour) for hour in hours if there.hour < hour < missing.ends)
    return ahead + (("midnight",) if missing.ends == 24 else ())


def _with_example(missing: _NoTime, read: Callable[[str], When], there: datetime) -> UserError:
    """The refusal of a day typed without a time, with an example that `read` reads: the
    hour for the part of the day named, else a later one still ahead in that part today
    (`there` is now in the zone of the time). A day none is read on is refused as what the
    first example was refused as: passed or too far ahead, said of the day; or another mistake
    to fix first (xmas sat: Christmas is no Saturday). A part of today nearly over is said to
    be: it is not passed over for tomorrow's without the member's say."""
    if len(f"{missing.typed} {missing.hour}") > MAX_TEXT:
        return missing  # too long to read, as the member could not type it either
    refusals: list[UserError] = []
    for hour in dict.fromkeys((missing.hour, *_later_hours(missing, there))):
        try:
            when = read(f"{missing.typed} {hour}")
        except UserError as refused:
            refusals.append(refused)
            continue
        example = _NoTime(missing.typed, hour, missing.part)
        if when.local.date() - there.date() == _A_WEEK:  # today's weekday, its hour gone
            return _later_today(missing, read, there) or example
        return example
    first = refusals[0]
    if isinstance(first, RetypedRefusal):
        return UserError(_without_hour(first.message, missing.hour))
    if not isinstance(first, _OutOfReach):
        return first
    named = first.local.date()
    if first.local > there:
        return UserError(f"“{missing.typed}” is {day_text(named)}, more than 2 years ahead.")
    if named < there.date():
        hints = _without_hour(first.hints, missing.hour) if first.retyped else first.hints
        return UserError(f"“{missing.typed}” was {day_text(named)}, which has passed.{hints}")
    it_is = f"it is {clock_text(there)} on {day_text(there.date())}"
    later = f"{missing.later_today} {_hour_said(there.hour + 1)}"
    if there.hour < missing.ends and _reads(read, later):
        tomorrows = _tomorrows(missing, read, "; for tomorrow")
        return UserError(
            f"“{missing.typed}” is nearly over: {it_is}. For later {missing.later_today}, "
            f"write {later}{tomorrows}."
        )
    tomorrows = _tomorrows(missing, read, "For tomorrow")
    return UserError(
        f"“{missing.typed}” has passed: {it_is}.{f' {tomorrows}.' if tomorrows else ''}"
    )


_A_WEEK = timedelta(days=7)


def _without_hour(retyped: str, hour: str) -> str:
    """A refusal's texts to type, which retype the text read, with the example `hour` it was
    read with taken off the end of each: it was not typed."""
    return re.sub(rf" {re.escape(hour)}(?=[.,])", "", retyped)


def _later_today(missing: _NoTime, read: Callable[[str], When], there: datetime) -> _NoTime | None:
    """The day typed with a later hour that reads today (fri evening 10pm, typed on Friday at
    9:30 PM), if one does: today's weekday is read a week on once the example's hour has
    passed, while the member may well mean tonight."""
    for hour in _later_hours(missing, there):
        try:
            when = read(f"{missing.typed} {hour}")
        except UserError:
            continue
        if when.local - there < timedelta(days=1):  # tonight, up to its midnight
            return _NoTime(missing.typed, hour, missing.part)
    return None


def _reads(read: Callable[[str], When], text: str) -> bool:
    """Whether `read` reads `text`, an example about to be offered."""
    try:
        read(text)
    except UserError:
        return False
    return True


# Today's words, said of tomorrow: today, tonight, this morning (afternoon, evening...).
_TODAY_WORDS = re.compile(r"\b(today|tonight|this)\b", re.I | re.A)
_AS_TOMORROW = {"today": "tomorrow", "tonight": "tomorrow night", "this": "tomorrow"}


def _tomorrows(missing: _NoTime, read: Callable[[str], When], lead: str) -> str:
    """ "For tomorrow, write tomorrow morning 9am", `lead` first: the part of today named, said
    of tomorrow with its hour, when that reads."""
    words = _TODAY_WORDS.sub(lambda said: _AS_TOMORROW[said[1].casefold()], missing.typed)
    tomorrows = f"{words} {missing.hour}"
    if words == missing.typed or not _reads(read, tomorrows):
        return ""
    return f"{lead}, write {tomorrows}"


def _refuse_zone_not_read(words: str, text: str, now: datetime, near: date | None) -> None:
    """Refuse a zone written in a time without any other (sat 10am IST) as it is refused in a
    time with one: asked which zone the time is in, the member would give what they wrote. The
    rest is read as if in UTC to find it; its other mistakes wait for the zone, which they
    may depend on."""
    try:
        _read_local(words, text, now.astimezone(UTC), Zone("UTC", load_zone("UTC")), near)
    except ZoneNotRead:
        raise
    except UserError:
        pass


def _read_local(
    words: str, text: str, now: datetime, zone: Zone, near: date | None = None
) -> tuple[datetime, WrittenDate | None, tuple[str, ...], timedelta | None, str | None]:
    """The local time the words of a time name in `zone`, the date as written (if any), what
    to point out, the length a range gives, and what to write instead should it have passed."""
    notes: tuple[str, ...] = ()
    duration, later = None, None
    refuse_two_days(words, text)
    quote = partial(as_typed, text)
    part, words = take_part_of_day(words, quote)
    span, words = take_span(
        words, now.astimezone(zone.tz).date(), quote, part_of_day=part is not None
    )
    if span is not None and (typed := range_as_typed(text)):
        span = replace(span, typed=typed, said=typed)
    tom_timed = tom_before_a_time(words)
    refuse_days_each_timed(words, quote, tom_timed=tom_timed)
    clock, words = take_clock(words, _range_quoted(quote, span))
    day, words = take_day(words, quote, tom_timed=tom_timed)
    if part is not None and part["this"]:
        if day is not None:
            raise UserError(f"I found two days: “{part[0]}” names today; give one day.")
        day = DaysAhead(0, part[0])
    words = without_this_weekend(words, day)
    rest = " ".join(word for word in words.split() if word.casefold() not in FILLERS)
    named = day is not None or part is not None
    if clock is None and named and (lone := LONE_CLOCK.fullmatch(rest)):
        # "tomorrow 10", "sat 9", "7 in the evening": a lone number beside a day or a part of
        # one is its hour, and "sat 1930" its 24-hour clock; dateutil would read them as the
        # day of the month and the year.
        clock, rest = lone_clock(lone), ""
    elif clock is None and (dotted := dotted_clock(rest, named)):
        clock, rest = dotted, ""
    elif clock is None and (dated := date_then_hour(rest)):
        rest, clock = dated
    if (
        rest == "12"
        and clock is not None
        and clock.meridiem
        and clock.hour % 12 == clock.minute == 0
    ):
        rest = ""  # the 12 of "12 noon", "12 midnight"; in "dec 12 noon" it is the day
    if part is not None and clock is not None:
        clock = in_part_of_day(clock, part["part"].casefold())
    if clock is None and not named and (lone := LONE_CLOCK.fullmatch(rest)) and lone["hh"]:
        _refuse_lone_digits(lone, quote)
    if clock is None:
        refuse_spaced_minutes(rest, quote)  # before dateutil reads "10 30" as a day and a year
    # A range whose start was not read as a time is still in the words, to quote whole.
    unread_span = span if clock is None else None
    rest = year_in_figures(rest, now.astimezone(zone.tz).year)
    calendar = (
        replace(
            read_date(
                rest,
                text,
                now.astimezone(UTC).date(),
                clock_given=clock is not None,
                span=unread_span,
            ),
            typed=rest,
        )
        if rest
        else None
    )
    if near is not None and calendar is None:
        calendar = beside_date(day, near, now, clock, zone.tz)
    if isinstance(day, FromNow):
        if clock is not None or calendar is not None:
            raise UserError(f"“{quote(day.typed)}” already says when; give nothing else.")
        local = (now.replace(second=0, microsecond=0) + day.span).astimezone(zone.tz)
    else:
        if clock is None:
            named_part = _part_named(part, day)
            raise _NoTime(" ".join(text.split()), _EXAMPLE_HOUR.get(named_part, "10am"), named_part)
        said = clock
        if isinstance(day, DaysAhead | Weekday) and day.evening:
            clock = evening(clock)
        ends = read_ends(span, clock, quote) if span is not None else None
        halves = either_half(clock, span, ends)
        if ends is not None:
            clock = ends.start
        if zone.standard or zone.daylight:  # standard time comes back as the clocks fall back
            clock = replace(clock, fold=int(zone.standard))
        local = on_day(now, day, calendar, clock, zone.tz, text)
        today = now.astimezone(zone.tz).date()
        if halves is not None:
            afternoon = replace(halves.afternoon, fold=clock.fold)
            afternoon_local = on_day(now, day, calendar, afternoon, zone.tz, text)
            # Asked about the zone only after saying which half, the member would fix one
            # mistake to hear of the other.
            refuse_other_offset(zone, local, afternoon_local)
            ask_which_half(text, halves, local, afternoon_local, now)
        if clock.fold == 0 and local.date() != today and _today_moved_on(day, calendar, today):
            refuse_first_passed(today, clock, zone, now)
        if clock.fold is None and local.astimezone(UTC) <= now < latest(
            local.date(), clock, zone.tz
        ):
            local = local.replace(fold=1)  # the first has passed; the second is ahead
        notes += clock_notes(clock, local) + wall_clock_notes(local, zone)
        later = passed_note(text, day, clock, local, now, halves) or tonight_note(
            text, day, said, local, now
        )
        if ends is not None and span is not None:
            duration, span_notes = _span_length(span, ends, local, zone)
            notes += span_notes
        notes += day_notes(day, calendar, clock, local, now.astimezone(zone.tz).date())
        notes += year_on_notes(calendar, day, local, clock, now)
    notes += zone_notes(zone, local)
    if calendar is not None:
        notes += calendar.notes + monthday_notes(
            calendar, day, local, now.astimezone(zone.tz).date()
        )
    else:
        notes += next_weekday_notes(day, local, now.astimezone(zone.tz).date())
    return local, calendar, notes, duration, later


def _range_quoted(quote: Callable[[str], str], span: Span | None) -> Callable[[str], str]:
    """`quote`, but for the start of `span` left in the words (7, or "at 7" of "7 to 11"):
    the range as typed, which a refusal of two times quotes as the second."""
    if span is None:
        return quote
    left = {span.start_typed, f"at {span.start_typed}"}
    return lambda words: span.said if words in left else quote(words)


def _refuse_lone_digits(lone: re.Match[str], quote: Callable[[str], str]) -> None:
    """ "1800" alone, which dateutil reads as a year: say how to write it as the time, in
    the member's own words ("1800Z": sat 1800Z keeps the zone)."""
    hour, minute = int(lone["hh"]), int(lone["mm"])
    if hour < 24 and minute < 60:
        shown = clock_text(datetime(2000, 1, 1, hour, minute))
        typed = quote(lone[0])
        raise UserError(
            f"“{typed}” alone may be a year: write the time as {hour:02d}:{minute:02d} or "
            f"{shown}, or after a day, like sat {typed}."
        )


# An hour to add to a part of the day that names none, in an example that reads as meant.
_EXAMPLE_HOUR = {"morning": "9am", "afternoon": "2pm", "evening": "7pm", "eve": "7pm"}
_EXAMPLE_HOUR |= {"night": "9pm", "nite": "9pm", "tonight": "7pm"}


def _part_named(part: re.Match[str] | None, day: Day | None) -> str:
    if part is not None:
        return part["part"].casefold()
    if isinstance(day, Weekday) and day.evening:
        return "tonight"
    return day.typed.casefold() if isinstance(day, DaysAhead) and day.evening else ""


MAX_SPAN = timedelta(hours=24)


def _span_length(
    span: Span, ends: Ends, local: datetime, zone: Zone
) -> tuple[timedelta, tuple[str, ...]]:
    """The time that passes from `local` to the end of the range (an hour more or less when
    the clocks change in between), and what to point out."""
    end_day = local.date() + timedelta(days=ends.minutes // (24 * 60))
    minutes = ends.minutes % (24 * 60)
    # An end shown twice is the one after the start: the second after a start in the second.
    end = Clock(minutes // 60, minutes % 60, fold=local.fold)
    end_local = at(end_day, end, zone.tz)
    notes = wall_clock_notes(end_local, zone)
    if local.fold:  # the start's note says the range runs in the second of the two hours
        notes = ()
    duration = end_local.astimezone(UTC) - local.astimezone(UTC)
    if duration > MAX_SPAN:
        raise UserError(
            f"“{span.said}” runs {length_words(duration)} as the clocks change; a range runs "
            "at most 24 hours. For a longer meetup give its start here and its length in the "
            "duration option."
        )
    return duration, (span_note(span, ends, local, end_local), *notes)


# A date and time as machines write them, 2026-12-05T10:00-07:00 or (with seconds) 2026-12-05
# 10:00:00-07:00: there "-07:00" is an offset, without asking; elsewhere "10:00-14:00" is a
# range, and 2026-12-05 10:00-07:00 an offset unless it may end a short range, as
# 10:00-12:00 does: then a range.
_ISO_T = re.compile(r"\d{4}-\d\d-\d\d(?:T\d| \d\d:\d\d:\d\d)", re.I | re.A)

# A Discord timestamp pasted from a message: <t:1765130400:F>, an instant already.
_DISCORD_TIMESTAMP = re.compile(r"<t:(\d{1,12})(?::[tTdDfFsSR])?>", re.A)


def _stamped(stamp: re.Match[str]) -> datetime:
    try:
        return datetime.fromtimestamp(int(stamp[1]), UTC)
    except (OverflowError, OSError, ValueError):
        raise UserError(f"{stamp[0]} is not a time on the calendar.") from None


def _today_moved_on(day: Day | None, calendar: WrittenDate | None, today: date) -> bool:
    """Whether the day the time was read on is a later one only because today's had passed:
    no day was named, or today's weekday."""
    if calendar is not None:
        return False
    return day is None or (
        isinstance(day, Weekday) and not day.weeks_later and day.weekday == today.weekday()
    )
