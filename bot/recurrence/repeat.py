"""A repeat the organizer types, read as an RRULE or as words, checked to give a series of at
least two meetups, and described back to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from zoneinfo import ZoneInfo

from bot.dates import weekday_date
from bot.errors import UserError
from bot.numbers import half_width
from bot.recurrence.description import describe_rule
from bot.recurrence.local_time import instant_of, require_naive
from bot.recurrence.phrase import read_phrase
from bot.recurrence.rule import HINT, HORIZON, NotASeries, Rule, read_rrule

MAX_TEXT_CHARS = 200
# The Gregorian calendar, weekdays included, repeats every 400 years.
CALENDAR_CYCLE_YEARS = 400
# The ideographic comma and the middle dot, which lists days ("saturday・sunday").
_JAPANESE_MARKS = str.maketrans({"、": ", ", "・": "/"})


@dataclass(frozen=True)
class Repeat:
    """A series the organizer asked for, ready to store beside the meetup."""

    rrule: str  # the RFC 5545 RRULE value, without the "RRULE:" name
    description: (
        str  # what the organizer is shown: "the first Saturday of every month at 10:00 AM, …"
    )
    first: datetime  # the first meetup's naive local start: the start, or the rule's next date


def parse_repeat(text: str, start_local: datetime, zone: str) -> Repeat:
    """The series `text` asks for from a naive local start in `zone`, or a UserError saying
    what was understood. `text` is a phrase (`monthly on the first saturday, 10 times`) or an
    RRULE (`FREQ=MONTHLY;BYDAY=1SA`, with or without `RRULE:`)."""
    require_naive(start_local)
    tz = ZoneInfo(zone)
    # As a Japanese keyboard types it (ＷＥＥＫＬＹ, ＦＲＥＱ＝…, "saturday、10 times"), as
    # times are read.
    cleaned = " ".join(half_width(text).translate(_JAPANESE_MARKS).split())
    if not cleaned:
        raise UserError(f"Say how the meetup repeats. {HINT}")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise UserError(
            f"That repeat is {len(cleaned)} characters; keep it to {MAX_TEXT_CHARS}. {HINT}"
        )
    if re.match(r"(?i)(rrule:)?\s*[a-z]+\s*=", cleaned):
        rule = read_rrule(cleaned, tz)
    else:
        rule = read_phrase(cleaned, start_local, tz)
    description = describe_rule(rule, start_local, tz)
    first = _first_meetup(rule, start_local, tz, description)
    if first.date() != start_local.date():
        description += f"; the first is on {weekday_date(first)}"
    return Repeat(rule.text(), description, first)


def _first_meetup(rule: Rule, start_local: datetime, tz: ZoneInfo, description: str) -> datetime:
    """The first meetup's local start, after refusing a series that is not one."""
    start = instant_of(start_local, tz)
    if rule.until is not None and rule.until < start:
        raise UserError(
            f"“{description}” ends before the meetup's start on {weekday_date(start_local)}."
        )
    walls = _first_two(rule, start_local)
    if not walls:
        raise UserError(
            f"“{description}” gives no meetup in the next {HORIZON.days // 365} years. {HINT}"
        )
    first = walls[0]
    if rule.until is not None and instant_of(first, tz) > rule.until:
        raise UserError(
            f"“{description}” ends before its first meetup, which would be on "
            f"{weekday_date(first)}."
        )
    ends_after_first = rule.count == 1 or (
        rule.until is not None and len(walls) == 2 and instant_of(walls[1], tz) > rule.until
    )
    if len(walls) < 2 or ends_after_first:
        raise NotASeries(f"“{description}” gives only one meetup, on {weekday_date(first)}. ")
    return first


def _first_two(rule: Rule, start_local: datetime) -> list[datetime]:
    """The rule's first two local starts within HORIZON of `start_local`, ignoring COUNT."""
    # dateutil stops a rule that gives nothing only at the year 9999: millions of days to walk
    # for a daily rule. The same search, whole calendar cycles later, ends soon after.
    cycles = (
        datetime.max.year - start_local.year - HORIZON.days // 365 - 1
    ) // CALENDAR_CYCLE_YEARS
    years = cycles * CALENDAR_CYCLE_YEARS
    late = rule.walls(start_local.replace(year=start_local.year + years), probe=True)
    return [wall.replace(year=wall.year - years) for wall in islice(late, 2)]
