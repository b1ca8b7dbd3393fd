"""An autocomplete label's third part is the entry's English name: an alias in Latin letters
that is English (words with a space or a capital, or a word its meaning uses), never a
misspelt romaji or a Japanese alias; left out when the entry has none."""

from __future__ import annotations

import pytest

from bot.glossary import builtin_entries, entry_key
from bot.glossary.entries import GlossaryEntry
from cogs.glossary_views import choice_name

ENTRIES = {entry_key(entry.headword): entry for entry in builtin_entries()}


@pytest.mark.parametrize(
    ("headword", "label"),
    [
        ("middoshippu", "middoshippu — ミッドシップ — midship"),
        ("yūkō kikan manryōbi", "yūkō kikan manryōbi — 有効期間満了日 — inspection expiry date"),
        ("keitora", "keitora — 軽トラ — kei truck"),
        ("hekomi", "hekomi — 凹み — dent"),
    ],
)
def test_a_label_names_the_entry_in_english(headword: str, label: str) -> None:
    assert choice_name(ENTRIES[entry_key(headword)]) == label


def test_a_label_leaves_out_an_alias_that_is_only_another_romaji() -> None:
    entry = GlossaryEntry(
        headword="kei tora",
        meaning="A kei truck.",
        category="class",
        kanji="軽トラ",
        aliases=("keitora", "けいとら", "Kei Tora"),
    )
    assert choice_name(entry) == "kei tora — 軽トラ"
