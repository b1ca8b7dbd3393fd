"""Britain's and central Europe's zone names typed in a meetup's time, as /timezone set reads
them: BST, UK, CET and CEST, British time, Central European time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.when import ZoneSource, parse_when

WED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


# November 28 is winter in London (GMT, UTC+0) and Berlin (CET, UTC+1).
@pytest.mark.parametrize(
    ("text", "zone", "utc"),
    [
        ("sat 10am UK", "Europe/London", "2026-11-28 10:00"),
        ("sat 10am UK time", "Europe/London", "2026-11-28 10:00"),
        ("sat 10am British time", "Europe/London", "2026-11-28 10:00"),
        ("sat 10amCET", "Europe/Berlin", "2026-11-28 09:00"),
        ("sat 10am cet", "Europe/Berlin", "2026-11-28 09:00"),
        ("sat 10am Central European Time", "Europe/Berlin", "2026-11-28 09:00"),
        ("sat 10am CET/CEST", "Europe/Berlin", "2026-11-28 09:00"),
        ("sat 10am Eastern", "America/New_York", "2026-11-28 15:00"),  # not central European
    ],
)
def test_a_time_naming_britain_s_or_central_europe_s_zone_is_read_in_it(
    text: str, zone: str, utc: str
) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert (when.zone_name, when.zone_source) == (zone, ZoneSource.TEXT)
    assert when.instant_utc == datetime.fromisoformat(utc).replace(tzinfo=UTC)


# Their cities are still not read: US towns share their names.
@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("sat 10am London", "For the time zone of London, write Europe/London."),
        ("sat 10am Berlin", "For the time zone of Berlin, write Europe/Berlin."),
    ],
)
def test_their_cities_alone_are_still_refused(text: str, refusal: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=WED, member_zone="America/Denver")
    assert refused.value.message == refusal


def test_utc_gmt_and_z_are_still_read_as_offsets() -> None:
    for text in ("sat 10am UTC", "sat 10am GMT", "2026-11-28 10:00Z"):
        when = parse_when(text, now=WED, member_zone="America/Denver")
        assert when.zone_name == "UTC", text
        assert when.instant_utc == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


# BST and CEST end as standard names do, but are the summer's: in winter they are read as the
# zone, with a note, as PDT is.
@pytest.mark.parametrize(
    ("text", "utc", "note"),
    [
        ("jan 9 10am BST", "2027-01-09 10:00", "BST read as British time (GMT in January)."),
        (
            "jan 9 10am British Summer Time",
            "2027-01-09 10:00",
            "British Summer Time read as British time (GMT in January).",
        ),
        (
            "dec 5 10am CEST",
            "2026-12-05 09:00",
            "CEST read as Central European time (CET in December).",
        ),
        (
            "jul 10 10am CET",
            "2027-07-10 08:00",
            "CET read as Central European time (CEST in July).",
        ),
    ],
)
def test_a_summer_name_in_winter_and_cet_in_summer_are_read_as_the_zone_with_a_note(
    text: str, utc: str, note: str
) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert when.instant_utc == datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert note in when.notes


def test_bst_in_summer_has_no_note() -> None:
    when = parse_when("jul 10 10am BST", now=WED, member_zone="America/Denver")
    assert when.instant_utc == datetime(2027, 7, 10, 9, 0, tzinfo=UTC)
    assert not any("read as British" in note for note in when.notes)


IST_QUESTION = (
    "IST is India's, Ireland's and Israel's: which did you mean? Type Asia/Kolkata for "
    "India, Europe/Dublin for Ireland, or Asia/Jerusalem for Israel."
)


@pytest.mark.parametrize(
    ("text", "option"),
    [("sat 10am IST", None), ("sat 10am ist", None), ("sat 10am", "IST"), ("sat 10am", "ist")],
)
def test_ist_in_a_time_or_its_timezone_option_is_asked_about(text: str, option: str | None) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=WED, zone_option=option, member_zone="America/Denver")
    assert refused.value.message == IST_QUESTION


# A standard name another place keeps all year, typed in summer: the note points members there
# to the name to write instead.
@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "jul 10 10am AST",
            "AST read as Atlantic time (ADT in July). Puerto Rico keeps AST all year: for it, "
            "write Puerto Rico or America/Puerto_Rico.",
        ),
        (
            "jul 10 10am MST",
            "MST read as Mountain time (MDT in July). Arizona keeps MST all year: for it, "
            "write Arizona or America/Phoenix.",
        ),
        (
            "jul 10 10am Mountain Standard Time (US & Canada)",
            "Mountain Standard Time US & Canada read as Mountain time (MDT in July). Arizona "
            "keeps MST all year: for it, write Arizona or America/Phoenix.",
        ),
        ("jul 10 10am PST", "PST read as Pacific time (PDT in July)."),
    ],
)
def test_a_name_kept_all_year_elsewhere_typed_in_summer_says_where(text: str, note: str) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert note in when.notes


def test_a_time_naming_bst_is_read_in_it_with_no_member_or_server_zone() -> None:
    when = parse_when("sat 10am BST", now=WED)
    assert (when.zone_name, when.zone_source) == ("Europe/London", ZoneSource.TEXT)
    assert when.instant_utc == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


# With no zone of the member's or the server's, a zone written in the time but not read is
# what to fix: asking which zone the time is in would ask for what the member gave.
@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("sat 10am IST", IST_QUESTION),
        ("sat 10am EET", "“EET” is not a time zone I know."),
        ("sat 10am Paris", "For the time zone of Paris, write Europe/Paris."),
        ("sat 10am", "Which time zone is that in?"),
        ("SAT AT 10AM", "Which time zone is that in?"),
    ],
)
def test_a_zone_written_but_not_read_is_named_before_a_zone_is_asked_for(
    text: str, refusal: str
) -> None:
    with pytest.raises(UserError) as refused:
        parse_when(text, now=WED)
    assert refused.value.message.startswith(refusal)


@pytest.mark.parametrize("text", ["sat 10am GMT/BST", "sat 10am bst/gmt", "jul 10 10am GMT/BST"])
def test_gmt_beside_bst_is_british_time(text: str) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert (when.zone_name, when.zone_source) == ("Europe/London", ZoneSource.TEXT)
    assert when.local.hour == 10


def test_gmt_beside_another_zone_s_name_is_two_zones() -> None:
    with pytest.raises(UserError, match="two time zones"):
        parse_when("sat 10am GMT/EST", now=WED, member_zone="America/Denver")


# A standard name typed by a member whose zone keeps it all year is their zone's: in July, AST
# in Puerto Rico is UTC-4 (Halifax is on ADT, UTC-3) and MST in Arizona UTC-7 (Denver on MDT).
@pytest.mark.parametrize(
    ("text", "zone", "utc"),
    [
        ("jul 10 7pm AST", "America/Puerto_Rico", datetime(2027, 7, 10, 23, 0, tzinfo=UTC)),
        ("jul 10 7pm MST", "America/Phoenix", datetime(2027, 7, 11, 2, 0, tzinfo=UTC)),
        (
            "jul 10 7pm Mountain Standard Time",
            "America/Phoenix",
            datetime(2027, 7, 11, 2, 0, tzinfo=UTC),
        ),
    ],
)
@pytest.mark.parametrize("keeper", ["member_zone", "template_zone", "server_zone", "zone_option"])
def test_a_name_the_own_zone_keeps_all_year_is_read_in_that_zone(
    text: str, zone: str, utc: datetime, keeper: str
) -> None:
    when = parse_when(text, now=WED, **{keeper: zone})
    assert (when.zone_name, when.zone_source) == (zone, ZoneSource.TEXT)
    assert when.instant_utc == utc
    assert when.notes == ()


def test_a_kept_name_beside_another_zone_of_the_member_s_is_still_the_changing_zone() -> None:
    when = parse_when("jul 10 7pm MST", now=WED, member_zone="America/Puerto_Rico")
    assert when.zone_name == "America/Denver"


# "Summer" names Britain's and central Europe's daylight time, not America's.
@pytest.mark.parametrize("text", ["jul 10 7pm central summer time", "jul 10 7pm pacific summer"])
def test_summer_after_an_american_name_is_not_read(text: str) -> None:
    with pytest.raises(UserError, match="couldn't read"):
        parse_when(text, now=WED, member_zone="America/Denver")


@pytest.mark.parametrize("text", ["jul 10 7pm british summer time", "jul 10 7pm CE summer"])
def test_summer_after_a_european_name_is_read(text: str) -> None:
    when = parse_when(text.replace("CE", "central european"), now=WED)
    assert when.zone_name in ("Europe/London", "Europe/Berlin")


# GMT beside BST is British time; GMT twice is GMT, the name alone.
@pytest.mark.parametrize(
    ("text", "zone"), [("sat 10am GMT/GMT", "UTC"), ("sat 10am EST/EST", "America/New_York")]
)
def test_a_pair_of_one_name_twice_is_the_name(text: str, zone: str) -> None:
    when = parse_when(text, now=WED, member_zone="America/Denver")
    assert (when.zone_name, when.zone_source) == (zone, ZoneSource.TEXT)
    assert when.local.hour == 10
