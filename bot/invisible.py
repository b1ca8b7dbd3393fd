"""Characters a reader never sees: controls and formatting characters (zero-width spaces,
joiners, soft hyphens, tags), and those that turn round the text after them (bidi
embeddings, overrides and isolates), which make text show otherwise than it is stored. Emoji
sequences keep theirs: a joiner between two emoji (👨‍🔧) and the tags of a flag (Scotland's)."""

from __future__ import annotations

import unicodedata

REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_CONTROLS = frozenset("\n\t\r")
_JOINER = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
_CANCEL_TAG = 0xE007F
# What may stand between an emoji and its joiner: a presentation selector, a skin tone.
_EMOJI_MODIFIERS = "\ufe0f" + "".join(chr(code) for code in range(0x1F3FB, 0x1F400))


def invisible(text: str) -> list[int]:
    """Where `text` holds characters that show nothing, or turn round what follows them."""
    found: list[int] = []
    in_flag = False
    for at, char in enumerate(text):
        if ord(char) in _TAGS:
            if not in_flag:
                found.append(at)
            in_flag = in_flag and ord(char) != _CANCEL_TAG
            continue
        in_flag = char == _BLACK_FLAG
        if _unseen(char) and not (char == _JOINER and _joins_emoji(text, at)):
            found.append(at)
    return found


def visible(text: str) -> str:
    """`text` without what `invisible` finds."""
    found = set(invisible(text))
    return "".join(char for at, char in enumerate(text) if at not in found)


def _unseen(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and char not in _KEPT_CONTROLS)


def _joins_emoji(text: str, at: int) -> bool:
    before = text[:at].rstrip(_EMOJI_MODIFIERS)
    after = text[at + 1 : at + 2]
    return bool(before and after) and _pictograph(before[-1]) and _pictograph(after)


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So"
