"""The form two names members typed are compared in, wherever a name must not be taken twice
(an importer's in a server) or a repeat is caught (a build started twice); and the form two
titles are (`title_key`: of builds, ballot candidates and meetups)."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def name_key(text: str) -> str:
    """NFKC, casefolded, spaces collapsed, and invisible characters (zero-width spaces, soft
    hyphens) left out, so none makes a taken name new."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", visible)).strip().casefold()


def bare_name_key(text: str) -> str:
    """`text` as `name_key` reads it, without emoji and other symbols (with what makes an
    emoji of a character: a variation selector, a keycap, a skin tone), so "Kei Truck Day 🚚"
    is found as "kei truck day"; empty for a text of them alone."""
    normal = unicodedata.normalize("NFKC", text)
    return name_key("".join(ch for ch in normal if not _symbol(ch)))


def _symbol(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] == "S" or category == "Me" or "\ufe00" <= ch <= "\ufe0f"


# A mark between two digits, with the spaces around it: `1 / 2` is typed for `1/2`.
_SPACED_MARK_IN_NUMBER = re.compile(r"(\d)\s*([^\w\s])\s*(?=\d)")


def title_key(title: str) -> str:
    """The title's letters and digits as `name_key` folds them, its spaces, punctuation, emoji
    and other symbols left out: `camper carry!`, `Camper-Carry` and `Camper Carry 🚚` read as
    `Camper Carry` in a thread's name and a list. A mark between two digits (the spaces
    around it aside) stays, being part of the number: `Stage 1.5` is not `Stage 15`, nor
    `1/2` `12`; a times sign reads as the x typed for it, so `4×4` is `4x4`. A title of
    symbols alone is its `name_key`, so `🚚` and `🛻` stay two titles."""
    text = _SPACED_MARK_IN_NUMBER.sub(r"\1\2", name_key(title).replace("×", "x"))
    kept = "".join(ch for index, ch in enumerate(text) if _read_in_title(text, index))
    return kept or name_key(title)


def _read_in_title(text: str, index: int) -> bool:
    ch = text[index]
    if ch.isspace():
        return False
    if unicodedata.category(ch)[0] in "PS":
        return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    return bool(bare_name_key(ch))  # what makes an emoji of a character goes with it
