"""Common ways members bound a model year, an amount or a grade, written as the forms `tidy`
reads: a bound after its number (`1995 or older`, `2000 and up`, `5k or less`, `5k max`), `pre
2000`, a decade (`1990s`, `'90s`), a grade named with its value (`grade 4+`), a range with no
field named (`$3k-$5k`, `between 3k and 5k`, `between 1995 and 1999`); and a month and year
(`03/1995`, `december 1995`), refused with the year to give."""

from __future__ import annotations

import re

from bot.alerts.ages import OWN_NUMBER_NOT_AFTER, RANGE_DASH, check_forwards
from bot.alerts.dates import MONTH
from bot.alerts.query import check_not_lettered
from bot.errors import UserError
from bot.limits import plain_quote
from bot.trucks import CENTURY_PIVOT

_APOSTROPHES = "'’‘"
_YEAR = rf"(?:(?:19|20)[0-9][0-9]|[{_APOSTROPHES}][0-9][0-9])"
_AMOUNT = r"\$?\s*[0-9][0-9,.]*k?"
_UNIT = r"(?:\s*(?:usd|dollars?|miles?|mi|km)(?![\w/]))?"
_NOT_AFTER = r"(?<![\w$<>=:.,/-])"
# `1995 or older`, `2000 and up`: a model year and its bound, the year kept in.
_YEAR_BOUND = re.compile(
    rf"{_NOT_AFTER}({_YEAR})\s+(?:or|and)\s+"
    rf"(?:(?P<up>newer|later|up|above|after)|older|earlier|before|below){OWN_NUMBER_NOT_AFTER}",
    re.I,
)
# `5k or less`, `$5,000 and under`, `5k max`: an amount and its bound, as `under 5k` says it;
# with the bound said before it too (`under 5k or less`), once.
_AT_MOST_BEFORE = r"under|below|less\s+than|max(?:imum)?|up\s+to|at\s+most|thru|through|until|till"
_BOUND_BEFORE = (
    rf"(?P<before>(?P<at_most>{_AT_MOST_BEFORE})|over|above|more\s+than|min(?:imum)?|at\s+least)"
)
_AMOUNT_BOUND = re.compile(
    rf"{_NOT_AFTER}(?:{_BOUND_BEFORE}\s+)?({_AMOUNT}{_UNIT})\s+(?:(?:or|and)\s+(?:(?P<down>less|under|below|lower|"
    r"cheaper|worse)|more|over|above|higher|better|up)|(?P<most>max(?:imum)?)|min(?:imum)?)"
    + OWN_NUMBER_NOT_AFTER,
    re.I,
)
# `grade 4+`, `grade 4.5`, `grade S`: a grade named with its value (a letter is refused as a
# condition's is, saying its number).
_GRADE_NUMBER = r"[0-9](?:[.,][0-9])?"
_GRADE_NAMED = re.compile(
    rf"(?<![\w<>=:])grade\s*:?\s*({_GRADE_NUMBER}|s|r[abc]?)(\+)?(?![\w.,+])", re.I
)
# `grade 4 to 5`, `grade 4-5`: a range of grades; `grade 4 or 5`: either, each a condition.
_GRADE_RANGE = re.compile(
    rf"(?<![\w<>=:])grade\s*:?\s*(?P<low>{_GRADE_NUMBER}){RANGE_DASH}(?P<high>{_GRADE_NUMBER})"
    r"(?![\w.,+])",
    re.I,
)
_GRADE_OR = re.compile(
    rf"(?<![\w<>=:])(grade\s*:?\s*{_GRADE_NUMBER})(\s+or\s+)({_GRADE_NUMBER})(?![\w.,+])",
    re.I,
)
# `4+ grade`: a grade said before its name, as `grade 4+` is after it.
_GRADE_BEFORE = re.compile(r"(?<![\w<>=:.,$-])([0-9](?:[.,][0-9])?)\+\s*grade(?!\w)", re.I)
# `grade>=4 or higher`, `price<=5k or less`: a condition and the way its sign already says (or
# `:` does not), one bound, not an OR; words for up and down, as each field's are said.
_UP, _DOWN = (
    ("higher", "more", "above", "greater", "over", "up"),
    ("lower", "less", "below", "under"),
)
_FIELD_UP_DOWN = {
    "grade": (("better",), ("worse",)),
    "year": (("newer", "later"), ("older", "earlier")),
    "age": (("older",), ("newer", "younger")),
    "price": ((), ("cheaper",)),
    "mileage": ((), ("fewer",)),
}
# Each field's up and down as a refusal names them.
_SAID = {
    "grade": ("higher", "lower"),
    "year": ("newer", "older"),
    "age": ("older", "younger"),
    "price": ("more", "less"),
    "mileage": ("more", "less"),
}
_SIGNS_UP, _SIGNS_DOWN = (">=", "=>", "≥", "≧", ">"), ("<=", "=<", "≤", "≦", "<")
_CONDITION_BOUND = re.compile(
    r"(?<![\w-])(?P<field>grade|year|age|price|mileage)\s*(?P<sign>>=|=>|<=|=<|==|[:=<>≥≧≤≦])"
    r"\s*(?P<value>\$?[0-9][0-9,.]*k?(?:\s*(?:mi|miles?|km))?)\s+(?:or|and)\s+"
    rf"(?P<bound>[a-z]+){OWN_NUMBER_NOT_AFTER}",
    re.I,
)
# `pre 2000`, `post-95`: before and after, as `_YEAR_IN_WORDS` reads them.
_PRE_POST = re.compile(rf"(?<![\w-])(pre|post)(?:-|\s+)({_YEAR})(?!\w)", re.I)
# `1990s`, `90s`, `'90s`: the decade's model years, with a `from (the)` before them (`carry from
# the 90s`), which says no more and is no word to wait for.
_DECADE = re.compile(
    rf"{_NOT_AFTER}(?:from\s+(?:the\s+)?)?(?:(?P<century>19|20)(?P<decade>[0-9])0|[{_APOSTROPHES}]?(?P<short>[0-9])0)"
    rf"[{_APOSTROPHES}]?s(?!\w)",
    re.I,
)
# `$3k-$5k`, `30k-50k mi`: a range a `$` or `k` says is an amount (`95-99` says years), from its
# first character (the space before it is the word before's: `~ 5k-8k`).
_AMOUNT_RANGE = re.compile(
    rf"{_NOT_AFTER}(?!\s)(?P<field>(?:price|mileage)\s*[:=]?\s*)?(?:between\s+(?P<low>{_AMOUNT})\s+and"
    rf"\s+(?P<high>{_AMOUNT})|(?P<from>{_AMOUNT}){RANGE_DASH}(?P<to>{_AMOUNT}))"
    rf"(?P<unit>{_UNIT})(?![\w$])",
    re.I,
)
_YEARS_BETWEEN = re.compile(rf"(?<!\w)between\s+({_YEAR})\s+and\s+({_YEAR})(?!\w)", re.I)
# `03/1995`, `december 1995`, `1995 march`: a month and year (a month's name would be waited
# for as a word, which arrival cards never hold).
_MONTH_AND_YEAR = re.compile(
    r"(?<![\w/.-])(?:[01]?[0-9]/(?P<after>(?:19|20)[0-9]{2})|(?P<before>(?:19|20)[0-9]{2})/"
    r"[01]?[0-9])(?![\w/.-])"
    rf"|(?<!\w){MONTH}\s+(?P<named>(?:19|20)[0-9]{{2}})(?![\w/.-])"
    rf"|(?<![\w/.-])(?P<first>(?:19|20)[0-9]{{2}})\s+{MONTH}(?!\w)",
    re.I,
)


def said_as_bounds(query: str) -> str:
    """`query` with the bounds above written as `tidy` reads them (before `and` is dropped)."""
    query = _CONDITION_BOUND.sub(_condition_bound, query)
    query = _YEARS_BETWEEN.sub(r"\1-\2", query)
    query = _AMOUNT_RANGE.sub(_amount_range, query)
    query = _YEAR_BOUND.sub(
        lambda m: f"year{'>=' if m['up'] else '<='}{m[1].lstrip(_APOSTROPHES)}", query
    )
    query = _AMOUNT_BOUND.sub(_amount_bound, query)
    query = _GRADE_RANGE.sub(_grade_range, query)
    query = _GRADE_OR.sub(r"\1\2grade \3", query)
    query = _GRADE_BEFORE.sub(r"grade>=\1", query)
    query = _GRADE_NAMED.sub(_grade_named, query)
    query = _PRE_POST.sub(
        lambda m: f"{'before' if m[1].casefold() == 'pre' else 'after'} {m[2]}", query
    )
    return _DECADE.sub(_decade, query)


def _condition_bound(match: re.Match[str]) -> str:
    """`grade>=4 or higher` as `grade>=4`, `grade:4 or higher` as `grade>=4`; a bound its sign
    says otherwise (`grade<=4 or higher`) is refused, naming both ways; a word that is no bound
    of the field (`price<=5k or newer`) is left, to be refused as an OR."""
    field, sign, value = match["field"].casefold(), match["sign"], "".join(match["value"].split())
    up, down = _FIELD_UP_DOWN[field]
    said = match["bound"].casefold()
    if said not in (*_UP, *up, *_DOWN, *down):
        return match[0]
    said_up = said in (*_UP, *up)
    if sign in (_SIGNS_DOWN if said_up else _SIGNS_UP):
        bare = value.lstrip("$")
        meant_sign, other_sign = (">=", "<=") if said_up else ("<=", ">=")
        words = dict(zip((">=", "<="), _SAID[field], strict=True))
        meant, other = words[meant_sign], words[other_sign]
        raise UserError(
            f"{plain_quote(' '.join(match[0].split()))} says both {bare} or {other} and {bare} "
            f"or {meant}: say {field}{meant_sign}{value} for {bare} or {meant}, or "
            f"{field}{other_sign}{value} for {bare} or {other}."
        )
    if sign in (":", "=", "=="):
        sign = ">=" if said_up else "<="
    return f"{field}{sign}{value}"


def _amount_bound(match: re.Match[str]) -> str:
    """`5k or less` as `under 5k`, as is `under 5k or less`; `over 5k or less` is refused,
    naming both ways."""
    amount, at_most = match[3], bool(match["down"] or match["most"])
    if match["before"] and bool(match["at_most"]) != at_most:
        after = " ".join(match[0][match.end(3) - match.start() :].split())
        raise UserError(
            f"{plain_quote(' '.join(match[0].split()))} says both {_spoken(match['before'])} "
            f"{amount} and {amount} {after}: say under {amount} for {amount} or less, or over "
            f"{amount} for {amount} or more."
        )
    return f"{'under' if at_most else 'over'} {amount}"


def _spoken(words: str) -> str:
    return " ".join(words.casefold().split())


def _amount_range(match: re.Match[str]) -> str:
    low, high = match["low"] or match["from"], match["high"] or match["to"]
    ends = f"{low}{high}".casefold()
    if not match["field"] and "$" not in ends and "k" not in ends:
        return match[0]
    unit = match["unit"].strip().casefold()
    field = "price" if unit in ("", "usd", "dollar", "dollars") else "mileage"
    if match["field"]:  # `price between 3k and 5k`: the field named is the range's
        field = match["field"].strip(" :=").casefold()
    elif _MODEL_YEAR.fullmatch(low.strip()):
        _refuse_year_or_amount(match[0].strip(), low.strip(), field, high, match["unit"])
    return f"{field} {_sized_as(low, high)}-{high}{match['unit']}"


_MODEL_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def _refuse_year_or_amount(typed: str, year: str, field: str, high: str, unit: str) -> None:
    """`1995 up to 5k` is as often a 1995 truck up to $5k as a price from $1,995: asked."""
    amount = f"${int(year):,}" if field == "price" else f"{int(year):,}"
    raise UserError(
        f"“{typed}” could be the model year {year} and an amount, or a {field} from {amount} to "
        f"{high}{unit}: say year:{year} apart from the amount, or write the range with a $ or k "
        "at each end."
    )


def _sized_as(low: str, high: str) -> str:
    """The lower end with the upper end's `k` when it has none and is smaller without it:
    `3-5k` is 3k-5k, as `$500-5k` is $500 to $5k."""
    if not high.casefold().endswith("k") or low.casefold().endswith("k"):
        return low
    try:
        smaller = float(low.lstrip("$ ").replace(",", "")) < float(high.lstrip("$ ")[:-1])
    except ValueError:  # `1.2.3`: left to be refused as it is
        return low
    return f"{low}k" if smaller else low


def _grade_range(match: re.Match[str]) -> str:
    low, high = (match[end].replace(",", ".") for end in ("low", "high"))
    check_forwards(match[0], float(low), float(high), f"grade {high}-{low}")
    return f"grade>={low} grade<={high}"


def _grade_named(match: re.Match[str]) -> str:
    check_not_lettered(match[1], match[0])
    return f"grade{'>=' if match[2] else ':'}{match[1]}"


def _decade(match: re.Match[str]) -> str:
    if match["century"]:
        first = int(match["century"]) * 100 + int(match["decade"]) * 10
    else:
        short = int(match["short"]) * 10
        first = short + (1900 if short >= CENTURY_PIVOT else 2000)
    return f"{first}-{first + 9}"


def check_no_month(query: str) -> str:
    """Refuse a month and year (`03/1995`): alerts match a model year, not its month."""
    found = _MONTH_AND_YEAR.search(query)
    if found is None:
        return query
    year = found["after"] or found["before"] or found["named"] or found["first"]
    raise UserError(
        f"{plain_quote(found[0])} is a month: alerts match a model year, not its month, so give "
        f"the year alone, as {year}."
    )
