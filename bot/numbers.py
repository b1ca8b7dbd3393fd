"""Whole numbers as members type them: in ASCII digits, or in the full-width forms a Japanese
keyboard types (２, １０, ２ｈ), which the rest of the bot reads too (times, auction sheets)."""

from __future__ import annotations

# The full-width forms of ASCII (U+FF01-FF5E) and the ideographic space. Only these: NFKC would
# also make numbers of superscripts and circled digits ("²", "②"), which nobody types as a count.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")}


def half_width(text: str) -> str:
    """`text` with full-width letters, digits and signs made ASCII; everything else as it was."""
    return text.translate(_HALF_WIDTH)


def whole_number(text: str, most: int) -> int | None:
    """`text` as a number from 0 to `most`, a leading # allowed (`12`, `#12`, `１２`), else
    None. (`str.isdigit` also takes "²" and "١", which `int` refuses, and SQLite holds at most
    2**63 - 1.)"""
    typed = half_width(text).strip().lstrip("#")
    if not (typed.isascii() and typed.isdigit()) or len(typed) > len(str(most)):
        return None
    number = int(typed)
    return number if number <= most else None


def counted(count: int, one: str, many: str | None = None) -> str:
    """`1 truck`, `2 trucks`, `1 person`, `3 people`, `1,200 votes`."""
    return f"{count:,} " + (one if count == 1 else many or one + "s")
