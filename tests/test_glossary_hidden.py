"""Characters a reader never sees, in a glossary entry: refused wherever they are, since a term
holding a zero-width space reads like another and is stored as neither."""

from __future__ import annotations

import pytest

from bot.glossary import GlossaryEntry
from bot.glossary.entries import entry_problem


@pytest.mark.parametrize(
    ("headword", "meaning", "field", "char"),
    [
        ("kei\u200btora", "A truck.", "its headword", "200B"),
        ("keitora", "A\u00ad truck.", "its meaning", "00AD"),
        ("kei\u2060", "x", "its headword", "2060"),
        ("bed\nmat", "x", "its headword", "000A"),
    ],
)
def test_a_character_that_shows_nothing_is_refused_naming_its_field(
    headword: str, meaning: str, field: str, char: str
) -> None:
    problem = entry_problem(GlossaryEntry(headword, meaning, "parts"))
    assert problem == f"{field} may not hold the invisible character U+{char}"


def test_a_character_that_turns_round_the_text_is_refused_saying_so() -> None:
    problem = entry_problem(GlossaryEntry("rack", "A \u202eevil", "parts"))
    assert problem == (
        "its meaning may not hold U+202E (right-to-left override): it turns round the text after it"
    )


def test_an_emoji_joiner_and_a_meanings_line_breaks_are_kept() -> None:
    mechanic = GlossaryEntry("mechanic 👨\u200d🔧", "A\nmechanic.\tyes", "culture")
    assert entry_problem(mechanic) is None
