"""Currencies in a new alert: arrival cards give prices in US dollars, so an amount in dollars
written the Japanese way (`３５００ドル`) is one in `$`, and one in yen, however written
(`under 500,000 yen`, `price<=¥500000`, `50万円`), is refused: read as dollars it would be an
absurd bound, and its "yen" a word no card holds."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import UserError

_DIGITS = r"[0-9０-９]"
# `３５００ドル`, `3,500 ドル`: dollars after the amount, as Japanese writes them.
_DOLLARS_AFTER = re.compile(rf"(?<![\w.,，．])({_DIGITS}[0-9０-９,，.．]*[kKｋＫ]?)\s*ドル")
# `¥500,000`, `JPY 500000`, `500000 yen`, `500,000円`, `50万円`, `50万`: an amount in yen.
_YEN = re.compile(
    rf"(?:[¥￥]|(?<![^\W\d_])jpy)\s*{_DIGITS}"
    rf"|{_DIGITS}[0-9０-９,，.．]*\s*(?:[kKｋＫ]\s*)?(?:yen|jpy|万円|円|万)(?![^\W\d_])",
    re.I,
)
_IN_YEN = "Arrival cards give prices in US dollars; give the price in dollars, such as under $4k."


def said_in_dollars(query: str) -> str:
    """`query` with its amounts in ドル written with a `$` before them, in plain digits."""
    return _DOLLARS_AFTER.sub(lambda m: "$" + unicodedata.normalize("NFKC", m[1]), query)


def check_no_yen(query: str) -> str:
    """Refuse an amount in yen, however written; `query` as it was when not."""
    if _YEN.search(query):
        raise UserError(_IN_YEN)
    return query
