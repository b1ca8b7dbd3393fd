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
