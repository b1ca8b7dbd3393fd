"""A series' local wall-clock times as instants: a time skipped by a spring-forward gap is later by
the gap's length, and a time repeated by a fall-back fold is the first of the two."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def to_instant(local: datetime, zone: str) -> datetime:
    """The aware UTC instant of a naive local wall-clock time in `zone`, by the series' rule for
    gaps (later by the gap's length) and folds (the first of the two)."""
    require_naive(local)
    return instant_of(local, ZoneInfo(zone))


def instant_of(wall: datetime, tz: ZoneInfo) -> datetime:
    """The aware UTC instant of a naive local wall-clock time in `tz`, as `to_instant` promises."""
    # fold=0 reads a gap time with the offset before the change, which lands after it, and a
    # fold time as the first of the two: RFC 5545's rules, whatever fold the caller's value had.
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def require_naive(local: datetime) -> None:
    """Refuse an aware datetime where a naive local wall-clock time belongs."""
    if local.tzinfo is not None:
        raise ValueError("a local start is a naive wall-clock time; its zone is given apart")


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The last second of a local day: "until June 30" keeps any meetup on June 30."""
    return instant_of(datetime.combine(day, time(23, 59, 59)), tz)
