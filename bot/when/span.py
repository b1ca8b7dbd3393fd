"""A time typed as a range ("sat 10am-2pm", "10-2", "10pm to 2am"): its start stays in the text
for the reader of the time, and its end, read beside the start, gives the meetup's length."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.dates import clock_text, length_words
from bot.errors import UserError
from bot.when.clock import (
    LONE_CLOCK,
    Clock,
    dotted_clock,
    has_clock,
    lone_clock,
    on_calendar,
    read_clock,
)
from bot.when.days import FAR_MATCH, FILLERS, WEEKDAYS
from bot.when.words import NUMBER_WORDS, any_of, take_one

# One time on the clock: noon, 10am, 10時, 10:30, 19.30, 12.30pm, 1030am, 1400, 14h, a lone
# hour or one in words.
_TIME = (
    r"(?:noon|midday|midnight|\d{1,2}時|\d{3,4}\s*[ap]m?|\d{3,4}|\d{1,2}h(?:[0-5]\d)?"
    r"|\d{1,2}(?:[:.]\d\d)?(?:\s*[ap]m?)?"
    rf"|(?:{any_of(NUMBER_WORDS)})(?:\s*[ap]m)?)"
    r"(?![\w:])"
)
# A time starts after a space, never inside a date (2026-12-05, 12/5, 12-5-2026, 12-5-26,
# whose year past 24 is no hour), nor as the minutes of "five to seven" or "ten till two"
# (6:55 and 1:50, read in bot.when.clock).
_NOT_IN_A_DATE = (
    r"(?<![\w:/.-])(?!\d{4}-\d\d-\d\d)(?!\d{1,2}-\d{1,2}-(?:\d{4}|2[5-9]|[3-9]\d)(?![\w:]))"
    r"(?!(?:five|ten)\s+(?:to|till?|['’]til)\s)"
)
_SEPARATOR = r"(?:\s*-\s*|\s+(?:to|till|til|['’]til|until|thru|through)\s+)"
_SPAN = re.compile(
    rf"{_NOT_IN_A_DATE}(?P<start>{_TIME}){_SEPARATOR}(?P<end>{_TIME})(?!{_SEPARATOR}\d)",
    re.I | re.A,
)
_CHAIN = re.compile(rf"{_NOT_IN_A_DATE}{_TIME}(?:{_SEPARATOR}{_TIME}){{2,}}", re.I | re.A)
# A range whose end names a day of its own ("10am to sun 2pm"), which may run over a day.
_ACROSS_DAYS = re.compile(rf"{_NOT_IN_A_DATE}{_TIME}{_SEPARATOR}\S.*\s{_TIME}", re.I | re.A)
_REPEAT = re.compile(
    r"(?<!\w)(?:every|each|daily|weekly|bi-?weekly|fortnightly|monthly|yearly)(?!\w)", re.I
)
# "between 10 and 2", read as 10-2 (not "ten to two", which is 1:50).
_BETWEEN = re.compile(rf"(?<!\w)between\s+({_TIME})\s+(?:and|&)\s+({_TIME})", re.I | re.A)
_DAY = 24 * 60
_DASHED_DATE = re.compile(r"\d{1,2}-\d{1,2}", re.A)
# Two figures with a slash, no year after them (7/11, 12/19), which after a time may be hours
# or the 7-Eleven as much as a date.
_SLASHED_PAIR = re.compile(r"(?<![\w/.:-])(?P<start>\d{1,2})/(?P<end>\d{1,2})(?![\w/.:-])", re.A)
# A weekday just before two figures with a dash (sat 10-2 3pm), which a date may agree with.
_WEEKDAY_BEFORE = re.compile(rf"(?<!\w)(?:{any_of(WEEKDAYS)})\.?\s*$", re.I | re.A)
# Words before a dashed date that name no other day: none, or its weekday (sat 12-19 10-2).
_NO_DAY_BUT_A_WEEKDAY = re.compile(rf"\s*(?:(?:{any_of(WEEKDAYS)})\.?,?\s*)?", re.I | re.A)
# An end that reads like the UTC offset machines write after a time: -07:00.
_OFFSET_LIKE = re.compile(r"(?:0\d|1[0-2]):00", re.A)
_NOON = 12 * 60
_EUROPEAN_HOUR = re.compile(r"\d{1,2}h(?:\d\d)?", re.I | re.A)


@dataclass(frozen=True)
class Span:
    typed: str  # "10am-2pm"
    start_typed: str
    end_typed: str
    said: str  # as the member typed it, for a refusal: "10am–2pm", "9ish-noon"


@dataclass(frozen=True)
class Ends:
    """A range read beside its start: the start (am or pm taken from the end where the start
    did not say), the end's minutes after the start day's midnight, whether the range
    was read on the 24-hour clock for want of an am or pm, and whether its start was read
    as the morning's though neither end said which half (2-10, 6-12; not 2-10am or 3-15)."""

    start: Clock
    minutes: int
    morning_guessed: bool
    start_guessed: bool = False


def take_span(
    words: str, today: date, quote: Callable[[str], str] = str, *, part_of_day: bool = False
) -> tuple[Span | None, str]:
    """The one range in the text, and the text with only its start left in; two figures with
    a dash that may be a date are read beside `today`, and are hours with a `part_of_day`
    named (sat 7-9 in the evening)."""
    if repeat := _REPEAT.search(words):
        raise UserError(
            f"“{quote(repeat[0])}” says how it repeats: put that in the repeat option (weekly, "
            "every 2 weeks…) and only the first meetup's day and time here, like sat 10am-2pm."
        )
    between = _BETWEEN.search(words)
    if between is not None:
        words = f"{words[: between.start()]}{between[1]}-{between[2]}{words[between.end() :]}"
    if chain := _CHAIN.search(words):
        raise UserError(f"“{quote(chain[0])}” has more than one range; give one start and one end.")
    for slashed in _SLASHED_PAIR.finditer(words):
        if has_clock(words[: slashed.start()]):  # "sun 10am, 7/11", as "sun 10am, 7-11"
            _ask_date_or_hours(slashed, quote)
    found = list(_SPAN.finditer(words))
    if (
        len(found) == 2
        and _on_calendar(found[0])
        and _NO_DAY_BUT_A_WEEKDAY.fullmatch(words[: found[0].start()])
    ):
        # "12-19 10-2", "sat 12-19 10am-2pm": of two ranges, the first is the date of the other.
        _ask_unless_a_date(found[0], words, today, quote)
        found = found[1:]
    match, rest = take_one(_SPAN, words, "two ranges, “{}” and “{}”; give one", quote, found)
    time_beside = match is not None and (has_clock(rest) or _lone_hour_after(match, words))
    if match is not None and _DASHED_DATE.fullmatch(match[0]) and time_beside:
        _ask_unless_a_date(match, words, today, quote)
        # "12-12 9am", "sat 12-19 10am", "12-19 10": a month and a day beside the time, read as
        # 12/12 (a range beside a time would be two times); a weekday the date is not is
        # refused there.
        return None, words
    if match is not None and not part_of_day and _weekday_is_the_date(match, words, today):
        # "fri 12-11" with no time: next Friday's date, or noon to 11 PM today; asked, as
        # "sat 12-19 10am" is read as the date only with the time beside it.
        _ask_date_or_hours(match, quote)
    if match is None:
        if across := _ACROSS_DAYS.search(words):
            raise UserError(
                f"“{quote(across[0])}” names a second day. A range is two times on the clock, like "
                "10am-2pm or 10pm-2am, and runs at most 24 hours; for a longer meetup give "
                "its start here and its length in the duration option."
            )
        return None, words
    start = match["start"]
    if (lone := LONE_CLOCK.fullmatch(start)) and not lone["hh"] and not lone["h"]:
        # A lone hour beside a date ("Dec 5 10-2") is still the hour, and so is one in words
        # ("six to eight pm").
        start = f"at {start}"
    rest = f"{words[: match.start()]} {start} {words[match.end() :]}"
    said = quote((between or match)[0])
    span = Span(_quoted(match, between), match["start"], match["end"], said)
    return span, " ".join(rest.split())


def _lone_hour_after(match: re.Match[str], words: str) -> bool:
    """Whether a range is followed by a lone hour in figures alone (12-19 10, 12-19 around
    10, 12-19 1930), which after a date is its hour."""
    after = [word for word in words[match.end() :].split() if word.casefold() not in FILLERS]
    lone = LONE_CLOCK.fullmatch(" ".join(after))
    return lone is not None and not lone["word"]


def _on_calendar(match: re.Match[str]) -> bool:
    """Whether a range is two figures with a dash that name a month and a day (12-19)."""
    return _DASHED_DATE.fullmatch(match[0]) is not None and on_calendar(
        int(match["start"]), int(match["end"])
    )


def _ask_unless_a_date(
    match: re.Match[str], words: str, today: date, quote: Callable[[str], str]
) -> None:
    """Ask about two figures with a dash beside a time or a range in `words` that may as well
    be hours: after a time, or after a weekday with the date months away."""
    before = words[: match.start()]
    if has_clock(before) or (_WEEKDAY_BEFORE.search(before) and not _near(match, today)):
        _ask_date_or_hours(match, quote)


def _near(match: re.Match[str], today: date) -> bool:
    """Whether two figures with a dash, read as a month and a day, are a date soon enough
    that a weekday typed before them is no chance agreement (sat 12-19, two weeks out)."""
    dated = _coming_date(match, today)
    return dated is not None and dated - today <= FAR_MATCH


def _coming_date(match: re.Match[str], today: date) -> date | None:
    """Two figures with a dash as the next such month and day from `today`, if a date."""
    month, day = int(match["start"]), int(match["end"])
    for year in (today.year, today.year + 1):
        try:
            dated = date(year, month, day)
        except ValueError:  # no such date (13-1, 2-30), or February 29 outside a leap year
            continue
        if dated >= today:
            return dated
    return None


def _weekday_is_the_date(match: re.Match[str], words: str, today: date) -> bool:
    """Whether two figures with a dash after a weekday are a date soon, on that weekday (fri
    12-11, Friday December 11): as much that date as hours on the weekday."""
    weekday = _WEEKDAY_BEFORE.search(words[: match.start()])
    if weekday is None or not _DASHED_DATE.fullmatch(match[0]) or not _near(match, today):
        return False
    dated = _coming_date(match, today)
    return dated is not None and dated.weekday() == WEEKDAYS[weekday[0].rstrip(". ").casefold()]


def _ask_date_or_hours(match: re.Match[str], quote: Callable[[str], str]) -> None:
    """Ask about two figures with a dash that may be a date or hours, after a time ("sun 10am,
    7-11") or a weekday ("sat 10-2 3pm") with the date months away, where it would agree with
    the weekday only by chance, and 7-11 may as well be the 7-Eleven or ages 7 to 11. One that
    can be no hours (12-25, 12-12) is the date."""
    first, second = int(match["start"]), int(match["end"])
    if not on_calendar(first, second) or second > 24:
        return
    span = Span(match[0], match["start"], match["end"], match[0])
    try:
        ends = read_ends(span, _read_clock(match["start"], quote))
    except UserError:
        return  # 12-12: no hours, so the date
    start = ends.start.hour * 60 + ends.start.minute
    hours = [(start, ends.minutes)]
    if ends.morning_guessed:
        hours.append((start + _NOON, ends.minutes + _NOON))
    examples = " or ".join(f"{_twelve(s)}-{_twelve(e)}" for s, e in hours)
    raise UserError(
        f"“{quote(match[0])}” may be a date or hours ({first} to {second}): for the date, name "
        f"its month, like {calendar.month_abbr[first]} {second}; for hours, give them as the "
        f"time, like {examples}. A place goes in the location option."
    )


def _twelve(minutes: int) -> str:
    """7am, 2:30pm, 12am: minutes after a day's start on the 12-hour clock."""
    hour, minute = divmod(minutes % _DAY, 60)
    return f"{twelve_hour(hour, minute)}{'am' if hour < 12 else 'pm'}"


def _quoted(match: re.Match[str], between: re.Match[str] | None) -> str:
    """The range as the member typed it ("between 10 and 2"), or with its dash closed up
    where "-ish" was left out around it ("9ish-noon" is 9-noon, not 9 -noon)."""
    if between is not None:
        return " ".join(between[0].split())
    if match[0][len(match["start"]) :].lstrip().startswith("-"):
        return f"{match['start']}-{match['end']}"
    return " ".join(match[0].split())


def read_ends(span: Span, start: Clock, quote: Callable[[str], str] = str) -> Ends:
    """The end of `span` after `start`: the shortest reading of both that runs forward,
    crossing midnight only from the afternoon or evening into the morning (10pm-2am). A
    refusal quotes the range as typed, and its end as `quote` gives it."""
    end = _read_clock(span.end_typed, quote)
    if _either_half(end, span.end_typed):
        ends = [end.hour % 12 * 60 + end.minute, end.hour % 12 * 60 + end.minute + _NOON]
    else:
        ends = [_minutes(end)]
    starts = [_minutes(start) % _DAY]
    # An end in pm (or midnight) says the start may be pm too (10-2pm, 10-midnight); an end of
    # 24 says the 24-hour clock (10-24 is 10 AM on).
    end_says_a_half = (end.meridiem or end.midnight) and not span.end_typed.startswith("24")
    if end_says_a_half and _either_half(start, span.start_typed):
        starts = [start.hour % 12 * 60 + start.minute, start.hour % 12 * 60 + start.minute + _NOON]
    same = span.start_typed.casefold() == span.end_typed.casefold()
    if same or any((e - s) % _DAY == 0 and e != s + _DAY for s in starts for e in ends):
        raise UserError(f"“{span.said}” ends when it starts; give a later end.")
    readings = [(e - s, s, e) for s in starts for e in ends if e > s]
    readings += [(e + _DAY - s, s, e + _DAY) for s in starts for e in ends if s >= _NOON > e]
    if not readings:
        offset = (
            f" If -{span.end_typed} is an offset from UTC, write it as UTC-"
            f"{int(span.end_typed[:2])}."
            if _OFFSET_LIKE.fullmatch(span.end_typed)
            else ""
        )
        raise UserError(
            f"“{span.said}” ends before it starts. A range runs into the next day only from "
            f"the evening into the morning, like 10pm-2am.{offset}"
        )
    _, s, e = min(readings)
    either = _either_half(start, span.start_typed)
    guessed = either and not end.meridiem and e < _NOON
    start_guessed = either and _either_half(end, span.end_typed) and s < _NOON
    if not start.midnight:  # midnight keeps its meaning: the end of the day named
        start = Clock(s // 60, s % 60, start.second, meridiem=True)
    return Ends(start, e, guessed, start_guessed)


def _read_clock(typed: str, quote: Callable[[str], str]) -> Clock:
    if lone := LONE_CLOCK.fullmatch(typed):
        return lone_clock(lone)
    if dotted := dotted_clock(typed, beside_a_day=True):  # 22.00, the end of a range
        return dotted
    return read_clock(typed, quote)


def _minutes(clock: Clock) -> int:
    return (_DAY if clock.midnight else 0) + clock.hour * 60 + clock.minute


def _either_half(clock: Clock, typed: str) -> bool:
    """Whether a clock that did not say am or pm could be either (10, 2:30; not 02:00, 14:00,
    nor 9h, which Europeans write for the 24-hour clock)."""
    return (
        not clock.meridiem
        and 1 <= clock.hour <= 12
        and not typed.startswith("0")
        and not _EUROPEAN_HOUR.fullmatch(typed)
    )


def span_note(span: Span, ends: Ends, local: datetime, end_local: datetime) -> str:
    """“10-2” read as 10:00 AM to 2:00 PM (4 hours)."""
    on = f" on {end_local:%A}" if end_local.date() != local.date() else ""
    length = length_words(end_local.astimezone(UTC) - local.astimezone(UTC))
    note = f"“{span.typed}” read as {clock_text(local)} to {clock_text(end_local)}{on} ({length})."
    if ends.morning_guessed:
        start, end = (twelve_hour(at.hour, at.minute) for at in (local, end_local))
        later = f"{start}pm-{end}pm"
        note += f" Without am or pm that is the 24-hour clock; write {later} for the afternoon."
    return note


def twelve_hour(hour: int, minute: int) -> str:
    """9 or 9:30, as the hour is written before am or pm."""
    return f"{hour % 12 or 12}{f':{minute:02d}' if minute else ''}"
