"""A meetup's dates worked out from what is stored of it: a one-off's start, or a series' rule
with the dates moved and cancelled on their own; and a date as plain text members type back.
Pure: `bot.meetups.schedule` reads the stored meetups and dates these work from."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot import recurrence
from bot.meetups.model import EarlierRule, Meetup, Occurrence
from bot.zones import load_zone

_EPSILON = timedelta(seconds=1)


def falls_on(meetup: Meetup, start: datetime) -> bool:
    """Whether `start` is a date of the meetup by its rule (a one-off: its start)."""
    if meetup.rrule is None:
        return start == meetup.starts_at
    found = recurrence.occurrences(
        meetup.start_local, meetup.zone, meetup.rrule, after=start - _EPSILON, limit=1
    )
    return bool(found) and found[0] == start


def local_text(meetup: Meetup, occurrence: Occurrence, *, now: datetime | None = None) -> str:
    """A start as plain text where Discord timestamps do not render (autocomplete choices,
    dates typed back): `Sat Dec 5, 10:00 AM MST`, on the meetup's own clock; with the year
    (`Sat Jan 2, 2027, 10:00 AM MST`) when it is not the year of `now` there."""
    zone = load_zone(meetup.zone)
    local = occurrence.starts_at.astimezone(zone)
    clock = local.strftime("%I:%M %p").lstrip("0")
    year = "" if now is None or now.astimezone(zone).year == local.year else f", {local.year}"
    return f"{local:%a %b} {local.day}{year}, {clock} {local.tzname()}"


def _words(text: str) -> list[str]:
    return text.replace(",", " ").casefold().split()


def holds_typed(text: str, typed_text: str, typing: bool) -> bool:
    """Whether what was typed is a run of the words of `text` (any case, commas aside), the
    last typed word only a start of one while `typing`."""
    words, typed = _words(text), _words(typed_text)
    if not typed:
        return True
    *whole, last = typed
    return any(
        words[at : at + len(whole)] == whole
        and at + len(whole) < len(words)
        and (words[at + len(whole)].startswith(last) if typing else words[at + len(whole)] == last)
        for at in range(len(words))
    )


def _local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(load_zone(zone)).replace(tzinfo=None)


def dates_from(
    meetup: Meetup,
    stored: dict[datetime, Occurrence],
    *,
    after: datetime,
    limit: int,
    before: datetime | None = None,
) -> list[Occurrence]:
    """The meetup's next `limit` dates that start after `after` (and before `before`), given
    its stored occurrences."""
    if meetup.rrule is None:
        only = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
        occurrence = stored.get(meetup.starts_at, only)
        within = after < occurrence.starts_at and (before is None or occurrence.starts_at < before)
        return [occurrence] if within and not occurrence.cancelled else []
    exceptions = {
        _local(original, meetup.zone): None
        if occurrence.cancelled
        else _local(occurrence.starts_at, meetup.zone)
        for original, occurrence in stored.items()
        if occurrence.cancelled or occurrence.starts_at != original
    }
    starts = recurrence.occurrences(
        meetup.start_local,
        meetup.zone,
        meetup.rrule,
        after=after,
        limit=limit,
        before=before,
        exceptions=exceptions,
    )
    # A date moved onto the hour of one cancelled on its own is the one held there.
    moved_to = {o.starts_at: o for o in stored.values() if not o.cancelled}
    return [moved_to.get(start, Occurrence(meetup.id, start, start)) for start in starts]


def under_way_on_earlier_rule(
    meetup: Meetup, last: EarlierRule, stored: dict[datetime, Occurrence], at: datetime
) -> Occurrence | None:
    """The date that `last`, the rule the series followed before its last re-time, holds under
    way `at`: re-timed during one of its dates, a series goes on from its next date, and the
    date under way stays under way until it ends, as long as the series now lasts."""
    old_series = replace(meetup, rrule=last.rrule, start_local=last.start_local)
    dates = dates_from(
        old_series, stored, after=at - meetup.duration, before=last.replaced_at, limit=1
    )
    return dates[0] if dates and dates[0].starts_at <= at else None
