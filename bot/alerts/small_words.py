"""Small words (in, the, on, for…) in a new alert: left out where other words remain, as an
item need not hold them (an arrival in TX says "Texas", seldom "in"); but where leaving them out
would leave one word no list knows (`on the way` would wait for any "way", `for sale` for any
"sale"), they are what the member means, and the words are kept as the phrase they make."""

from __future__ import annotations

from typing import NamedTuple

from bot.alerts.query import FILLER_WORDS, as_condition
from bot.alerts.spellings import MAX_PHRASE, known_spellings, singular, text_words
from bot.alerts.tokens import outside_quotes, tokens
from bot.models import find_model
from bot.states import state_code

# OR and AND are left to be refused or dropped as such.
SMALL = FILLER_WORDS - {"or", "and"}


class SmallWords(NamedTuple):
    left_out: tuple[str, ...]  # as typed
    phrase: str | None  # the words kept as one phrase, as typed


def small_words(query: str) -> SmallWords:
    """What becomes of `query`'s small words outside quotes (see the module)."""
    found = tokens(query)
    if all(token.text.casefold() in SMALL for token in found if not token.quoted):
        return SmallWords((), None)  # nothing else to watch for: refused as such
    outside: list[str] = []
    outside_quotes(query, lambda part: _collect(outside, part))
    words = [part for part in outside if _is_word(part)]
    rest = [word for word in words if word.casefold() not in SMALL]
    if (
        len(rest) == 1
        and len(words) > 1
        and not any(token.quoted for token in found)
        and len(words) <= MAX_PHRASE
        and " ".join(words) in query
        and not _known(rest[0])
    ):
        return SmallWords((), " ".join(words))
    return SmallWords(tuple(word for word in words if word.casefold() in SMALL), None)


def _collect(into: list[str], part: str) -> str:
    into.extend(part.split())
    return part


def without_small_words(query: str) -> str:
    """`query` with its small words left out, or kept as the phrase they make."""
    said = small_words(query)
    if said.phrase is not None:  # no quotes: the words are one run of them (see above)
        return query.replace(said.phrase, f'"{said.phrase}"', 1)
    if not said.left_out:
        return query
    return outside_quotes(
        query, lambda part: " ".join(w for w in part.split(" ") if w.casefold() not in SMALL)
    )


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
