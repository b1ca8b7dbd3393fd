"""Currencies in a new alert: arrival cards give prices in US dollars, so an amount in dollars
written the Japanese way (`３５００ドル`) is one in `$`, and one in yen, however written
(`under 500,000 yen`, `price<=¥500000`, `50万円`), or in any other currency (`£5k`, `€5000`,
`5000 EUR`, `C$5000`), is refused: read as dollars it would be a wrong bound, and its sign or
code a word no card holds."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import UserError

_DIGITS = r"[0-9０-９]"
# `３５００ドル`, `3,500 ドル`: dollars after the amount, as Japanese writes them.
_DOLLARS_AFTER = re.compile(rf"(?<![\w.,，．])({_DIGITS}[0-9０-９,，.．]*[kKｋＫ]?)\s*ドル")
# Currency signs but the dollar's, in a number's reach: `£5k`, `€ 5000`, `5000€`, `₩5000000`.
_SIGNS = "¢£¤¥֏؋৲৳৻૱௹฿៛\u20a0-\u20c0꠸﷼￠￡￥￦"
# Other currencies' codes and names, and dollars that are not US ones (`C$5000`, `AU$5k`).
_CODES = "jpy|yen|eur|euros?|gbp|quid|cad|aud|nzd|mxn|chf|cny|rmb|yuan|krw|hkd|sgd|inr|rub|pesos?"
_OTHER_DOLLARS = r"(?:c|ca|a|au|nz|hk|mx|s)\$"
_LETTER_APART = r"(?<![^\W\d_])"
# An amount after a code, not a word (`rub 4wd`).
_AMOUNT = rf"{_DIGITS}[0-9０-９,，.．]*[kKｋＫ]?(?![^\W\d_])"
# `¥500,000`, `JPY 500000`, `500000 yen`, `500,000円`, `50万円`, `50万`, `£5k`, `5000 EUR`: an
# amount in a currency other than US dollars.
_NOT_DOLLARS = re.compile(
    rf"(?:[{_SIGNS}]|{_LETTER_APART}(?:{_CODES}|{_OTHER_DOLLARS}))\s*{_AMOUNT}"
    rf"|{_DIGITS}[0-9０-９,，.．]*\s*(?:[kKｋＫ]\s*)?"
    rf"(?:[{_SIGNS}]|(?:{_CODES}|万円|円|万)(?![^\W\d_]))",
    re.I,
)
_IN_DOLLARS_ONLY = (
    "Arrival cards give prices in US dollars; give the price in dollars, such as under $4k."
)


def said_in_dollars(query: str) -> str:
    """`query` with its amounts in ドル written with a `$` before them, in plain digits."""
    return _DOLLARS_AFTER.sub(lambda m: "$" + unicodedata.normalize("NFKC", m[1]), query)


def check_in_dollars(query: str) -> str:
    """Refuse an amount in yen or another currency, however written; `query` as it was when
    not."""
    if _NOT_DOLLARS.search(query):
        raise UserError(_IN_DOLLARS_ONLY)
    return query
