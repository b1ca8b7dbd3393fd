"""Zone names members type from beyond the mainland US: Canada's Atlantic provinces, Hawaii,
Alaska, Japan, Britain, Europe, Australia and New Zealand, as /timezone set and /setup timezone
read them, and as typed in a meetup's time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import ZoneSource, parse_when
from bot.zones import kept_all_year_by, parse_zone, search_zones

WED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("JST", "Asia/Tokyo"),
        ("HST", "Pacific/Honolulu"),
        ("Hawaii", "Pacific/Honolulu"),
        ("AKST", "America/Anchorage"),
        ("AKDT", "America/Anchorage"),
        ("Alaska", "America/Anchorage"),
        # As MST is Denver's though Arizona keeps it all year, AST is Atlantic Canada's though
        # Puerto Rico keeps it all year: the place that changes its clocks, named by its city.
        ("AST", "America/Halifax"),
        ("ADT", "America/Halifax"),
        ("Atlantic", "America/Halifax"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("Puerto Rico", "America/Puerto_Rico"),
        ("BST", "Europe/London"),
        ("British Summer Time", "Europe/London"),
        ("UK time", "Europe/London"),
        ("UK", "Europe/London"),
        ("CET", "Europe/Berlin"),
        ("CEST", "Europe/Berlin"),
        ("Central European Time", "Europe/Berlin"),
        ("Central European Summer Time", "Europe/Berlin"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("NZST", "Pacific/Auckland"),
        ("NZDT", "Pacific/Auckland"),
        ("New Zealand", "Pacific/Auckland"),
        ("GMT", "UTC"),
        ("UTC", "UTC"),
        ("Z", "UTC"),
        ("Zulu", "UTC"),
        ("Mountain Standard", "America/Denver"),
        ("pacific daylight", "America/Los_Angeles"),
        ("Eastern Time Zone", "America/New_York"),
    ],
)
def test_names_from_beyond_the_mainland_are_read_as_their_iana_zone(typed: str, zone: str) -> None:
    assert parse_zone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "first"),
    [("AST", "America/Halifax"), ("CEST", "Europe/Berlin"), ("nzdt", "Pacific/Auckland")],
)
def test_the_suggestions_offer_the_zone_of_a_name_first(typed: str, first: str) -> None:
    assert search_zones(typed)[0] == first


# Times read in the zone a name means, with the instant each gives in UTC: December is summer
# in Sydney and Auckland, winter in Halifax and Tokyo.
@pytest.mark.parametrize(
    ("text", "zone", "utc"),
    [
        ("sat 10am JST", "Asia/Tokyo", "2026-11-28 01:00"),
        ("sat 10am AEDT", "Australia/Sydney", "2026-11-27 23:00"),
        ("sat 10am NZDT", "Pacific/Auckland", "2026-11-27 21:00"),
        ("sat 10am AST", "America/Halifax", "2026-11-28 14:00"),
        ("sat 10amADT", "America/Halifax", "2026-11-28 14:00"),
        ("sat 10am Atlantic Standard Time", "America/Halifax", "2026-11-28 14:00"),
        ("sat 10am AKST", "America/Anchorage", "2026-11-28 19:00"),
        ("sat 10am HST", "Pacific/Honolulu", "2026-11-28 20:00"),
        ("sat 10am Sydney", "Australia/Sydney", "2026-11-27 23:00"),  # the zones' cities too
        ("sat 10am Halifax", "America/Halifax", "2026-11-28 14:00"),
    ],
)
def test_a_time_naming_one_of_these_zones_is_read_in_it(text: str, zone: str, utc: str) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert (when.zone_name, when.zone_source) == (zone, ZoneSource.TEXT)
    assert when.instant_utc == datetime.fromisoformat(utc).replace(tzinfo=UTC)


def test_a_standard_name_in_its_zone_s_summer_is_read_as_the_zone_with_a_note() -> None:
    when = parse_when("dec 5 10am AEST", now=WED, member_zone="America/Denver")
    assert when.zone_name == "Australia/Sydney"
    assert when.instant_utc == datetime(2026, 12, 4, 23, 0, tzinfo=UTC)
    assert any("AEST read as Australian Eastern time (AEDT" in note for note in when.notes)


def test_a_daylight_name_in_its_zone_s_winter_is_read_as_the_zone_with_a_note() -> None:
    when = parse_when("dec 5 10am ADT", now=WED, member_zone="America/Denver")
    assert when.instant_utc == datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
    assert any("ADT read as Atlantic time (AST" in note for note in when.notes)


def test_the_timezone_option_reads_these_names_too() -> None:
    when = parse_when("sat 10am", now=WED, zone_option="BST")
    assert (when.zone_name, when.zone_source) == ("Europe/London", ZoneSource.OPTION)
    assert when.instant_utc == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["IST", "ist", "I.S.T.", "IST time"])
def test_ist_which_three_countries_use_is_asked_about_naming_their_zones(typed: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_zone(typed)
    assert refused.value.message == (
        "IST is India's, Ireland's and Israel's: which did you mean? Type Asia/Kolkata for "
        "India, Europe/Dublin for Ireland, or Asia/Jerusalem for Israel."
    )


def test_the_suggestions_for_ist_are_its_three_zones() -> None:
    assert search_zones("IST")[:3] == ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("AST", "Puerto Rico keeps AST all year: for it, set Puerto Rico or America/Puerto_Rico."),
        (
            "Atlantic",
            "Puerto Rico keeps AST all year: for it, set Puerto Rico or America/Puerto_Rico.",
        ),
        ("MST", "Arizona keeps MST all year: for it, set Arizona or America/Phoenix."),
        (
            "Mountain Standard Time",
            "Arizona keeps MST all year: for it, set Arizona or America/Phoenix.",
        ),
    ],
)
def test_a_name_another_place_keeps_all_year_points_members_there_to_their_zone(
    typed: str, hint: str
) -> None:
    assert kept_all_year_by(typed, parse_zone(typed)) == hint


@pytest.mark.parametrize("typed", ["Halifax", "America/Halifax", "Denver", "PST", "Puerto Rico"])
def test_a_city_a_zone_or_a_name_no_place_keeps_all_year_has_no_hint(typed: str) -> None:
    assert kept_all_year_by(typed, parse_zone(typed)) == ""


# Summer is Europe's word for daylight time: "Central Summer Time" is no US zone's.
@pytest.mark.parametrize("typed", ["Central Summer Time", "pacific summer", "EST summer time"])
def test_summer_after_an_american_name_is_no_zone(typed: str) -> None:
    with pytest.raises(UserError, match="is not a time zone I know"):
        parse_zone(typed)
