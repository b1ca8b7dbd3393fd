"""Repeating meetups: what organizers type, as an RFC 5545 RRULE, and the meetups it gives.

The rules a series follows, which the organizer sees in its description and a calendar app
reading our .ics applies the same way:

- A series repeats the local wall-clock time of its start in its own zone: 10:00 stays 10:00
  across daylight-saving changes.
- A wall-clock time skipped by a spring-forward gap happens after the clock change, later by the
  gap's length (2:30 AM on a day the clocks jump from 2:00 to 3:00 is 3:30 AM). A time repeated by
  a fall-back fold is its first, earlier instant. Both are RFC 5545's rules (section 3.3.5) and
  what `zoneinfo` does with fold=0; they hold for every local time here, moved meetups included.
- A typed "monthly" from the 29th, 30th or 31st falls on the last day of months too short for
  that day (BYMONTHDAY=28,29,30;BYSETPOS=-1, or BYMONTHDAY=-1 from the 31st), and a typed
  "yearly" from February 29 falls on February 28 in common years: a month without its meetup
  would surprise the people who come every month. A raw RRULE keeps RFC 5545's meaning, which
  skips those months; its description says so.

- `local_time`: `to_instant`, a local wall-clock time as an instant by the rules above;
- `rule`: the RRULE as a value, read from its text, checked against RFC 5545, written back;
- `phrase`: a repeat in plain words ("monthly on the first saturday") read into a rule;
- `description`: `describe`, a series in words for its card;
- `repeat`: `parse_repeat`, what the organizer typed checked to be a series, as a `Repeat`;
- `expansion`: `occurrences`, a stored series' next meetups with moved and cancelled ones.
"""

from bot.recurrence.description import describe
from bot.recurrence.expansion import occurrences
from bot.recurrence.local_time import to_instant
from bot.recurrence.repeat import CALENDAR_CYCLE_YEARS, MAX_TEXT_CHARS, Repeat, parse_repeat
from bot.recurrence.rule import HINT, HORIZON, MAX_COUNT, WEEKDAYS, NotASeries

__all__ = [
    "CALENDAR_CYCLE_YEARS",
    "HINT",
    "HORIZON",
    "MAX_COUNT",
    "MAX_TEXT_CHARS",
    "WEEKDAYS",
    "NotASeries",
    "Repeat",
    "describe",
    "occurrences",
    "parse_repeat",
    "to_instant",
]
