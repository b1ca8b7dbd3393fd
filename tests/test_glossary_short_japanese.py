"""Spellings the auction sheets print: FA/T, FAT and CAT are the automatic's selector, and one
kanji that begins a single entry's Japanese form (凹 of 凹み) is offered as "did you mean", as
autocomplete offers it."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryIndex
from bot.glossary.entries import builtin_entries

BUILTIN = GlossaryIndex(builtin_entries())


@pytest.mark.parametrize("typed", ["FA/T", "FAT", "CAT", "ｆａｔ"])
def test_the_selector_spellings_of_sheets_find_the_automatic(typed: str) -> None:
    match = BUILTIN.lookup(typed)
    assert match.entry is not None
    assert match.entry.headword == "ōtoma"


def test_one_kanji_beginning_one_entrys_japanese_form_is_suggested() -> None:
    match = BUILTIN.lookup("凹")
    assert match.entry is None
    assert [entry.headword for entry in match.suggestions] == ["hekomi"]


@pytest.mark.parametrize("typed", ["軽", "ab", "zz"])
def test_a_short_query_beginning_many_or_no_names_or_typed_in_latin_suggests_nothing(
    typed: str,
) -> None:
    assert BUILTIN.lookup(typed).suggestions == ()
