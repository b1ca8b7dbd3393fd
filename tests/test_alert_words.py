"""How an alert reads its words: every word must appear; `-dump` leaves a word out; a quoted
phrase (`"dump bed"`, “dump bed”) must appear as typed; OR and NOT are refused with the way
to get their effect; `AND` is what alerts do already, and is left out."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, parse_query, reading
from bot.errors import UserError
from bot.store import Store
from tests.test_alerts import GUILD, HIJET, MIKA, alerts, item, matches  # noqa: F401


@pytest.mark.parametrize(
    ("query", "title", "expected"),
    [
        ("-dump hijet", "Hijet 4WD arrived", True),
        ("-dump hijet", "Hijet 4WD dump bed", False),
        ("hijet -dump", "Hijet with a DUMP!", False),
        ("hijet -dumps", "Hijet, dump bed", False),  # a plural leaves out its singular
        ("-carry hijet", "ハイゼット and キャリイ", False),  # and its other spellings
        ("-carry hijet", "ハイゼット 4WD", True),
        ("hijet -ダンプ", "ハイゼットダンプ入荷", False),
        ("hijet -🔥", "Hijet 🔥 deal", False),
        ('"flat bed"', "Hijet with a flat bed", True),
        ('"flat bed"', "Hijet: bed, flat floor", False),
        ('"dump bed"', "ハイゼットダンプ", True),  # a phrase the glossary knows, spelt another way
        # A phrase is not found by one of its own words, though the glossary spells it so.
        ('sambar "dump bed"', "Sambar. Only a dump.", False),
        ('sambar "dump bed"', "Sambar: it has a flat bed, not a dump.", False),
        ('sambar "dump beds"', "Sambar with a dump bed", True),
        ('sambar -"dump bed"', "Sambar, only a dump", True),
        ('sambar -"dump bed"', "Sambar ダンプ", False),
        ('"hijet dump"', "1995 Hijet dump arrived", True),
        ('"hijet dump"', "Dump Hijet arrived", False),
        ("“hijet dump”", "1995 Hijet dump arrived", True),
        ("“hijet dump”", "Hijet with dump bed", False),
        ('hijet -"flat bed"', "Hijet, flat roof, bed liner", True),
        ('hijet -"flat bed"', "Hijet, flat bed", False),
        ("hijet AND carry", "Hijet vs Carry", True),
        ('"a/c" hijet', "Hijet, cold A/C", True),
    ],
)
async def test_left_out_words_and_phrases(
    alerts: AlertService, query: str, title: str, expected: bool
) -> None:
    assert await matches(alerts, query, item(title)) is expected


async def test_a_left_out_word_keeps_arrivals_without_it(alerts: AlertService) -> None:
    assert await matches(alerts, "-dump model:hijet", item("1995 Hijet", arrival=HIJET))
    assert not await matches(alerts, "-texas model:hijet", item("1995 Hijet", arrival=HIJET))


def test_words_phrases_and_left_out_words_are_told_apart() -> None:
    assert parse_query('Hijet -dump "Flat  Bed" -"roof rack" grade>=4') == (
        ("hijet", "flat bed"),
        (parse_query("grade>=4")[1][0],),
        ("dump", "roof rack"),
    )


async def test_left_out_words_and_phrases_are_other_alerts_than_words(
    alerts: AlertService,
) -> None:
    await alerts.add(GUILD, MIKA, "hijet dump")
    await alerts.add(GUILD, MIKA, "-dump hijet")
    await alerts.add(GUILD, MIKA, '"hijet dump"')
    await alerts.add(GUILD, MIKA, '"dump hijet"')
    for twin, kept in [
        ("hijet -dump", "-dump hijet"),
        ("“Hijet  Dump”", '"hijet dump"'),
        ("dump hijet", "hijet dump"),
    ]:
        with pytest.raises(UserError, match=f"already have the alert “{kept}”"):
            await alerts.add(GUILD, MIKA, twin)
    assert [alert.query for alert in await alerts.mine(GUILD, MIKA)] == [
        "hijet dump",
        "-dump hijet",
        '"hijet dump"',
        '"dump hijet"',
    ]


async def test_a_new_alert_says_how_it_reads_phrases_and_left_out_words(
    alerts: AlertService,
) -> None:
    alert = await alerts.add(GUILD, MIKA, 'hijet "dump bed" -rust -"flat bed" price<=5k')
    assert reading(alert) == 'hijet, "dump bed" · not rust · not "flat bed" · price ≤ $5,000'


async def test_and_is_left_out(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet AND carry")
    assert alert.query == "hijet carry"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("hijet OR carry", "Alerts have no OR: every word must appear.*two alerts"),
        ("hijet or carry", "Alerts have no OR"),
        ("hijet | carry", "Alerts have no OR"),
        ("hijet || carry 4wd", "Alerts have no OR"),
        ("hijet NOT dump", "leave a word out with a minus, as in hijet -dump"),
        ('"hijet dump', "quote is not closed"),
        ('hijet "', "quote is not closed"),
        ('hijet ""', "quotes hold no word"),
        ('"dump bed with side gates"', "A quoted phrase is at most 3 words"),
        ('"hijet 🛻"', "A quoted phrase holds words"),
        ("-dump", "only leaves words out"),
        ("-dump -rust", "only leaves words out"),
        ("hijet -hijet", "“hijet” is both wanted and left out"),
        ("hijet -ハイゼット", "is both wanted and left out"),
        ('"hijet dump" -dump', "is both wanted and left out"),
        ("model:hijet -hijet", "is both wanted and left out"),
        ("state:TX hijet -texas", "is both wanted and left out"),
        ("hijet -price<=5000", "price<=5000.*cannot be left out"),
    ],
)
async def test_what_alerts_cannot_read_is_refused(
    alerts: AlertService, query: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        await alerts.add(GUILD, MIKA, query)
    assert await alerts.mine(GUILD, MIKA) == []


async def test_a_left_out_word_with_a_colon_but_no_field_is_words(alerts: AlertService) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet -colour:red")
    assert reading(alert) == 'hijet · not "colour red"'


async def test_alerts_kept_before_minus_and_quotes_meant_more_are_still_read(
    alerts: AlertService, store: Store
) -> None:
    # Kept when "-dump" asked for dump: now it asks for nothing but what items lack, and is
    # met by nothing rather than by every arrival.
    for kept in ("-dump", '"a b c d" hijet', '"hijet carry'):
        await store.execute(
            "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, ?, 0)",
            (GUILD, MIKA, kept),
        )
    left_out, long_phrase, open_quote = await alerts.mine(GUILD, MIKA)
    assert (left_out.words, left_out.excluded) == ((), ("dump",))
    assert long_phrase.words == ("a", "b", "c", "d", "hijet")  # too long to be one phrase
    assert open_quote.words == ("hijet", "carry")
    matched = await alerts.matching(item("1995 Hijet Carry", arrival=HIJET))
    assert [alert.query for alert in matched] == ['"hijet carry']
