"""A stored series expanded into its meetups: their instants after a given one, with the meetups
moved or cancelled one at a time applied."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from bot.recurrence.local_time import instant_of, require_naive
from bot.recurrence.rule import Rule, read_rrule

_NO_EXCEPTIONS: Mapping[datetime, datetime | None] = MappingProxyType({})


def occurrences(
    start_local: datetime,
    zone: str,
    rrule: str,
    *,
    after: datetime,
    limit: int,
    before: datetime | None = None,
    exceptions: Mapping[datetime, datetime | None] = _NO_EXCEPTIONS,
) -> list[datetime]:
    """The series' next `limit` starts strictly after the instant `after` (and before `before`,
    when given), as aware UTC instants in order. `exceptions` maps a meetup's original naive
    local start (a gap time as written, 2:30, or as it happens, 3:30) to its moved naive local
    start, or to None when that one meetup is cancelled; a key that is not a meetup of the
    series (left from an earlier version of it) changes nothing. `start_local` is the series'
    first start (Repeat.first): as in dateutil, a start off the rule is not a meetup."""
    require_naive(start_local)
    if after.tzinfo is None:
        raise ValueError("after must be an aware instant")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    tz = ZoneInfo(zone)
    rule = read_rrule(rrule, tz)
    walls = rule.walls(start_local)
    # Keyed by instant, so that a gap time matches however it was written.
    changed = {instant_of(original, tz): moved for original, moved in exceptions.items()}
    found = [
        at
        for original, moved in changed.items()
        if moved is not None
        and (at := instant_of(moved, tz)) > after
        and (before is None or at < before)
        and _is_meetup(rule, walls, original, tz)
    ]
    kept = 0
    for instant in _instants_from(walls, after, tz):
        if rule.until is not None and instant > rule.until:
            break
        if before is not None and instant >= before:
            break
        if instant <= after or instant in changed:
            continue
        found.append(instant)
        kept += 1
        if kept == limit:
            break
    return sorted(found)[:limit]


def _is_meetup(rule: Rule, walls: du.rrule, instant: datetime, tz: ZoneInfo) -> bool:
    if rule.until is not None and instant > rule.until:
        return False
    later = (at for at in _instants_from(walls, instant, tz) if at >= instant)
    return next(later, None) == instant


def _instants_from(walls: du.rrule, instant: datetime, tz: ZoneInfo) -> Iterator[datetime]:
    """The rule's meetups as instants, from a little before `instant` on."""
    # Two days before in wall time: meetups are a day or more apart and no zone's offset has
    # jumped by two days, so none at or after `instant` is missed.
    since = instant.astimezone(tz).replace(tzinfo=None) - timedelta(days=2)
    return (instant_of(wall, tz) for wall in walls.xafter(since, inc=True))
