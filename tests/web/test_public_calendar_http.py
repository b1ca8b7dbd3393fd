"""The public calendar through a plain HTTP client: who gets a calendar, what it says, how it
is escaped, and how it answers conditional requests."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html.parser import HTMLParser

import aiohttp
import pytest
from icalendar import Calendar
from multidict import CIMultiDict

from bot.store import Store
from web import public_calendar

from .conftest import BASE, GUILD, OTHER, CalendarServer

HOSTILE_TITLE = "<script>alert('title')</script>"
HOSTILE_LOCATION = '"><img src=x onerror=alert(1)>'
HOSTILE_DESCRIPTION = "Bring [free parts](javascript:alert(1)) javascript:alert(2) <a href=x>y</a>"
SAME_EVERYWHERE = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


class Links(HTMLParser):
    """Every URL the page would load or follow, and every element name."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action")]


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


async def fetch(
    server: CalendarServer, path: str, headers: dict[str, str] | None = None
) -> tuple[int, CIMultiDict[str], bytes]:
    async with server.get(path, headers) as response:
        return response.status, response.headers.copy(), await response.read()


async def test_a_server_that_did_not_opt_in_answers_like_an_unknown_token(
    server: CalendarServer,
) -> None:
    await server.create("2026-12-05 10:00")
    private = (await server.calendars.rotate(GUILD)).links  # a token exists, but not public
    assert private is not None
    answers = [
        await fetch(server, path)
        for path in (
            private.page.removeprefix(BASE),
            private.feed.removeprefix(BASE),
            "/calendar/" + "A" * 43,
            "/calendar/" + "A" * 43 + ".ics",
            "/calendar/short",
            "/calendar/",
            "/",
        )
    ]
    assert {status for status, _, _ in answers} == {404}
    assert {body for _, _, body in answers} == {b"Not found.\n"}
    for _, headers, _ in answers:
        assert "ETag" not in headers
        for name in SAME_EVERYWHERE:
            assert headers[name] == answers[0][1][name]


async def test_opting_in_serves_the_page_and_the_feed_until_opting_out(
    server: CalendarServer,
) -> None:
    await server.create("2026-12-05 10:00", title="Moab Kei Truck Day", capacity=40)
    token = await server.publish()

    status, headers, body = await fetch(server, f"/calendar/{token}")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Moab Kei Truck Day" in body.decode()
    status, headers, body = await fetch(server, f"/calendar/{token}.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"

    await server.calendars.set_public(GUILD, False)
    assert (await fetch(server, f"/calendar/{token}"))[0] == 404
    assert (await fetch(server, f"/calendar/{token}.ics"))[0] == 404


async def test_rotation_retires_the_old_links(server: CalendarServer) -> None:
    await server.create("2026-12-05 10:00")
    old = await server.publish()
    assert (await fetch(server, f"/calendar/{old}"))[0] == 200
    links = (await server.calendars.rotate(GUILD)).links
    assert links is not None
    new = links.page.rsplit("/", 1)[1]
    assert new != old
    for path in (f"/calendar/{old}", f"/calendar/{old}.ics"):
        status, _, body = await fetch(server, path)
        assert (status, body) == (404, b"Not found.\n")
    status, _, body = await fetch(server, f"/calendar/{new}")
    assert status == 200
    # The page's own subscribe links carry the new token.
    assert f"webcal://meetups.example.org/calendar/{new}.ics" in body.decode()


async def test_one_server_token_never_shows_another_servers_meetups(
    server: CalendarServer,
) -> None:
    await server.create("2026-12-05 10:00", title="Colorado day")
    other = await server.publish(OTHER)
    status, _, body = await fetch(server, f"/calendar/{other}")
    assert status == 200
    assert "Colorado day" not in body.decode()
    assert "No meetups in the next 90 days." in body.decode()


async def test_the_feed_is_the_servers_upcoming_meetups(server: CalendarServer) -> None:
    once = await server.create("2026-12-05 10:00", title="Moab Kei Truck Day")
    await server.create("2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    await server.meetups.set_card(once, 555, 777)
    token = await server.publish()

    _, _, body = await fetch(server, f"/calendar/{token}.ics")

    calendar = Calendar.from_ical(body)
    assert str(calendar["X-WR-CALNAME"]) == "Kei Trucks of Colorado meetups"
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Moab Kei Truck Day", "Coffee and kei"}
    day = events["Moab Kei Truck Day"]
    assert datetime(2026, 12, 5, 17, 0, tzinfo=UTC) == day.DTSTART
    assert day.DTSTART.tzinfo.key == "America/Denver"  # written with its zone
    assert str(day["URL"]) == f"https://discord.com/channels/{GUILD}/555/777"
    assert str(events["Coffee and kei"]["RRULE"].to_ical().decode()) == "FREQ=WEEKLY"
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {"America/Denver"}


async def test_a_server_without_meetups_serves_a_feed_calendar_apps_accept(
    server: CalendarServer,
) -> None:
    token = await server.publish()

    status, headers, body = await fetch(server, f"/calendar/{token}.ics")

    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(body)
    assert calendar.walk("VEVENT") == []
    # RFC 5545 wants at least one component; strict apps refuse a calendar without one.
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Etc/UTC"]


async def test_the_page_shows_times_places_counts_and_only_the_bots_links(
    server: CalendarServer,
) -> None:
    meetup = await server.create("2026-12-05 10:00", title="Moab Kei Truck Day", capacity=40)
    await server.meetups.set_card(meetup, 555, 777)
    await server.meetups.set_party(GUILD, meetup, 7, guests=2, truck="Hijet")
    await server.meetups.answer(GUILD, meetup, 8, "maybe")
    token = await server.publish()

    html = (await fetch(server, f"/calendar/{token}"))[2].decode()

    assert "Saturday, December 5, 2026, 10:00 AM MST (America/Denver)" in html
    assert "5:00 PM UTC" in html
    assert '<time datetime="2026-12-05T17:00:00Z">' in html
    assert "3 going of 40 places · 1 maybe" in html
    links = parsed(html)
    assert f"https://discord.com/channels/{GUILD}/555/777" in links.urls
    assert f"webcal://meetups.example.org/calendar/{token}.ics" in links.urls
    assert f"{BASE}/calendar/{token}.ics" in links.urls
    [google] = [url for url in links.urls if url.startswith("https://calendar.google.com/")]
    assert "dates=20261205T170000Z/20261205T200000Z" in google
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "script" not in links.tags


async def test_a_fixed_offset_is_named_once(server: CalendarServer) -> None:
    # A zone such as America/Denver is named after its abbreviation; UTC-07:00 is its own name.
    await server.create("2026-12-05 10:00 UTC-7")
    token = await server.publish()

    html = (await fetch(server, f"/calendar/{token}"))[2].decode()

    assert "Saturday, December 5, 2026, 10:00 AM UTC-07:00</time>" in html


async def test_member_text_is_only_ever_text(server: CalendarServer) -> None:
    await server.create(
        "2026-12-05 10:00",
        title=HOSTILE_TITLE,
        location=HOSTILE_LOCATION,
        description=HOSTILE_DESCRIPTION,
    )
    server.names[GUILD] = "<b>Kei</b> & </title><script>alert(3)</script>"
    token = await server.publish()

    html = (await fetch(server, f"/calendar/{token}"))[2].decode()

    links = parsed(html)
    assert links.tags.isdisjoint({"script", "img", "iframe", "object", "embed", "b"})
    assert not any("javascript:" in url.lower() for url in links.urls)
    assert all(
        url.startswith(("https://discord.com/", "https://calendar.google.com/", BASE, "webcal://"))
        for url in links.urls
    ), links.urls
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Bring [free parts](javascript:alert(1)) javascript:alert(2) &lt;a href=x&gt;y" in html
    assert "&lt;b&gt;Kei&lt;/b&gt; &amp; &lt;/title&gt;" in html


async def test_control_characters_never_reach_the_page(
    server: CalendarServer, store: Store
) -> None:
    # In HTML they are parse errors, shown as boxes or U+FFFD. A meetup's fields refuse them
    # now; one stored before they did still holds them.
    meetup = await server.create("2026-12-05 10:00")
    await store.execute(
        "UPDATE meetups SET title = ?, location = ?, description = ? WHERE id = ?",
        ("Kei\x00 Truck\x07 Day", "Lot\x1b B", "Bring\x0b parts\x85", meetup),
    )
    server.names[GUILD] = "Kei\x08 Trucks"
    token = await server.publish()

    html = (await fetch(server, f"/calendar/{token}"))[2].decode()

    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 for c in html)
    assert '<h2 id="meetup-1">Kei Truck Day</h2>' in html
    assert "<h1>Kei Trucks meetups</h1>" in html
    assert '<p class="where">Lot B</p>' in html
    assert '<p class="description">Bring parts</p>' in html


async def test_conditional_requests_get_304_until_something_changes(
    server: CalendarServer,
) -> None:
    meetup = await server.create("2026-12-05 10:00")
    token = await server.publish()
    for path in (f"/calendar/{token}", f"/calendar/{token}.ics"):
        status, headers, _ = await fetch(server, path)
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert status == 200
        assert headers["Cache-Control"] == "no-cache"
        assert parsedate_to_datetime(modified) == server.clock.now()

        server.clock.advance(timedelta(minutes=10))  # time alone changes nothing here
        for asked in (
            {"If-None-Match": etag},
            {"If-None-Match": f'"nope", W/{etag}'},
            {"If-None-Match": "*"},
            {"If-Modified-Since": modified},
            {"If-Modified-Since": format_datetime(server.clock.now(), usegmt=True)},
        ):
            status, headers, body = await fetch(server, path, asked)
            assert (status, body) == (304, b""), asked
            assert headers["ETag"] == etag
        # If-None-Match decides when both are sent.
        stale = {"If-None-Match": '"nope"', "If-Modified-Since": modified}
        assert (await fetch(server, path, stale))[0] == 200
        earlier = format_datetime(server.clock.now() - timedelta(days=1), usegmt=True)
        assert (await fetch(server, path, {"If-Modified-Since": earlier}))[0] == 200

    # An answer changes the page's counts: new ETag, later Last-Modified, full answer again.
    _, before, _ = await fetch(server, f"/calendar/{token}")
    await server.meetups.answer(GUILD, meetup, 7, "going")
    status, after, body = await fetch(
        server, f"/calendar/{token}", {"If-None-Match": before["ETag"]}
    )
    assert status == 200
    assert "1 going" in body.decode()
    assert after["ETag"] != before["ETag"]
    assert parsedate_to_datetime(after["Last-Modified"]) == server.clock.now()


async def test_a_change_within_the_second_is_not_hidden_behind_the_same_date(
    server: CalendarServer,
) -> None:
    # Last-Modified counts whole seconds: a client that sends only If-Modified-Since (no
    # ETag) and read the feed just before a change in the same second must get the change.
    await server.create("2026-12-05 10:00", title="First")
    token = await server.publish()
    for kind, path in (("page", f"/calendar/{token}"), ("feed", f"/calendar/{token}.ics")):
        _, seen, _ = await fetch(server, path)
        await server.create("2026-12-06 10:00", title=f"Added for the {kind}")

        status, headers, body = await fetch(
            server, path, {"If-Modified-Since": seen["Last-Modified"]}
        )

        assert status == 200
        assert f"Added for the {kind}".encode() in body
        assert headers["ETag"] != seen["ETag"]


async def test_a_meetup_leaves_the_page_when_it_starts(server: CalendarServer) -> None:
    await server.create("2026-11-25 10:00", title="This morning")  # 17:00 UTC today
    await server.create("2026-12-05 10:00", title="Next week")
    token = await server.publish()
    html = (await fetch(server, f"/calendar/{token}"))[2].decode()
    assert "This morning" in html
    server.clock.set(datetime(2026, 11, 25, 17, 0, 1, tzinfo=UTC))
    html = (await fetch(server, f"/calendar/{token}"))[2].decode()
    assert "This morning" not in html
    assert "Next week" in html


async def test_a_renamed_server_gets_a_new_page(server: CalendarServer) -> None:
    token = await server.publish()
    _, first, _ = await fetch(server, f"/calendar/{token}")
    server.names[GUILD] = "Kei Trucks of the Rockies"
    status, second, body = await fetch(
        server, f"/calendar/{token}", {"If-None-Match": first["ETag"]}
    )
    assert status == 200
    assert "<h1>Kei Trucks of the Rockies meetups</h1>" in body.decode()
    assert second["ETag"] != first["ETag"]


async def test_every_answer_carries_the_security_headers(server: CalendarServer) -> None:
    token = await server.publish()
    for path in (f"/calendar/{token}", f"/calendar/{token}.ics", "/calendar/unknown"):
        _, headers, _ = await fetch(server, path)
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "aiohttp" not in headers.get("Server", "")


async def test_only_get_and_head_are_answered(server: CalendarServer) -> None:
    token = await server.publish()
    async with server.get(f"/calendar/{token}", method="HEAD") as head:
        assert head.status == 200
        assert await head.read() == b""
        etag = head.headers["ETag"]
    async with server.get(f"/calendar/{token}") as get:
        assert get.headers["ETag"] == etag
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        async with server.get(f"/calendar/{token}", method=method) as refused:
            assert refused.status == 405, method
            assert refused.headers["Allow"] in ("GET,HEAD", "HEAD,GET", "GET, HEAD")
            assert refused.headers["X-Content-Type-Options"] == "nosniff"


async def test_clients_that_take_gzip_get_it_with_their_own_etag(server: CalendarServer) -> None:
    for day in range(1, 20):
        await server.create(f"2026-12-{day:02d} 10:00", title=f"Day {day}")
    token = await server.publish()
    _, plain, body = await fetch(server, f"/calendar/{token}.ics", {"Accept-Encoding": "identity"})
    async with aiohttp.ClientSession(auto_decompress=False) as raw:
        url = f"{server.address}/calendar/{token}.ics"
        async with raw.get(url, headers={"Accept-Encoding": "gzip"}) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
            assert answer.headers["Vary"] == "Accept-Encoding"
            assert gzip.decompress(await answer.read()) == body
            assert answer.headers["ETag"] != plain["ETag"]
            zipped_etag = answer.headers["ETag"]
        asked = {"Accept-Encoding": "gzip", "If-None-Match": zipped_etag}
        async with raw.get(url, headers=asked) as again:
            assert again.status == 304


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [
        ("gzip;q=0", False),
        ("gzip; q=0.0, identity", False),
        ("*;q=0", False),
        ("br, *;q=0.1", True),
        ("GZIP;q=0.5", True),
        ("identity, gzip;q=0, *", False),
        ("gzip;q=oops", False),
        ("x-gzip", True),
        ("gzip;q=0, x-gzip", False),
        ("x-gzip;q=0, gzip", False),
    ],
)
async def test_gzip_is_sent_only_where_the_client_gives_it_a_weight_above_zero(
    server: CalendarServer, accept_encoding: str, gzipped: bool
) -> None:
    for day in range(1, 20):
        await server.create(f"2026-12-{day:02d} 10:00", title=f"Day {day}")
    token = await server.publish()
    async with aiohttp.ClientSession(auto_decompress=False) as raw:
        url = f"{server.address}/calendar/{token}.ics"
        async with raw.get(url, headers={"Accept-Encoding": accept_encoding}) as answer:
            assert answer.status == 200
            assert ("Content-Encoding" in answer.headers) is gzipped
            body = await answer.read()
            assert body.startswith(b"\x1f\x8b") is gzipped


async def test_rsvps_change_the_page_but_leave_the_feed_alone(server: CalendarServer) -> None:
    meetup = await server.create("2026-12-05 10:00")
    await server.meetups.answer(GUILD, meetup, 7, "going")  # the occurrence has its row now
    token = await server.publish()
    _, page, _ = await fetch(server, f"/calendar/{token}")
    _, feed, _ = await fetch(server, f"/calendar/{token}.ics")
    server.clock.advance(timedelta(minutes=5))

    await server.meetups.answer(GUILD, meetup, 8, "going")

    page_again = {"If-None-Match": page["ETag"]}
    assert (await fetch(server, f"/calendar/{token}", page_again))[0] == 200
    assert (await fetch(server, f"/calendar/{token}.ics", {"If-None-Match": feed["ETag"]}))[
        0
    ] == 304

    # A new time is news for calendar apps.
    await server.meetups.move(GUILD, meetup, "2026-12-06 10:00")
    status, moved, body = await fetch(
        server, f"/calendar/{token}.ics", {"If-None-Match": feed["ETag"]}
    )
    assert status == 200
    assert moved["ETag"] != feed["ETag"]
    [event] = Calendar.from_ical(body).walk("VEVENT")
    assert datetime(2026, 12, 6, 17, 0, tzinfo=UTC) == event.DTSTART
    assert datetime(2026, 11, 25, 12, 5, tzinfo=UTC) == event.DTSTAMP  # when it moved


async def test_answers_dropped_from_memory_are_made_again_alike(
    server: CalendarServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public_calendar, "KEPT_ANSWERS_MAX", 1)
    await server.create("2026-12-05 10:00")
    mine, other = await server.publish(), await server.publish(OTHER)
    _, first, _ = await fetch(server, f"/calendar/{mine}")
    await fetch(server, f"/calendar/{other}")  # takes the one place kept
    status, again, _ = await fetch(server, f"/calendar/{mine}", {"If-None-Match": first["ETag"]})
    assert status == 304
    assert again["ETag"] == first["ETag"]


async def test_a_cancellation_reaches_the_feed_at_once_and_leaves_it_a_day_after_the_start(
    server: CalendarServer,
) -> None:
    meetup = await server.create("2026-12-05 10:00", title="Moab Kei Truck Day")
    await server.meetups.set_card(meetup, 555, 777)
    token = await server.publish()
    path = f"/calendar/{token}.ics"
    _, held, body = await fetch(server, path)
    [before] = Calendar.from_ical(body).walk("VEVENT")
    server.clock.advance(timedelta(minutes=5))

    await server.meetups.cancel(GUILD, meetup, reason="Snow on the pass")

    # The calendar app's copy is stale: the same request now gets the new feed.
    status, cancelled, body = await fetch(server, path, {"If-None-Match": held["ETag"]})
    assert status == 200
    assert cancelled["ETag"] != held["ETag"]
    [after] = Calendar.from_ical(body).walk("VEVENT")
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    html = (await fetch(server, f"/calendar/{token}"))[2].decode()
    assert '<p class="status"><strong>Cancelled</strong>: Snow on the pass</p>' in html
    assert "calendar.google.com" not in html

    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    server.clock.set(start + timedelta(hours=23, minutes=30))
    status, _, _ = await fetch(server, path, {"If-None-Match": cancelled["ETag"]})
    assert status == 304
    server.clock.set(start + timedelta(days=1))  # no write in between: time alone lets it go
    status, _, body = await fetch(server, path, {"If-None-Match": cancelled["ETag"]})
    assert status == 200
    assert Calendar.from_ical(body).walk("VEVENT") == []


async def test_meetups_past_the_horizon_are_listed_as_later_not_left_out(
    server: CalendarServer,
) -> None:
    # Someone checking the page before subscribing must not read an empty calendar that the
    # feed contradicts.
    await server.create("2027-03-13 10:00", title="Spring series", repeat="weekly")
    await server.create("2027-03-14 09:00", title="Spring swap")
    token = await server.publish()

    _, _, body = await fetch(server, f"/calendar/{token}")
    page = body.decode()
    assert "No meetups in the next 90 days; the next are later." in page
    assert page.index("Spring series") < page.index("Spring swap")  # soonest first
    assert "Saturday, March 13, 2027" in page
    assert page.count("Spring series") == 1  # a series once, by its next date
    _, _, feed = await fetch(server, f"/calendar/{token}.ics")
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed).walk("VEVENT")}
    assert summaries == {"Spring series", "Spring swap"}


async def test_later_meetups_follow_those_within_the_horizon(server: CalendarServer) -> None:
    await server.create("2026-12-05 10:00", title="Moab day")
    await server.create("2027-06-05 10:00", title="Summer run")
    token = await server.publish()

    _, _, body = await fetch(server, f"/calendar/{token}")
    page = body.decode()
    assert "No meetups in the next" not in page
    assert page.index("Moab day") < page.index("Later") < page.index("Summer run")
