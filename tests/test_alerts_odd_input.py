"""Alerts typed the odd ways members type them, as tried in the sandbox console."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import time

import pytest

from bot.alerts import AlertService, parse_query, reading
from bot.errors import UserError
from bot.importers import Arrival
from tests.test_alerts import (  # noqa: F401 (the fixture)
    GUILD,
    MIKA,
    alerts,
    item,
    matches,
    refusal_of,
)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Hijet's", "Hijet dump arrived"),
        ("hijet’s dump", "1995 Hijet 4WD dump"),
        ("carry's", "Suzuki Carry's bed, 4WD"),
    ],
)
async def test_a_possessive_asks_for_the_word_itself(
    alerts: AlertService, query: str, title: str
) -> None:
    assert await matches(alerts, query, item(title)), (query, title)


def test_a_possessive_is_read_as_its_word() -> None:
    assert parse_query("Hijet's 4wd") == (("hijet", "4wd"), (), ())


@pytest.mark.parametrize(
    ("typed", "kept", "read_as"),
    [
        # A dash keyboards make of a hyphen, or two hyphens, still leave the word out.
        ("hijet —dump", "hijet —dump", "hijet · not dump"),
        ("hijet –dump", "hijet –dump", "hijet · not dump"),
        ("hijet --dump", "hijet --dump", "hijet · not dump"),
        ("hijet ‐dump", "hijet ‐dump", "hijet · not dump"),
        # A value with spaces in quotes is one value, not a stray quote and a word.
        ('model:"hijet jumbo"', 'model:"hijet jumbo"', "model = hijet jumbo"),
        # Japanese brackets and commas part words, as spaces do.
        ("「ハイゼット ダンプ」", "「ハイゼット ダンプ」", "ハイゼット, ダンプ"),
        ("ハイゼット、ダンプ", "ハイゼット、ダンプ", "ハイゼット, ダンプ"),
        # A model year in two digits is the year it means.
        ("hijet year>=95", "hijet year>=1995", "hijet · year ≥ 1995"),
        ("hijet year>='95", "hijet year>=1995", "hijet · year ≥ 1995"),
        ("hijet year<=05", "hijet year<=2005", "hijet · year ≤ 2005"),
        ("hijet year>=95.", "hijet year>=1995.", "hijet · year ≥ 1995"),
        ("'95 hijet", "year:1995 hijet", "hijet · year = 1995"),
        ("hijet ’05", "hijet year:2005", "hijet · year = 2005"),
        # The signs as phones and other languages type them.
        ("price≤5000", "price<=5000", "price ≤ $5,000"),
        ("grade≥4", "grade>=4", "grade ≥ 4"),
        ("price=<5000", "price<=5000", "price ≤ $5,000"),
        ("price=>5000", "price>=5000", "price ≥ $5,000"),
        ("price==5000", "price=5000", "price = $5,000"),
        # Punctuation after a condition, as in a sentence, is not its value.
        ("hijet price<=5k.", "hijet price<=5k.", "hijet · price ≤ $5,000"),
        ("hijet state:TX,", "hijet state:TX,", "hijet · state = TX"),
        ("hijet state:Texas,", "hijet state:TX,", "hijet · state = TX"),
        # A grade written with a decimal comma.
        ("grade>=4,5", "grade>=4,5", "grade ≥ 4.5"),
        # A comma between two words parts them; between digits it is a number's.
        ("hijet,dump", "hijet, dump", "hijet, dump"),
        ("price-9,000", "price-9,000", '"price 9 000"'),
        # Drives as trucks' papers write them.
        ("drive:4x4", "drive:4x4", "drive = 4wd"),
        ("drive:AWD", "drive:AWD", "drive = 4wd"),
        # A currency said in letters.
        ("price<=5000usd", "price<=5000usd", "price ≤ $5,000"),
        ("price<=USD5k", "price<=USD5k", "price ≤ $5,000"),
        # A slash between words that are no two trucks is a phrase, as `a/c` is.
        ("a/c hijet", "a/c hijet", '"a c", hijet'),
        ("drive:4×2", "drive:4×2", "drive = 2wd"),
        ("4×4 hijet", "4×4 hijet", "4x4, hijet"),
    ],
)
async def test_odd_input_is_read_as_meant_and_said_back(
    alerts: AlertService, typed: str, kept: str, read_as: str
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    assert (alert.query, reading(alert)) == (kept, read_as)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("<@123> hijet", "a mention is not a word"),
        ("<@&456> hijet", "a mention is not a word"),
        ("<#789>", "a mention is not a word"),
        ("@everyone hijet", "a mention is not a word"),
        ("hijet @here", "a mention is not a word"),
        # Discord's links to a slash command or to a server's pages, drawn as mentions are.
        ("</bump:123> hijet", "“</bump:123>”: a mention is not a word"),
        ("hijet </alerts add:123>", "“</alerts add:123>”: a mention is not a word"),
        ("<id:customize> hijet", "a mention is not a word"),
        ("hijet <id:browse>", "a mention is not a word"),
        ("<id:guide> hijet", "a mention is not a word"),
        ("<id:linked-roles> hijet", "a mention is not a word"),
        ("hijet <id:linked-roles:42>", "a mention is not a word"),
        ("https://kei.example/hijet", "an announcement's words, not its link"),
        ("price!=5000", "conditions take :, <, <=, > or >="),
        ("price<>5000", "conditions take :, <, <=, > or >="),
        ("hijet < $5000", "name its field"),
        ("hijet - dump", "A minus goes right before the word it leaves out, as in -dump"),
        ('model:"hijet', "A quote is not closed"),
        # Two trucks with a slash between mean either, which alerts do not do.
        ("hijet/carry 4wd", "add an alert for each: “hijet 4wd”, “carry 4wd”"),
        ("Hijet/Carry/Acty", "add an alert for each"),
    ],
)
async def test_odd_input_alerts_cannot_read_is_refused(
    alerts: AlertService, typed: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        await alerts.add(GUILD, MIKA, typed)
    assert await alerts.mine(GUILD, MIKA) == []


@pytest.mark.parametrize(
    ("query", "title", "expected"),
    [
        ("4×4 hijet", "Hijet 4WD", True),
        ("hijet 4wd", "Hijet 4×4", True),
        ("「ハイゼット」", "ハイゼット入荷", True),
        ("ハイゼット、ダンプ", "ダンプのハイゼット", True),
        ('model:"hijet jumbo"', "Jumbo", True),
        # Romaji typed without the data's long-vowel marks (kyarī, sanbā, kurippā).
        ("kyarii", "Suzuki Carry 4WD", True),
        ("kyari", "キャリイ", True),
        ("sanbaa", "Subaru Sambar", True),
        ("kurippa", "Nissan Clipper", True),
        # Drives as listings write them.
        ("awd", "Carry 4WD", True),
        ("4wd", "Carry AWD", True),
        ("4wd", "キャリイ 4駆", True),
        ("4wd", "Carry 2WD", False),
    ],
)
async def test_odd_input_matches_what_it_was_read_as(
    alerts: AlertService, query: str, title: str, expected: bool
) -> None:
    jumbo = Arrival("Daihatsu", "Hijet Jumbo", 1995, "S110P", "4wd", "4.5", 45000, 8500, "TX")
    assert await matches(alerts, query, item(title, arrival=jumbo)) is expected


@pytest.mark.parametrize(
    "typed",
    [
        ("hijet or carry " * 400)[:5000],
        ("hijet, carry " * 500)[:5000],
        ("hijet " * 40) + "carry",
    ],
)
async def test_a_text_past_what_an_alert_keeps_is_refused_before_it_is_read(
    alerts: AlertService, typed: str
) -> None:
    """Reading a 5,000-character list of ORs to say each one took 55 s: a text longer than an
    alert (which Discord's option also caps) is refused as such first."""
    started = time.perf_counter()
    assert await refusal_of(alerts, typed) == "An alert is at most 200 characters."
    assert time.perf_counter() - started < 5
