"""The form two names members typed are compared in, wherever a name must not be taken twice
(an importer's in a server) or a repeat is caught (a build started twice)."""

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
