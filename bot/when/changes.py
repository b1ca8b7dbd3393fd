"""Times on the days the clocks change: one skipped as they spring forward is refused, and of
one shown twice as they fall back the zone's standard-time name (CST) is the second, its
daylight name (CDT) the first, and a time without either the first unless it has passed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.dates import clock_text
from bot.errors import UserError
from bot.when.clock import Clock
from bot.when.zone import Zone
from bot.zones import named_zone


def at(day: date, clock: Clock, tz: tzinfo) -> datetime:
    """`clock` on `day` in `tz`; of two when clocks fall back, the first unless the clock
    asks for the second."""
    day += timedelta(days=clock.midnight)
    local = datetime.combine(day, time(clock.hour, clock.minute, clock.second), tzinfo=tz)
    return local.replace(fold=1) if clock.fold and _shown_twice(local) else local


def latest(day: date, clock: Clock, tz: tzinfo) -> datetime:
    """The later of the instants `clock` on `day` may be: the second of two when the clocks
    fall back, unless the first was asked for."""
    return at(day, clock if clock.fold is not None else replace(clock, fold=1), tz)


def _skipped(local: datetime) -> bool:
    """Whether the clocks spring forward past `local`."""
    wall = local.replace(tzinfo=None)
    return local.astimezone(UTC).astimezone(local.tzinfo).replace(tzinfo=None) != wall


def _shown_twice(local: datetime) -> bool:
    first, second = local.replace(fold=0), local.replace(fold=1)
    return not _skipped(first) and first.utcoffset() != second.utcoffset()


def wall_clock_notes(local: datetime, zone: Zone) -> tuple[str, ...]:
    """Refuse a wall-clock time the clocks skip; point out one they show twice, and which of
    the two was taken."""
    if _skipped(local):
        raise UserError(
            f"{clock_text(local)} does not happen on {day_text(local.date())} in "
            f"{zone.name}: the clocks spring forward past it. Pick another time."
        )
    if not _shown_twice(local):
        return ()
    twice = (
        f"{clock_text(local)} happens twice on {day_text(local.date())} in {zone.name} as "
        "the clocks fall back; "
    )
    taken = f"{clock_text(local)} {local.tzname()}"
    if zone.standard or zone.daylight:
        other = local.replace(fold=1 - local.fold)
        order = "after" if local.fold else "before"
        which = "second" if local.fold else "first"
        return (
            f"{twice}{zone.shown} is the {which} ({taken}, an hour {order} "
            f"{clock_text(other)} {other.tzname()}).",
        )
    if local.fold:
        return (f"{twice}the first has passed, so I took the second ({taken}).",)
    return (f"{twice}I took the first ({taken}).{_how_to_name_the_second(local, zone)}",)


def refuse_first_passed(day: date, clock: Clock, zone: Zone, now: datetime) -> None:
    """Refuse the first of a time the clocks show twice on `day`, named by its daylight name
    (1:30am CDT), once it has passed while the second is still ahead: the next day's would
    be in standard time, not the one named, so it is not taken instead."""
    first = at(day, replace(clock, fold=0), zone.tz)
    second = first.replace(fold=1)
    if not _shown_twice(first) or not first.astimezone(UTC) <= now < second.astimezone(UTC):
        return
    raise UserError(
        f"That {clock_text(first)} {first.tzname()} has passed: it was the first of the two "
        f"{clock_text(first)}s on {day_text(day)} in {zone.name} as the clocks fall back."
        f"{_how_to_name_the_second(first, zone)} For another day, give its date."
    )


def _how_to_name_the_second(local: datetime, zone: Zone) -> str:
    """ " For the second, an hour later, write 1:30am CST." when the zone has that name."""
    second = local.replace(fold=1).tzname() or ""
    if named_zone(second) != zone.name:
        return ""
    typed = f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    return f" For the second, an hour later, write {typed} {second}."


def day_text(day: date) -> str:
    return f"{day:%A %B} {day.day}, {day.year}"
