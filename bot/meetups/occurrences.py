"""A meetup's dates worked out from what is stored of it: a one-off's start, or a series' rule
with the dates moved and cancelled on their own; and a date as plain text members type back.
Pure: `bot.meetups.schedule` reads the stored meetups and dates these work from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot import recurrence
from bot.errors import UserError
from bot.meetups.model import EarlierRule, Meetup, Occurrence
from bot.when import parse_when
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


def shown_as_typed(
    meetup: Meetup, dates: Sequence[Occurrence], typed: str, now: datetime, *, typing: bool
) -> list[Occurrence]:
    """Those of `dates` whose plain text (`local_text`), with its year or without, holds what
    was typed (see `holds_typed`), so `jun 5 2027` and `jun 5 9:00` both find Jun 5, 2027."""
    return [
        occurrence
        for occurrence in dates
        if any(
            holds_typed(local_text(meetup, occurrence, now=shown), typed, typing)
            for shown in (None, now)
        )
    ]


# Read after a day typed alone, so the day is read as `/meetup create` reads it (the next one
# ahead, today included) and its last minute is never the one that has passed.
_END_OF_DAY = "11:59pm"


def on_day_typed(
    meetup: Meetup, dates: Sequence[Occurrence], typed: str, now: datetime
) -> tuple[date, list[Occurrence]] | None:
    """The day `typed` names in any form a meetup's time is typed in (2026-12-19, Sat December
    19, 12/19, the 19th), read on the meetup's clock unless it names a zone, and those of
    `dates` on that day there; only the one at the time typed, when one is. None when `typed`
    names no day ahead."""
    zone = load_zone(meetup.zone)
    for text, timed in ((typed, True), (f"{typed} {_END_OF_DAY}", False)):
        try:
            when = parse_when(text, now=now, zone_option=meetup.zone)
        except UserError:
            continue
        # A day with a zone of its own (dec 19 PT) is that day where it was typed.
        day = when.instant_utc.astimezone(zone).date() if timed else when.local.date()
        return day, [
            occurrence
            for occurrence in dates
            if occurrence.starts_at.astimezone(zone).date() == day
            and (not timed or occurrence.starts_at == when.instant_utc)
        ]
    return None


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


def cancelled_under_way(meetup: Meetup, stored: dict[datetime, Occurrence]) -> bool:
    """Whether the meetup was cancelled as a whole while one of its dates was under way, given
    its stored occurrences: those there read it was called off (it stopped), not that it will
    not take place. A one-off so cancelled may be restored until it ends; a series not. A
    series' date under way by the rule it followed before a re-time counts, when `meetup`
    carries its `earlier_rules`."""
    if meetup.cancelled_at is None or meetup.rrule is None:
        return meetup.called_off
    held = dates_from(meetup, stored, after=meetup.cancelled_at - meetup.duration, limit=1)
    if held and held[0].starts_at <= meetup.cancelled_at:
        return True
    return bool(meetup.earlier_rules) and (
        under_way_on_earlier_rule(meetup, meetup.earlier_rules[-1], stored, meetup.cancelled_at)
        is not None
    )


def date_cancelled(meetup: Meetup, stored: dict[datetime, Occurrence]) -> datetime:
    """The start of the date a cancel of the whole meetup took away, given its stored
    occurrences: the one under way then (on the rule it followed before a re-time made then,
    when `meetup` carries its `earlier_rules`), else the next one; a one-off's own."""
    assert meetup.cancelled_at is not None
    if meetup.rrule is None:
        return meetup.starts_at
    at = meetup.cancelled_at
    if meetup.earlier_rules:
        earlier = under_way_on_earlier_rule(meetup, meetup.earlier_rules[-1], stored, at)
        if earlier is not None:
            return earlier.starts_at
    held = dates_from(meetup, stored, after=at - meetup.duration, limit=1)
    return held[0].starts_at if held else meetup.starts_at


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
