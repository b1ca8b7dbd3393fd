"""The public calendar over HTTP: `/calendar/<token>` (a page) and `/calendar/<token>.ics`.

- Only GET and HEAD. An unknown token, a replaced one and one of a server that is not public
  get the same 404, so a visitor cannot tell which of them they hold.
- Each answer is rendered once per change of what it shows (the server's change counters, kept
  by database triggers, its name, its token, the first listed meetup starting, and a cancelled
  one leaving) and kept;
  requests in between are served from memory (plain or gzip), and a client holding the current
  ETag or Last-Modified gets 304 Not Modified. `Cache-Control: no-cache` makes every use
  revalidate, so turning a calendar off or rotating its token takes effect at once.
- HTML comes from Jinja2 templates with autoescaping: member text is always text. The only
  links are ones the bot builds (the card in Discord, Google Calendar, the feed).
- No scripts: the Content-Security-Policy allows nothing but the page's own stylesheet (by its
  hash). The access log is off, because each request line carries a server's token.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from aiohttp import web
from aiohttp.typedefs import Handler
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bot.calendar import readable
from bot.clock import Clock
from bot.dates import clock_text, weekday_date
from bot.limits import fit
from bot.meetups import Counts, Meetup
from bot.public_calendar import (
    HORIZON,
    CalendarLinks,
    ListedOccurrence,
    Listing,
    PublicCalendarService,
    Published,
)
from bot.zones import load_zone

log = logging.getLogger(__name__)

Kind = Literal["page", "feed"]
TEMPLATES = Path(__file__).resolve().parent / "templates"
TOKEN_PATTERN = "[A-Za-z0-9_-]{32,64}"
DESCRIPTION_SHOWN = 500  # characters of a meetup's description on the page
GZIP_FROM = 1024  # bytes; smaller answers are not worth compressing
KEPT_ANSWERS_MAX = 200  # pages and feeds kept in memory, the least recently asked for dropped
SHUTDOWN_GRACE = 5.0  # seconds requests in hand get to finish when the bot stops

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_STYLESHEET = (TEMPLATES / "calendar.css").read_text(encoding="utf-8")
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLESHEET.encode()).digest()).decode()

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; script-src 'none'; style-src 'sha256-{_STYLE_HASH}'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Server": "Keitora",
}
# Every use asks again (and gets a 304 when nothing changed), also through caches on the way.
CACHE_CONTROL = "no-cache"
NOT_FOUND_TEXT = "Not found.\n"


class WebServerError(Exception):
    """The web server could not start; the message says why, for the admin."""


@dataclass(frozen=True)
class Source:
    """What an answer is made from, besides the clock: when any of it differs, so may the answer."""

    meetups_version: int
    answers_version: int | None  # None for the feed, which shows no RSVPs
    name: str  # the server's name in Discord
    token: str  # in the page's own links


@dataclass(frozen=True)
class Rendered:
    """One answer as sent, and what it was made from."""

    source: Source
    body: bytes
    gzipped: bytes | None
    etag: str
    stamp: datetime  # when its meetups last changed, as far as this process saw: DTSTAMP
    last_modified: datetime  # when this body was first made
    # False when an earlier body was first made in the same second: Last-Modified counts whole
    # seconds, so If-Modified-Since alone cannot tell whether the client holds this body.
    dated_apart: bool
    valid_until: datetime

    def shows(self, source: Source, now: datetime) -> bool:
        return self.source == source and now < self.valid_until


class CalendarSite:
    """The aiohttp application serving public calendars, and its listening socket."""

    def __init__(
        self,
        service: PublicCalendarService,
        clock: Clock,
        server_name: Callable[[int], str | None],
    ) -> None:
        self._service = service
        self._clock = clock
        self._server_name = server_name
        # Most recently used last; a server's page and feed take up to about a megabyte.
        self._rendered: OrderedDict[tuple[int, Kind], Rendered] = OrderedDict()
        self._rendering: dict[tuple[int, Kind], asyncio.Lock] = {}
        self._runner: web.AppRunner | None = None
        self.app = web.Application(middlewares=[_guard])
        self.app.router.add_get(f"/calendar/{{token:{TOKEN_PATTERN}}}", self._page)
        self.app.router.add_get(f"/calendar/{{token:{TOKEN_PATTERN}}}.ics", self._feed)

    async def start(self, port: int, host: str | None = None) -> int:
        """Listen on `port` (0: any free one) of `host` (None: every interface); returns the
        port taken."""
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_GRACE
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise WebServerError(f"cannot listen on port {port} ({error.strerror})") from None
        self._runner = runner
        taken = runner.addresses[0][1]
        log.info("public calendar web server listening on port %d", taken)
        return taken

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _page(self, request: web.Request) -> web.Response:
        return await self._answer(request, "page", "text/html")

    async def _feed(self, request: web.Request) -> web.Response:
        return await self._answer(request, "feed", "text/calendar")

    async def _answer(self, request: web.Request, kind: Kind, content_type: str) -> web.Response:
        published = await self._service.published(request.match_info["token"])
        if published is None:
            raise web.HTTPNotFound()
        rendered = await self._current(published, kind, request.match_info["token"])
        gzipped = rendered.gzipped is not None and accepts_gzip(
            request.headers.get("Accept-Encoding", "")
        )
        # Each encoding is a representation of its own, so it has its own validator.
        etag = rendered.etag.removesuffix('"') + '-gzip"' if gzipped else rendered.etag
        headers = {
            "ETag": etag,
            "Last-Modified": _http_date(rendered.last_modified),
            "Cache-Control": CACHE_CONTROL,
            "Vary": "Accept-Encoding",
        }
        dated = rendered.last_modified if rendered.dated_apart else None
        if _not_modified(request, etag, dated):
            return web.Response(status=304, headers=headers)
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        body = rendered.gzipped if gzipped else rendered.body
        return web.Response(body=body, headers=headers, content_type=content_type, charset="utf-8")

    async def _current(self, published: Published, kind: Kind, token: str) -> Rendered:
        """The kept answer while it still shows the truth, else a new one (made once, however
        many requests wait for it)."""
        key = (published.guild_id, kind)
        source = Source(
            published.meetups_version,
            # The feed shows no RSVPs, so answers leave it (and calendar apps' copies) alone.
            published.answers_version if kind == "page" else None,
            self._server_name(published.guild_id) or "Server",
            token,
        )
        kept = self._rendered.get(key)
        if kept is not None and kept.shows(source, self._clock.now()):
            self._rendered.move_to_end(key)
            return kept
        async with self._rendering.setdefault(key, asyncio.Lock()):
            kept = self._rendered.get(key)
            if kept is not None and kept.shows(source, self._clock.now()):
                return kept
            rendered = await self._render(published.guild_id, kind, source, kept)
            self._rendered[key] = rendered
            self._rendered.move_to_end(key)
            while len(self._rendered) > KEPT_ANSWERS_MAX:
                self._rendered.popitem(last=False)
            return rendered

    async def _render(
        self, guild_id: int, kind: Kind, source: Source, previous: Rendered | None
    ) -> Rendered:
        now = self._clock.now().replace(microsecond=0)
        meetups_unchanged = (
            previous is not None and previous.source.meetups_version == source.meetups_version
        )
        stamp = previous.stamp if previous is not None and meetups_unchanged else now
        name = f"{source.name} meetups"
        if kind == "feed":
            feed = await self._service.feed(guild_id, name=name, stamp=stamp)
            body, valid_until = feed.ics, feed.valid_until
        else:
            listing = await self._service.listing(guild_id)
            links = self._service.links(source.token)
            assert links is not None, "the site runs only with a base URL"
            # Rendering and compressing a long page takes milliseconds of CPU: in a thread.
            body = await asyncio.to_thread(_page_html, name, links, listing)
            valid_until = listing.valid_until
        gzipped = (
            await asyncio.to_thread(gzip.compress, body, mtime=0)
            if len(body) >= GZIP_FROM
            else None
        )
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        unchanged = previous is not None and previous.etag == etag
        if previous is not None and unchanged:
            last_modified, dated_apart = previous.last_modified, previous.dated_apart
        else:
            last_modified = now
            dated_apart = previous is None or previous.last_modified < now
        return Rendered(
            source=source,
            body=body,
            gzipped=gzipped,
            etag=etag,
            stamp=stamp,
            last_modified=last_modified,
            dated_apart=dated_apart,
            valid_until=valid_until,
        )


def _page_html(name: str, links: CalendarLinks, listing: Listing) -> bytes:
    return (
        _environment.get_template("calendar.html")
        .render(
            name=readable(name),
            css=Markup(_STYLESHEET),  # the project's own file, hashed into the CSP
            links=links,
            horizon_days=HORIZON.days,
            entries=[_entry(entry) for entry in listing.entries],
            truncated=listing.truncated,
            later=[_entry(entry) for entry in listing.later],
            later_left=listing.later_left,
        )
        .encode()
    )


def _entry(listed: ListedOccurrence) -> dict[str, str | bool | None]:
    """What the page shows of one occurrence, as plain text the template escapes."""
    meetup, start = listed.meetup, listed.occurrence.starts_at
    local = start.astimezone(load_zone(meetup.zone))
    utc = start.astimezone(UTC)
    return {
        "title": readable(meetup.title),
        "start_iso": _iso(start),
        "local_date": weekday_date(local.date()),
        "local_time": f"{clock_text(local)} {_zone_text(local.tzname(), meetup.zone)}",
        "utc_time": f"{clock_text(utc)} UTC"
        + ("" if utc.date() == local.date() else f" on {weekday_date(utc.date())}"),
        "location": readable(meetup.location),
        "cancelled": listed.cancelled,
        "cancel_reason": _cancel_reason(listed),
        "counts": None if listed.counts is None else _counts_text(listed.counts, meetup),
        "description": fit(readable(meetup.description), DESCRIPTION_SHOWN),
        "card_url": listed.card_url,
        "google_url": listed.google_url,
    }


def _cancel_reason(listed: ListedOccurrence) -> str | None:
    """Why the meetup is off, when it is cancelled as a whole; else why its date is."""
    meetup = listed.meetup
    reason = (
        meetup.cancel_reason if meetup.cancelled_at is not None else listed.occurrence.cancel_reason
    )
    return readable(reason) if reason else None


def _zone_text(abbreviation: str | None, zone: str) -> str:
    # A fixed offset (UTC-07:00) is its own abbreviation, and named twice reads as a mistake.
    return zone if abbreviation in (None, zone) else f"{abbreviation} ({zone})"


def _counts_text(counts: Counts, meetup: Meetup) -> str:
    going = f"{counts.people:,} going"
    if meetup.capacity is not None:
        going += f" of {meetup.capacity:,} places"
    parts = [going, f"{counts.maybe:,} maybe"]
    if counts.waiting:
        parts.append(f"{counts.waiting:,} on the waitlist")
    if meetup.truck_capacity is not None:
        parts.append(f"{counts.trucks:,} of {meetup.truck_capacity:,} truck spots taken")
    return " · ".join(parts)


def _not_modified(request: web.Request, etag: str, last_modified: datetime | None) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; else If-Modified-Since, unless
    `last_modified` is None (a date that does not tell the body apart)."""
    if request.if_none_match is not None:
        # Weak comparison, as GET and HEAD use: W/"x" matches "x".
        return any(candidate.value in ("*", etag.strip('"')) for candidate in request.if_none_match)
    since = request.if_modified_since
    return since is not None and last_modified is not None and last_modified <= since


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every answer carries the security headers; every 404 is the same 404."""
    try:
        response = await handler(request)
    except web.HTTPNotFound:
        response = _not_found()
    except web.HTTPException as refusal:
        response = web.Response(status=refusal.status, text=f"{refusal.reason}.\n")
        if "Allow" in refusal.headers:
            response.headers["Allow"] = refusal.headers["Allow"]
    response.headers.update(SECURITY_HEADERS)
    return response


def _not_found() -> web.Response:
    return web.Response(status=404, text=NOT_FOUND_TEXT, headers={"Cache-Control": CACHE_CONTROL})


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header lets the answer be gzipped: gzip, or else `*`, named
    with a weight above zero ("gzip;q=0" refuses it)."""
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        coding, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # a weight it cannot read is no consent
        if coding:
            # x-gzip is an old name of gzip (RFC 9110, 8.4.1.3). Named twice, the refusal
            # stands: "gzip;q=0, x-gzip" is no consent.
            name = coding.lower().removeprefix("x-")
            weights[name] = min(weight, weights.get(name, weight))
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def _http_date(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
