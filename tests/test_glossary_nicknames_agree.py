"""The built-ins agree with each other: the Acty's line names both of its nicknames, as the
nickname entry does, and middoshippu says why each model line it links to is midship."""

from __future__ import annotations

from bot.glossary import builtin_entries, entry_key
from bot.models import default_lines

ENTRIES = {entry_key(entry.headword): entry for entry in builtin_entries()}


def test_the_acty_line_names_both_its_nicknames() -> None:
    [acty] = [line for line in default_lines() if line.model == "Acty"]
    assert "Ferrari" in acty.note
    assert "農道のNSX" in acty.note


def test_middoshippu_mentions_each_model_line_it_links_to() -> None:
    middoshippu = ENTRIES[entry_key("middoshippu")]
    lines = {line.name: line.model for line in default_lines()}
    linked = [lines[name] for name in middoshippu.see_also if name in lines]
    assert linked, middoshippu.see_also
    assert [model for model in linked if model not in middoshippu.meaning] == []
