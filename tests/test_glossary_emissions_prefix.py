"""A model code written with its emissions prefix (GD-DA52T) is looked up as the chassis code
after the hyphen, as the emissions-code entry tells members to read it; a prefix alone (3BA-)
is that entry."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryIndex
from bot.glossary.entries import builtin_entries

BUILTIN = GlossaryIndex(builtin_entries())  # with the chassis codes of data/models.toml

EMISSIONS_ENTRY = "haishutsu gasu kisei shikibetsu kigō"


@pytest.mark.parametrize(
    ("typed", "code", "prefix"),
    [("GD-DA52T", "DA52T", "GD"), ("EBD-DA63T", "DA63T", "EBD"), ("5ba-da16t", "DA16T", "5ba")],
)
def test_a_code_after_an_emissions_prefix_finds_the_code(
    typed: str, code: str, prefix: str
) -> None:
    match = BUILTIN.lookup(typed)
    assert match.entry is not None
    assert match.entry.headword == code
    assert match.emissions_prefix == prefix


@pytest.mark.parametrize("typed", ["3BA-", "GD-", "ＧＤ－"])
def test_an_emissions_prefix_alone_finds_the_emissions_code_entry(typed: str) -> None:
    match = BUILTIN.lookup(typed)
    assert match.entry is not None
    assert match.entry.headword == EMISSIONS_ENTRY
    assert not match.emissions_prefix


@pytest.mark.parametrize("typed", ["GD-keitora", "GD-ZZ99T", "TOOLONG-DA52T"])
def test_only_a_known_chassis_code_is_read_after_a_prefix(typed: str) -> None:
    match = BUILTIN.lookup(typed)
    assert match.entry is None or match.entry.category != "model"
    assert not match.emissions_prefix


@pytest.mark.parametrize("typed", ["air-", "st-", "4-", "v-", "ka-"])
def test_a_word_cut_short_with_a_hyphen_is_no_emissions_code(typed: str) -> None:
    # Review 15: "air-" answered the emissions-code entry as an exact match.
    match = BUILTIN.lookup(typed)
    assert match.entry is None or match.entry.headword != EMISSIONS_ENTRY
