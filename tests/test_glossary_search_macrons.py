"""Search folds macrons and width before it splits words, on the query and on the meanings
alike: "nōhan" is one word, not "n" + "han", so it finds what "nohan" finds and not every
meaning that says "Shōwa N"."""

from __future__ import annotations

import pytest

from bot.glossary.words import gloss_head, meaning_words
from tests.glossary_indexes import BUILTIN, headwords


@pytest.mark.parametrize(("spelt", "plain"), [("nōhan", "nohan"), ("ｎｏｈａｎ", "nohan")])
def test_a_query_with_macrons_or_full_width_finds_what_the_plain_one_finds(
    spelt: str, plain: str
) -> None:
    assert headwords(BUILTIN.search(spelt)) == headwords(BUILTIN.search(plain))


def test_a_query_with_macrons_does_not_find_era_dates() -> None:
    assert not {"shōwa", "heisei", "reiwa"} & set(headwords(BUILTIN.search("nōhan")))


def test_meaning_words_keep_a_word_with_macrons_whole() -> None:
    assert meaning_words("The Shōwa era, ＳＨＯＷＡ") == ["showa", "era", "showa"]
    assert gloss_head("The Shōwa: an era of Japan") == "showa"
