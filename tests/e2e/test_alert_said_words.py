"""Alerts typed as members say prices, places and years, through the loopback: dollars in
full-width digits are dollars, a price in yen is refused the same way however it is written,
cents show as cents, place words (`near`) and `model year` are no words an item must hold, a
Japanese era year is a model year, a list of trucks parted by commas gets the advice an OR
does, a bare `25+` or `4+` and a mileage with no bound are refused with what to say, a refusal
quotes what was typed, and an alert that reads as one kept says so. Asserted on the replies
the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot

READ_AS = [
    ("price<9,000.50 hijet", "hijet · price < $9,000.50"),
    ("hijet ３５００ドル", "hijet · price ≤ $3,500"),
    ("carry under ５０００ドル", "carry · price ≤ $5,000"),
    ("hijet near Dallas", "hijet, dallas"),
    ("acty close to Houston", "acty, houston"),
    ("sambar in the area of Austin", "sambar, austin"),
    ("hijet 2024 model year", "hijet · year = 2024"),
    ("carry H10", "carry · year = 1998"),
    ("acty 平成10年", "acty · year = 1998"),
    ("carry, texas, under 5k", "carry, texas · price ≤ $5,000"),
]
YEN = "Arrival cards give prices in US dollars; give the price in dollars, such as under $4k."
REFUSED = [
    ("hijet under 500,000 yen", YEN),
    ("carry under 500000 jpy", YEN),
    ("hijet price<=¥500000", YEN),
    ("hijet ¥500,000", YEN),
    ("hijet 50万円", YEN),
    ("hijet under ￥500k", YEN),
    ("hijet 500000円", YEN),
    (
        "hijet, carry, acty",
        "Alerts have no OR: every word must appear, so “hijet, carry, acty” would wait for an "
        "item naming all of them; for any of them, add an alert for each: “hijet”, “carry”, "
        "“acty”.",
    ),
    ("hijet 25+", "“25+” says no field: say 25+ years for trucks 25 years old or more."),
    ("hijet 4+", "“4+” says no field: say grade 4+ for a grade of 4 or more, or 4+ years for"),
    ("hijet 100k km", "“100k km” gives no bound: say under 100k km or over 100k km."),
    ("hijet 1996 miles", "“1996 miles” gives no bound: say under 1996 miles or over 1996"),
    ("hijet 1995-99-", "“1995-99-”: year takes a number."),
]


async def test_prices_places_and_years_are_read_as_said_or_refused_saying_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    members = [loopback.member("Mika"), loopback.member("Dale")]
    for at, (typed, read_as) in enumerate(READ_AS):
        reply = await loopback.slash("alerts add", keywords=typed, actor=members[at % 2])
        sent = reply.record.callback_body or {}
        assert sent["data"]["flags"] & 64, typed  # ephemeral
        assert f"read as: {read_as} (at most" in sent["data"]["content"], (typed, sent)
    rosa = loopback.member("Rosa")
    for typed, refusal in REFUSED:
        reply = await loopback.slash("alerts add", keywords=typed, actor=rosa)
        sent = reply.record.callback_body or {}
        assert sent["data"]["flags"] & 64, typed
        assert refusal in sent["data"]["content"], (typed, sent)


async def test_an_alert_that_reads_as_one_kept_says_it_reads_the_same(
    keitora: RunningBot, loopback: Loopback
) -> None:
    hank = loopback.member("Hank")
    kept = await loopback.slash("alerts add", keywords="ハイゼット", actor=hank)
    assert kept.text.startswith("Saved."), kept.text
    again = await loopback.slash("alerts add", keywords="hijets", actor=hank)
    sent = again.record.callback_body or {}
    assert sent["data"]["content"] == (
        "You already have the alert “ハイゼット”, which reads the same as “hijets”."
    ), sent


async def test_words_parted_by_commas_are_said_to_be_all_wanted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    hank = loopback.member("Hank")
    listed = await loopback.slash("alerts add", keywords="hijet, dump, 4wd", actor=hank)
    sent = (listed.record.callback_body or {})["data"]["content"]
    assert "read as: hijet, dump, 4wd (at most" in sent, sent
    assert sent.endswith(
        "Every word must appear, commas or not: for any one of “hijet”, “dump” and “4wd”, add "
        "an alert for each."
    ), sent
    placed = await loopback.slash("alerts add", keywords="carry, texas, under 5k", actor=hank)
    sent = (placed.record.callback_body or {})["data"]["content"]
    assert "read as: carry, texas · price ≤ $5,000 (at most" in sent, sent
    assert "commas or not" not in sent, sent


async def test_words_parted_by_commas_beside_a_phrase_are_said_to_be_all_wanted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    hank = loopback.member("Hank")
    listed = await loopback.slash("alerts add", keywords='hijet, "dump bed", 4wd', actor=hank)
    sent = (listed.record.callback_body or {})["data"]["content"]
    assert 'read as: hijet, "dump bed", 4wd (at most' in sent, sent
    assert sent.endswith(
        'Every word must appear, commas or not: for any one of “hijet”, “"dump bed"” and “4wd”, '
        "add an alert for each."
    ), sent
    trucks = await loopback.slash("alerts add", keywords='hijet, carry, "dump bed"', actor=hank)
    sent = (trucks.record.callback_body or {})["data"]["content"]
    assert sent.startswith("Alerts have no OR: every word must appear"), sent
    kept = await loopback.slash("alerts list", actor=hank)
    assert "(1 of 10)" in kept.text, kept.text  # the refused one is not kept
