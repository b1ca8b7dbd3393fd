"""A US state's two letters after a city, as members type them: in lower case they are read
only after a comma following a city the zone table knows (boise, id), since "in", "or", "ok"
and "hi" are words too; a city the table does not know, with lower-case letters (Tulsa, ok) or
with a zone's letters and no comma (Hartford CT, where CT after a word is Central time), is
refused with the way to write it that reads."""

from __future__ import annotations

import pytest

from bot.when import parse_when
from tests.when_reading import CHI, FRI, local, refusal


def zone_of(text: str) -> str:
    return parse_when(text, now=FRI, member_zone=CHI).zone_name


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am boise, id", "America/Boise"),
        ("sat 10am Boise, id", "America/Boise"),
        ("sat 10am juneau, ak", "America/Juneau"),
        ("sat 10am Detroit, mi", "America/Detroit"),
    ],
)
def test_lower_case_letters_after_a_comma_and_a_known_city_are_its_state(
    text: str, zone: str
) -> None:
    assert zone_of(text) == zone
    assert local(text) == "Sat 2026-12-05 10:00"


@pytest.mark.parametrize(
    ("text", "zone"),
    [("sat 10am Detroit, MI", "America/Detroit"), ("sat 10am Juneau, AK", "America/Juneau")],
)
def test_a_known_city_in_a_state_of_two_zones_is_its_own(text: str, zone: str) -> None:
    # Michigan keeps Eastern and Central time; Detroit's own zone keeps Eastern's clock.
    assert zone_of(text) == zone


@pytest.mark.parametrize(
    ("text", "expected", "retyped", "zone"),
    [
        (
            "sat 10am Hartford CT",
            "I couldn't read “Hartford” in “sat 10am Hartford CT”. If Hartford is in "
            "Connecticut, write sat 10am Hartford, CT (with the comma: CT after a word is "
            "Central time).",
            "sat 10am Hartford, CT",
            "America/New_York",
        ),
        (
            "sat 10am Billings MT",
            "I couldn't read “Billings” in “sat 10am Billings MT”. If Billings is in Montana, "
            "write sat 10am Billings, MT (with the comma: MT after a word is Mountain time).",
            "sat 10am Billings, MT",
            "America/Denver",
        ),
        (
            "sat 10am Tulsa, ok",
            "I couldn't read “Tulsa, ok” in “sat 10am Tulsa, ok”. If Tulsa is in Oklahoma, "
            "write sat 10am Tulsa, OK (a state's letters in capitals: in lower case they may "
            "be a word); if “ok” is the word, leave it out: this option takes the day and time "
            "only.",
            "sat 10am Tulsa, OK",
            "America/Chicago",
        ),
        (
            # The comma is there: what keeps the letters from reading is the lower case.
            "sat 10am Hartford, ct",
            "I couldn't read “Hartford” in “sat 10am Hartford, ct”. If Hartford is in "
            "Connecticut, write sat 10am Hartford, CT (a state's letters in capitals: ct in "
            "lower case is Central time).",
            "sat 10am Hartford, CT",
            "America/New_York",
        ),
        (
            # "me" is a word as well as Maine's letters: both readings are said.
            "sat 7pm Houston, me",
            "I couldn't read “Houston, me” in “sat 7pm Houston, me”. If Houston is in Maine, "
            "write sat 7pm Houston, ME (a state's letters in capitals: in lower case they may "
            "be a word); if “me” is the word, leave it out: this option takes the day and time "
            "only.",
            "sat 7pm Houston, ME",
            "America/New_York",
        ),
        (
            # A city the zone table knows, typed all in lower case, as most members type.
            "sat 10am boise id",
            "I couldn't read “boise id” in “sat 10am boise id”. If boise is in Idaho, write "
            "sat 10am boise, ID (a state's letters in capitals: in lower case they may be a "
            "word).",
            "sat 10am boise, ID",
            "America/Boise",
        ),
        (
            "sat 10am detroit mi",
            "I couldn't read “detroit mi” in “sat 10am detroit mi”. If detroit is in Michigan, "
            "write sat 10am detroit, MI (a state's letters in capitals: in lower case they may "
            "be a word).",
            "sat 10am detroit, MI",
            "America/Detroit",
        ),
        (
            "sat 10am Hartford ct",
            "I couldn't read “Hartford” in “sat 10am Hartford ct”. If Hartford is in "
            "Connecticut, write sat 10am Hartford, CT (with the comma: ct after a word is "
            "Central time).",
            "sat 10am Hartford, CT",
            "America/New_York",
        ),
        (
            "sat 10am Salt Lake City, ut",
            "I couldn't read “Salt Lake City, ut” in “sat 10am Salt Lake City, ut”. If Salt "
            "Lake City is in Utah, write sat 10am Salt Lake City, UT (a state's letters in "
            "capitals: in lower case they may be a word).",
            "sat 10am Salt Lake City, UT",
            "America/Denver",
        ),
    ],
)
def test_a_city_and_state_letters_not_read_say_how_to_write_them(
    text: str, expected: str, retyped: str, zone: str
) -> None:
    assert refusal(text) == expected
    assert zone_of(retyped) == zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sat 10am in co",
            "I couldn't read “co” in “sat 10am in co”. If co is Colorado, write sat 10am "
            "America/Denver; the place goes in the location option.",
        ),
        (
            "sat 10am in CO",
            "I couldn't read “CO” in “sat 10am in CO”. If CO is Colorado, write sat 10am "
            "America/Denver; the place goes in the location option.",
        ),
        (
            "sat 10am in tx",
            "I couldn't read “tx” in “sat 10am in tx”. If tx is Texas, write sat 10am "
            "America/Chicago or sat 10am America/Denver (it keeps two time zones); the place "
            "goes in the location option.",
        ),
    ],
)
def test_a_state_alone_after_in_says_how_to_write_its_zone(text: str, expected: str) -> None:
    assert refusal(text) == expected
    assert zone_of("sat 10am America/Denver") == "America/Denver"


@pytest.mark.parametrize(
    "text",
    ["sat 10am or later", "sat 10am tulsa ok", "sat 10am brunch CT", "sat 10am at the lot, ok"],
)
def test_words_that_may_be_no_state_get_no_state_hint(text: str) -> None:
    said = refusal(text)
    assert "state's letters" not in said
    assert "with the comma" not in said


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("sat 10am sharp CT", "America/Chicago"),
        ("sat 10am sharp ct", "America/Chicago"),
        ("sat 10am sharp MT", "America/Denver"),
        ("sat 10am Tulsa OK", "America/Chicago"),
        ("sat 10am denver, co", "America/Denver"),
    ],
)
def test_readings_of_zone_and_state_letters_kept(text: str, zone: str) -> None:
    assert zone_of(text) == zone


def test_lower_case_letters_of_a_state_not_keeping_the_known_citys_clock_are_not_read() -> None:
    # "ok" after Boise may be the word: Oklahoma keeps no clock of Boise's.
    assert refusal("sat 10am Boise, ok").startswith(
        "I couldn't read “Boise, ok” in “sat 10am Boise, ok”. If Boise is in Oklahoma, write "
        "sat 10am Boise, OK"
    )
