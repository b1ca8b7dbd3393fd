"""Characters a reader never sees: controls and formatting characters (zero-width spaces,
joiners, soft hyphens, tags), and those that turn round the text after them (bidi
embeddings, overrides and isolates), which make text show otherwise than it is stored. Emoji
sequences keep theirs: a joiner between two emoji (👨‍🔧) and the tags of a flag (Scotland's)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from bot.errors import UserError

_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_CONTROLS = frozenset("\n\t\r")
_JOINER = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
_CANCEL_TAG = 0xE007F
# What may stand between an emoji and its joiner: a presentation selector, a skin tone.
_EMOJI_MODIFIERS = "\ufe0f" + "".join(chr(code) for code in range(0x1F3FB, 0x1F400))
# What shows nothing yet parts words: a zero-width space, which phone keyboards and pasted pages
# put where a space belongs, and the invisible separator. The rest that shows nothing joins (a
# word joiner, a soft hyphen).
_SEPARATORS = re.compile(r"[\u200b\u2063]+")
# Each from a word's start and whole, so that a long run of letters is gone through once.
_PARTED_WORDS = re.compile(rf"(?<![^\W_])[^\W_]++(?:{_SEPARATORS.pattern}[^\W_]++)+")


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


def parted(text: str, known: Callable[[str], bool]) -> str:
    """`text` with a zero-width space or the invisible separator between two letters or digits
    read as the space it stands for (`Hijet\u200bDump` is "Hijet Dump"), not dropped, which
    would join two words into one nobody looks for; but within a word `known` knows
    (`Hi\u200bjet`), as pasted from a page that marks where lines may break, it is dropped.
    What else shows nothing is left for `visible` to drop."""

    def part(words: re.Match[str]) -> str:
        joined = _SEPARATORS.sub("", words[0])
        return joined if known(joined) else _SEPARATORS.sub(" ", words[0])

    return _PARTED_WORDS.sub(part, text)


def shown_inert(text: str) -> str:
    """`text` as a reply quotes it back to whoever typed it: each character that would turn
    round the text after it (the rest of the reply, too) written out by its code point
    ("[U+202E]"). Those that only show nothing stay: a display name may carry a direction mark,
    and a pasted text its soft hyphens."""
    return "".join(f"[U+{ord(char):04X}]" if turns_round(char) else char for char in text)


def held(char: str) -> str:
    """What a refusal says `char`, one `invisible` finds, is and does: "U+202E (right-to-left
    override): it turns round the text after it"."""
    name = unicodedata.name(char, "").lower()
    named = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
    return f"{named}: it turns round the text after it" if turns_round(char) else named


def turns_round(char: str) -> bool:
    """Whether `char` turns round the text after it (a bidi embedding, override or isolate)."""
    return char in _REORDERING


def require_seen(field: str, text: str) -> str:
    """`text`, refused (`UserError`) when it holds a character that shows nothing or turns round
    what follows: a `field` ("title", "make") must read as it is stored."""
    found = invisible(text)
    if found:
        raise UserError(_refusal(field, text[found[0]]))
    return text


def shown_text(field: str, text: str) -> str:
    """A free text (an announcement's, an arrival's notes) without what shows nothing, trimmed:
    pasted from listing sites, it often holds zero-width spaces and soft hyphens, which would
    part words alerts look for. `UserError` where a character would turn round what follows
    it, since dropping it would change what its writer sees."""
    turning = next((text[at] for at in invisible(text) if text[at] in _REORDERING), None)
    if turning is not None:
        raise UserError(_refusal(field, turning))
    return visible(text).strip()


def _refusal(field: str, char: str) -> str:
    if char in _REORDERING:
        return f"The {field} may not hold {held(char)}, so the {field} would not show as typed."
    why = (
        f"it shows nothing, yet makes the {field} differ from one that looks the same; "
        "type it again rather than paste it"
    )
    return f"The {field} may not hold {held(char)}: {why}."


def _unseen(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and char not in _KEPT_CONTROLS)


def _joins_emoji(text: str, at: int) -> bool:
    before = text[:at].rstrip(_EMOJI_MODIFIERS)
    after = text[at + 1 : at + 2]
    return bool(before and after) and _pictograph(before[-1]) and _pictograph(after)


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So"
