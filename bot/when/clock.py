"""The time of day in a typed time: 10am, 14:30, 1030am, noon, at 10, 7 o'clock, and the part
of the day that says am or pm ("7 in the evening", "this afternoon")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.words import NUMBER_WORDS, any_of, take_one


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    second: int = 0
    meridiem: bool = False  # said am or pm (noon and midnight say it too)
    bare: str = ""  # the time as typed when it said neither am nor pm ("at 10", 3時)
    midnight: bool = False  # the end of the day named: 0:00 on the day after
    # Of a time shown twice as the clocks fall back: 0 the first, 1 the second, None the
    # first unless it has passed.
    fold: int | None = None
    # "ten till two" as typed, and the range its words may also mean (10-2), to point out.
    as_range: tuple[str, str] | None = None


_OCLOCK = r"o['’]?\s?clock"
_HOUR_WORDS = any_of(NUMBER_WORDS)
# Minutes said before past or to (ten past six, twenty to seven, or in American ten after
# six and ten till two), and after the hour (six thirty, seven oh five); a hyphen or a space
# joins twenty-five.
_BEFORE_THE_HOUR = {"five": 5, "ten": 10, "quarter": 15, "twenty": 20, "twenty five": 25}
_AFTER_THE_HOUR = {
    **{"oh five": 5, "o five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty five": 25},
    **{"thirty": 30, "thirty five": 35, "forty": 40, "forty five": 45, "fifty": 50},
    "fifty five": 55,
}
_JOINED = r"[\s-]+"
_MINUTES_BEFORE = any_of(_BEFORE_THE_HOUR, _JOINED)
_MINUTES_AFTER = any_of(_AFTER_THE_HOUR, _JOINED)
_CLOCK = re.compile(
    # 12:00 noon, as some write it to be sure, and at 12 noon (in "dec 12 noon" the 12 is the
    # day's).
    r"(?<![\w:./])(?:(?:12:00\s*|(?<=at\s)12\s+)?(?P<word>noon|midday|midnight)(?!\w)"
    # 7 30 pm, its minutes no hour: refused with how to write it.
    r"|(?<![\w:./])(?P<spaced>(?P<hs>1[0-2]|0?[1-9])\s+(?P<ms>00|1[3-9]|[2-5]\d)\s*(?P<ampms>[ap])m?)(?!\w)"
    # 10am, 10:30 pm, 1030am, 10.30am, 7 o'clock pm: the shortest hour first, so that 930am
    # is 9:30 and 1030am 10:30.
    rf"|(?<!\d-)(?P<h12>\d{{1,2}}?)(?:[:.]?(?P<m12>\d\d)(?::(?P<s12>\d\d))?)?(?:\s*{_OCLOCK})?"
    r"\s*(?P<ampm>am|pm|a|p)(?!\w)"
    # 18:00 hrs, as the military writes it, and 18:00h as Europeans do
    r"|(?P<h24>\d{1,2}):(?P<m24>\d\d)(?::(?P<s24>\d\d))?(?:\s*(?P<hrs>hrs?|hours|h))?(?![\w:.])"
    # 18h, 18h30: the 24-hour clock as Europeans write it; "in 2h" and "2h from now" count
    # hours from now.
    r"|(?<!in\s)(?P<hh>\d{1,2})h(?P<mh>[0-5]\d)?(?![\w:.])(?!\s+from\s)"
    # 3時 without 午前 or 午後 (bot.when.japanese leaves it so): an hour on the 24-hour clock.
    r"|(?P<ji>(?P<hji>\d{1,2})時)"
    rf"|(?P<oclock>(?P<hoc>\d{{1,2}})\s*{_OCLOCK})(?!\w)"
    # "at 10 o'clock" is read whole by the alternative above; "at 10 30" is no hour, but a
    # time with a space for its colon (refused with how to write it), not 10 and a year 2030.
    rf"|(?P<at>at\s+(?P<hat>\d{{1,2}}))(?![\w:./-])(?!\s*(?:am|pm|a|p|{_OCLOCK})(?!\w))"
    # "at 12 noon" is noon, read whole above.
    r"(?!\s+[0-5]\d(?!\w))(?!(?<=12)\s+(?:noon|midday|midnight)(?!\w))"
    # An hour in words: six pm, at six, six o'clock, half past six, quarter to seven; a word
    # alone is no hour ("in three days").
    r"|(?P<spoken>(?:(?P<fraction>half\s+past|(?:a\s+)?"
    rf"(?P<before>{_MINUTES_BEFORE})\s+(?P<direction>past|after|to|till?|['’]til))\s+|at\s+"
    rf"|(?=(?:{_HOUR_WORDS})(?:\s+(?:{_MINUTES_AFTER}))?\s*(?:{_OCLOCK}|am|pm)(?!\w)))"
    # half past 6 and quarter to noon too
    rf"(?P<word_hour>{_HOUR_WORDS}|(?(fraction)(?:\d{{1,2}}|noon|midday|midnight)|(?!)))"
    rf"(?:\s+(?P<after>{_MINUTES_AFTER})(?!\w))?"
    rf"(?:\s*{_OCLOCK})?(?:\s*(?P<word_ampm>am|pm))?(?!\w)))",
    re.I | re.A,
)


# "ten till" with no hour after it, which the reader cannot count from.
_NO_HOUR = re.compile(
    rf"(?<!\w)(?:a\s+)?(?:{_MINUTES_BEFORE}|half)\s+(?:past|after|to|till?|['’]til)$", re.I | re.A
)


def refuse_minutes_without_hour(words: str) -> None:
    if match := _NO_HOUR.search(words):
        raise UserError(f"“{match[0]}” needs the hour it counts from, like {match[0]} seven pm.")


def take_clock(words: str, quote: Callable[[str], str] = str) -> tuple[Clock | None, str]:
    """The one time of day in the text, and the text without it."""
    match, rest = take_one(
        _CLOCK, words, "two times, “{}” and “{}”; give one, or a range such as 10am-2pm", quote
    )
    return (_clock(match, quote) if match else None), rest


def has_clock(words: str) -> bool:
    """Whether the text holds a time of day."""
    return _CLOCK.search(words) is not None


def clock_matches(words: str) -> list[re.Match[str]]:
    """Each time of day in the text."""
    return list(_CLOCK.finditer(words))


def first_clock_typed(words: str) -> str | None:
    """The first time of day in the text as typed ("9am"), to repeat it in an example."""
    return match[0] if (match := _CLOCK.search(words)) else None


# "sat 10 30": a time with a space for its colon, and no am or pm to say it is one.
_SPACED_MINUTES = re.compile(r"(?<![\w/:.])(?P<h>[01]?\d|2[0-3])\s+(?P<m>[0-5]\d)$", re.A)
_MONTH_ABBREVIATIONS = frozenset(name.casefold() for name in calendar.month_abbr[1:])


def refuse_spaced_minutes(rest: str, quote: Callable[[str], str] = str) -> None:
    """Refuse what is left of a time with no clock found, when it ends in one with a space
    for its colon: say how to write it, not that no time was given, quoting it as `quote`
    gives it (as typed)."""
    if (match := _SPACED_MINUTES.search(rest)) is None:
        return
    before = rest[: match.start()].split()
    if before and before[-1][:3].casefold() in _MONTH_ABBREVIATIONS:
        return  # "dec 5 26": a day and a year
    raise UserError(f"“{quote(match[0])}” is not a time of day; write {match['h']}:{match['m']}.")


def _clock(match: re.Match[str], quote: Callable[[str], str] = str) -> Clock:
    """The time of day `match` is; a refusal quotes it as `quote` gives it (as typed)."""
    if word := match["word"]:
        midnight = word.casefold() == "midnight"
        return Clock(0 if midnight else 12, 0, meridiem=True, midnight=midnight)
    if match["spaced"]:
        shown = f"{match['hs']}:{match['ms']}{match['ampms'].casefold()}m"
        raise UserError(f"“{quote(match[0])}” is not a time of day; write {shown}.")
    if match["h12"]:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        afternoon = match["ampm"].casefold().startswith("p")
        if not 1 <= hour <= 12 or minute > 59 or int(match["s12"] or 0) > 59:
            half = "pm" if afternoon else "am"
            instead = (
                f"{hour - 12}:{minute:02d}pm, or {hour}:{minute:02d} without {half}"
                if 13 <= hour <= 23 and minute <= 59
                else "it like 10:30am"
            )
            raise UserError(
                f"“{quote(match[0])}” is not a time on a 12-hour clock: write {instead}."
            )
        second = int(match["s12"] or 0)  # 9:00:00 AM, as browsers copy a time
        return Clock(hour % 12 + (12 if afternoon else 0), minute, second, meridiem=True)
    if match["h24"]:
        hour, minute, second = int(match["h24"]), int(match["m24"]), int(match["s24"] or 0)
        clock = _24_hour(hour, minute, second, match[0], quote)
        # 3:30 may be a slip for 3:30pm; 03:30 and 15:30 are the 24-hour clock on purpose.
        on_purpose = match["h24"].startswith("0") or bool(match["s24"] or match["hrs"])
        return clock if on_purpose else replace(clock, bare=match[0])
    if match["hh"]:
        return _24_hour(int(match["hh"]), int(match["mh"] or 0), 0, match[0], quote)
    if match["spoken"]:
        return _spoken(match, quote)
    if match["ji"]:
        return bare_hour(match["hji"], match["ji"], quote)
    if match["oclock"]:
        return bare_hour(match["hoc"], match["oclock"], quote)
    return bare_hour(match["hat"], match["at"], quote)


def _spoken(match: re.Match[str], quote: Callable[[str], str]) -> Clock:
    typed = match["word_hour"].casefold()
    if typed in _NOON_OR_MIDNIGHT:
        return _from_noon_or_midnight(match, _NOON_OR_MIDNIGHT[typed], quote)
    hour = int(typed) if typed.isdigit() else NUMBER_WORDS.index(typed) + 1
    if not 1 <= hour <= 12:
        raise UserError(f"“{quote(match[0])}” is not a time on a 12-hour clock.")
    if (match["fraction"] or "").casefold().startswith("half"):
        minute = 30
    elif match["before"]:
        minute = _BEFORE_THE_HOUR[_words_of(match["before"])]
    else:
        minute = _AFTER_THE_HOUR[_words_of(match["after"])] if match["after"] else 0
    before = _counts_back(match)
    # "ten to two" and "five till seven" may be meant as a range, 10-2 and 5-7.
    as_range = None
    if before and _words_of(match["before"]) in NUMBER_WORDS and minute != hour:
        as_range = (match[0], f"{minute}-{hour}{(match['word_ampm'] or '').casefold()}")
    if not match["word_ampm"]:
        if before:
            hour, minute = hour - 1, 60 - minute  # quarter to one is 12:45 (0:45 on 24 hours)
        return Clock(hour, minute, bare=match["spoken"], as_range=as_range)
    # am or pm is the named hour's: quarter to 12 pm counts back from noon, to 11:45 AM.
    afternoon = match["word_ampm"].casefold() == "pm"
    minutes = (hour % 12 + (12 if afternoon else 0)) * 60 + (-minute if before else minute)
    if minutes < 0:  # 12 am starts the day named
        shown = f"11:{60 - minute:02d}"
        raise UserError(
            f"“{quote(match[0])}” is {shown} PM on the day before; write {shown}pm and that day."
        )
    return Clock(*divmod(minutes, 60), meridiem=True, as_range=as_range)


# Minutes after the start of the day named: midnight ends it.
_NOON_OR_MIDNIGHT = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 24 * 60}


def _from_noon_or_midnight(match: re.Match[str], base: int, quote: Callable[[str], str]) -> Clock:
    """Quarter to noon, half past midnight: minutes before or after 12:00 PM, or the midnight
    that ends the day named (half past it is in the night after)."""
    if match["word_ampm"]:
        raise UserError(
            f"“{quote(match[0])}”: {match['word_hour']} says which half of the day; leave out the "
            "am or pm."
        )
    if (match["fraction"] or "").casefold().startswith("half"):
        minutes = base + 30
    else:
        before = _BEFORE_THE_HOUR[_words_of(match["before"])]
        minutes = base - before if _counts_back(match) else base + before
    after_midnight = minutes >= 24 * 60
    return Clock(*divmod(minutes % (24 * 60), 60), meridiem=True, midnight=after_midnight)


def _counts_back(match: re.Match[str]) -> bool:
    """Whether the minutes are before the hour (to, till) rather than after it (past, after)."""
    return (match["direction"] or "past").casefold() not in ("past", "after")


def _words_of(said: str) -> str:
    """Minutes said as a key of their table: twenty-five and Twenty  five are twenty five."""
    return " ".join(said.casefold().replace("-", " ").split())


# Beside a day or a part of one and nothing else: an hour ("sat 9", "six in the evening",
# "tonight seven fifteen"), four digits of a 24-hour clock, or three as Americans write 9:30
# ("sat 930"), which may be a slip for the evening as 9:30 may.
LONE_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})|(?P<hh>\d\d)(?P<mm>\d\d)(?:\s*(?:h|hrs?|hours))?"
    r"|(?P<h>\d)(?P<m>[0-5]\d)"
    rf"|(?P<word>{_HOUR_WORDS})(?:\s+(?P<after>{_MINUTES_AFTER}))?",
    re.I | re.A,
)


def lone_clock(match: re.Match[str]) -> Clock:
    if match["hour"]:
        return bare_hour(match["hour"], match["hour"])
    if match["word"]:
        minute = _AFTER_THE_HOUR[_words_of(match["after"])] if match["after"] else 0
        return Clock(NUMBER_WORDS.index(match["word"].casefold()) + 1, minute, bare=match[0])
    if match["h"]:
        return Clock(int(match["h"]), int(match["m"]), bare=match[0])
    return _24_hour(int(match["hh"]), int(match["mm"]), 0, match[0])


# 19.30 or 19.30h: the 24-hour clock with a dot, as much of Europe writes it.
_DOTTED_CLOCK = re.compile(r"(?P<h>\d{1,2})\.(?P<m>\d\d)(?:\s*h)?", re.I | re.A)


def dotted_clock(rest: str, beside_a_day: bool) -> Clock | None:
    """The time "19.30" is, as "19:30" would be, where it can be no date: beside a day named
    ("sat 19.30", which a date would make two days), or where neither month.day nor day.month
    is on the calendar (7.45). "5.12" alone may be May 12 or December 5, and is asked about."""
    match = _DOTTED_CLOCK.fullmatch(rest)
    if match is None:
        return None
    first, second = int(match["h"]), int(match["m"])
    if not beside_a_day and (on_calendar(first, second) or on_calendar(second, first)):
        return None
    clock = _24_hour(first, second, 0, match[0])
    # 3.30 may be a slip for 3:30pm, as 3:30 may; 03.30 and 3.30h are the 24-hour clock.
    on_purpose = match["h"].startswith("0") or match[0][-1] in "hH"
    return clock if on_purpose else replace(clock, bare=match[0])


def on_calendar(month: int, day: int) -> bool:
    """Whether `month` and `day` are a date in some year (February 29 in a leap year)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _24_hour(
    hour: int, minute: int, second: int, typed: str, quote: Callable[[str], str] = str
) -> Clock:
    """A time on the 24-hour clock, where 24:00 is the end of the day, as midnight is."""
    if (hour, minute, second) == (24, 0, 0):
        return Clock(0, 0, meridiem=True, midnight=True)
    if hour > 23 or minute > 59 or second > 59:
        raise UserError(f"“{quote(typed)}” is not a time of day; the clock runs 0:00 to 24:00.")
    return Clock(hour, minute, second)


def bare_hour(hour: str, typed: str, quote: Callable[[str], str] = str) -> Clock:
    if int(hour) == 24:  # "tomorrow 24", 24時: the end of the day, as 24:00 is
        return Clock(0, 0, meridiem=True, midnight=True)
    if int(hour) > 23:
        raise UserError(f"“{quote(typed)}” is not a time of day; the clock runs 0:00 to 24:00.")
    return Clock(int(hour), 0, bare=typed)


_PART_OF_DAY = re.compile(
    r"(?<!\w)(?:(?P<this>this)\s+|in\s+the\s+|at\s+)?(?P<part>morning|afternoon|evening|eve|night|nite)(?!\w)",
    re.I | re.A,
)


def take_part_of_day(
    words: str, quote: Callable[[str], str] = str
) -> tuple[re.Match[str] | None, str]:
    """The one "in the morning", "this evening" or "at night" in the text, and the rest."""
    return take_one(_PART_OF_DAY, words, "two parts of the day, “{}” and “{}”; give one", quote)


def in_part_of_day(clock: Clock, part: str) -> Clock:
    """The clock in the part of the day named: "7 in the evening" is 7 PM; "7am in the
    evening" is refused. A night's hours are tonight's: "sat night 1" is after its midnight,
    and "sat 12 at night" that midnight."""
    part = {"eve": "evening", "nite": "night"}.get(part, part)
    if part == "night":  # its 12 is the midnight that ends it, as tonight's is
        night = evening(clock)
        if night.hour < 12 and not night.midnight:
            raise UserError(f"{_shown(night)} is not in the night: write the time with am or pm.")
        return night
    if clock.hour == 12 and not clock.meridiem and part != "afternoon":
        raise UserError(f"12 in the {part} could be noon or midnight: write noon or midnight.")
    if part == "afternoon" and not clock.meridiem and 7 <= clock.hour <= 11:
        raise UserError(
            f"{clock.hour} in the afternoon is no afternoon hour: write {clock.hour}am or "
            f"{clock.hour}pm."
        )
    later = part != "morning"
    if not clock.meridiem and 1 <= clock.hour <= 11:
        hour = clock.hour + 12 if later else clock.hour
        return replace(clock, hour=hour, meridiem=True, bare="")
    if (clock.hour >= 12) != later or clock.midnight:
        raise UserError(f"{_shown(clock)} is not in the {part}: write the time with am or pm.")
    return clock


def _shown(clock: Clock) -> str:
    return clock_text(datetime.combine(date.min, time(clock.hour, clock.minute)))


def evening(clock: Clock) -> Clock:
    """Tonight's hours 5 to 11 are in the evening ("tonight 7" is 7 PM), its 12 or 12am the
    midnight that ends it, and its 1 to 4 (1am to 5am) the small hours after that midnight:
    today's early morning has passed, and its noon and afternoon are no night. An hour with
    am or pm, or on the 24-hour clock on purpose (05:00), is the hour it says."""
    if clock.midnight:
        return clock
    said = clock.meridiem or not clock.bare
    if clock.hour == 0 or (clock.hour == 12 and not said):
        return replace(clock, hour=0, meridiem=True, bare="", midnight=True)
    if 1 <= clock.hour <= (5 if said else 4):
        return replace(clock, meridiem=True, bare="", midnight=True)
    if said or not 1 <= clock.hour <= 11:
        return clock
    return replace(clock, hour=clock.hour + 12, meridiem=True, bare="")


def read_clock(typed: str, quote: Callable[[str], str] = str) -> Clock:
    """The time of day `typed` is, alone (the end of a range: 2pm, 14:00, noon)."""
    match = _CLOCK.fullmatch(typed)
    if match is None:
        raise UserError(
            f"“{quote(typed)}” is not a time of day. Write it like 10am, 2:30 PM or 14:30."
        )
    return _clock(match, quote)
