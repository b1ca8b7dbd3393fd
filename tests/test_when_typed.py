"""Ways members write times that the main table in test_when does not cover: clocks without a
colon, a day of the month alone, weeks named, cities for zones, decoration around the time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import parse_when

NY, LA, DEN = "America/New_York", "America/Los_Angeles", "America/Denver"
FRI = datetime(2026, 12, 4, 15, 30, tzinfo=UTC)  # Friday December 4: 7:30 AM in Los Angeles
SUN = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)  # Sunday December 6: 10:00 AM in Los Angeles
MON = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)  # Monday December 7


def local(text: str, now: datetime = FRI, zone: str = LA) -> str:
    """The wall-clock time `text` is read as, in the zone it is read in."""
    return zone_and_local(text, now, zone)[1]


def zone_and_local(text: str, now: datetime = FRI, zone: str = LA) -> tuple[str, str]:
    """The zone `text` is read in, for a member in `zone`, and its wall-clock time there."""
    when = parse_when(text, now=now, member_zone=zone)
    return when.zone_name, f"{when.local:%Y-%m-%d %H:%M}"


def refusal(text: str, now: datetime = FRI, zone: str = LA) -> str:
    """What a member is told when `text` is refused."""
    with pytest.raises(UserError) as refused:
        parse_when(text, now=now, member_zone=zone)
    return refused.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 12-hour clocks written without a colon, or with a dot.
        ("sat 1030am", "2026-12-05 10:30"),
        ("sat 930pm", "2026-12-05 21:30"),
        ("sat 1230 pm", "2026-12-05 12:30"),
        ("sat 10.30am", "2026-12-05 10:30"),
        ("10.30am sat", "2026-12-05 10:30"),
        # A 24-hour clock of four digits beside a day, as the military and truckers write it.
        ("sat 1000", "2026-12-05 10:00"),
        ("sat 0930", "2026-12-05 09:30"),
        ("tomorrow 1930", "2026-12-05 19:30"),
        ("1800 sun", "2026-12-06 18:00"),
        ("sat 1000 hrs", "2026-12-05 10:00"),
    ],
)
def test_clocks_without_a_colon(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sat 1390am", "not a time on a 12-hour clock"),
        ("sat 2430", "the clock runs 0:00 to 24:00"),
        ("sat 1060", "the clock runs 0:00 to 24:00"),
        # A year after a date, never a clock: "Dec 5 2027" is not 8:27 PM.
        ("dec 5 2027", "has no time of day"),
    ],
)
def test_clocks_without_a_colon_that_are_not_times(text: str, message: str) -> None:
    assert message in refusal(text)


def test_a_four_digit_number_beside_a_date_is_still_its_year() -> None:
    assert local("dec 5 2027 10am") == "2027-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 10 o'clock", "2026-12-05 10:00"),
        ("sat 10 o’clock", "2026-12-05 10:00"),  # the apostrophe phones type
        ("sat 10 oclock", "2026-12-05 10:00"),
        ("sat 7 o'clock pm", "2026-12-05 19:00"),
    ],
)
def test_o_clock_is_an_hour(text: str, expected: str) -> None:
    assert local(text) == expected


def test_o_clock_without_am_or_pm_says_it_read_the_morning() -> None:
    when = parse_when("sat 7 o'clock", now=FRI, member_zone=LA)
    assert when.local.hour == 7
    assert any("read as 7:00 AM" in note for note in when.notes), when.notes


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("the 5th 10am", FRI, "2026-12-05 10:00"),
        ("on the 5th at 10am", FRI, "2026-12-05 10:00"),
        ("5th 6pm", FRI, "2026-12-05 18:00"),
        ("Saturday the 5th 10am", FRI, "2026-12-05 10:00"),
        ("sat the 5th @ 10am", FRI, "2026-12-05 10:00"),
        # This month's has passed: next month's.
        ("the 3rd 10am", FRI, "2027-01-03 10:00"),
        ("the 4th 7am", FRI, "2027-01-04 07:00"),  # 7:00 AM today is gone
        ("the 4th 11am", FRI, "2026-12-04 11:00"),
        # A month without the day is skipped for the next that has it.
        ("the 31st noon", datetime(2027, 4, 2, 18, tzinfo=UTC), "2027-05-31 12:00"),
        # With its weekday: the next month in which that day falls on it.
        ("friday the 13th 8pm", FRI, "2027-08-13 20:00"),
    ],
)
def test_a_day_of_the_month_alone_is_the_next_one_ahead(
    text: str, now: datetime, expected: str
) -> None:
    assert local(text, now) == expected


def test_a_day_of_the_month_in_another_month_names_it() -> None:
    when = parse_when("the 3rd 10am", now=FRI, member_zone=LA)
    assert "“3rd” read as January 3, 2027 (December 3 has passed)." in when.notes


def test_a_day_of_the_month_this_month_needs_no_note() -> None:
    assert parse_when("the 5th 10am", now=FRI, member_zone=LA).notes == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("the 32nd 10am", "No month has a 32nd"),
        ("the 0th 10am", "No month has a 0th"),
        ("the 5 10am", "Name the month and the day"),  # a bare 5 is not said to be a day
    ],
)
def test_days_of_the_month_no_month_has(text: str, message: str) -> None:
    assert message in refusal(text)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("next week sat 10am", FRI, "2026-12-12 10:00"),
        ("next week on saturday at 10am", FRI, "2026-12-12 10:00"),
        ("sat next week 10am", FRI, "2026-12-12 10:00"),
        ("saturday of next week 10am", FRI, "2026-12-12 10:00"),
        ("next week monday 9am", FRI, "2026-12-07 09:00"),
        ("next week sat 10am", MON, "2026-12-19 10:00"),
        ("this coming sat 10am", FRI, "2026-12-05 10:00"),
        ("coming saturday 10am", FRI, "2026-12-05 10:00"),
        ("a week from saturday 10am", FRI, "2026-12-12 10:00"),
        ("day after tomorrow 10am", FRI, "2026-12-06 10:00"),
        ("the day after tomorrow at 6pm", FRI, "2026-12-06 18:00"),
    ],
)
def test_weeks_and_days_named_from_now(text: str, now: datetime, expected: str) -> None:
    assert local(text, now) == expected


@pytest.mark.parametrize(
    ("text", "now", "dates"),
    [
        # Weeks start on Sunday for some and on Monday for others.
        ("next week sun 10am", FRI, "December 6 or December 13"),
        ("next week sat 10am", SUN, "December 12 or December 19"),
    ],
)
def test_next_week_is_refused_where_the_first_day_of_the_week_decides(
    text: str, now: datetime, dates: str
) -> None:
    message = refusal(text, now)
    assert dates in message
    assert "give the date" in message


def test_next_saturday_says_which_saturday_it_is_and_how_to_say_the_other() -> None:
    when = parse_when("next saturday 10am", now=FRI, member_zone=LA)
    assert when.understood.startswith("Saturday December 12, 2026 10:00 AM")
    assert (
        "“next saturday” read as December 12, a week after the coming Saturday (December 5);"
        " for December 5, write sat or this saturday." in when.notes
    ), when.notes


def test_this_saturday_needs_no_note() -> None:
    assert parse_when("this saturday 10am", now=FRI, member_zone=LA).notes == ()


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am Tokyo", "Asia/Tokyo"),
        ("sat 10am tokyo time", "Asia/Tokyo"),
        ("sat 10am Denver", DEN),
        ("sat 10am Denver time", DEN),
        ("sat 10am Los Angeles", LA),
        ("sat 10am new york", NY),
        ("sat 10am New_York", NY),
        ("sat 10am phoenix", "America/Phoenix"),
        ("sat 10am Chicago time", "America/Chicago"),
        ("sat 10am Honolulu", "Pacific/Honolulu"),
        ("sat 10am Anchorage", "America/Anchorage"),
    ],
)
def test_the_city_a_named_zone_is_called_after_is_that_zone(text: str, zone: str) -> None:
    assert zone_and_local(text, zone=NY) == (zone, "2026-12-05 10:00")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Towns of the same names lie in other US zones (London, Kentucky; Paris, Texas).
        ("sat 10am London", "For the time zone of London, write Europe/London."),
        ("sat 10am london time", "For the time zone of london, write Europe/London."),
        ("sat 10am Paris", "write Europe/Paris"),
        ("sat 10am Tokyo Denver", "two time zones"),
    ],
)
def test_other_cities_are_refused_with_the_zone_to_write(text: str, message: str) -> None:
    assert message in refusal(text, zone=NY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tonight's 12 is the midnight that ends it, never today's noon or the midnight gone.
        ("tonight 12", "2026-12-05 00:00"),
        ("tonight at 12:30", "2026-12-05 00:30"),
        ("tonight 12am", "2026-12-05 00:00"),
        ("tonight 12pm", "2026-12-04 12:00"),  # said plainly: noon
        ("tonight 11", "2026-12-04 23:00"),
    ],
)
def test_tonight_at_twelve_is_midnight(text: str, expected: str) -> None:
    assert local(text) == expected


def test_tonight_at_twelve_says_it_is_after_midnight() -> None:
    when = parse_when("tonight 12:30", now=FRI, member_zone=LA)
    assert "12:30 AM read as the night of Friday December 4, 2026, after midnight." in when.notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat 10 in the morning", "2026-12-05 10:00"),
        ("7 in the evening", "2026-12-04 19:00"),  # a time without a day: the next one ahead
        ("6 in the morning", "2026-12-05 06:00"),
        ("sat 7 in the evening", "2026-12-05 19:00"),
        ("sat 3 in the afternoon", "2026-12-05 15:00"),
        ("sat 12 in the afternoon", "2026-12-05 12:00"),
        ("sat 8 at night", "2026-12-05 20:00"),
        ("sat 7:30 in the evening", "2026-12-05 19:30"),
        ("sat morning 10am", "2026-12-05 10:00"),
        ("tomorrow morning 9am", "2026-12-05 09:00"),
        ("sat evening at 6", "2026-12-05 18:00"),
        ("this afternoon 3pm", "2026-12-04 15:00"),
        ("this evening 7", "2026-12-04 19:00"),
        ("this morning at 10", "2026-12-04 10:00"),
    ],
)
def test_the_part_of_the_day_says_am_or_pm(text: str, expected: str) -> None:
    assert local(text) == expected


def test_an_hour_in_the_morning_is_not_pointed_out_as_24_hour() -> None:
    assert parse_when("sat 10 in the morning", now=FRI, member_zone=LA).notes == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sat 7am in the evening", "7:00 AM is not in the evening"),
        ("sat 9pm in the morning", "9:00 PM is not in the morning"),
        ("sat 14:00 in the morning", "2:00 PM is not in the morning"),
        ("sat 12 in the morning", "write noon or midnight"),
        ("sat morning", "has no time of day"),
        ("tomorrow this evening 7", "two days"),
    ],
)
def test_a_part_of_the_day_that_disagrees_is_refused(text: str, message: str) -> None:
    assert message in refusal(text)


@pytest.mark.parametrize(
    "text",
    [
        # Decoration and words around the time that add nothing.
        "🚚 sat 10am ET",
        "sat 10am ET 🚚💨",
        "sat 10am ET <:keitruck:123456789012345678>",
        "sat 10am ET!",
        "sat 10am eastern!!",
        "sat 10am E.T.",
        "sat 10am in New York",
        "sat10am ET",
        "saturday10am ET",
        "sat from 10am ET",
        "starting sat 10am ET",
        "around 10am sat ET",
        "sat 10am ET sharp",
        "Sat, Dec 5th, 2026 @ 10:00 AM ET",
    ],
)
def test_words_and_marks_around_the_time_are_left_aside(text: str) -> None:
    assert zone_and_local(text) == (NY, "2026-12-05 10:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days from now 6pm", "2026-12-07 18:00"),
        ("a week from today 10am", "2026-12-11 10:00"),
        ("2 weeks from today at noon", "2026-12-18 12:00"),
    ],
)
def test_days_counted_from_now(text: str, expected: str) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("satruday 10am", "Did you mean saturday?"),
        ("thrusday 10am", "Did you mean thursday?"),
        ("wednsday 7pm", "Did you mean wednesday?"),
        ("Decmber 5 10am", "Did you mean december?"),
        ("tomorow 10am", "Did you mean tomorrow?"),
    ],
)
def test_a_misspelt_day_is_refused_with_the_word_meant(text: str, message: str) -> None:
    assert message in refusal(text)


@pytest.mark.parametrize(
    ("text", "expected", "zone"),
    [
        ("Dec 5th 10:00 AM (PST)", "2026-12-05 10:00", LA),
        ("Dec 5 10am (Pacific)", "2026-12-05 10:00", LA),
        ("Dec 5 10am [ET]", "2026-12-05 10:00", NY),
        ("sat 10am-ish ET", "2026-12-05 10:00", NY),
        ("sat ~10am ET", "2026-12-05 10:00", NY),
        ("sat 10ish am ET", "2026-12-05 10:00", NY),
        ("christmas 10am ET", "2026-12-25 10:00", NY),
        ("xmas eve 6pm ET", "2026-12-24 18:00", NY),
        ("Christmas Day at noon ET", "2026-12-25 12:00", NY),
        ("new year's eve 9pm ET", "2026-12-31 21:00", NY),
        ("new years day 10am ET", "2027-01-01 10:00", NY),
        ("4th of july 10am ET", "2027-07-04 10:00", NY),
        ("independence day at 10am ET", "2027-07-04 10:00", NY),
        ("明日の10時 ET", "2026-12-05 10:00", NY),
        ("来週の土曜日 10時 ET", "2026-12-12 10:00", NY),
    ],
)
def test_brackets_approximations_holidays_and_japanese_particles(
    text: str, expected: str, zone: str
) -> None:
    assert zone_and_local(text) == (zone, expected)


SAT_NOON = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)  # Saturday December 5: noon in Los Angeles


def test_todays_weekday_past_its_time_says_it_is_a_week_on() -> None:
    when = parse_when("sat 10am", now=SAT_NOON, member_zone=LA)
    assert f"{when.local:%Y-%m-%d %H:%M}" == "2026-12-12 10:00"
    assert (
        "“sat” is today, but 10:00 AM has passed: read as Saturday December 12, a week on."
        in when.notes
    ), when.notes


def test_todays_weekday_still_ahead_needs_no_note() -> None:
    assert parse_when("sat 3pm", now=SAT_NOON, member_zone=LA).notes == ()


def test_12am_on_a_day_says_it_is_the_night_before() -> None:
    when = parse_when("sat 12am", now=FRI, member_zone=LA)
    assert f"{when.local:%Y-%m-%d %H:%M}" == "2026-12-05 00:00"
    assert (
        "12:00 AM read as the start of Saturday December 5, 2026, the night after Friday; "
        "for the night after Saturday, write sat midnight." in when.notes
    ), when.notes


def test_0_00_on_a_day_says_the_same_as_12am() -> None:
    twelve = parse_when("sat 12am", now=FRI, member_zone=LA)
    assert parse_when("sat 0:00", now=FRI, member_zone=LA) == twelve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12月5日(土) 10:00〜", "2026-12-05 10:00"),  # 〜: "from", as Japanese times start
        ("12/5(土)10時〜", "2026-12-05 10:00"),
        ("5日 10時", "2026-12-05 10:00"),  # a day of the month alone
        ("13日(日) 午後2時", "2026-12-13 14:00"),
    ],
)
def test_japanese_times_from_a_day_and_with_a_wave_dash(text: str, expected: str) -> None:
    assert local(text) == expected


def test_a_discord_timestamp_pasted_is_its_instant_shown_in_the_members_zone() -> None:
    instant = datetime(2026, 12, 12, 18, 0, tzinfo=UTC)
    when = parse_when(f"<t:{int(instant.timestamp())}:F>", now=FRI, member_zone=LA)
    assert when.instant_utc == instant
    assert (when.zone_name, f"{when.local:%Y-%m-%d %H:%M}") == (LA, "2026-12-12 10:00")
    assert parse_when(f"<t:{int(instant.timestamp())}>", now=FRI, member_zone=LA) == when


def test_a_discord_timestamp_gone_by_is_refused_as_passed() -> None:
    with pytest.raises(UserError, match="which has passed"):
        parse_when("<t:1700000000:R>", now=FRI, member_zone=LA)


@pytest.mark.parametrize(
    "text",
    [
        "Dec 5 10:00 AM Eastern Time (US & Canada)",
        "Dec 5 10:00 AM Eastern Time US and Canada",
    ],
)
def test_a_zone_as_video_call_invites_write_it(text: str) -> None:
    assert zone_and_local(text) == (NY, "2026-12-05 10:00")


@pytest.mark.parametrize("text", ["this weekend 10am", "next weekend 10am", "weekend at noon"])
def test_a_weekend_is_refused_asking_which_day(text: str) -> None:
    assert "A weekend is two days: name one, like sat 10am or next sun 10am." in refusal(text)
