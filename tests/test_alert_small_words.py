"""Small words (in, the, on, for…) outside quotes are left out where other words remain, as an
item need not hold them, and the reply names them; where leaving them out would leave one word
no list knows (`on the way` would be `way`, `for sale` `sale`), they are what the member means,
so the words are kept as the phrase they make, and the reply says that."""

# ruff: noqa: F811 (the `alerts` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import pytest

from bot.alerts import AlertService, reading
from tests.test_alerts import GUILD, MIKA, alerts, item, matches  # noqa: F401 (the fixture)


@pytest.mark.parametrize(
    ("typed", "read_as", "left_out", "phrase"),
    [
        ("on the way", '"on the way"', [], "on the way"),
        ("for sale", '"for sale"', [], "for sale"),
        ("In Stock!", '"in stock"', [], "In Stock!"),
        ("on the way grade>=4", '"on the way" · grade ≥ 4', [], "on the way"),
        # A word a list knows (a truck, a term, a state) is the search, the small words not.
        ("the hijet", "hijet", ["the"], None),
        ("in texas", "texas", ["in"], None),
        ("hijet in texas", "hijet, texas", ["in"], None),
        ("dump bed for a hijet", "dump, bed, hijet", ["for", "a"], None),
        ('hijet "in stock"', 'hijet, "in stock"', [], None),
        # Past the longest phrase an item's words are looked up in, they are left out as before.
        ("on the way to", "way", ["on", "the", "to"], None),
    ],
)
async def test_small_words_are_left_out_unless_they_make_the_phrase_meant(
    alerts: AlertService,
    typed: str,
    read_as: str,
    left_out: list[str],
    phrase: str | None,
) -> None:
    alert = await alerts.add(GUILD, MIKA, typed)
    said = await alerts.small_words(alert)
    assert (reading(alert), list(said.left_out), said.phrase) == (read_as, left_out, phrase)


async def test_a_phrase_of_small_words_finds_it_not_the_word_alone(
    alerts: AlertService,
) -> None:
    assert await matches(alerts, "on the way", item("20 Hijets on the way"))
    assert not await matches(alerts, "on the way", item("No way: a Hijet at $2k"))
