"""Model codes as owners write them in an alert: `da-63t` and `S-510P` are the codes DA63T and
S510P, not the phrases "da 63t" and "s 510p" no listing writes; and a code is a truck as a
model's name is, so `S500P/S510P` means either, as `hijet/carry` does."""

from __future__ import annotations

import re

from bot.models import find_model, normalize_code
from bot.trucks import make_and_model

# Letters and digits joined by hyphens, standing alone or after a minus (`-da-63t`).
_HYPHENATED = re.compile(r"(?<![\w'’])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w'’])", re.I)


def said_as_codes(query: str) -> str:
    """`query` with the model codes it writes with a hyphen inside (`da-63t`) written whole."""
    return _HYPHENATED.sub(
        lambda m: m[0].replace("-", "") if known_code(m[0]) else m[0],
        query,
    )


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
