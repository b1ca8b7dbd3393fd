"""Small words (in, the, on, for…) outside quotes are left out where they go before a word a list
knows or a condition, as an item need not hold them, and the reply names them; before a word no
list knows (`on the way` would be `way`, `for sale` `sale`), they are what the member means,
wherever other words stand (`hijet on the way`), so they are kept as the phrase they make with
it, and the reply says that."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from bot.importers.arrivals import Arrival
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out", "phrases"),
    [
        ("on the way", '"on the way"', [], ["on the way"]),
        ("for sale", '"for sale"', [], ["for sale"]),
        ("In Stock!", '"in stock"', [], ["In Stock!"]),
        ("on the way grade>=4", '"on the way" · grade ≥ 4', [], ["on the way"]),
        # After a model, as members type it: the phrase still, not `hijet way`.
        ("hijet on the way", 'hijet, "on the way"', [], ["on the way"]),
        ("carry for sale in texas", 'carry, "for sale", texas', ["in"], ["for sale"]),
        (
            'for sale "dump bed" on the way',
            '"for sale", "dump bed", "on the way"',
            [],
            ["for sale", "on the way"],
        ),
        # A word a list knows (a truck, a term, a state) is the search, the small words not.
        ("the hijet", "hijet", ["the"], []),
        ("in texas", "texas", ["in"], []),
        ("hijet in texas", "hijet, texas", ["in"], []),
        ("dump bed for a hijet", "dump, bed, hijet", ["for", "a"], []),
        ('hijet "in stock"', 'hijet, "in stock"', [], []),
        ("hijet for under 5k", "hijet · price ≤ $5,000", ["for"], []),
        # A small word after the last word makes no phrase; past the longest phrase an item's
        # words are looked up in, the first small words are left out.
        ("on the way to", '"on the way"', ["to"], ["on the way"]),
        ("hijet is on the way", 'hijet, "on the way"', ["is"], ["on the way"]),
        # Before an ordinary word, one an item holds in the sense meant, they are left out:
        # `hijet for the farm` finds "great farm truck".
        ("hijet for the farm", "hijet, farm", ["for", "the"], []),
        ("for the farm", "farm", ["for", "the"], []),
        ("carry on a trailer", "carry, trailer", ["on", "a"], []),
        ("hijet at auction", "hijet, auction", ["at"], []),
        ("scrum with a lift kit", "scrum, lift, kit", ["with", "a"], []),
        ("hijet truck in the usa", "hijet, truck, usa", ["in", "the"], []),
        ("hijet for parts", "hijet, parts", ["for"], []),
        # Before a word that says nothing alone, the phrase; a word that leads into it
        # (out of, by the, up for) is the phrase's, not left loose before it.
        ("hijet in stock", 'hijet, "in stock"', [], ["in stock"]),
        ("hijet out of stock", 'hijet, "out of stock"', [], ["out of stock"]),
        ("hijet by the way", 'hijet, "by the way"', [], ["by the way"]),
        ("hijet up for sale", 'hijet, "up for sale"', [], ["up for sale"]),
        ("hijet on the road", 'hijet, "on the road"', [], ["on the road"]),
        ("carry on hand", 'carry, "on hand"', [], ["on hand"]),
        # "State" alone is any state, a title's or an inspection's; "out of state" is where a
        # truck is or goes, as a listing says it ("out of state buyers welcome").
        ("hijet out of state", 'hijet, "out of state"', [], ["out of state"]),
        ("carry in state", 'carry, "in state"', [], ["in state"]),
        ("hijet state inspection", "hijet, state, inspection", [], []),
        # A word that leads into no phrase says nothing loose either: `out of japan` is from it.
        ("hijet out of japan", "hijet, japan", ["out", "of"], []),
        ("carry up for auction", "carry, auction", ["up", "for"], []),
        # Before small words it leads into no phrase by, it is the word before's (a pop up
        # camper), not a lead: `up in texas` is no `up for`.
        ("carry pop up in texas", "carry, pop, up, texas", ["in"], []),
        ("carry pop up in stock", 'carry, pop, up, "in stock"', [], ["in stock"]),
        ("hijet sold out in texas", "hijet, sold, out, texas", ["in"], []),
        # One that cannot join a phrase already of the longest an item's words are looked up
        # in is left out, not kept a loose word to find (`no_room` says why).
        ("hijet out of the way", 'hijet, "of the way"', [], ["of the way"]),
        ("out of the way", '"of the way"', [], ["of the way"]),
        ("carry up for the road", 'carry, "for the road"', [], ["for the road"]),
    ],
)
async def test_small_words_are_left_out_unless_they_make_the_phrase_meant(
    alerts: AlertService,
    typed: str,
    read_as: str,
    left_out: list[str],
    phrases: list[str],
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    said = await alerts.small_words(alert)
    assert (reading(alert), list(said.left_out), list(said.phrases)) == (
        read_as,
        left_out,
        phrases,
    )


async def test_a_phrase_of_small_words_finds_it_not_the_word_alone(
    alerts: AlertService,
) -> None:
    assert await matches(alerts, "on the way", item("20 Hijets on the way"))
    assert not await matches(alerts, "on the way", item("No way: a Hijet at $2k"))
    assert await matches(alerts, "hijet on the way", item("Two Hijets on the way"))
    assert not await matches(alerts, "hijet on the way", item("No way: a Hijet at $2k"))
    assert await matches(alerts, "hijet out of the way", item("A Hijet parked out of the way"))
    assert not await matches(alerts, "hijet out of the way", item("Hijet out soon, no way"))
    assert await matches(alerts, "hijet out of state", item("Hijet 4x4, out of state buyers OK"))
    assert not await matches(alerts, "hijet out of state", item("Hijet, state inspected, out now"))


async def test_small_words_before_an_ordinary_word_leave_it_to_be_found_as_it_stands(
    alerts: AlertService,
) -> None:
    hijet = Arrival("Daihatsu", "Hijet", 1996, None, "4wd", None, None, 4500, "TX")
    carry = Arrival("Suzuki", "Carry", 1997, None, None, None, None, 4800, "TX")
    farm = item("1996 Daihatsu Hijet", "Great farm truck, 4x4", hijet)
    trailer = item("1997 Suzuki Carry", "Comes with trailer", carry, number=2)
    assert await matches(alerts, "hijet for the farm", farm)
    assert await matches(alerts, "carry on a trailer", trailer)


async def test_a_word_leading_into_a_phrase_with_no_room_left_is_said_left_out_of_it(
    alerts: AlertService,
) -> None:
    alert = await alerts.add(GUILD, MIKA, "hijet out of the way in texas")
    said = await alerts.small_words(alert)
    assert (said.left_out, said.no_room) == (("in",), (("out", "of the way"),))
