"""Small words (in, the, on, for…) in a new alert: left out before a word a list knows, a
condition or nothing, as an item need not hold them (an arrival in TX says "Texas", seldom "in");
but before a word no list knows they are what the member means (`hijet on the way` would wait for
any "way", `carry for sale` for any "sale"), so they are kept as the phrase they make with it
(up to `MAX_PHRASE` words, the last small words), whatever other words stand around it."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.alerts.query import FILLER_WORDS, as_condition
from bot.alerts.spellings import MAX_PHRASE, known_spellings, singular, text_words
from bot.alerts.tokens import outside_quotes, tokens
from bot.models import find_model
from bot.states import state_code

# OR and AND are left to be refused or dropped as such.
SMALL = FILLER_WORDS - {"or", "and"}
# Words that put a place near another (`hijet near Dallas`): an item names the place, seldom
# its "near", so they are left out before a word, whatever it is, as small words are before a
# known one (`around 5k` is left to be read as an amount).
_PLACE_WORDS = re.compile(
    r"(?<!\S)(?:near(?:\s+to)?|nearby|around|close\s+to|in\s+the\s+(?:area|vicinity)\s+of)"
    r"(?=\s+[^\W\d_])",
    re.I,
)


class SmallWords(NamedTuple):
    left_out: tuple[str, ...]  # as typed
    phrases: tuple[str, ...]  # the words kept as one phrase each, as typed


def small_words(query: str) -> SmallWords:
    """What becomes of `query`'s small words outside quotes (see the module)."""
    return _read(query)[1]


def without_small_words(query: str) -> str:
    """`query` with its small words left out, or kept as the phrases they make."""
    return _read(query)[0]


def _read(query: str) -> tuple[str, SmallWords]:
    if all(token.text.casefold() in SMALL for token in tokens(query) if not token.quoted):
        return query, SmallWords((), ())  # nothing else to watch for: refused as such
    left_out: list[str] = []
    phrases: list[str] = []

    def place_word(match: re.Match[str]) -> str:
        left_out.append(match[0])
        return ""

    def part_read(part: str) -> str:
        part = _PLACE_WORDS.sub(place_word, part)
        kept: list[str] = []
        run: list[str] = []
        for word in part.split(" "):
            if _is_word(word) and word.casefold() in SMALL:
                run.append(word)
                continue
            if run and _is_word(word) and not _known(word):
                phrase = run[len(run) - (MAX_PHRASE - 1) :]
                left_out.extend(run[: len(run) - len(phrase)])
                phrases.append(" ".join([*phrase, word]))
                kept.append(f'"{phrases[-1]}"')
            else:
                left_out.extend(run)
                kept.append(word)
            run = []
        left_out.extend(run)
        return " ".join(kept)

    read = outside_quotes(query, part_read)
    return " ".join(read.split()), SmallWords(tuple(left_out), tuple(phrases))


def _is_word(part: str) -> bool:
    """A bare word of an alert: neither left out nor a condition."""
    return bool(part) and part[0] not in '-"“”„＂' and as_condition(part) is None


def _known(word: str) -> bool:
    """A truck, a term, a model code or a state: a search of its own; or a lone letter or digit,
    which says nothing with small words or without (`a 4` is refused as saying nothing)."""
    folded = " ".join(text_words(word))
    known = known_spellings()
    return (
        len(folded) < 2
        or folded in known
        or singular(folded) in known
        or state_code(folded) is not None
        or find_model(folded) is not None
    )
