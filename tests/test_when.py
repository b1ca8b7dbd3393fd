from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

import bot.when
from bot.errors import UserError
from bot.limits import EMBED_FIELD_VALUE
from bot.when import MAX_TEXT, RULE_PARTS, RULES, parse_when, rule_parts
from bot.zones import load_zone

NY, CHI, DEN, PHX = "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix"
LA, HNL, ANC = "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# The clocks the table reads at, with what they show where it matters.
WED = utc("2026-11-25 12:00")  # Wednesday: 7:00 AM in New York, 5:00 AM in Denver
SPRING = utc("2027-03-10 12:00")  # Wednesday before clocks spring forward (Sunday March 14)
SPRING_EVE = utc("2027-03-14 06:59")  # 1:59 AM EST in New York, a minute before the skip
FALL = utc("2027-11-03 12:00")  # Wednesday before clocks fall back (Sunday November 7)
FALL_TWICE = utc("2027-11-07 06:30")  # 1:30 AM EST in New York, the second time it shows
MIDNIGHT = utc("2026-11-26 04:59")  # 11:59 PM Wednesday in New York, 8:59 PM in Los Angeles
NEW_YEAR = utc("2027-01-01 04:30")  # 11:30 PM on New Year's Eve in New York
LA_SAT_EVE = utc("2026-12-06 02:00")  # 6:00 PM Saturday December 5 in Los Angeles
LA_THANKSGIVING = utc("2026-11-27 02:00")  # 6:00 PM on Thanksgiving in Los Angeles


@dataclass(frozen=True)
class Case:
    text: str
    zone: str  # the member's zone
    expected: str  # the instant in UTC
    now: datetime = WED
    note: str = ""  # a phrase one of the notes must contain


CASES = [
    # ISO, month names, numbers.
    Case("2026-12-05 10:00", NY, "2026-12-05 15:00"),
    Case("2026-12-05T10:00-07:00", NY, "2026-12-05 17:00"),
    Case("2026-12-05T10:00Z", NY, "2026-12-05 10:00"),
    Case("2026-12-05 10:00 -0700", NY, "2026-12-05 17:00"),
    Case("Dec 5 10am", NY, "2026-12-05 15:00"),
    Case("5 December 2026 14:30", NY, "2026-12-05 19:30"),
    Case("december 5th at 10", NY, "2026-12-05 15:00", note="“at 10” read as 10:00 AM"),
    Case("Saturday, December 5, 2026 at 10:00 AM", NY, "2026-12-05 15:00"),
    Case("12/5 6:30 pm", NY, "2026-12-05 23:30", note="12/5 read as December 5"),
    Case("03/04 10am", NY, "2027-03-04 15:00", note="03/04 read as March 4 (month/day)"),
    Case("12/5/26 10a", NY, "2026-12-05 15:00"),
    Case("the 5th of december at 9 p.m.", NY, "2026-12-06 02:00"),
    Case("Dec. 24 6pm", CHI, "2026-12-25 00:00"),
    Case("1/2 9am", CHI, "2027-01-02 15:00"),
    Case("jan 15 2027 7pm", CHI, "2027-01-16 01:00"),
    Case("Dec 5 10am", DEN, "2026-12-05 17:00"),
    Case("Dec 5 10am", LA, "2026-12-05 18:00"),
    Case("feb 29 noon", DEN, "2028-02-29 19:00"),
    Case("sat dec 5 midnight", DEN, "2026-12-06 07:00", note="end of Saturday December 5"),
    # Weekdays: the next one still ahead; "next" is a week after this week's.
    Case("sat 10am", NY, "2026-11-28 15:00"),
    Case("next saturday 3pm", NY, "2026-12-05 20:00"),
    Case("this sunday noon", NY, "2026-11-29 17:00"),
    Case("Sat @ 9", NY, "2026-11-28 14:00", note="“at 9” read as 9:00 AM"),
    Case("sat 10am", CHI, "2026-11-28 16:00"),
    Case("next friday 17:00", CHI, "2026-12-04 23:00"),
    Case("thu 6am", CHI, "2026-11-26 12:00"),
    Case("wed 6am", CHI, "2026-12-02 12:00"),  # 6:00 AM today is now: not ahead
    Case("wed 6:30am", CHI, "2026-11-25 12:30"),
    Case("10 p.m. sat", DEN, "2026-11-29 05:00"),
    Case("sat 10am", LA, "2026-11-28 18:00"),
    Case("sat 10am", HNL, "2026-11-28 20:00"),
    # Today, tonight, tomorrow, in N days, and times alone.
    Case("today 3pm", NY, "2026-11-25 20:00"),
    Case("tonight 7pm", NY, "2026-11-26 00:00"),
    Case("tonight 8", CHI, "2026-11-26 02:00"),
    Case("tomorrow 9:30", NY, "2026-11-26 14:30"),
    Case("tomorrow 10", NY, "2026-11-26 15:00", note="“10” read as 10:00 AM"),
    Case("tomorrow 6:00 PM", HNL, "2026-11-27 04:00"),
    Case("in 3 days 6pm", NY, "2026-11-28 23:00"),
    Case("in 3 days 6pm", DEN, "2026-11-29 01:00"),
    Case("in a week noon", CHI, "2026-12-02 18:00"),
    Case("in 2 weeks 9am", LA, "2026-12-09 17:00"),
    Case("in 2 hours", NY, "2026-11-25 14:00"),
    Case("in 90 minutes", LA, "2026-11-25 13:30"),
    Case("noon", NY, "2026-11-25 17:00"),
    Case("midnight", NY, "2026-11-26 05:00", note="end of Wednesday November 25, 2026"),
    Case("7am", NY, "2026-11-26 12:00"),  # 7:00 AM is now: tomorrow's
    Case("7:01", NY, "2026-11-25 12:01"),
    Case("23:59", PHX, "2026-11-26 06:59"),
    # Zones in the text win over the member's.
    Case("Dec 5 10am PT", NY, "2026-12-05 18:00"),
    Case("sat 10am MT", NY, "2026-11-28 17:00"),
    Case("next saturday 3pm America/Denver", NY, "2026-12-05 22:00"),
    Case("sat 10am arizona", LA, "2026-11-28 17:00"),
    Case("Dec 5 10am Eastern", LA, "2026-12-05 15:00"),
    Case("Dec 5 10am central time", LA, "2026-12-05 16:00"),
    Case("Dec 5 10am pacific standard time", NY, "2026-12-05 18:00"),
    Case("Dec 5 10am america/chicago", NY, "2026-12-05 16:00"),
    Case("Dec 5 10am EDT", LA, "2026-12-05 15:00", note="EDT read as Eastern time (EST in"),
    Case("sat 10am AKT", NY, "2026-11-28 19:00"),
    Case("Dec 5 10am UTC-7", NY, "2026-12-05 17:00"),
    Case("Dec 5 10am gmt+5:30", NY, "2026-12-05 04:30"),
    Case("Dec 5 10:00 UTC", NY, "2026-12-05 10:00"),
    # Summer, and Arizona, which keeps MST all year.
    Case("jul 4 2027 10am", PHX, "2027-07-04 17:00"),
    Case("jul 4 2027 10am", DEN, "2027-07-04 16:00"),
    Case("jul 4 2027 9pm", LA, "2027-07-05 04:00"),
    Case("jul 4 2027 9pm PST", NY, "2027-07-05 04:00", note="PST read as Pacific time (PDT in"),
    Case("jul 4 2027 10am MST", PHX, "2027-07-04 17:00"),  # Arizona keeps MST all year
    Case("jul 4 2027 10am HST", NY, "2027-07-04 20:00"),
    Case("jul 4 2027 noon akdt", NY, "2027-07-04 20:00"),
    Case("mar 14 2027 2:30am", PHX, "2027-03-14 09:30"),  # no spring-forward gap in Arizona
    Case("nov 7 2027 1:30am", PHX, "2027-11-07 08:30"),  # nor a repeated hour
    # Clocks spring forward on Sunday March 14, 2027.
    Case("sat 10am", NY, "2027-03-13 15:00", now=SPRING),
    Case("sun 1:30am", NY, "2027-03-14 06:30", now=SPRING),
    Case("sun 3am", NY, "2027-03-14 07:00", now=SPRING),
    Case("sun 10am", NY, "2027-03-14 14:00", now=SPRING),
    Case("sat midnight", NY, "2027-03-14 05:00", now=SPRING),
    Case("sun midnight", NY, "2027-03-15 04:00", now=SPRING),
    Case("mar 14 3:30am", CHI, "2027-03-14 08:30", now=SPRING),
    Case("mar 14 noon", LA, "2027-03-14 19:00", now=SPRING),
    Case("in 4 days 9am", DEN, "2027-03-14 15:00", now=SPRING),
    Case("in 96 hours", DEN, "2027-03-14 12:00", now=SPRING),  # from now, not by the wall clock
    Case("3am", NY, "2027-03-14 07:00", now=SPRING_EVE),
    Case("in 2 minutes", NY, "2027-03-14 07:01", now=SPRING_EVE),
    Case("1:59am", NY, "2027-03-15 05:59", now=SPRING_EVE),  # 1:59 AM is now: tomorrow's
    # Clocks fall back on Sunday November 7, 2027.
    Case("sun 1:30am", NY, "2027-11-07 05:30", now=FALL, note="I took the first (1:30 AM EDT)"),
    Case("nov 7 2027 1:30am", CHI, "2027-11-07 06:30", now=FALL, note="happens twice"),
    Case("nov 7 1:30am MT", NY, "2027-11-07 07:30", now=FALL, note="1:30 AM MDT"),
    Case("sun 12:30am", NY, "2027-11-07 04:30", now=FALL),
    Case("sun 2:30am", NY, "2027-11-07 07:30", now=FALL),
    Case("sat midnight", DEN, "2027-11-07 06:00", now=FALL),
    Case("sat 9am", LA, "2027-11-06 16:00", now=FALL),
    Case("nov 7 9am", LA, "2027-11-07 17:00", now=FALL),
    Case("2am", NY, "2027-11-07 07:00", now=FALL_TWICE),
    Case("in 1 hour", NY, "2027-11-07 07:30", now=FALL_TWICE),
    Case("today 3pm", NY, "2027-11-07 20:00", now=FALL_TWICE),
    # A minute before midnight: "today" is the zone's today.
    Case("midnight", NY, "2026-11-26 05:00", now=MIDNIGHT),
    Case("tomorrow 9am", NY, "2026-11-26 14:00", now=MIDNIGHT),
    Case("11:59 pm", NY, "2026-11-27 04:59", now=MIDNIGHT),
    Case("thu 8am", NY, "2026-11-26 13:00", now=MIDNIGHT),
    Case("wed 10pm", NY, "2026-12-03 03:00", now=MIDNIGHT),
    Case("tomorrow 9am", LA, "2026-11-26 17:00", now=MIDNIGHT),
    Case("tonight 10", LA, "2026-11-26 06:00", now=MIDNIGHT),
    # Half an hour before New Year in New York.
    Case("midnight", NY, "2027-01-01 05:00", now=NEW_YEAR),
    Case("dec 31 midnight", NY, "2027-01-01 05:00", now=NEW_YEAR, note="end of Thursday"),
    Case("tonight 11:45", NY, "2027-01-01 04:45", now=NEW_YEAR),
    Case("dec 31 11:45pm", NY, "2027-01-01 04:45", now=NEW_YEAR),
    Case("2027-01-01 00:00", NY, "2027-01-01 05:00", now=NEW_YEAR),
    Case("jan 1 10am", NY, "2027-01-01 15:00", now=NEW_YEAR),
    Case("tomorrow 9am", NY, "2027-01-01 14:00", now=NEW_YEAR),
    Case("fri noon", NY, "2027-01-01 17:00", now=NEW_YEAR),
    Case("in 2 days 1pm", NY, "2027-01-02 18:00", now=NEW_YEAR),
    Case("jan 1 2027 12:30am", LA, "2027-01-01 08:30", now=NEW_YEAR),
    # The 24-hour clock with a dot, or an h after it, as Europeans write it.
    Case("sat 19.30", NY, "2026-11-29 00:30"),
    Case("sat 19.30h", CHI, "2026-11-29 01:30"),
    Case("sat 09.30", NY, "2026-11-28 14:30"),
    Case("sat 9.30", NY, "2026-11-28 14:30", note="“9.30” read as 9:30 AM"),
    Case("tonight 7.45", NY, "2026-11-26 00:45"),
    Case("dec 24 19.30", NY, "2026-12-25 00:30"),
    Case("19.30", NY, "2026-11-26 00:30"),  # no month and day either way round: a time
    Case("sat 10:00h", NY, "2026-11-28 15:00"),
    Case("sat 18:30h", DEN, "2026-11-29 01:30"),
    # Tomorrow as texted, and a week on from it.
    Case("tom 6pm", NY, "2026-11-26 23:00"),
    Case("tmrw 6pm", NY, "2026-11-26 23:00"),
    Case("a week from tomorrow 6pm", NY, "2026-12-03 23:00"),
    Case("in 2 weeks on sat 10am", NY, "2026-12-12 15:00"),  # as "2 weeks from sat"
    Case("sat 10am in 2 weeks", NY, "2026-12-12 15:00"),
    Case("2 days from tmrw noon", CHI, "2026-11-28 18:00"),
    # A date with a dot: only where month.day and day.month read the same, or one cannot be.
    Case("12.12 10am", NY, "2026-12-12 15:00"),
    Case("13.12 10am", NY, "2026-12-13 15:00", note="13.12 read as December 13 (day.month)"),
    Case("12.25 10am", NY, "2026-12-25 15:00", note="12.25 read as December 25 (month.day)"),
    Case("13.12.2026 10:00", NY, "2026-12-13 15:00", note="13.12.2026 read as December 13"),
    Case("12.25.26 10am", NY, "2026-12-25 15:00", note="12.25.26 read as December 25 (month.day)"),
    Case("12.12.2026 10am", NY, "2026-12-12 15:00"),
    # A weekday counted in a month, as monthly meetups are announced: the next one ahead.
    Case("the first saturday in january 10am", NY, "2027-01-02 15:00"),
    Case("last sat of dec 10am", CHI, "2026-12-26 16:00"),
    Case("2nd sun of dec 2pm", NY, "2026-12-13 19:00"),
    Case("1st wed of nov 6pm", NY, "2027-11-03 22:00"),  # this year's has passed
    Case("third friday of jan 2027 7pm", DEN, "2027-01-16 02:00"),
    Case("first sat of the month 10am", NY, "2026-12-05 15:00", note="read as December's"),
    Case("last sat of the month 10am", NY, "2026-11-28 15:00", note="read as November's"),
    # A time in two zones that agree, as invitations write it for members across the country.
    Case("3pm est / 12pm pst", CHI, "2026-11-25 20:00"),
    Case("sat 3pm ET (12pm PT)", LA, "2026-11-28 20:00"),
    Case("sat 1am EST or 10pm PST", CHI, "2026-11-28 06:00"),
    Case("sat 3pm ET and noon PT", CHI, "2026-11-28 20:00"),
    Case("jul 4 2027 3pm ET/12pm PT", CHI, "2027-07-04 19:00"),
    Case("sat 3pm et / 2pm ct / 1pm mt / 12pm pt", LA, "2026-11-28 20:00"),
    # Japanese dates and times, as copied from an auction or an exporter, and Japan's zone.
    Case("2026年12月12日 10:00", NY, "2026-12-12 15:00"),
    Case("12月12日(土) 午後3時半", NY, "2026-12-12 20:30"),
    Case("１２月５日 １０時", CHI, "2026-12-05 16:00"),
    Case("12月5日 午後0時30分", NY, "2026-12-05 17:30"),  # 0 o'clock after noon: 12:30 PM
    Case("12月6日 午前0時", NY, "2026-12-06 05:00"),
    Case("土曜日 10時", NY, "2026-11-28 15:00"),  # Saturday, as "sat 10am"
    Case("(日) 午後2時", NY, "2026-11-29 19:00"),
    Case("金曜 正午", NY, "2026-11-27 17:00"),
    Case("明日 9時半", NY, "2026-11-26 14:30"),
    Case("明後日 9時", NY, "2026-11-27 14:00"),
    Case("今日 午後3時", NY, "2026-11-25 20:00"),
    Case("今夜 9時", NY, "2026-11-26 02:00"),
    Case("令和8年12月5日 10:00", NY, "2026-12-05 15:00"),
    Case("2026年12月12日（土曜日）午前10時", NY, "2026-12-12 15:00"),
    Case("Dec 20 3pm JST", NY, "2026-12-20 06:00"),
    Case("sat 9am Japan time", LA, "2026-11-28 00:00"),
    # A day-first or dotted date before a dotted clock, as Europeans write them.
    Case("5 december 19.30", NY, "2026-12-06 00:30"),
    Case("12.12 19.30", NY, "2026-12-13 00:30"),
    Case("13.12 19.30", NY, "2026-12-14 00:30", note="13.12 read as December 13 (day.month)"),
    Case("13.12 10.30", NY, "2026-12-13 15:30"),
    Case("13.12. 10:30", NY, "2026-12-13 15:30"),
    Case("13.12.2026 19.30", NY, "2026-12-14 00:30"),
    Case("sat 19.30-22.00", NY, "2026-11-29 00:30", note="read as 7:30 PM to 10:00 PM"),
    Case("sat 10am-12.30pm", NY, "2026-11-28 15:00", note="to 12:30 PM (2 hours 30 minutes)"),
    # A weekday counted in a month is counted from the member's own day, not UTC's.
    Case("first saturday of december 8pm", LA, "2026-12-06 04:00", now=LA_SAT_EVE),
    Case("first sat of the month 8pm", LA, "2026-12-06 04:00", now=LA_SAT_EVE),
    Case(
        "first sat of november 10am",
        NY,
        "2027-11-06 14:00",
        note="“first sat of november” read as Saturday November 6, 2027",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.text}|{c.zone}|{c.now:%m%d%H%M}" for c in CASES])
def test_times_people_type(case: Case) -> None:
    when = parse_when(case.text, now=case.now, member_zone=case.zone)
    assert when.instant_utc == utc(case.expected)
    assert when.instant_utc.tzinfo is UTC
    # Not `local == instant_utc`: PEP 495 makes a time that happens twice unequal across zones.
    assert when.local.astimezone(UTC) == when.instant_utc
    assert when.local.utcoffset() == load_zone(when.zone_name).utcoffset(
        when.local.replace(tzinfo=None, fold=when.local.fold)
    )
    if case.note:
        assert any(case.note in note for note in when.notes), when.notes


def test_the_table_is_wide() -> None:
    zones = {case.zone for case in CASES}
    assert len(CASES) >= 80
    assert {NY, CHI, DEN, PHX, LA, HNL} <= zones


@pytest.mark.parametrize(
    ("text", "zone", "now", "message"),
    [
        ("today 6am", NY, WED, "I read that as Wednesday November 25, 2026 6:00 AM"),
        ("2026-11-24 10:00", NY, WED, "which has passed"),
        ("today 11:59pm", NY, MIDNIGHT, "11:59 PM (America/New_York), which has passed"),
        ("today 9am", NY, NEW_YEAR, "Thursday December 31, 2026 9:00 AM"),
        (
            "2028-12-01 10:00",
            DEN,
            WED,
            "I read that as Friday December 1, 2028 10:00 AM (America/Denver), which is more "
            "than 2 years ahead.",
        ),
        ("2029-01-01 10:00", NY, WED, "I read the year as 2029, more than 2 years ahead"),
        ("in 800 days noon", NY, WED, "more than 2 years ahead"),
        (
            "feb 29 noon",
            NY,
            utc("2028-03-01 12:00"),
            "February 29, 2028 12:00 PM (America/New_York), which has passed. "
            "The next February 29 is in 2032, more than 2 years ahead.",
        ),
        ("in 5000 weeks noon", NY, WED, "more than 2 years ahead"),
        # Clocks skip 2:00 to 3:00 AM on March 14, 2027.
        ("mar 14 2027 2:30am", NY, WED, "2:30 AM does not happen on Sunday March 14, 2027"),
        ("sun 2:30am", NY, SPRING, "spring forward"),
        ("mar 14 2027 2:15am", LA, WED, "in America/Los_Angeles"),
        ("2027-03-14 02:00", CHI, WED, "does not happen"),
        # Zones nobody has.
        ("Dec 5 10am Mars/Olympus", NY, WED, "“Mars/Olympus” is not a time zone I know"),
        ("Dec 5 10am UTC+15", NY, WED, "is not a time zone I know"),
        ("2026-12-05T10:00+15:00", NY, WED, "is not a time zone I know"),
        # West of UTC, zones end at UTC-12.
        ("Dec 5 10am UTC-13", NY, WED, "is not a time zone I know"),
        ("2026-12-05 10:00:00-14:00", NY, WED, "is not a time zone I know"),
        ("Dec 5 10am PT EST", NY, WED, "two time zones"),
        ("Dec 20 3pm EET", NY, WED, "“EET” is not a time zone I know"),
        ("sat 10am London", NY, WED, "For the time zone of London, write Europe/London."),
        # Days the calendar does not have.
        ("2027-02-29 10:00", NY, WED, "“2027-02-29” is not a day on the calendar."),
        ("Feb 30 10am", NY, WED, "“Feb 30” is not a day on the calendar"),
        ("13月5日 10時", NY, WED, "I couldn't read “13月5日”"),
        ("2026年12月12日(金) 10:00", NY, WED, "December 12, 2026 is a Saturday, not a Friday"),
        ("令和元年5月1日 10:00", NY, WED, "I read the year as 2019, which has passed"),
        # Text that says nothing, or too much.
        ("blah", NY, WED, "I couldn't read “blah”"),
        ("sat 10am blah", NY, WED, "I couldn't read “blah”"),
        # A mention typed as a time is quoted as typed; the error path makes it inert.
        ("<@&1>", NY, WED, "I couldn't read “<@&1>” in “<@&1>”"),
        ("sat 10am <@123456789012345678>", NY, WED, "I couldn't read “<@123456789012345678>”"),
        ("sat 10am @everyone", NY, WED, "I couldn't read “@everyone”"),
        ("<@!123456789012345678>", NY, WED, "I couldn't read “<@!123456789012345678>”"),
        ("next week 10am", NY, WED, "“next week” names no day: name it, like next sat 10am"),
        ("this week 7pm PT", NY, WED, "name it, like this sat 7pm PT"),
        ("5.12 10am", NY, WED, "“5.12” may be May 12 (month.day) or December 5 (day.month)"),
        ("5.12 10.30", NY, WED, "“5.12” may be May 12 (month.day) or December 5 (day.month)"),
        ("12.5 10am", NY, WED, "December 5 (month.day) or May 12 (day.month): write Dec 5 or"),
        ("13.12", NY, WED, "“13.12” may be a time or a date"),
        ("3pm est / 1pm pst", NY, WED, "3pm est is 12:00 PM PST, and 1pm pst is 4:00 PM EST"),
        (
            "3pm eastern / 1pm pacific",
            NY,
            WED,
            "is 12:00 PM pacific, and 1pm pacific is 4:00 PM eastern",
        ),
        (
            "sat 3pm et / 2pm ct / 1pm mt / 1pm pt",
            NY,
            WED,
            "“3pm et” and “1pm pt” are not the same",
        ),
        ("Dec 5 10am PT EST CET", NY, WED, "I found three time zones"),
        ("2 h from tomorrow", NY, WED, "“2 h from tomorrow” counts time from a day"),
        ("2h from tomorrow", NY, WED, "“2h from tomorrow” counts time from a day"),
        ("first sat of december 10am", LA, LA_SAT_EVE, "Saturday December 5, 2026 10:00 AM"),
        ("thanksgiving 8pm", LA, LA_THANKSGIVING, "give its date, like Nov 26 2026 8pm."),
        ("5th sat of feb 10am", NY, WED, "February has no 5th Saturday in 2027 or 2028"),
        ("first sat of jan 2029 10am", NY, WED, "I read the year as 2029, more than 2 years"),
        ("   ", NY, WED, "Say when"),
        ("Dec 5", NY, WED, "has no time of day"),
        ("tonight", NY, WED, "has no time of day"),
        ("in 3 days", NY, WED, "has no time of day"),
        ("yesterday", NY, WED, "“yesterday” was Tuesday November 24, 2026, which has passed"),
        ("this morning", NY, MIDNIGHT, "“this morning” has passed: it is 11:59 PM"),
        ("today", NY, MIDNIGHT, "Add one, like today midnight"),
        ("in 3 hours 6pm", NY, WED, "“in 3 hours” already says when; give nothing else."),
        ("2 hours from now 6pm", NY, WED, "“2 hours from now” already says when"),
        ("2 hours ago", NY, WED, "“2 hours ago” has passed: give when the meetup starts, ahead"),
        ("3 days ago 6pm", NY, WED, "“3 days ago” has passed"),
        ("sat 10am 2pm", NY, WED, "two times, “10am” and “2pm”"),
        ("tomorrow sat 10am", NY, WED, "two days"),
        ("sat 10am at tom and jerry's", NY, WED, "I couldn't read “tom and jerry's”"),
        ("tomorrow dec 5 10am", NY, WED, "name two days"),
        ("fri dec 5 2026 10am", NY, WED, "December 5, 2026 is a Saturday, not a Friday"),
        ("13pm", NY, WED, "not a time on a 12-hour clock"),
        ("tonite 13 p.m.", NY, WED, "“13 p.m.” is not a time on a 12-hour clock"),
        ("sat–sun 10am", NY, WED, "“sat–sun” names two days"),
        ("sat 2pm–1pm", NY, WED, "“2pm–1pm” ends before it starts"),
        ("25:00", NY, WED, "the clock runs 0:00 to 24:00"),
        ("tomorrow 25", NY, WED, "the clock runs 0:00 to 24:00"),
        # Month/day, never day/month.
        ("13/04 10am", NY, WED, "month/day: “13/04” has no month 13"),
        ("13/04/2027 10am", NY, WED, "has no month 13"),  # dateutil would read April 13
        # dateutil's own readings, refused rather than taken.
        ("dec 5 26", NY, WED, "has no time of day"),  # 26 is no hour: the year 2026 to dateutil
        ("dec 5 10 10am", NY, WED, "I read the year as 2010, which has passed"),
        ("1 dec 2026 2027 10am", NY, WED, "couldn't read the time"),  # 2027 as 20:27
        ("sat 10am 5", NY, WED, "“5”"),  # fuzzy parsing would drop the 5
    ],
)
def test_refusals_say_what_was_understood(
    text: str, zone: str, now: datetime, message: str
) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone=zone)
    assert message in refused.value.message


def test_text_over_100_characters_is_refused() -> None:
    text = "sat 10am " + "x" * (MAX_TEXT - 8)
    with pytest.raises(UserError, match="101 characters"):
        parse_when(text, now=WED, member_zone=NY)
    padded = ("sat 10am" + " " * MAX_TEXT)[:MAX_TEXT]
    assert parse_when(padded, now=WED, member_zone=NY).instant_utc == utc("2026-11-28 15:00")


def test_numbers_are_month_then_day_and_the_date_shows_it() -> None:
    when = parse_when("03/04 10am", now=WED, member_zone=NY)
    assert (when.local.month, when.local.day) == (3, 4)
    assert "Thursday March 4, 2027" in when.understood


DEC_3 = utc("2026-12-03 08:27")  # 1:27 AM on Thursday December 3 in Denver


def test_a_date_without_a_year_is_the_next_one_unless_just_gone() -> None:
    # dateutil alone fills a missing year from its default; here it is the next one ahead.
    assert parse_when("Nov 30 10am", now=WED, member_zone=NY).local.year == 2026
    assert parse_when("Jan 10 10am", now=DEC_3, member_zone=DEN).local.year == 2027
    assert parse_when("1/2 9am", now=DEC_3, member_zone=DEN).local.year == 2027
    assert parse_when("Dec 3 2am", now=DEC_3, member_zone=DEN).local.year == 2026
    # Gone months ago, not weeks: a member planning next summer's meetup.
    assert parse_when("Jul 4 10am", now=WED, member_zone=NY).local.year == 2027
    assert parse_when("Oct 1 10am", now=DEC_3, member_zone=DEN).local.year == 2027


@pytest.mark.parametrize(
    ("text", "understood", "instead"),
    [
        # Gone this week: a slip of the hour or the day, so next week's, not next year's.
        (
            "Dec 3 1am",
            "Thursday December 3, 2026 1:00 AM",
            "For later today, give an hour after 1:27 AM; for Thursday December 10, write "
            "dec 10 1am.",
        ),
        (
            "12/3 1am",
            "Thursday December 3, 2026 1:00 AM",
            "For later today, give an hour after 1:27 AM; for Thursday December 10, write "
            "dec 10 1am.",
        ),
        (
            "Dec 1 10am",
            "Tuesday December 1, 2026 10:00 AM",
            "For Tuesday December 8, write dec 8 10am.",
        ),
        (
            "Nov 20 10am",
            "Friday November 20, 2026 10:00 AM",
            "For the next one, add the year: Nov 20 2027 10am.",
        ),
    ],
)
def test_a_date_without_a_year_just_gone_is_refused_not_moved_a_year(
    text: str, understood: str, instead: str
) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=DEC_3, member_zone=DEN)
    assert refused.value.message == (
        f"I read that as {understood} (America/Denver), which has passed. {instead}"
    )


def test_yesterday_is_refused_as_passed() -> None:
    with pytest.raises(UserError) as refused:
        parse_when("yesterday 9am", now=DEC_3, member_zone=DEN)
    assert refused.value.message == (
        "I read that as Wednesday December 2, 2026 9:00 AM (America/Denver), which has passed. "
        "A meetup is set for a time ahead: try today 9am or tomorrow 9am."
    )


# --- the rules --------------------------------------------------------------------------------


def test_rules_are_the_module_docstring_in_parts_that_fit_an_embed_field() -> None:
    assert bot.when.__doc__ is not None
    assert " ".join(RULES.split()) in " ".join(bot.when.__doc__.split())
    assert "\n".join(RULE_PARTS) == RULES
    # Room to spare, so that a rule added later is not refused by a few characters.
    assert all(len(part) <= EMBED_FIELD_VALUE - 60 for part in RULE_PARTS)


@pytest.mark.parametrize(
    ("today", "written"),
    [
        (date(2026, 12, 5), "2026-12-05"),
        (date(2026, 12, 6), "2027-12-05"),
        (date(2030, 3, 1), "2030-12-05"),
    ],
)
def test_the_day_rule_writes_the_next_dec_5_in_full(today: date, written: str) -> None:
    [day] = [
        line for line in "\n".join(rule_parts(today)).splitlines() if line.startswith("• Day:")
    ]
    assert day.startswith(f"• Day: {written}, Dec 5, 12/5 (month/day)")
    assert parse_when(
        f"{written} 10am", now=datetime.combine(today, datetime.min.time(), UTC), member_zone=DEN
    )


def test_rules_name_a_city_with_its_state_and_it_reads() -> None:
    [zone] = [line for line in RULES.splitlines() if line.startswith("• Zone: ")]
    assert "a city and its state in capitals (Tulsa, OK; Hartford, CT with its comma" in zone
    assert parse_when("sat 10am Tulsa, OK", now=DEC_3, member_zone=DEN).zone_name == (
        "America/Chicago"
    )
    assert parse_when("sat 10am Hartford, CT", now=DEC_3, member_zone=DEN).zone_name == (
        "America/New_York"
    )


def test_rules_name_the_times_in_words_and_each_reads() -> None:
    [words] = [line for line in RULES.splitlines() if line.startswith("• In words: ")]
    examples = re.sub(r" \(.*?\)", "", words.removeprefix("• In words: ").rstrip("."))
    assert "ten till two" in examples
    assert "quarter to seven" in examples
    for example in examples.split(", "):
        assert parse_when(f"sat {example}", now=DEC_3, member_zone=DEN).local > DEC_3
