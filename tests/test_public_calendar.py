"""PublicCalendarService on a real SQLite file: opting in, tokens, what the page and the feed
list, and the change counter the web server's cache is keyed by."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from bot import public_calendar
from bot.clock import ManualClock
from bot.jobs import JobQueue
from bot.meetups import MeetupDraft, MeetupService
from bot.meetups.schedule import CANCELLED_SERIES_NEWS
from bot.public_calendar import (
    CANCELLED_KEPT,
    HORIZON,
    LATER_MAX,
    PAGE_OCCURRENCES_MAX,
    RELIST_AT_LEAST_EVERY,
    CalendarLinks,
    PublicCalendarService,
)
from bot.setup import SetupService
from bot.store import Store
from web.public_calendar import _page_html

GUILD, OTHER = 100, 200
BASE = "https://keitora.example.org"


@pytest.fixture
async def meetups(store: Store, clock: ManualClock) -> MeetupService:
    setup = SetupService(store, clock)
    await setup.set_timezone(GUILD, "America/Denver")
    return MeetupService(store, clock, setup, JobQueue(store, clock))


@pytest.fixture
def calendars(store: Store, clock: ManualClock, meetups: MeetupService) -> PublicCalendarService:
    return PublicCalendarService(store, clock, meetups, BASE)


async def create(meetups: MeetupService, when: str, **fields: object) -> int:
    draft = MeetupDraft(**{"title": "Kei Truck Day", "when": when, "location": "Moab", **fields})  # type: ignore[arg-type]
    return (await meetups.create(GUILD, 1, draft)).meetup.id


async def announce(meetups: MeetupService, when: str, **fields: object) -> int:
    """A meetup whose card was posted, as every meetup members heard of has."""
    meetup_id = await create(meetups, when, **fields)
    await meetups.set_card(meetup_id, 555, 1000 + meetup_id)
    return meetup_id


async def feed_events(calendars: PublicCalendarService, clock: ManualClock) -> dict[str, Event]:
    feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())
    return {str(event["SUMMARY"]): event for event in Calendar.from_ical(feed.ics).walk("VEVENT")}


async def test_a_server_is_private_until_an_admin_publishes_it(
    calendars: PublicCalendarService,
) -> None:
    assert (await calendars.state(GUILD)).public is False
    state = await calendars.set_public(GUILD, True)
    assert state.public
    assert state.links is not None
    token = state.links.page.removeprefix(f"{BASE}/calendar/")
    assert len(token) == 43
    assert state.links.feed == f"{BASE}/calendar/{token}.ics"
    assert state.links.subscribe == f"webcal://keitora.example.org/calendar/{token}.ics"
    assert await calendars.published(token) is not None
    assert await calendars.published("x" * 43) is None


async def test_turning_off_hides_it_and_turning_on_brings_back_the_same_links(
    calendars: PublicCalendarService,
) -> None:
    links = (await calendars.set_public(GUILD, True)).links
    assert links is not None
    token = links.page.rsplit("/", 1)[1]
    await calendars.set_public(GUILD, False)
    assert await calendars.published(token) is None
    assert (await calendars.set_public(GUILD, True)).links == links
    assert await calendars.published(token) is not None


async def test_rotating_replaces_the_token(calendars: PublicCalendarService) -> None:
    before = (await calendars.set_public(GUILD, True)).links
    after = (await calendars.rotate(GUILD)).links
    assert before is not None
    assert after is not None
    assert before.page != after.page
    assert await calendars.published(before.page.rsplit("/", 1)[1]) is None
    found = await calendars.published(after.page.rsplit("/", 1)[1])
    assert found is not None
    assert found.guild_id == GUILD


async def test_rotating_a_private_calendar_keeps_it_private(
    calendars: PublicCalendarService,
) -> None:
    state = await calendars.rotate(OTHER)
    assert not state.public
    assert state.links is not None
    assert await calendars.published(state.links.page.rsplit("/", 1)[1]) is None


async def test_without_a_web_address_there_are_no_links(
    store: Store, clock: ManualClock, meetups: MeetupService
) -> None:
    calendars = PublicCalendarService(store, clock, meetups, None)
    state = await calendars.set_public(GUILD, True)
    assert state.public
    assert state.links is None


async def test_every_write_an_answer_shows_moves_a_change_counter(
    calendars: PublicCalendarService, meetups: MeetupService, store: Store
) -> None:
    links = (await calendars.set_public(GUILD, True)).links
    assert links is not None
    token = links.page.rsplit("/", 1)[1]

    async def versions() -> tuple[int, int]:
        found = await calendars.published(token)
        assert found is not None
        return found.meetups_version, found.answers_version

    seen = [await versions()]
    meetup_id = await create(meetups, "2026-12-05 10:00")
    seen.append(await versions())
    await meetups.answer(GUILD, meetup_id, 7, "going")  # an occurrence row and an answer
    seen.append(await versions())
    await meetups.answer(GUILD, meetup_id, 7, "maybe")
    seen.append(await versions())
    await meetups.edit(GUILD, meetup_id, title="Kei Truck Day (moved indoors)")
    seen.append(await versions())
    await meetups.cancel(GUILD, meetup_id)
    seen.append(await versions())
    # An edit and the cancellation each move it twice: the meetup's revision is a write too.
    assert seen == [(0, 0), (1, 0), (2, 1), (2, 2), (4, 2), (6, 2)]

    # A server that did not publish keeps no counters at all.
    await store.execute("DELETE FROM public_calendars WHERE guild_id = ?", (GUILD,))
    await create(meetups, "2026-12-06 10:00")
    assert await store.fetchval("SELECT count(*) FROM public_calendars") == 0


async def test_the_listing_shows_each_date_of_a_series_within_the_horizon(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    weekly = await create(meetups, "2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    once = await create(meetups, "2026-12-05 10:00", capacity=30)
    await create(meetups, "2027-06-01 10:00", title="Beyond the horizon")
    await meetups.answer(GUILD, once, 7, "going")
    await meetups.answer(GUILD, once, 8, "maybe")
    third_saturday = datetime(2026, 12, 12, 16, 0, tzinfo=UTC)
    fourth_saturday = third_saturday + timedelta(days=7)
    await meetups.answer(GUILD, weekly, 9, "going", original_start=third_saturday)
    for member in (10, 11):
        await meetups.answer(GUILD, weekly, member, "going", original_start=fourth_saturday)

    listing = await calendars.listing(GUILD)

    starts = [entry.occurrence.starts_at for entry in listing.entries]
    assert starts == sorted(starts)
    assert all(start < clock.now() + HORIZON for start in starts)
    titles = [entry.meetup.title for entry in listing.entries]
    assert "Beyond the horizon" not in titles
    assert titles.count("Coffee and kei") == 13  # weekly over 90 days
    [show] = [entry for entry in listing.entries if entry.meetup.id == once]
    assert (show.counts.people, show.counts.maybe) == (1, 1)
    # Each date its own answers, read for the whole page at once.
    going = {
        entry.occurrence.starts_at: entry.counts.people
        for entry in listing.entries
        if entry.meetup.id == weekly and entry.counts is not None
    }
    assert (going[third_saturday], going[fourth_saturday]) == (1, 2)
    assert sum(going.values()) == 3
    [fourth] = [e.occurrence for e in listing.entries if e.occurrence.starts_at == fourth_saturday]
    twice = await meetups.counts_of([fourth, fourth])
    assert [counted.people for counted in twice] == [2, 2]
    assert show.google_url.startswith("https://calendar.google.com/calendar/render?")
    assert show.card_url is None  # no card posted in this test
    assert not listing.truncated
    # The first listed start (Saturday 9:00 in Denver) ends the listing's validity.
    assert listing.valid_until == min(
        datetime(2026, 11, 28, 16, 0, tzinfo=UTC), clock.now() + RELIST_AT_LEAST_EVERY
    )
    assert weekly in {entry.meetup.id for entry in listing.entries}


async def test_a_long_listing_is_cut_and_says_so(
    calendars: PublicCalendarService, meetups: MeetupService
) -> None:
    for hour, title in ((7, "Morning drive"), (9, "Daily coffee"), (18, "Evening wash")):
        await create(meetups, f"2026-11-26 {hour:02d}:00", title=title, repeat="daily")
    listing = await calendars.listing(GUILD)
    assert len(listing.entries) == PAGE_OCCURRENCES_MAX
    assert listing.truncated


async def test_meetups_past_the_horizon_are_listed_by_their_next_date_up_to_a_bound(
    calendars: PublicCalendarService, meetups: MeetupService
) -> None:
    await create(meetups, "2026-12-05 10:00", title="Within")
    for day in range(LATER_MAX + 1):
        await create(meetups, f"2027-03-{1 + day % 28:02d} {8 + day // 28:02d}:00", title=f"L{day}")
    listing = await calendars.listing(GUILD)
    assert [entry.meetup.title for entry in listing.entries] == ["Within"]
    assert len(listing.later) == LATER_MAX
    assert listing.later_left == 1
    starts = [entry.occurrence.starts_at for entry in listing.later]
    assert starts == sorted(starts)
    links = CalendarLinks(
        "https://k.example/c", "https://k.example/c.ics", "webcal://k.example/c.ics"
    )
    page = _page_html("Kei", links, listing).decode()
    assert "1 more meetup later than these" in page


async def test_the_feed_holds_every_upcoming_meetup_with_its_rule(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    await create(meetups, "2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    await create(meetups, "2027-06-01 10:00", title="Beyond the horizon")
    feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())
    events = Calendar.from_ical(feed.ics).walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == [
        "Beyond the horizon",
        "Coffee and kei",
    ]
    assert any("RRULE" in event for event in events)
    assert feed.valid_until <= clock.now() + timedelta(hours=1)


async def test_the_feed_asks_calendar_apps_to_refresh_hourly(
    calendars: PublicCalendarService, clock: ManualClock
) -> None:
    # Without a suggestion Outlook and Apple Calendar may look again only weekly, and a
    # cancellation leaves the feed a day after the date it called off.
    feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())

    lines = feed.ics.decode().split("\r\n")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines  # RFC 7986
    assert "X-PUBLISHED-TTL:PT1H" in lines  # what Outlook and Apple Calendar read


async def test_a_cancelled_date_is_marked_and_a_moved_one_shown_at_its_new_time(
    calendars: PublicCalendarService, meetups: MeetupService
) -> None:
    weekly = await announce(meetups, "2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    second = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # 9:00 in Denver
    await meetups.cancel(GUILD, weekly, original_start=second)
    await meetups.move(GUILD, weekly, "2026-11-29 11:00")  # the next one, to Sunday

    entries = (await calendars.listing(GUILD)).entries

    assert [(entry.occurrence.starts_at, entry.cancelled) for entry in entries[:4]] == [
        (datetime(2026, 11, 29, 18, 0, tzinfo=UTC), False),
        (second, True),
        (datetime(2026, 12, 12, 16, 0, tzinfo=UTC), False),
        (datetime(2026, 12, 19, 16, 0, tzinfo=UTC), False),
    ]
    # Nobody answers for a cancelled date, nor adds it to a calendar.
    assert (entries[1].counts, entries[1].google_url) == (None, None)


# A weekly series' first two Saturdays, 9:00 in Denver.
FIRST, SECOND = datetime(2026, 11, 28, 16, 0, tzinfo=UTC), datetime(2026, 12, 5, 16, 0, tzinfo=UTC)


async def moved_onto_a_date_off(meetups: MeetupService) -> int:
    """A weekly series whose second date is off and whose first moved onto its hour."""
    weekly = await announce(meetups, "2026-11-28 09:00", title="Coffee and kei", repeat="weekly")
    await meetups.cancel(GUILD, weekly, original_start=SECOND)
    await meetups.move(GUILD, weekly, "2026-12-05 09:00")  # the next one, onto that hour
    return weekly


async def test_a_cancelled_date_stays_marked_cancelled_when_another_date_moves_onto_its_hour(
    calendars: PublicCalendarService, meetups: MeetupService
) -> None:
    await moved_onto_a_date_off(meetups)

    entries = (await calendars.listing(GUILD)).entries

    # Each date shows as what it is: those told Dec 5 is off read it is off, beside the date
    # moved there (whose members were told of its move), not the hour alone.
    assert [
        (entry.occurrence.original_start, entry.occurrence.starts_at, entry.cancelled)
        for entry in entries[:3]
    ] == [
        (FIRST, SECOND, False),
        (SECOND, SECOND, True),
        (
            datetime(2026, 12, 12, 16, 0, tzinfo=UTC),
            datetime(2026, 12, 12, 16, 0, tzinfo=UTC),
            False,
        ),
    ]


async def test_a_date_moved_onto_a_date_off_and_cancelled_too_shows_that_hour_off_once(
    calendars: PublicCalendarService, meetups: MeetupService
) -> None:
    """The page shows a date by its title, hour and place: two dates off at one hour would
    read as the same line twice. One says the hour is off; a date held there still shows."""
    weekly = await moved_onto_a_date_off(meetups)
    await meetups.cancel(GUILD, weekly, original_start=FIRST)  # and off too

    listing = await calendars.listing(GUILD)

    assert [(entry.occurrence.starts_at, entry.cancelled) for entry in listing.entries[:2]] == [
        (SECOND, True),
        (datetime(2026, 12, 12, 16, 0, tzinfo=UTC), False),
    ]
    assert listing.entries[0].occurrence.original_start == SECOND  # the date that is there


async def test_a_cancelled_meetup_stays_in_the_feed_marked_cancelled_for_a_day_past_its_start(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await announce(meetups, "2026-12-05 10:00", title="Moab Kei Truck Day")
    await announce(meetups, "2026-12-20 10:00", title="Still on")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    before = (await feed_events(calendars, clock))["Moab Kei Truck Day"]
    assert "STATUS" not in before

    await meetups.cancel(GUILD, meetup_id, reason="Snow")

    after = (await feed_events(calendars, clock))["Moab Kei Truck Day"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == str(before["UID"])  # the same event, so apps update it
    assert after["SEQUENCE"] > before.get("SEQUENCE", 0)
    assert start == after.DTSTART
    [shown] = [entry for entry in (await calendars.listing(GUILD)).entries if entry.cancelled]
    assert (shown.meetup.id, shown.occurrence.starts_at) == (meetup_id, start)

    # On the page until it would have started; in the feed until a day after.
    clock.set(start)
    assert all(not entry.cancelled for entry in (await calendars.listing(GUILD)).entries)
    clock.set(start + CANCELLED_KEPT - timedelta(seconds=1))
    feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())
    assert feed.valid_until == start + CANCELLED_KEPT  # when time alone lets it go
    assert "Moab Kei Truck Day" in await feed_events(calendars, clock)
    clock.set(start + CANCELLED_KEPT)
    assert set(await feed_events(calendars, clock)) == {"Still on"}


async def test_a_cancelled_series_stays_once_until_a_day_past_the_date_it_lost(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    weekly = await announce(meetups, "2026-11-21 09:00", title="Coffee and kei", repeat="weekly")
    clock.set(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))  # its first Saturday is past
    await meetups.cancel(GUILD, weekly)
    lost = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)

    event = (await feed_events(calendars, clock))["Coffee and kei"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY"
    entries = (await calendars.listing(GUILD)).entries
    assert [(entry.occurrence.starts_at, entry.cancelled) for entry in entries] == [(lost, True)]
    assert entries[0].meetup.cancel_reason is None

    clock.set(lost + CANCELLED_KEPT - timedelta(seconds=1))
    assert "Coffee and kei" in await feed_events(calendars, clock)
    clock.set(lost + CANCELLED_KEPT)
    assert await feed_events(calendars, clock) == {}


async def test_a_series_cancellation_is_news_for_a_year_however_far_its_lost_date(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    """Each listing works out a cancelled series' dates: old cancellations are not looked at."""
    clock.set(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    biennial = await announce(meetups, "2026-11-21 09:00", title="Expo", repeat="every 2 years")
    cancelled_at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    clock.set(cancelled_at)
    await meetups.cancel(GUILD, biennial)  # it loses November 2028

    clock.set(cancelled_at + CANCELLED_SERIES_NEWS - timedelta(seconds=1))
    assert str((await feed_events(calendars, clock))["Expo"]["STATUS"]) == "CANCELLED"
    clock.advance(timedelta(seconds=1))
    assert await feed_events(calendars, clock) == {}
    assert (await calendars.listing(GUILD)).entries == ()


async def test_a_one_off_cancelled_by_its_date_is_marked_like_a_cancelled_meetup(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    meetup_id = await announce(meetups, "2026-12-05 10:00")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    await meetups.cancel(GUILD, meetup_id, original_start=start)

    assert str((await feed_events(calendars, clock))["Kei Truck Day"]["STATUS"]) == "CANCELLED"
    [entry] = (await calendars.listing(GUILD)).entries
    assert entry.cancelled
    clock.set(start + CANCELLED_KEPT)
    assert await feed_events(calendars, clock) == {}


async def test_what_nobody_heard_of_is_not_listed_as_cancelled(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    never_posted = await create(meetups, "2026-12-05 10:00", title="Card refused")
    await meetups.cancel(GUILD, never_posted, reason="its card could not be posted")
    over = await announce(meetups, "2026-11-25 08:00", title="This morning")  # 15:00 UTC
    clock.set(datetime(2026, 11, 25, 16, 0, tzinfo=UTC))
    await meetups.cancel(GUILD, over)  # after it started
    assert await feed_events(calendars, clock) == {}
    assert (await calendars.listing(GUILD)).entries == ()


async def test_the_feed_bound_counts_cancelled_meetups_too(
    calendars: PublicCalendarService,
    meetups: MeetupService,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(public_calendar, "FEED_MEETUPS_MAX", 2)
    await announce(meetups, "2026-12-01 10:00", title="First")
    cancelled = await announce(meetups, "2026-12-02 10:00", title="Second")
    await announce(meetups, "2026-12-03 10:00", title="Third")
    await meetups.cancel(GUILD, cancelled)
    assert set(await feed_events(calendars, clock)) == {"First", "Second"}


async def test_a_date_moved_onto_a_date_off_and_cancelled_too_is_one_exception_each_in_the_feed(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    """Calendar apps refuse (or show twice) an event with two copies of one date: each date off
    is one EXDATE of its own start, with no override left for either at that hour."""
    weekly = await moved_onto_a_date_off(meetups)

    async def shown() -> tuple[Calendar, list[datetime]]:
        feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())
        calendar = Calendar.from_ical(feed.ics)
        dates = recurring_ical_events.of(calendar).between(FIRST.date(), date(2026, 12, 20))
        return calendar, [event["DTSTART"].dt.astimezone(UTC) for event in dates]

    held = [
        SECOND,
        datetime(2026, 12, 12, 16, 0, tzinfo=UTC),
        datetime(2026, 12, 19, 16, 0, tzinfo=UTC),
    ]
    assert (await shown())[1] == held  # the date moved there shows, once
    await meetups.cancel(GUILD, weekly, original_start=FIRST)  # and off too

    calendar, dates = await shown()

    [series] = calendar.walk("VEVENT")
    assert "RECURRENCE-ID" not in series
    exdates = [off.dt for line in series.get("EXDATE", []) for off in line.dts]
    assert sorted(off.astimezone(UTC) for off in exdates) == [FIRST, SECOND]
    assert dates == held[1:]


async def test_a_meetup_under_way_stays_in_the_feed_until_it_ends_as_the_list_shows_it(
    calendars: PublicCalendarService, meetups: MeetupService, clock: ManualClock
) -> None:
    await announce(meetups, "2026-12-05 10:00", title="Under way", duration_minutes=90)
    await announce(meetups, "2026-12-20 10:00", title="Still on")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    end = start + timedelta(minutes=90)

    clock.set(start + timedelta(minutes=30))
    feed = await calendars.feed(GUILD, name="Kei Trucks meetups", stamp=clock.now())

    assert set(await feed_events(calendars, clock)) == {"Under way", "Still on"}
    assert feed.valid_until == end  # when time alone lets it go
    clock.set(end)
    assert set(await feed_events(calendars, clock)) == {"Still on"}
