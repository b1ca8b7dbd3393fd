"""Model codes as owners and importers write them: `da-63t` and `S-510P` are the codes DA63T and
S510P, not the phrases "da 63t" and "s 510p", in an alert and in an item's text alike, and
`DA63T型` ("model DA63T") is the code; and a code is a truck as a model's name is, so
`S500P/S510P` means either, as `hijet/carry` does."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.models import find_model, normalize_code
from bot.trucks import make_and_model

# Kana and kanji: Japanese listings write a model code against the words around them
# (`DA63T型`, `キャリイDA63T`), and the code is a word of its own there.
JAPANESE = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_JAPANESE_CHARACTER = re.compile(f"[{JAPANESE}]")
# Letters and digits joined by hyphens, or followed by 型 ("model", as Japanese listings write
# `DA63T型`), standing alone, after a minus (`-da-63t`) or against Japanese (`キャリイDA-63T型`).
_WRITTEN_CODE = re.compile(
    rf"(?<![^\W{JAPANESE}])(?<!['’])"
    r"(?:(?P<hyphenated>[a-z0-9]+(?:-[a-z0-9]+)+)型?|(?P<marked>[a-z0-9]+)型)"
    rf"(?=[{JAPANESE}]|[^\w'’]|$)",
    re.I,
)


def said_as_codes(text: str) -> str:
    """`text` with the model codes it writes with a hyphen inside (`da-63t`) or 型 after them
    (`DA63T型`) written whole (`da63t`, `DA63T`), a word apart from Japanese written against
    it (`キャリイDA-63T型` is `キャリイ DA63T`); anything else so written is left as it is."""
    return _WRITTEN_CODE.sub(_code_whole, text)


def _code_whole(match: re.Match[str]) -> str:
    code = match["hyphenated"] or match["marked"]
    if not known_code(code):
        return match[0]
    text, start, end = match.string, match.start(), match.end()
    before = " " if _JAPANESE_CHARACTER.match(text[start - 1 : start]) else ""
    after = " " if _JAPANESE_CHARACTER.match(text[end : end + 1]) else ""
    return f"{before}{code.replace('-', '')}{after}"


@lru_cache(maxsize=4096)  # an item's text is read per item; a feed repeats its words
def known_code(typed: str) -> bool:
    """Whether `typed` is a model code of data/models.toml, however written (`DA-63T`), and
    nothing beside it (`EBD-DA63T` is a code with its extras)."""
    found = find_model(typed)
    return found is not None and found.code == normalize_code(typed)


def truck_named(typed: str) -> str | None:
    """The truck `typed` names alone: a model by its name or by its code (`S500P`)."""
    if known_code(typed):
        return normalize_code(typed)
    return make_and_model(typed)[1]
