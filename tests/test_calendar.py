from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from bot.calendar import GOOGLE_LINK_MAX, google_calendar_link, meetup_calendar
from bot.limits import EMBED_URL
from bot.meetups import EarlierRule, Meetup, Occurrence
from bot.recurrence import occurrences, to_instant
from bot.zones import load_zone

DENVER = "America/Denver"
DENVER_TZ = ZoneInfo(DENVER)
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CARD = "https://discord.com/channels/111/222/333"
# The second Saturday of each month at 10:00: January to March is MST, from March 14 MDT,
# from November 7 MST again.
SECOND_SATURDAYS = "FREQ=MONTHLY;BYDAY=2SA"
TRICKY = "Kei, Truck; Day\\ \n🚚 <script>alert('x')</script> & \"friends\""


def meetup(
    start_local: datetime = datetime(2027, 1, 9, 10, 0),
    *,
    zone: str = DENVER,
    rrule: str | None = SECOND_SATURDAYS,
    **changes: object,
) -> Meetup:
    made = Meetup(
        id=7,
        guild_id=111,
        organizer_id=5,
        title="Kei Truck Day",
        description="Bring your truck.",
        location="Cherry Creek, Denver",
        region=None,
        zone=zone,
        start_local=start_local,
        starts_at=start_local.replace(tzinfo=load_zone(zone)).astimezone(UTC),
        duration=timedelta(hours=3),
        rrule=rrule,
        capacity=None,
        truck_capacity=None,
        channel_id=222,
        message_id=333,
        cancelled_at=None,
        cancel_reason=None,
    )
    return replace(made, **changes)


def export(*meetups: tuple[Meetup, list[Occurrence]], now: datetime = NOW) -> bytes:
    return meetup_calendar(meetups, name="Kei Trucks of Colorado", card_url=lambda _: CARD, now=now)


def expand(ics: bytes, start: date, end: date) -> list[Event]:
    """What a calendar app shows: the file read back and its series expanded."""
    return recurring_ical_events.of(Calendar.from_ical(ics)).between(start, end)


def events(ics: bytes) -> list[Event]:
    return Calendar.from_ical(ics).walk("VEVENT")


def lasts(event: Event) -> timedelta:
    # Through UTC: between two times of one zone, Python subtracts wall clocks.
    return event["DTEND"].dt.astimezone(UTC) - event["DTSTART"].dt.astimezone(UTC)


def local(instant: datetime) -> datetime:
    return instant.astimezone(DENVER_TZ).replace(tzinfo=None)


def test_a_series_across_both_dst_changes_shows_the_occurrences_the_bot_lists() -> None:
    series = meetup()
    planned = occurrences(
        series.start_local, DENVER, SECOND_SATURDAYS, after=NOW, limit=12
    )  # January to December 2027
    june, october = planned[5], planned[9]
    moved_to = datetime(2027, 11, 8, 19, 0)  # after the clocks went back
    stored = [
        Occurrence(series.id, june, june, cancelled=True),
        Occurrence(series.id, october, to_instant(moved_to, DENVER)),
        Occurrence(series.id, planned[1], planned[1]),  # answered for, unchanged
    ]
    listed = occurrences(
        series.start_local,
        DENVER,
        SECOND_SATURDAYS,
        after=NOW,
        limit=12,
        exceptions={local(june): None, local(october): moved_to},
    )
    listed = [start for start in listed if start < datetime(2028, 1, 1, tzinfo=UTC)]

    shown = expand(export((series, stored)), date(2027, 1, 1), date(2028, 1, 1))

    starts = [event["DTSTART"].dt for event in shown]
    assert [start.astimezone(UTC) for start in starts] == listed
    assert [start.replace(tzinfo=None) for start in starts] == [local(at) for at in listed]
    assert {str(start.tzinfo) for start in starts} == {DENVER}
    assert [start.time() for start in starts].count(time(10, 0)) == 10
    assert local(june) not in [start.replace(tzinfo=None) for start in starts]
    assert moved_to in [start.replace(tzinfo=None) for start in starts]
    assert all(lasts(event) == timedelta(hours=3) for event in shown)
    assert {event["UID"] for event in shown} == {"meetup-111-7@keitora"}


def test_the_series_file_carries_its_rule_exceptions_and_zone() -> None:
    series = meetup()
    march = to_instant(datetime(2027, 3, 13, 10, 0), DENVER)
    april = to_instant(datetime(2027, 4, 10, 10, 0), DENVER)
    stored = [
        Occurrence(series.id, march, march, cancelled=True),
        Occurrence(series.id, april, to_instant(datetime(2027, 4, 11, 9, 0), DENVER)),
    ]
    ics = export((series, stored))
    master, override = events(ics)

    assert b"BEGIN:VTIMEZONE\r\nTZID:America/Denver\r\n" in ics
    assert b"DTSTART;TZID=America/Denver:20270109T100000\r\n" in ics
    assert b"RRULE:FREQ=MONTHLY;BYDAY=2SA\r\n" in ics
    assert b"EXDATE;TZID=America/Denver:20270313T100000\r\n" in ics
    assert b"RECURRENCE-ID;TZID=America/Denver:20270410T100000\r\n" in ics
    assert master["UID"] == override["UID"]
    assert override["DTSTART"].dt == datetime(2027, 4, 11, 9, 0, tzinfo=DENVER_TZ)
    assert str(master["URL"]) == CARD
    calendar = Calendar.from_ical(ics)
    assert (calendar["PRODID"], calendar["VERSION"], calendar["METHOD"]) == (
        "-//Keitora//Meetups//EN",
        "2.0",
        "PUBLISH",
    )
    assert calendar["X-WR-CALNAME"] == "Kei Trucks of Colorado"
    assert all("DTSTAMP" in event for event in (master, override))


@pytest.mark.parametrize(
    ("start", "rrule", "expected"),
    [
        # Clocks jump from 2:00 to 3:00 on March 14: 2:30 happens at 3:30 that day only.
        (
            datetime(2027, 3, 13, 2, 30),
            "FREQ=DAILY;COUNT=3",
            [
                datetime(2027, 3, 13, 2, 30),
                datetime(2027, 3, 14, 3, 30),
                datetime(2027, 3, 15, 2, 30),
            ],
        ),
        # A series that starts at a skipped time keeps its written time on the other days.
        (
            datetime(2027, 3, 14, 2, 30),
            "FREQ=DAILY;COUNT=3",
            [
                datetime(2027, 3, 14, 3, 30),
                datetime(2027, 3, 15, 2, 30),
                datetime(2027, 3, 16, 2, 30),
            ],
        ),
        # Clocks go back from 2:00 to 1:00 on November 7: 1:30 is the first, daylight one.
        (
            datetime(2027, 11, 6, 1, 30),
            "FREQ=DAILY;COUNT=3",
            [
                datetime(2027, 11, 6, 1, 30),
                datetime(2027, 11, 7, 1, 30),
                datetime(2027, 11, 8, 1, 30),
            ],
        ),
    ],
)
def test_times_the_clock_change_skips_or_repeats_read_as_the_bot_reads_them(
    start: datetime, rrule: str, expected: list[datetime]
) -> None:
    series = meetup(start, rrule=rrule)
    listed = occurrences(start, DENVER, rrule, after=series.starts_at - timedelta(1), limit=5)

    shown = expand(export((series, [])), date(2027, 1, 1), date(2028, 1, 1))

    assert [event["DTSTART"].dt.astimezone(UTC) for event in shown] == listed
    assert [local(start) for start in listed] == expected


def test_a_cancelled_gap_time_is_left_out() -> None:
    series = meetup(datetime(2027, 3, 13, 2, 30), rrule="FREQ=DAILY;COUNT=3")
    sunday = to_instant(datetime(2027, 3, 14, 2, 30), DENVER)

    shown = expand(
        export((series, [Occurrence(series.id, sunday, sunday, cancelled=True)])),
        date(2027, 1, 1),
        date(2028, 1, 1),
    )

    assert [event["DTSTART"].dt.day for event in shown] == [13, 15]


def test_exceptions_the_series_does_not_have_are_left_out() -> None:
    series = meetup()
    friday = to_instant(datetime(2027, 2, 12, 10, 0), DENVER)  # left from an earlier rule
    stored = [
        Occurrence(series.id, friday, friday + timedelta(days=3)),
        Occurrence(series.id, friday + timedelta(days=7), friday, cancelled=True),
    ]

    ics = export((series, stored))

    assert len(events(ics)) == 1
    assert b"EXDATE" not in ics
    assert len(expand(ics, date(2027, 1, 1), date(2027, 4, 1))) == 3


def test_a_re_timed_series_keeps_the_dates_each_earlier_rule_held() -> None:
    def denver_instant(day: datetime) -> datetime:
        return day.replace(tzinfo=DENVER_TZ).astimezone(UTC)

    weekly_ten = EarlierRule(  # re-timed from Nov 28, before its tenth date: cut there
        "FREQ=WEEKLY;COUNT=10",
        datetime(2026, 11, 7, 10, 0),
        denver_instant(datetime(2026, 11, 28, 10)),
        "Saturday coffee",
        "Moab",
        "",
        timedelta(hours=2),
    )
    sundays = EarlierRule(  # then Sundays, re-timed from Dec 13
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20270101T000000Z",
        datetime(2026, 11, 29, 9, 0),
        denver_instant(datetime(2026, 12, 13, 9)),
        "Sunday coffee",
        "Price",
        "Gate 3",
        timedelta(hours=3),
    )
    series = meetup(earlier_rules=(weekly_ten, sundays))  # now second Saturdays from Jan 9
    ics = export((series, []))

    shown = [
        (str(event["UID"]), event["DTSTART"].dt.replace(tzinfo=None))
        for event in expand(ics, date(2026, 11, 1), date(2027, 2, 1))
    ]
    assert shown == [
        ("meetup-111-7-rule1@keitora", datetime(2026, 11, 7, 10, 0)),
        ("meetup-111-7-rule1@keitora", datetime(2026, 11, 14, 10, 0)),
        ("meetup-111-7-rule1@keitora", datetime(2026, 11, 21, 10, 0)),
        ("meetup-111-7-rule2@keitora", datetime(2026, 11, 29, 9, 0)),
        ("meetup-111-7-rule2@keitora", datetime(2026, 12, 6, 9, 0)),
        ("meetup-111-7@keitora", datetime(2027, 1, 9, 10, 0)),
    ]
    # Each shows what its dates were called, where, and for how long.
    held = [
        (str(e["SUMMARY"]), str(e["LOCATION"]), e["DTEND"].dt - e["DTSTART"].dt)
        for e in events(ics)
    ]
    assert held == [
        ("Saturday coffee", "Moab", timedelta(hours=2)),
        ("Sunday coffee", "Price", timedelta(hours=3)),
        (series.title, series.location, series.duration),
    ]
    # Each keeps an end of its own kind only: COUNT and UNTIL together break strict apps.
    rules = [event["RRULE"] for event in events(ics)]
    assert all("COUNT" not in rule for rule in rules[:2])
    # The zone's rules reach back to the earliest rule's first date.
    zone = Calendar.from_ical(ics).walk("VTIMEZONE")[0]
    assert min(part.decoded("dtstart") for part in zone.subcomponents) <= datetime(2026, 11, 7)


def test_a_one_off_meetup() -> None:
    one_off = meetup(datetime(2027, 7, 4, 18, 30), rrule=None, description="")

    ics = export((one_off, []))
    (event,) = events(ics)

    assert event["DTSTART"].dt == datetime(2027, 7, 4, 18, 30, tzinfo=DENVER_TZ)
    assert event["DTEND"].dt == datetime(2027, 7, 4, 21, 30, tzinfo=DENVER_TZ)
    assert "RRULE" not in event
    assert "STATUS" not in event
    assert str(event["DESCRIPTION"]) == CARD
    assert b"TZID:America/Denver" in ics
    assert len(expand(ics, date(2027, 7, 1), date(2027, 8, 1))) == 1


def test_a_meetup_across_a_clock_change_lasts_its_duration() -> None:
    night = meetup(datetime(2027, 3, 14, 0, 30), rrule=None)  # clocks jump at 2:00

    (event,) = events(export((night, [])))

    assert event["DTEND"].dt == datetime(2027, 3, 14, 4, 30, tzinfo=DENVER_TZ)
    assert lasts(event) == timedelta(hours=3)


def test_a_moved_one_off_is_at_its_new_time() -> None:
    moved = to_instant(datetime(2027, 7, 5, 9, 0), DENVER)
    one_off = meetup(datetime(2027, 7, 5, 9, 0), rrule=None)

    (event,) = events(export((one_off, [Occurrence(one_off.id, moved, moved)])))

    assert event["DTSTART"].dt.astimezone(UTC) == moved


@pytest.mark.parametrize(
    "changes",
    [
        {"cancelled_at": NOW, "cancel_reason": "Snow"},
        {"rrule": None, "cancelled_at": NOW},
    ],
)
def test_a_cancelled_meetup_is_marked_cancelled(changes: dict[str, object]) -> None:
    cancelled = meetup(**changes, revision=1)
    april = to_instant(datetime(2027, 4, 10, 10, 0), DENVER)
    moved = [Occurrence(cancelled.id, april, april + timedelta(hours=2))]

    found = events(export((cancelled, moved if cancelled.rrule else [])))
    [live] = events(export((meetup(rrule=cancelled.rrule), [])))[:1]

    assert [str(event["STATUS"]) for event in found] == ["CANCELLED"] * len(found)
    # The same event as before, at a higher revision, so apps replace their copy of it.
    assert {str(event["UID"]) for event in found} == {str(live["UID"])}
    assert live["SEQUENCE"] == 0
    assert [event["SEQUENCE"] for event in found] == [1] * len(found)


def test_a_one_off_whose_occurrence_was_cancelled_is_marked_cancelled() -> None:
    one_off = meetup(rrule=None, revision=1)
    only = Occurrence(one_off.id, one_off.starts_at, one_off.starts_at, cancelled=True)

    (event,) = events(export((one_off, [only])))

    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_a_cancelled_event_says_so_and_why_in_its_description() -> None:
    # Some apps show a subscribed event whatever its STATUS; its notes then say it is off.
    series = meetup(cancelled_at=NOW, cancel_reason="Snow; roads closed", revision=1)
    one_off = meetup(rrule=None, id=8, revision=1)
    only = Occurrence(one_off.id, one_off.starts_at, one_off.starts_at, cancelled=True)

    by_title = events(export((series, []), (replace(one_off, title="One-off"), [only])))

    assert [str(event["DESCRIPTION"]) for event in by_title] == [
        f"Cancelled: Snow; roads closed\n\nBring your truck.\n\n{CARD}",
        f"Cancelled.\n\nBring your truck.\n\n{CARD}",
    ]
    (live,) = events(export((meetup(), [])))
    assert str(live["DESCRIPTION"]) == f"Bring your truck.\n\n{CARD}"


def test_a_one_off_called_off_while_under_way_says_called_off_as_its_card_does() -> None:
    one_off = meetup(rrule=None, id=8, revision=1, cancel_reason="Hail")
    one_off = replace(one_off, cancelled_at=one_off.starts_at + timedelta(minutes=30))
    only = Occurrence(one_off.id, one_off.starts_at, one_off.starts_at, cancelled=True)

    (event,) = events(export((one_off, [only])))

    assert str(event["STATUS"]) == "CANCELLED"  # the standard's word for any event that is off
    assert str(event["DESCRIPTION"]) == f"Called off: Hail\n\nBring your truck.\n\n{CARD}"


def test_each_event_of_a_series_carries_the_meetups_revision() -> None:
    series = meetup(revision=4)
    april = to_instant(datetime(2027, 4, 10, 10, 0), DENVER)

    found = events(export((series, [Occurrence(series.id, april, april + timedelta(hours=2))])))

    assert len(found) == 2  # the series and its moved date
    assert [event["SEQUENCE"] for event in found] == [4, 4]


def test_a_fixed_offset_meetup_is_written_in_utc() -> None:
    one_off = meetup(datetime(2027, 7, 4, 18, 30), zone="UTC-07:00", rrule=None)

    ics = export((one_off, []))
    (event,) = events(ics)

    assert b"DTSTART:20270705T013000Z\r\n" in ics
    assert b"VTIMEZONE" not in ics
    assert event["DTSTART"].dt == datetime(2027, 7, 5, 1, 30, tzinfo=UTC)


def test_a_series_in_a_fixed_offset_is_refused() -> None:
    # Written in UTC, a 6 PM meetup at UTC-7 would fall on the rule's next day.
    series = replace(meetup(), zone="UTC-07:00")

    with pytest.raises(ValueError, match="IANA zone"):
        export((series, []))


def test_uids_are_stable_across_exports_and_edits() -> None:
    series, other = meetup(), meetup(datetime(2027, 2, 1, 18, 0), rrule=None, id=8)
    first = export((series, []), (other, []))
    april = to_instant(datetime(2027, 4, 10, 10, 0), DENVER)
    edited = replace(series, title="Kei Truck Day (new park)", location="Sloan's Lake")
    later = export(
        (other, []),
        (edited, [Occurrence(series.id, april, april + timedelta(days=1))]),
        now=NOW + timedelta(days=30),
    )

    def uids(ics: bytes) -> set[str]:
        return {str(event["UID"]) for event in events(ics)}

    assert uids(first) == uids(later) == {"meetup-111-7@keitora", "meetup-111-8@keitora"}
    assert export((series, []), (other, [])) == first  # the same meetups give the same bytes


def test_member_text_round_trips() -> None:
    tricky = meetup(title=TRICKY[:100], description=TRICKY * 3, location="Lot B; row 3, \\ 🚚")

    (event,) = events(export((tricky, [])))

    assert str(event["SUMMARY"]) == TRICKY[:100]
    assert str(event["DESCRIPTION"]) == f"{TRICKY * 3}\n\n{CARD}"
    assert str(event["LOCATION"]) == "Lot B; row 3, \\ 🚚"


def test_a_typed_backslash_n_stays_two_characters() -> None:
    # A member who writes C:\New or \N means the characters; only a line break they typed is
    # one. RFC 5545 3.3.11: a backslash is written \\, a line break \n.
    typed = "Bring C:\\New\\nope \\N and \\\\N"
    odd = meetup(title=typed, description=f"{typed}\nsecond line", location=typed)

    ics = meetup_calendar([(odd, [])], name=typed, card_url=lambda _: CARD, now=NOW)

    (event,) = events(ics)
    assert str(event["SUMMARY"]) == typed
    assert str(event["DESCRIPTION"]) == f"{typed}\nsecond line\n\n{CARD}"
    assert str(event["LOCATION"]) == typed
    escaped = "Bring C:\\\\New\\\\nope \\\\N and \\\\\\\\N"
    unfolded = ics.decode().replace("\r\n ", "").split("\r\n")
    assert f"SUMMARY:{escaped}" in unfolded
    assert f"LOCATION:{escaped}" in unfolded
    assert f"X-WR-CALNAME:{escaped}" in unfolded  # icalendar reads it back unescaped
    assert f"DESCRIPTION:{escaped}\\nsecond line\\n\\n{CARD}" in unfolded


def test_an_empty_calendar_is_still_a_calendar() -> None:
    ics = export()
    calendar = Calendar.from_ical(ics)

    assert calendar.walk("VEVENT") == []
    assert calendar["X-WR-CALNAME"] == "Kei Trucks of Colorado"
    # RFC 5545 3.4 and 3.6: a calendar holds one component or more; strict apps refuse one
    # with none. A time zone is one that shows a member nothing.
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"]
    (utc,) = calendar.subcomponents
    assert utc["TZID"] == "Etc/UTC"
    # RFC 5545 3.6.5: a time zone has a STANDARD or DAYLIGHT part.
    assert [part.name for part in utc.subcomponents] == ["STANDARD"]
    assert expand(ics, date(2000, 1, 1), date(2100, 1, 1)) == []


def test_the_calendars_name_is_escaped_as_text() -> None:
    # NAME and X-WR-CALNAME are TEXT: a comma, semicolon or backslash left bare is read by
    # strict apps as a list separator or an escape, so "Kei, Trucks" would lose its second half.
    ics = meetup_calendar([], name="Kei, Trucks; of \\ Colorado", card_url=lambda _: CARD, now=NOW)

    unfolded = ics.decode().replace("\r\n ", "").split("\r\n")
    named = [line for line in unfolded if line.startswith(("NAME:", "X-WR-CALNAME:"))]
    assert named == [
        "NAME:Kei\\, Trucks\\; of \\\\ Colorado",
        "X-WR-CALNAME:Kei\\, Trucks\\; of \\\\ Colorado",
    ]


def test_control_characters_are_left_out_of_the_file() -> None:
    # RFC 5545 TEXT has no control characters but tab; an app may refuse the whole feed for one.
    noisy = meetup(
        title="Kei\x00 Truck\x07 Day",
        description="Bring\x1b[31m parts\x0b\tand\r\nfood\x85",
        location="Lot\x7f B",
    )

    ics = meetup_calendar([(noisy, [])], name="Kei\x08 Trucks", card_url=lambda _: CARD, now=NOW)

    forbidden = set(range(0x20)) - set(b"\t\r\n") | {0x7F}
    assert forbidden.isdisjoint(ics)
    assert "\x85" not in ics.decode()
    assert b"\n" not in ics.replace(b"\r\n", b"")
    (event,) = events(ics)
    assert str(event["SUMMARY"]) == "Kei Truck Day"
    assert str(event["DESCRIPTION"]) == f"Bring[31m parts\tand\nfood\n\n{CARD}"
    assert str(event["LOCATION"]) == "Lot B"
    assert Calendar.from_ical(ics)["X-WR-CALNAME"] == "Kei Trucks"
    google = google_query(
        google_calendar_link(noisy, Occurrence(noisy.id, noisy.starts_at, noisy.starts_at), CARD)
    )
    assert google["text"] == "Kei Truck Day"


def google_query(link: str) -> dict[str, str]:
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://calendar.google.com/calendar/render"
    )
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values())
    return {name: values[0] for name, values in query.items()}


def test_the_google_link_carries_the_occurrence_in_utc() -> None:
    series = meetup(title=TRICKY[:100])
    april = to_instant(datetime(2027, 4, 10, 10, 0), DENVER)
    moved = Occurrence(series.id, april, april + timedelta(days=1))

    link = google_calendar_link(series, moved, CARD)

    assert google_query(link) == {
        "action": "TEMPLATE",
        "text": TRICKY[:100],
        # 10:00 MDT on April 11 is 16:00 UTC; three hours long.
        "dates": "20270411T160000Z/20270411T190000Z",
        "details": f"Bring your truck.\n\n{CARD}",
        "location": "Cherry Creek, Denver",
    }
    assert not any(character in link for character in " \n<>\"'🚚,;")


def test_the_google_link_leaves_out_what_is_empty() -> None:
    one_off = meetup(rrule=None, description="")
    only = Occurrence(one_off.id, one_off.starts_at, one_off.starts_at)

    query = google_query(google_calendar_link(one_off, only, None))

    assert "details" not in query
    assert query["dates"] == "20270109T170000Z/20270109T200000Z"


def test_a_long_description_is_cut_to_keep_the_google_link_short() -> None:
    long = meetup(description="🚚 Bring chairs, snacks & a spare tyre. " * 60)
    only = Occurrence(long.id, long.starts_at, long.starts_at)
    assert len(long.description) >= 2000

    link = google_calendar_link(long, only, CARD)
    query = google_query(link)

    assert GOOGLE_LINK_MAX - 20 < len(link) <= GOOGLE_LINK_MAX < EMBED_URL
    assert query["details"].endswith(f"…\n\n{CARD}")
    assert long.description.startswith(query["details"].removesuffix(f"…\n\n{CARD}"))
    assert (query["text"], query["location"]) == (long.title, long.location)


def test_the_location_then_the_title_are_cut_when_the_description_is_not_enough() -> None:
    long = meetup(title="T" * 100, description="D" * 2000, location="L" * 200)
    only = Occurrence(long.id, long.starts_at, long.starts_at)

    room_for_title = google_query(google_calendar_link(long, only, CARD, limit=300))
    small = google_query(google_calendar_link(long, only, CARD, limit=200))

    assert room_for_title["details"] == CARD
    assert room_for_title["location"].endswith("…")
    assert room_for_title["text"] == long.title
    assert "location" not in small
    assert small["text"].startswith("T")
    assert small["text"].endswith("…")
    assert len(google_calendar_link(long, only, CARD, limit=200)) <= 200


def test_a_card_link_longer_than_the_limit_is_refused() -> None:
    only = Occurrence(7, NOW, NOW)

    with pytest.raises(ValueError, match="longer than 120"):
        google_calendar_link(meetup(), only, CARD, limit=120)
