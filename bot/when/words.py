"""Taking pieces out of a typed time, shared by the readers of its zone, clock and day."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.errors import UserError

NUMBER_WORDS = (
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)


def take_one(
    pattern: re.Pattern[str],
    words: str,
    two: str,
    quote: Callable[[str], str] = str,
    found: list[re.Match[str]] | None = None,
) -> tuple[re.Match[str] | None, str]:
    """The one match of `pattern` in `words` (of those `found`, where some are no match for
    their place), if any, and the words around it; more than one is refused with "I found "
    and `two`, filled with the first two as `quote` gives them (as the member typed them)."""
    matches = list(pattern.finditer(words)) if found is None else found
    if len(matches) > 1:
        raise UserError(f"I found {two.format(quote(matches[0][0]), quote(matches[1][0]))}.")
    if not matches:
        return None, words
    match = matches[0]
    return match, " ".join(f"{words[: match.start()]} {words[match.end() :]}".split())


def any_of(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of `words`, longest first so that "saturday" wins over "sat", each
    space in them matching `space` (any run of spaces)."""
    return "|".join(
        re.escape(word).replace(re.escape(" "), space)
        for word in sorted(words, key=len, reverse=True)
    )
