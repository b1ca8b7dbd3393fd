"""Which zone a typed time is read in: one in the text, else the timezone option, the
template's, the member's or the server's, and what the reply says of it."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.errors import UserError
from bot.when import ZoneSource, parse_when
from bot.zones import load_zone
from tests.test_when import CHI, DEN, HNL, LA, NY, WED


@pytest.mark.parametrize(
    ("text", "option", "template", "member", "server", "zone", "source"),
    [
        ("sat 10am PT", DEN, HNL, CHI, NY, LA, ZoneSource.TEXT),
        ("sat 10am", DEN, HNL, CHI, NY, DEN, ZoneSource.OPTION),
        ("sat 10am", None, HNL, CHI, NY, HNL, ZoneSource.TEMPLATE),
        ("sat 10am", None, None, CHI, NY, CHI, ZoneSource.MEMBER),
        ("sat 10am", None, None, None, NY, NY, ZoneSource.SERVER),
        ("sat 10am", "  ", None, None, NY, NY, ZoneSource.SERVER),
        ("sat 10am", "mst", None, CHI, NY, DEN, ZoneSource.OPTION),
        ("sat 10am", "pacific/honolulu", None, CHI, NY, HNL, ZoneSource.OPTION),
        ("sat 10am", "utc-7", None, CHI, NY, "UTC-07:00", ZoneSource.OPTION),
    ],
)
def test_zone_precedence(
    text: str,
    option: str | None,
    template: str | None,
    member: str | None,
    server: str,
    zone: str,
    source: ZoneSource,
) -> None:
    when = parse_when(
        text,
        now=WED,
        zone_option=option,
        template_zone=template,
        member_zone=member,
        server_zone=server,
    )
    assert (when.zone_name, when.zone_source) == (zone, source)
    assert when.local.replace(tzinfo=None) == datetime(2026, 11, 28, 10, 0)
    assert when.instant_utc == datetime(2026, 11, 28, 10, 0, tzinfo=load_zone(zone))


def test_without_any_zone_the_member_is_asked_to_set_one() -> None:
    with pytest.raises(UserError, match="/timezone set"):
        parse_when("sat 10am", now=WED)


def test_a_bad_zone_option_is_refused_even_when_the_text_has_a_zone() -> None:
    with pytest.raises(UserError, match="Mars/Olympus"):
        parse_when("sat 10am PT", now=WED, zone_option="Mars/Olympus")


def test_the_text_zone_winning_over_the_option_is_said() -> None:
    when = parse_when("sat 10am PT", now=WED, zone_option=DEN)
    assert when.zone_source is ZoneSource.TEXT
    assert when.notes == ("PT in the time was used, not the timezone option (America/Denver).",)


def test_an_abbreviation_in_its_own_season_has_no_note() -> None:
    assert parse_when("Dec 5 10am PST", now=WED).notes == ()
    assert parse_when("jul 4 2027 10am PDT", now=WED).notes == ()


def test_the_sources_read_as_phrases() -> None:
    assert [source.phrase for source in ZoneSource] == [
        "as typed",
        "from the timezone option",
        "the template's zone",
        "the meetup's zone",
        "your /timezone",
        "the server's default zone",
    ]
