"""The public calendar: servers that show their upcoming meetups on the web, the unguessable
token in each server's links, and what the page and the .ics feed list.

A server's calendar is off until an admin turns it on. Its token is random (256 bits), so its
links cannot be guessed or counted through; rotating replaces it, and the old links then lead
nowhere, exactly like links of a server that never opted in. Turning the calendar off keeps the
token, so turning it on again brings back the links people already follow.

What is listed:
- the page: each occurrence starting within the next `HORIZON` (90 days), at most
  `PAGE_OCCURRENCES_MAX` of them, soonest first: a weekly series shows each of its dates. A
  cancelled meetup shows once, marked cancelled, at the date it would next have had, and so
  does a date cancelled on its own, until that date starts: someone who saw it on the page
  learns it was called off instead of finding it gone. A date off is listed by the date it is,
  not by its hour: another date moved onto that hour is listed beside it, held; cancelled as
  well, it is not (the page would show the same line twice);
- after those, each meetup whose next date lies past the horizon, by that date (at most
  `LATER_MAX`, and how many more): the feed holds them, so the page must not read as empty;
- the feed: every upcoming meetup, or under way until it ends, as `/meetup list` shows it (up to
  `FEED_MEETUPS_MAX` in all), a series once with its RRULE and exceptions, as `/meetup calendar`
  writes it, so calendar apps show its dates past the horizon. A cancelled meetup stays in it with
  STATUS:CANCELLED until `CANCELLED_KEPT` after the date it would next have had (a series leaves
  with that date, its later dates with it): an app that drops what leaves a feed would otherwise
  show nothing of the cancellation, and one that keeps it would keep it as still on. The day after
  the start is for a cancellation made at the last minute: an app refreshing about daily (Google
  Calendar takes up to a day) still reads it before it goes; later than that, the date is history.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from bot.calendar import google_calendar_link, meetup_calendar
from bot.clock import Clock, unix
from bot.meetups import Counts, Meetup, MeetupService, Occurrence, card_link
from bot.store import Store, from_row

HORIZON = timedelta(days=90)
ServerCondition = Callable[[int], Awaitable[bool]]  # by server id
PAGE_OCCURRENCES_MAX = 200
LATER_MAX = 50  # meetups listed by their next date past the horizon
FEED_MEETUPS_MAX = 1000
TOKEN_BYTES = 32  # secrets.token_urlsafe: 43 characters
# Time alone changes a listing when its first occurrence starts, and when an occurrence enters
# the horizon; the second is caught by looking again at least this often.
RELIST_AT_LEAST_EVERY = timedelta(hours=1)
CANCELLED_KEPT = timedelta(days=1)  # how long a cancelled date stays in the feed after its start
# How often calendar apps subscribed to the feed are asked to look again (most answers are 304s).
FEED_REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarLinks:
    page: str  # the HTML page
    feed: str  # the .ics feed over http(s)
    subscribe: str  # the same feed as webcal://, which calendar apps open as a subscription


@dataclass(frozen=True)
class CalendarState:
    guild_id: int
    public: bool
    links: CalendarLinks | None  # None while no token was made or the web server is off


@dataclass(frozen=True)
class Published:
    """What a token opens: a server whose calendar is public, and its change counters."""

    guild_id: int
    meetups_version: int  # moves with every write to its meetups or their occurrences
    answers_version: int  # moves with every RSVP, which only the page shows


@dataclass(frozen=True)
class ListedOccurrence:
    meetup: Meetup
    occurrence: Occurrence
    counts: Counts | None  # None for a cancelled date, which nobody answers for
    card_url: str | None  # the card in Discord
    google_url: str | None  # Google Calendar's "add event" page; None for a cancelled date

    @property
    def cancelled(self) -> bool:
        return _is_cancelled(self.meetup, self.occurrence)


@dataclass(frozen=True)
class Listing:
    guild_id: int
    entries: tuple[ListedOccurrence, ...]
    truncated: bool  # more occurrences fall within the horizon than the page shows
    later: tuple[ListedOccurrence, ...]  # meetups next held past the horizon, by that date
    later_left: int  # more meetups past the horizon than `later` shows
    valid_until: datetime  # time alone changes the listing from then on


@dataclass(frozen=True)
class Feed:
    guild_id: int
    ics: bytes
    valid_until: datetime
    meetups: int  # how many it lists, cancelled ones included


class PublicCalendarService:
    def __init__(
        self, store: Store, clock: Clock, meetups: MeetupService, base_url: str | None
    ) -> None:
        self._store = store
        self._clock = clock
        self._meetups = meetups
        self._base_url = base_url
        self._hidden: list[ServerCondition] = []

    def hide_while(self, condition: ServerCondition) -> None:
        """Serve no page or feed of a server while `condition` holds: once the bot was removed
        from it, its admins can no longer turn the calendar off."""
        self._hidden.append(condition)

    # --- settings ----------------------------------------------------------------------------

    async def state(self, guild_id: int) -> CalendarState:
        row = await self._store.fetchone(
            "SELECT token, public FROM public_calendars WHERE guild_id = ?", (guild_id,)
        )
        if row is None:
            return CalendarState(guild_id, public=False, links=None)
        return CalendarState(guild_id, bool(row["public"]), self.links(row["token"]))

    async def set_public(self, guild_id: int, public: bool) -> CalendarState:
        """Show or hide the server's calendar; the first time, its token is made."""
        await self._store.execute(
            "INSERT INTO public_calendars (guild_id, token, public, updated_at) "
            "VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET public = excluded.public, "
            "updated_at = excluded.updated_at",
            (guild_id, _new_token(), int(public), unix(self._clock.now())),
        )
        return await self.state(guild_id)

    async def rotate(self, guild_id: int) -> CalendarState:
        """A new token for the server's links; the old links answer as if they never existed."""
        await self._store.execute(
            "INSERT INTO public_calendars (guild_id, token, public, updated_at) "
            "VALUES (?, ?, 0, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET token = excluded.token, "
            "updated_at = excluded.updated_at",
            (guild_id, _new_token(), unix(self._clock.now())),
        )
        return await self.state(guild_id)

    def links(self, token: str) -> CalendarLinks | None:
        if self._base_url is None:
            return None
        feed = f"{self._base_url}/calendar/{token}.ics"
        return CalendarLinks(
            page=f"{self._base_url}/calendar/{token}",
            feed=feed,
            subscribe=urlunsplit(urlsplit(feed)._replace(scheme="webcal")),
        )

    # --- what the web shows ------------------------------------------------------------------

    async def published(self, token: str) -> Published | None:
        """The server a token opens, or None for an unknown, replaced or unpublished one."""
        row = await self._store.fetchone(
            "SELECT guild_id, meetups_version, answers_version FROM public_calendars "
            "WHERE token = ? AND public = 1",
            (token,),
        )
        if row is None:
            return None
        for hidden in self._hidden:
            if await hidden(row["guild_id"]):
                return None
        return from_row(Published, row)

    async def listing(self, guild_id: int) -> Listing:
        """The occurrences the page shows, soonest first."""
        now = self._clock.now()
        horizon = now + HORIZON
        found: list[tuple[Meetup, Occurrence]] = []
        series = []
        later: list[tuple[Meetup, Occurrence]] = []
        for meetup, first in await self._meetups.upcoming(guild_id, limit=FEED_MEETUPS_MAX):
            if first.starts_at >= horizon:
                later.append((meetup, first))
            elif meetup.rrule is None:
                found.append((meetup, first))
            else:
                series.append(meetup)
        # One more than the page takes, to know whether occurrences were left out.
        dates = await self._meetups.occurrences_of(
            series, limit=PAGE_OCCURRENCES_MAX + 1, before=horizon
        )
        for meetup in series:
            found += [(meetup, occurrence) for occurrence in dates[meetup.id]]
        # A cancelled date leaves the page when it would have started, as a held one does.
        cancelled = await self._meetups.cancelled_lately(
            guild_id, kept=timedelta(0), limit=PAGE_OCCURRENCES_MAX + 1
        )
        found += [(meetup, lost) for meetup, lost in cancelled if lost.starts_at < horizon]
        found += await self._meetups.cancelled_dates(
            guild_id, after=now, before=horizon, limit=PAGE_OCCURRENCES_MAX + 1
        )
        found = _one_off_an_hour(found)
        shown = found[:PAGE_OCCURRENCES_MAX]
        later_shown = later[:LATER_MAX]
        listed = shown + later_shown
        counts = await self._meetups.counts_of([occurrence for _, occurrence in listed])
        entries = [
            _listed(meetup, occurrence, counted)
            for (meetup, occurrence), counted in zip(listed, counts, strict=True)
        ]
        return Listing(
            guild_id,
            tuple(entries[: len(shown)]),
            truncated=len(found) > len(shown),
            later=tuple(entries[len(shown) :]),
            later_left=len(later) - len(later_shown),
            valid_until=_valid_until(now, [occurrence.starts_at for _, occurrence in shown]),
        )

    async def feed(self, guild_id: int, *, name: str, stamp: datetime) -> Feed:
        """Every upcoming meetup, and every one cancelled lately, as one .ics file named `name`,
        stamped `stamp`."""
        now = self._clock.now()
        # Under way until it ends, as /meetup list shows it: someone subscribing at the meetup
        # finds it there.
        upcoming = await self._meetups.upcoming(guild_id, limit=FEED_MEETUPS_MAX, ongoing=True)
        cancelled = [
            *await self._meetups.cancelled_lately(
                guild_id, kept=CANCELLED_KEPT, limit=FEED_MEETUPS_MAX
            ),
            *await self._meetups.cancelled_dates(
                guild_id, after=now - CANCELLED_KEPT, limit=FEED_MEETUPS_MAX
            ),
        ]
        # Each meetup with the date that lists it and the time that date lets it go.
        dates = [
            *(
                (meetup, first.starts_at, first.starts_at + meetup.duration)
                for meetup, first in upcoming
            ),
            *(
                (meetup, lost.starts_at, lost.starts_at + CANCELLED_KEPT)
                for meetup, lost in cancelled
            ),
        ]
        dates.sort(key=lambda listed: (listed[1], listed[0].id))
        meetups: dict[int, Meetup] = {}
        for meetup, _, _ in dates:
            # A series with a date cancelled on its own is written once, the date as an EXDATE.
            meetups.setdefault(meetup.id, meetup)
        chosen = list(meetups.values())[:FEED_MEETUPS_MAX]
        # Writing a thousand events takes a few hundred ms of CPU: in a thread, so commands
        # and clicks keep being answered meanwhile.
        ics = await asyncio.to_thread(
            meetup_calendar,
            await self._meetups.with_exceptions(chosen),
            name=name,
            card_url=card_link,
            now=stamp,
            refresh=FEED_REFRESH,
        )
        written = {meetup.id for meetup in chosen}
        leaving = [until for meetup, _, until in dates if meetup.id in written]
        return Feed(guild_id, ics, _valid_until(now, leaving), len(chosen))


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _listed(meetup: Meetup, occurrence: Occurrence, counts: Counts) -> ListedOccurrence:
    card = card_link(meetup)
    if _is_cancelled(meetup, occurrence):
        return ListedOccurrence(meetup, occurrence, None, card, None)
    google = google_calendar_link(meetup, occurrence, card)
    return ListedOccurrence(meetup, occurrence, counts, card, google)


def _one_off_an_hour(found: list[tuple[Meetup, Occurrence]]) -> list[tuple[Meetup, Occurrence]]:
    """`found` soonest first, with one date off a meetup at each hour: a page line shows the
    title, hour and place alone, so a date moved onto a date off and cancelled too would read
    as the same line twice. The date that is at its own hour stays, the one moved there goes."""
    found = sorted(
        found,
        key=lambda pair: (
            pair[1].starts_at,
            pair[0].id,
            _is_cancelled(*pair),  # a date held at that hour first
            pair[1].original_start != pair[1].starts_at,
        ),
    )
    off: set[tuple[int, datetime]] = set()
    kept = []
    for meetup, occurrence in found:
        if _is_cancelled(meetup, occurrence):
            if (meetup.id, occurrence.starts_at) in off:
                continue
            off.add((meetup.id, occurrence.starts_at))
        kept.append((meetup, occurrence))
    return kept


def _is_cancelled(meetup: Meetup, occurrence: Occurrence) -> bool:
    return meetup.cancelled_at is not None or occurrence.cancelled


def _valid_until(now: datetime, leaving: list[datetime]) -> datetime:
    # What is listed is listed until some time ahead; the first of those times changes the
    # listing.
    return min([now + RELIST_AT_LEAST_EVERY, *leaving])
