"""Numbers and signs in /alerts add that were read as words no member meant (tester16), through
the loopback: a bare `4500` is a price up to $4,500, so the $4,500 arrival DMs its member and
not the member who asked for at most $4,000; a price in pounds, a negative one, a server's own
emoji and a model year no arrival has are refused, keep nothing, and DM nobody about an arrival
whose notes hold "5 speed". Asserted on what the bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import arrive, loopback, server_ready  # noqa: F401 (the fixture)
from .test_reminders import settled

REFUSED = [
    (
        "hijet £5k",
        "Arrival cards give prices in US dollars; give the price in dollars, such as under $4k.",
    ),
    ("hijet $-5", "“$-5” is a price below nothing, which no truck has: give one, as $5k."),
    (
        "hijet <:kei:123456789012345678>",
        "“:kei:” is this server's own emoji, which alerts cannot match: give words, or an emoji "
        "every keyboard has, such as 🛻.",
    ),
    (
        "hijet 2027",
        "“2027” is no model year yet (it is 2026): for a price, say under $2,027; to watch for "
        'the number itself, put it in quotes, as "2027".',
    ),
]


async def test_a_bare_price_dms_about_the_arrival_at_it_and_what_is_refused_dms_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika, dale, hank = (loopback.member(name) for name in ("Mika", "Dale", "Hank"))
    saved = await alert_reply(loopback, "hijet 4500", mika)
    assert saved["content"].startswith(
        "Saved. I will DM you when an arrival card (only those give a price, grade, state…) "
        "matches “hijet 4500”, read as: hijet · price ≤ $4,500 ("
    ), saved["content"]
    assert saved["content"].endswith(
        " 4500 is read as a price up to $4,500: for one of at least $4,500, say over $4,500; to "
        'watch for the words, put them in quotes, as "4500".'
    ), saved["content"]
    cheaper = sent(await loopback.slash("alerts add", keywords="hijet 4000", actor=dale))
    assert "read as: hijet · price ≤ $4,000 (" in cheaper["content"], cheaper["content"]
    for keywords, refusal in REFUSED:
        refused = await alert_reply(loopback, keywords, hank)
        assert refused["content"] == refusal, refused["content"]
    listed = sent(await loopback.slash("alerts list", actor=hank))
    assert listed["content"] == "You have no alerts; add one with /alerts add.", listed

    assert "on its way" in await arrive(
        loopback, 1997, price="4500", notes="Dump bed, 5 speed, arriving 2027"
    )
    await loopback.wait_until(lambda: loopback.dms(mika), within=10, what="Mika's DM")
    await settled(keitora, "alert.dm")
    [dm] = dms_sent(loopback, mika)
    assert dm["content"] == "Your alert `hijet 4500` matched this from **Kei Imports**:", dm
    assert dms_sent(loopback, dale) == []
    assert dms_sent(loopback, hank) == []


async def test_help_shows_how_an_alert_reads_by_examples_that_read_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    topic = await loopback.slash("help", topic="alerts", actor=mika)
    shown = topic.embeds[0]["description"]
    assert (
        'Every word must appear; -dump leaves a word out, "dump bed" is a phrase. For example:\n'
        "`hijet 4wd under $5k`: a 4WD Hijet up to $5,000 (`hijet 4500` is up to $4,500; prices "
        "are in US dollars)\n"
        "`carry 1995-1999 grade>=4 state:TX`: model years, and an arrival card's fields: year, "
        "age, price, mileage, grade, model, make, drive, state, code\n"
        '`hijet "1995"`: a number in quotes is the word itself, not a year or a price'
    ) in shown, shown
    for keywords, read_as in [
        ("hijet 4wd under $5k", "hijet, 4wd · price ≤ $5,000"),
        ("hijet 4500", "hijet · price ≤ $4,500"),
        ("carry 1995-1999 grade>=4 state:TX", "carry · year 1995–1999 · grade ≥ 4 · state = TX"),
        ('hijet "1995"', "hijet, 1995"),
    ]:
        saved = sent(await loopback.slash("alerts add", keywords=keywords, actor=mika))
        assert f"read as: {read_as} (" in saved["content"], saved["content"]
