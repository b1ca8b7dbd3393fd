"""Meetups for calendar apps: an iCalendar (.ics) file, and Google Calendar's "add event" link.

What the file says, so that a calendar app shows what the bot's cards show:
- one VEVENT per meetup, whose UID never changes, so that importing a file again (or refreshing a
  subscription) updates the meetup instead of adding a second one;
- times in the meetup's zone (TZID and its VTIMEZONE), so that a series keeps its wall-clock time
  across daylight-saving changes by the calendar app's reading too; a fixed offset (`UTC-07:00`)
  has no zone name calendar apps know, so its meetups are written in UTC;
- a series carries its RRULE, an EXDATE for each cancelled occurrence and an override VEVENT
  (same UID, RECURRENCE-ID) for each moved one. Exceptions are written only for occurrences the
  series has, as `bot.recurrence.occurrences` reads them: one left from an earlier version of a
  series would otherwise show as an extra meetup in some apps;
- a series re-timed from its next date on keeps the dates it held before: each earlier rule is a
  VEVENT of its own (its own UID, with its exceptions), ending (UNTIL) before the date it was
  re-timed from, with the title, place and length those dates had, not cancelled (they were
  held before any cancel of the series), but for a date still under way when the series was
  cancelled: those going were told it is off, so it is an override with STATUS:CANCELLED;
- a cancelled meetup (or a one-off whose only occurrence was cancelled) stays in the file with
  STATUS:CANCELLED rather than being left out: an app that imported it earlier only learns of a
  cancellation from a file that names it;
- every VEVENT of a meetup carries its revision as SEQUENCE, which moves with each change a
  calendar shows (an edit, a date moved or cancelled, the cancellation): apps (Google Calendar's
  import among them) take a changed copy of an event they hold only when its SEQUENCE is higher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from icalendar import STATUS, Calendar, Event, Timezone, vDuration, vRecur, vText

from bot import recurrence
from bot.limits import EMBED_URL, fit
from bot.meetups import LATER_DATES_OFF, EarlierRule, Meetup, Occurrence
from bot.meetups.occurrences import cancelled_under_way, under_way_on_earlier_rule
from bot.recurrence.rule import read_rrule
from bot.zones import load_zone

PRODID = "-//Keitora//Meetups//EN"
GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
# About 2,000 characters is the longest link every browser and Google's servers take whole;
# Discord's limit for a link in an embed is a little longer.
GOOGLE_LINK_MAX = min(2000, EMBED_URL)
# The VTIMEZONEs cover the zones' rules this far past the last time written. Apps that know the
# IANA zone use their own rules; the others read these, so they must reach as far as a series
# may still be followed.
ZONE_RULES_AHEAD = timedelta(days=366 * 20)
_JUST_BEFORE = timedelta(seconds=1)
_EPOCH = date(1970, 1, 1)
# A series cancelled, and the date of an earlier rule under way then.
_CalledOff = tuple[Meetup, Occurrence]
# Control characters but tab and newline (C0, DEL and C1), as str.translate drops them.
_CONTROLS = dict.fromkeys(
    [c for c in range(0x20) if chr(c) not in "\t\n"] + list(range(0x7F, 0xA0))
)


def meetup_calendar(
    meetups: Sequence[tuple[Meetup, Sequence[Occurrence]]],
    *,
    name: str,
    card_url: Callable[[Meetup], str | None],
    now: datetime,
    refresh: timedelta | None = None,
) -> bytes:
    """An .ics file of `meetups`, each with its stored occurrences (moved, cancelled or merely
    answered for), named `name` in calendar apps and stamped `now`; a feed suggests apps
    subscribed to it look again every `refresh`."""
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.method = "PUBLISH"
    # icalendar writes NAME and X-WR-CALNAME as it was given them, unescaped; as TEXT they are
    # escaped like every other, so a server named "Kei, Trucks; West" reads whole.
    calendar.add("name", member_text(name))
    calendar.add("x-wr-calname", member_text(name))
    if refresh is not None:
        # RFC 7986's name, and the older one Outlook and Apple Calendar read.
        calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    stamp = now.astimezone(UTC)
    for meetup, occurrences in meetups:
        for event in _events(meetup, occurrences, card_url(meetup), stamp):
            calendar.add_component(event)
    if meetups:
        first, last = _span(meetups)
        calendar.add_missing_timezones(
            # A day early: the span is in UTC days, and a zone's day may begin before UTC's.
            first_date=first - timedelta(days=1),
            last_date=max(last, stamp.date()) + ZONE_RULES_AHEAD,
        )
    else:
        # RFC 5545's grammar wants one component or more, and strict apps refuse a calendar
        # without. Of the components, only a time zone shows a member nothing: UTC's, which
        # has no rules to go out of date.
        utc = Timezone.from_tzid("Etc/UTC", first_date=_EPOCH, last_date=_EPOCH + timedelta(days=1))
        utc.pop("COMMENT")  # "only works" to the date given: true of zones with rules, not UTC
        calendar.add_component(utc)
    return calendar.to_ical()


class _ExactText(vText):
    """TEXT escaped as RFC 5545 3.3.11 says and nothing more. icalendar's vText first turns
    the two characters \\N into a line break, so a member's "C:\\New" would lose its N."""

    def to_ical(self) -> bytes:
        escaped = self.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return escaped.replace("\n", "\\n").encode(self.encoding)


def member_text(text: str) -> vText:
    """What a member wrote, readable (see below), as TEXT that reads back exactly."""
    return _ExactText(readable(text))


def readable(text: str) -> str:
    """`text` without control characters but tab and newline. Members can paste them; RFC 5545
    TEXT admits none (an app may refuse the whole feed for one), and in HTML they are parse
    errors browsers show as boxes."""
    return text.translate(_CONTROLS)


def meetup_uid(meetup: Meetup, earlier_rule: int = 0) -> str:
    """The meetup's UID in every file: meetup ids count per database, guild ids are Discord-wide,
    so two bots' files in one member's calendar do not collide. The `earlier_rule`-th rule a
    re-timed series followed has a UID of its own."""
    rule = f"-rule{earlier_rule}" if earlier_rule else ""
    return f"meetup-{meetup.guild_id}-{meetup.id}{rule}@keitora"


def _events(
    meetup: Meetup, occurrences: Sequence[Occurrence], card_url: str | None, stamp: datetime
) -> list[Event]:
    zone = _writing_zone(meetup)
    under_way = cancelled_under_way(meetup, {o.original_start: o for o in occurrences})
    if meetup.rrule is None:
        only = next(
            (o for o in occurrences if o.original_start == meetup.starts_at),
            Occurrence(meetup.id, meetup.starts_at, meetup.starts_at),
        )
        cancelled = meetup.cancelled_at is not None or only.cancelled
        return [
            _event(
                meetup,
                only.starts_at.astimezone(zone),
                card_url,
                stamp,
                cancelled,
                under_way=under_way,
            )
        ]
    if not isinstance(zone, ZoneInfo):
        # In UTC a series' days would shift for meetups whose UTC date is not their local one.
        raise ValueError(f"a series needs an IANA zone, not {meetup.zone}")
    # A series re-timed keeps the dates its earlier rules held, each rule an event of its own
    # (one master per UID) that ends where the next began, as it was called and where.
    rules = [
        (
            _held_as(meetup, earlier),
            meetup_uid(meetup, number),
            earlier.start_local,
            _ended(meetup, earlier),
        )
        for number, earlier in enumerate(meetup.earlier_rules, 1)
    ]
    rules.append((meetup, meetup_uid(meetup), meetup.start_local, meetup.rrule))
    called_off = _called_off(meetup, occurrences)
    return [
        event
        for held, uid, start_local, rrule in rules
        for event in _series_events(
            held, uid, start_local, rrule, occurrences, card_url, stamp, called_off, under_way
        )
    ]


def _called_off(meetup: Meetup, occurrences: Sequence[Occurrence]) -> _CalledOff | None:
    """The date of an earlier rule under way when the series was cancelled: those going were
    told it is cancelled, so calendars say so too, with the series as it was then."""
    if meetup.cancelled_at is None or not meetup.earlier_rules:
        return None
    stored = {occurrence.original_start: occurrence for occurrence in occurrences}
    date = under_way_on_earlier_rule(meetup, meetup.earlier_rules[-1], stored, meetup.cancelled_at)
    return None if date is None else (meetup, date)


def _series_events(
    meetup: Meetup,
    uid: str,
    start_local: datetime,
    rrule: str,
    occurrences: Sequence[Occurrence],
    card_url: str | None,
    stamp: datetime,
    called_off: _CalledOff | None = None,
    under_way: bool = False,
) -> list[Event]:
    """A series' master event from `start_local` by `rrule`, with an EXDATE for each of its
    dates cancelled, an override for each moved, and one that says `called_off` is cancelled
    when it is one of its dates; cancelled `under_way`, its notes say it was called off."""
    zone = ZoneInfo(meetup.zone)
    cancelled = meetup.cancelled_at is not None
    # The first start as written, not as an instant: a gap time (2:30 on the spring-forward day)
    # stays 2:30 on the rule's other days, and RFC 5545 reads it as bot.recurrence does.
    master = _event(
        meetup,
        start_local.replace(tzinfo=zone),
        card_url,
        stamp,
        cancelled,
        uid=uid,
        under_way=under_way,
    )
    master.add("rrule", vRecur.from_ical(rrule))
    off_as, off = called_off or (meetup, None)
    changed = [
        o
        for o in occurrences
        if _is_exception(o) and _in_series(start_local, meetup.zone, rrule, o)
    ]
    if off is not None and off not in changed and _in_series(start_local, meetup.zone, rrule, off):
        changed.append(off)
    for occurrence in changed:
        if occurrence.cancelled:
            master.add("exdate", occurrence.original_start.astimezone(zone))
    overrides = [
        _event(
            off_as if o == off else meetup,
            o.starts_at.astimezone(zone),
            card_url,
            stamp,
            cancelled or o == off,
            uid=uid,
            recurrence_id=o.original_start.astimezone(zone),
            under_way=under_way,
        )
        for o in changed
        if not o.cancelled
    ]
    return [master, *overrides]


def _held_as(meetup: Meetup, earlier: EarlierRule) -> Meetup:
    """The series as the dates of an earlier rule were held: with its title, place, description
    and length then, and not cancelled, whatever became of it since: a cancelled series is not
    re-timed, so every date of an earlier rule came before the cancel (one still under way at
    the cancel is `_called_off`)."""
    return replace(
        meetup,
        title=earlier.title,
        location=earlier.location,
        description=earlier.description,
        duration=earlier.duration,
        cancelled_at=None,
        cancel_reason=None,
    )


def _ended(meetup: Meetup, earlier: EarlierRule) -> str:
    """An earlier rule cut before the date it was re-timed from, one of its own: so a COUNT it
    had was never reached, and becomes that UNTIL."""
    rule = read_rrule(earlier.rrule, ZoneInfo(meetup.zone))
    last = earlier.replaced_at - _JUST_BEFORE
    until = last if rule.until is None else min(rule.until, last)
    return replace(rule, count=None, until=until).text()


def _event(
    meetup: Meetup,
    start: datetime,
    card_url: str | None,
    stamp: datetime,
    cancelled: bool,
    *,
    uid: str | None = None,
    recurrence_id: datetime | None = None,
    under_way: bool = False,
) -> Event:
    """A VEVENT of the meetup from `start`, an aware time in the zone it is written in; `uid`
    names an earlier rule's event (else the meetup's own UID). One `cancelled` while
    `under_way` says in its notes that it was called off."""
    return Event.new(
        uid=uid or meetup_uid(meetup),
        stamp=stamp,
        recurrence_id=recurrence_id,
        start=start,
        # Through UTC: an aware datetime plus a timedelta moves the wall clock, and a meetup across
        # a clock change lasts its duration, not its duration give or take an hour.
        end=(start.astimezone(UTC) + meetup.duration).astimezone(start.tzinfo),
        summary=member_text(meetup.title),
        location=member_text(meetup.location),
        description=member_text(
            _details(
                meetup.description,
                card_url,
                _cancelled_notice(meetup, under_way=under_way) if cancelled else "",
            )
        )
        or None,
        url=card_url,
        status=STATUS.CANCELLED if cancelled else None,
        sequence=meetup.revision,
    )


def _writing_zone(meetup: Meetup) -> tzinfo:
    zone = load_zone(meetup.zone)
    return zone if isinstance(zone, ZoneInfo) else UTC


def _is_exception(occurrence: Occurrence) -> bool:
    return occurrence.cancelled or occurrence.starts_at != occurrence.original_start


def _in_series(start_local: datetime, zone: str, rrule: str, occurrence: Occurrence) -> bool:
    first = recurrence.occurrences(
        start_local,
        zone,
        rrule,
        after=occurrence.original_start - _JUST_BEFORE,
        limit=1,
    )
    return first == [occurrence.original_start]


def _span(meetups: Iterable[tuple[Meetup, Sequence[Occurrence]]]) -> tuple[date, date]:
    """The first and last days the file's times fall on, in UTC."""
    instants = [
        instant
        for meetup, occurrences in meetups
        for instant in (
            meetup.starts_at,
            meetup.starts_at + meetup.duration,
            *(recurrence.to_instant(e.start_local, meetup.zone) for e in meetup.earlier_rules),
            *(o.original_start for o in occurrences),
            *(o.starts_at + meetup.duration for o in occurrences),
        )
    ]
    return min(instants).date(), max(instants).date()


def _details(description: str, card_url: str | None, notice: str = "") -> str:
    # Most apps (Google's among them) ignore URL, so the card's link also ends the description.
    return "\n\n".join(part for part in (notice, description, card_url) if part)


def _cancelled_notice(meetup: Meetup, *, under_way: bool) -> str:
    # Some apps show a subscribed event whatever its STATUS: its notes then say it is off, with
    # the reason the card gives (one given for the whole meetup, not for one date), and, as
    # the card says, that a series called off has no later dates.
    reason = meetup.cancel_reason if meetup.cancelled_at is not None else None
    said = "Called off" if under_way else "Cancelled"
    said = f"{said}: {reason}" if reason else f"{said}."
    return f"{said}\n{LATER_DATES_OFF}" if under_way and meetup.rrule else said


def google_calendar_link(
    meetup: Meetup, occurrence: Occurrence, card_url: str | None, *, limit: int = GOOGLE_LINK_MAX
) -> str:
    """Google Calendar's prefilled "add event" page for one occurrence, at most `limit`
    characters long: the description is cut first, then the location, then the title; the card's
    link is kept whole (a cut link leads nowhere). A link button takes at most 512."""
    end = occurrence.starts_at + meetup.duration
    dates = f"{_utc_stamp(occurrence.starts_at)}/{_utc_stamp(end)}"

    def link(texts: dict[str, str]) -> str:
        query = {"action": "TEMPLATE", "dates": dates, **texts}
        query["details"] = _details(texts["details"], card_url)
        filled = {key: value for key, value in query.items() if value}
        return f"{GOOGLE_TEMPLATE}?{urlencode(filled, safe='/', quote_via=quote)}"

    texts = {
        "text": readable(meetup.title),
        "details": readable(meetup.description),
        "location": readable(meetup.location),
    }
    whole = link(texts)
    if len(whole) <= limit:  # as most are: nothing to cut
        return whole
    for name in ("details", "location", "text"):
        texts[name] = _longest_cut(
            texts[name], lambda cut, name=name: len(link({**texts, name: cut})) <= limit
        )
    url = link(texts)
    if len(url) > limit:
        raise ValueError(f"the card's link alone makes the Google link longer than {limit}")
    return url


def _longest_cut(text: str, fits: Callable[[str], bool]) -> str:
    """`text`, or its longest cut (marked with an ellipsis) that `fits`, or "" if none does."""
    if fits(text):
        return text
    # A longer cut never encodes shorter, so the longest that fits can be bisected for.
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(_cut(text, middle)):
            low = middle
        else:
            high = middle - 1
    return _cut(text, low)


def _cut(text: str, length: int) -> str:
    return fit(text, length) if length else ""


def _utc_stamp(instant: datetime) -> str:
    return f"{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"
