"""The glossary's add/edit form: an entry as form text and back, and refusals of bad lines."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.glossary import GlossaryEntry
from cogs.glossary_views import entry_from_form, form_fields


def test_form_text_round_trips() -> None:
    entry = GlossaryEntry(
        headword="keitora",
        meaning="Kei truck.",
        category="class",
        kanji="軽トラ",
        kana="けいとら",
        romaji="keitora",
        aliases=("kei truck", "mini truck"),
        see_also=("keijidōsha",),
    )
    assert entry_from_form(**form_fields(entry)) == entry
    with pytest.raises(UserError, match="not a detail line"):
        entry_from_form("a", "", "b", "class", "colour: red")


def test_a_bad_detail_line_is_quoted_plainly_without_markdown() -> None:
    with pytest.raises(UserError) as refused:
        entry_from_form("a", "", "b", "class", "**colour**: red")
    assert refused.value.message == (
        "“**colour**: red” is not a detail line; use “romaji: …”, “aliases: a, b” or "
        "“see also: a, b”."
    )
