"""An hour typed without am or pm, asked about where reading it as the morning's would likely
be wrong: in the small hours ("sat at 3", "between 2 and 10": a meetup at 3 AM is far more
likely a slip than a plan), and where its morning has passed today while its evening is still
ahead ("fri 7" said on Friday at 9 AM, most likely tonight). A meetup made at the wrong time
costs every attendee a wrong DM later; a question costs the organizer one retype.

Hours 7 to 11 otherwise stay the morning's, with a note saying how to write the evening: morning
meetups (cars and coffee, swap meets) start then, and "sat 9" has always read so. Before "till
late" (sat 8 till late), which says the evening, they are asked about too."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.clock import Clock
from bot.when.span import Ends, Span, read_ends, twelve_hour
from bot.when.text import TILL_LATE, normalize

# A morning reading before this, of a time that did not say am or pm, is asked about.
SMALL_HOURS_END = time(7, 0)
_DAY = 24 * 60


@dataclass(frozen=True)
class Halves:
    """A time read as the morning's for want of am or pm, beside its afternoon reading: each
    as the member would type it in place of `typed`, and as shown."""

    typed: str  # "at 3", "between 2 and 10"
    morning: Clock  # the start, in each half
    afternoon: Clock
    typed_morning: str  # "3am", "2am-10am"
    typed_afternoon: str
    shown_morning: str  # "3:00 AM", "2:00 AM to 10:00 AM"
    shown_afternoon: str
    as_range: str = ""  # "10-2", which "ten till two" may also mean


def either_half(clock: Clock, span: Span | None, ends: Ends | None) -> Halves | None:
    """The two readings of a time that did not say which half of the day, if it could be
    either and was read as the morning's."""
    if span is not None and ends is not None:
        return _range_halves(span, ends) if ends.start_guessed else None
    if not clock.bare or clock.meridiem or clock.hour >= 12 or (clock.hour, clock.minute) == (0, 0):
        return None
    afternoon = replace(clock, hour=clock.hour + 12, meridiem=True, bare="")
    return Halves(
        clock.bare,
        clock,
        afternoon,
        with_half(clock, "am"),
        with_half(clock, "pm"),
        _shown(clock),
        _shown(afternoon),
        clock.as_range[1] if clock.as_range else "",
    )


def _range_halves(span: Span, ends: Ends) -> Halves:
    afternoon = replace(ends.start, hour=ends.start.hour + 12)
    later = read_ends(span, afternoon)
    return Halves(
        span.typed,
        ends.start,
        afternoon,
        f"{_typed(ends.start)}-{_typed_minutes(ends.minutes)}",
        f"{_typed(afternoon)}-{_typed_minutes(later.minutes)}",
        f"{_shown(ends.start)} to {_shown_minutes(ends.minutes)}",
        f"{_shown(afternoon)} to {_shown_minutes(later.minutes)}",
    )


def ask_which_half(
    text: str, halves: Halves, morning: datetime, afternoon: datetime, now: datetime
) -> None:
    """Refuse a time read as the morning's where that may well be wrong, with both readings
    ready to type: `morning` and `afternoon` are where each falls. A morning gone on the day
    named ("today 5" said at 9 AM) is left to be refused as passed, with the evening's
    writing: it is no choice. "Till late" says the evening: a morning hour before it is asked
    about too ("sat 8 till late")."""
    start = time(halves.morning.hour, halves.morning.minute)
    today = now.astimezone(morning.tzinfo).date()
    moved = morning.date() != afternoon.date() == today
    late = TILL_LATE.search(text) is not None
    if (start >= SMALL_HOURS_END and not moved and not late) or morning <= now:
        return
    as_typed = retyped(text, halves.typed, halves.typed_afternoon)
    as_morning = retyped(text, halves.typed, halves.typed_morning)
    as_range = f", or {retyped(text, halves.typed, halves.as_range)} for a range"
    as_range = as_range if halves.as_range else ""
    if moved:
        on = (
            "tomorrow"
            if morning.date() == today + timedelta(days=1)
            else f"on {morning:%A %B} {morning.day}"
        )
        raise UserError(
            f"“{halves.typed}” has no am or pm, and {_shown(halves.morning)} today has passed: "
            f"write {as_typed} for {_shown(halves.afternoon)} today, or {as_morning} for "
            f"{_shown(halves.morning)} {on}{as_range}."
        )
    raise UserError(
        f"“{halves.typed}” has no am or pm: write {as_typed} for {halves.shown_afternoon}, or "
        f"{as_morning} for {halves.shown_morning}{as_range}."
    )


def retyped(text: str, typed: str, instead: str) -> str:
    """The member's text with the last `typed` in it (spaces aside) written `instead`; else
    the text as read (where "@ 3" became "at 3"), else `instead` alone."""
    if (last := _last_typed(text, typed)) is None:
        return instead
    source, found = last
    return f"{source[: found.start()]}{instead}{source[found.end() :]}"


def typed_in(text: str, typed: str) -> bool:
    """Whether `typed` stands in the member's text (spaces aside), as typed or as read: words
    a date was written as from others ("the first sat of jan") do not."""
    return _last_typed(text, typed) is not None


def _last_typed(text: str, typed: str) -> tuple[str, re.Match[str]] | None:
    """The last `typed` in the text as typed, else as read, and that text."""
    spaced = r"\s*".join(re.escape(char) for char in typed if not char.isspace())
    pattern = re.compile(rf"(?<![\w:]){spaced}(?![\w:])", re.I | re.A)
    for source in (" ".join(text.split()), normalize(text)):
        if found := list(pattern.finditer(source)):
            return source, found[-1]
    return None


def with_half(clock: Clock, half: str) -> str:
    """The time as typed with am or pm: 3pm, 5:30pm, 午後3時, at six pm, half past six pm."""
    if clock.bare.endswith("時"):
        return f"{'午後' if half == 'pm' else '午前'}{clock.bare}"
    if not any(char.isdigit() for char in clock.bare):  # in words, which take am or pm too
        return f"{clock.bare} {half}"
    return f"{twelve_hour(clock.hour, clock.minute)}{half}"


def _typed(clock: Clock) -> str:
    return _typed_minutes(clock.hour * 60 + clock.minute)


def _typed_minutes(minutes: int) -> str:
    """3pm, 9:30am, noon or midnight, for minutes after a day's start (the next day's too)."""
    minutes %= _DAY
    if minutes in (0, 12 * 60):
        return "midnight" if minutes == 0 else "noon"
    hour, minute = divmod(minutes, 60)
    return f"{twelve_hour(hour, minute)}{'am' if hour < 12 else 'pm'}"


def _shown(clock: Clock) -> str:
    return _shown_minutes(clock.hour * 60 + clock.minute)


def _shown_minutes(minutes: int) -> str:
    hour, minute = divmod(minutes % _DAY, 60)
    return clock_text(datetime.combine(date.min, time(hour, minute)))
