"""Alerts typed the odd ways members type them, through the loopback: each reply the bot sent
says how the alert was read, or refuses it, ephemerally and pinging no one; what is refused is
not listed."""

from __future__ import annotations

import pytest

from sandbox import Loopback
from sandbox.invoke import InvocationError

from .conftest import RunningBot

READ_AS = [
    ("hijet —dump", "hijet · not dump"),  # a phone's dash for a hyphen
    ("price≤5000 hijet", "hijet · price ≤ $5,000"),
    ("hijet year>=95", "hijet · year ≥ 1995"),
    ("ｓ５００ｐ", "s500p"),
    ("4×4 carry", "4x4, carry"),
    ("「ハイゼット」ダンプ", "ハイゼット, ダンプ"),
    ('model:"hijet jumbo"', "model = hijet jumbo"),
    ("🛻 kei", "🛻, kei"),
    ("carry (under 5k)", "carry · price ≤ $5,000"),
    ("ハイゼット on the way", 'ハイゼット, "on the way"'),
]
REFUSED = [
    ("<@123> hijet", "a mention is not a word"),
    ("@everyone hijet", "a mention is not a word"),
    # Discord's links to a command or a server's page, quoted escaped so as to draw no link.
    ("</alerts add:123> hijet", "“\\</alerts add:123>”: a mention is not a word"),
    ("hijet <id:browse>", "“\\<id:browse>”: a mention is not a word"),
    ("price<=5k price>=9k", "price ≤ $5,000 and price ≥ $9,000 cannot both hold"),
    ("hijet OR carry", "Alerts have no OR"),
    ("hijet OR", "“hijet OR” has an OR with no word on its other side"),
    ("https://kei.example/hijet", "not its link"),
    ("hijet under 5", "“under 5” has no unit, so it would read as a price of $5: say under 5k"),
    # Amounts that are no price: a model year, and what alerts have no condition for.
    ("hijet year under 95", "“year under 95” would read 95 as a price: for a model year, say "),
    ("hijet under 3 owners", "“under 3 owners”: alerts have no condition on “owners”; the "),
    ("hijet under 95 years", "“under 95 years” is no age a kei truck has: for a model year, say "),
    ("hijet age 25", "“age 25” could be 25 or older, as the 25-year import rule counts"),
    ("hijet under 5k or under 8k", "so “under 5k or under 8k” would wait for an item"),
    # A rough amount with no unit is no word an item holds, nor a bound.
    ("hijet around 5000", "“around 5000” gives no bound: say under $5,000 or over $5,000"),
    ("hijet about 5", "“about 5” gives no bound: say under 5k or over 5k"),
    ("hijet near $4,500", "“near $4,500” gives no bound: say under $4,500 or over $4,500"),
    # A field alerts do not know is no phrase to wait for.
    ("hijet bogus:1", "“bogus” is not a field alerts know (year, age, price, mileage, grade, "),
    # Either truck of a slash, in the member's word order.
    ('"dump bed" hijet/carry', 'for each: “"dump bed" hijet”, “"dump bed" carry”.'),
]


async def test_odd_alerts_are_read_as_meant_or_refused_pinging_no_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    for typed, read_as in READ_AS:
        reply = await loopback.slash("alerts add", keywords=typed, actor=mika)
        sent = reply.record.callback_body or {}
        assert sent["data"]["flags"] & 64, typed  # ephemeral
        assert f"read as: {read_as} (at most" in sent["data"]["content"], sent
        assert sent["data"]["allowed_mentions"]["parse"] == []
    for typed, refusal in REFUSED:
        reply = await loopback.slash("alerts add", keywords=typed, actor=mika)
        sent = reply.record.callback_body or {}
        assert sent["data"]["flags"] & 64, typed
        assert refusal in sent["data"]["content"], sent
        assert sent["data"]["allowed_mentions"]["parse"] == []
    with pytest.raises(InvocationError, match="takes 1 to 200 characters"):
        await loopback.slash("alerts add", keywords="hijet " * 1000, actor=mika)

    listed = await loopback.slash("alerts list", actor=mika)
    assert listed.content.startswith(f"Your alerts ({len(READ_AS)} of 10):"), listed.content


async def test_out_of_state_is_read_as_the_phrase_listings_write(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Not the loose words "out" and "state" (a state inspection, a truck out now)."""
    reply = await loopback.slash(
        "alerts add", keywords="hijet out of state", actor=loopback.member("Mika")
    )
    sent = reply.record.callback_body or {}
    assert 'read as: hijet, "out of state" (at most' in sent["data"]["content"], sent


async def test_near_a_zip_code_and_a_pop_up_camper_are_kept_as_the_words_meant(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Near a ZIP code is near a place, not a rough price; a pop up camper keeps its `up`.
    dale = loopback.member("Dale")
    for typed, read_as in [
        ("hijet near 90210", "hijet, 90210"),
        ("carry pop up in texas", "carry, pop, up, texas"),
    ]:
        reply = await loopback.slash("alerts add", keywords=typed, actor=dale)
        sent = reply.record.callback_body or {}
        assert sent["data"]["flags"] & 64, typed
        assert f"read as: {read_as} (at most" in sent["data"]["content"], sent
