"""What to point out about a typed time as read: a clock read on 24 hours, midnight as the end
of a day, today's weekday gone by a week, "next saturday" and a day of the month alone; and
what to write instead of a time gone."""

from __future__ import annotations

import calendar as calendar_names
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.dates import clock_text
from bot.when.changes import at, day_text
from bot.when.clock import Clock, first_clock_typed
from bot.when.days import Day, DaysAhead, Weekday
from bot.when.halves import Halves, retyped, with_half
from bot.when.span import twelve_hour
from bot.when.text import normalize
from bot.when.written import WrittenDate


def clock_notes(clock: Clock, local: datetime) -> tuple[str, ...]:
    notes = []
    if later := later_half_note(clock, local):
        notes.append(later)
    elif clock.as_range:
        typed, as_range = clock.as_range
        notes.append(f"“{typed}” read as {clock_text(local)}; for a range, write {as_range}.")
    if clock.midnight:
        day = day_text(local.date() - timedelta(days=1))
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            notes.append(f"Midnight read as the end of {day}.")
        else:
            notes.append(f"{clock_text(local)} read as the night of {day}, after midnight.")
    return tuple(notes)


# A time said roughly, "10am-ish", "noonish", "7:30 pm ish": read as the time itself. Midnight's
# own note says how "midnight-ish" was read.
_ROUGH_TIME = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2})(?:[:.]\d\d)?(?:\s?[ap]\.?m\b\.?)?\s*-?\s*ish\b"
    r"|(?<!\w)noon\s*-?\s*ish\b",
    re.I | re.A,
)


def rough_time_notes(text: str, local: datetime, said: tuple[str, ...]) -> tuple[str, ...]:
    """Say the time a rough one ("10am-ish") was read as, a meetup starting at one time; unless
    the notes already `said` ("“10” read as 10:00 AM"), or it is a range's end."""
    shown = clock_text(local)
    if any(f"read as {shown}" in note for note in said):
        return ()
    for rough in _ROUGH_TIME.finditer(text):
        hour = int(rough["hour"]) if rough["hour"] else 12
        if hour % 12 == local.hour % 12:
            return (f"“{' '.join(rough[0].split())}” read as {shown}.",)
    return ()


def later_half_note(clock: Clock, local: datetime, text: str = "") -> str | None:
    """How a morning hour typed without am or pm was read, and how to write the afternoon's
    ("at 5" is 5:00 AM; write 5pm): said with the reading; in a refusal, as the whole of the
    member's `text` to type again ("write today 5pm")."""
    reading = _morning_reading(clock, local)
    if reading is None:
        return None
    minutes = f":{clock.minute:02d}" if clock.minute else ""
    later = (
        f"午後{clock.bare}" if clock.bare.endswith("時") else f"{clock.hour % 12 or 12}{minutes}pm"
    )
    as_range = clock.as_range[1] if clock.as_range else ""
    if text:
        later = retyped(text, clock.bare, with_half(clock, "pm"))
        as_range = as_range and retyped(text, clock.bare, as_range)
    as_range = f", or {as_range} for a range" if as_range else ""
    return f"{reading}; write {later} for the afternoon or evening{as_range}."


def _morning_reading(clock: Clock, local: datetime) -> str | None:
    """ "“3” read as 3:00 AM (24-hour clock)", of a morning hour typed without am or pm."""
    if not clock.bare or clock.hour >= 12 or (clock.hour, clock.minute) == (0, 0):
        return None
    # "3:30" is read on the 24-hour clock; "half past six" names no clock at all.
    clock_kind = " (24-hour clock)" if any(c.isdigit() for c in clock.bare) else ""
    return f"“{clock.bare}” read as {clock_text(local)}{clock_kind}"


# How a passed note ends that says only that the other half of the day has gone too, with
# nothing to type instead: the refusal then offers a time ahead.
BOTH_HALVES_GONE = " has passed too."


def passed_note(
    text: str,
    day: Day | None,
    clock: Clock,
    local: datetime,
    now: datetime,
    halves: Halves | None = None,
) -> str | None:
    """What to write instead, said should `local` have passed: the afternoon of a morning hour
    (or range, `halves`) typed without am or pm while it is still ahead; else, once both halves
    of a day named today have gone, tomorrow (in the member's own words, a zone typed kept)."""
    tomorrow = _tomorrow(text, day) if isinstance(day, DaysAhead) and day.days == 0 else None
    if halves is not None and not clock.bare:  # a range (5-7), whose start keeps no typing
        reading = f"“{halves.typed}” read as {halves.shown_morning}"
        typed, later, earlier = halves.typed, halves.typed_afternoon, halves.typed_morning
        afternoon, shown_afternoon = halves.afternoon, halves.shown_afternoon
        ahead = f"{reading}; write {retyped(text, typed, later)} for {shown_afternoon}."
    else:
        reading = _morning_reading(clock, local)
        typed, later, earlier = clock.bare, with_half(clock, "pm"), with_half(clock, "am")
        if reading is None:  # said which half, or on the 24-hour clock plainly
            return None if tomorrow is None else f"For tomorrow, write {tomorrow}."
        afternoon = replace(clock, hour=clock.hour + 12)
        shown_afternoon = clock_text(at(local.date(), afternoon, local.tzinfo))
        ahead = later_half_note(clock, local, text)
    if at(local.date(), afternoon, local.tzinfo) > now:
        return ahead
    gone = f"{reading}, and {shown_afternoon}"
    if tomorrow is None:
        return f"{gone}{BOTH_HALVES_GONE}"
    pm, am = (retyped(tomorrow, typed, half) for half in (later, earlier))
    return f"{gone} today has passed too: for tomorrow, write {pm} or {am}."


def tonight_note(
    text: str, day: Day | None, said: Clock, local: datetime, now: datetime
) -> str | None:
    """What to write for a weekday's evening gone ("fri 7 tonight" said at 8 PM): next week's,
    or an hour still ahead tonight, in the member's own words (a zone typed kept). `said` is
    the clock as typed, before tonight made it the evening's."""
    typed = said.bare or first_clock_typed(normalize(text))
    if not isinstance(day, Weekday) or not day.evening or typed is None:
        return None
    hour, minute = now.astimezone(local.tzinfo).hour + 1, said.minute
    if not said.bare:
        later = f"{twelve_hour(hour, minute)}{'pm' if hour < 24 else 'am'}"
    else:  # tonight reads a bare 10 as 10 PM, and 22:00 is the 24-hour clock kept
        later = f"{hour % 24:02d}:{minute:02d}" if said.hour >= 13 else twelve_hour(hour, minute)
    tonight = f"for later tonight, an hour still ahead, like {retyped(text, typed, later)}."
    if local.weekday() != day.weekday:  # the small hours after its midnight: no next week's
        return f"{tonight[0].upper()}{tonight[1:]}"
    next_week = " ".join(retyped(text, "tonight", "").split())
    next_week = retyped(next_week, day.typed, f"next {day.typed.split()[-1]}")
    if said.bare and said.hour < 12:  # without tonight, a bare 7 would be the morning's
        next_week = retyped(next_week, typed, f"{twelve_hour(local.hour, local.minute)}pm")
    return f"For next {local:%A}, write {next_week}; {tonight}"


def _tomorrow(text: str, day: DaysAhead) -> str:
    """The member's text with today named tomorrow: tomorrow (for today, in 0 days),
    tomorrow night (tonight), tomorrow evening (this evening)."""
    typed = day.typed.casefold()
    if typed == "tonight":
        return retyped(text, day.typed, "tomorrow night")
    part = typed.split()[-1] if typed.startswith("this ") else ""
    return retyped(text, day.typed, f"tomorrow {part}".rstrip())


def day_notes(
    day: Day | None, calendar: WrittenDate | None, clock: Clock, local: datetime, today: date
) -> tuple[str, ...]:
    """Point out the readings of a day a member may not expect: today's weekday gone by a
    week, 12am or 0:30 as the start of the day (the night before it), and a time alone gone
    today read as tomorrow's."""
    notes = []
    if (
        isinstance(day, Weekday)
        and calendar is None
        and not day.weeks_later
        and local.date() == today + timedelta(weeks=1)
    ):
        notes.append(
            f"“{day.typed}” is today, but {clock_text(local)} has passed: read as "
            f"{local:%A %B} {local.day}, a week on."
        )
    named = day is not None or calendar is not None
    if named and not clock.midnight and clock.hour == 0:
        weekday, before = local.strftime("%A"), (local - timedelta(days=1)).strftime("%A")
        if clock.minute:  # 12:30am: the same question as 12am, answered with the day after
            after = (local + timedelta(days=1)).strftime("%a").casefold()
            instead = f"{after} 12:{clock.minute:02d}am"
        else:
            instead = f"{weekday[:3].casefold()} midnight"
        notes.append(
            f"{clock_text(local)} read as the start of {day_text(local.date())}, the night after "
            f"{before}; for the night after {weekday}, write {instead}."
        )
    if day is None and calendar is None and not clock.midnight and local.date() != today:
        notes.append(
            f"{clock_text(local)} has passed today: read as tomorrow, {day_text(local.date())}."
        )
    return tuple(notes)


def next_weekday_notes(day: Day | None, local: datetime, today: date) -> tuple[str, ...]:
    """Say which day "next saturday" was read as, and how to name the coming one."""
    if not isinstance(day, Weekday) or not day.typed.casefold().startswith("next"):
        return ()
    coming = local - timedelta(weeks=1)
    if coming.date() == today:
        return (f"“{day.typed}” read as {local:%B} {local.day}, a week from today.",)
    name = calendar_names.day_name[day.weekday]
    return (
        f"“{day.typed}” read as {local:%B} {local.day}, a week after the coming {name} "
        f"({coming:%B} {coming.day}); for {coming:%B} {coming.day}, write "
        f"{name[:3].casefold()} or this {name.casefold()}.",
    )


def monthday_notes(
    calendar: WrittenDate | None, day: Day | None, local: datetime, today: date
) -> tuple[str, ...]:
    """Name the month a day of the month alone was read in, when it is not this one."""
    if calendar is None or calendar.month is not None or local.month == today.month:
        return ()
    typed = ordinal(calendar.day)
    if calendar.day > calendar_names.monthrange(today.year, today.month)[1]:
        why = f" ({today:%B} has no {typed})"
    elif isinstance(day, Weekday):
        why = ""  # this month's is on another weekday, or has passed: the date says which
    else:
        why = f" ({today:%B} {calendar.day} has passed)"
    return (f"“{typed}” read as {local:%B} {local.day}, {local.year}{why}.",)


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
