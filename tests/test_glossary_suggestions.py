"""Members' suggestions on a real SQLite file: what a member types is kept as a moderator's form
will read it, and an approved suggestion stays linked to the entry it became."""

from __future__ import annotations

import random

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService
from bot.store import Store

HOME = 1001
MOD, MIKA = 77, 5


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    return GlossaryService(store, clock, rng=random.Random(7))


@pytest.mark.parametrize(
    ("kanji", "kana"),
    [
        ("畑(はたけ)", ""),
        ("畑（はたけ）", ""),
        ("畑(はたけ)", "はたけ"),
        ("畑 （はたけ）", "はたけ"),
    ],
)
async def test_a_reading_typed_into_the_kanji_box_is_kept_as_the_kana(
    glossary: GlossaryService, kanji: str, kana: str
) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "hatake", "A farm field.", kana, kanji)
    assert (suggestion.kanji, suggestion.kana) == ("畑", "はたけ")


async def test_kanji_with_parentheses_of_its_own_keep_them(glossary: GlossaryService) -> None:
    suggestion = await glossary.suggest(HOME, MIKA, "kabu", "A company.", "", "(株)")
    assert (suggestion.kanji, suggestion.kana) == ("(株)", "")


def hatake(**fields: str) -> GlossaryEntry:
    return GlossaryEntry(headword="hatake", meaning="A farm field.", category="culture", **fields)
