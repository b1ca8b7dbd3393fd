"""Small words (in, the, on, for…) outside quotes are left out where they go before a word a list
knows or a condition, as an item need not hold them, and the reply names them; before a word no
list knows (`on the way` would be `way`, `for sale` `sale`), they are what the member means,
wherever other words stand (`hijet on the way`), so they are kept as the phrase they make with
it, and the reply says that."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
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
