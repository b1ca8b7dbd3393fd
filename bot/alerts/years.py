"""Model years as owners write them (`1995`, `'95`, `95-99`, `before 2000`, `hijet 1995`), read
in a new alert as the conditions they mean and in an item's words as the years it names, the
same way, so an alert's `1995` is met by an item's "1995 Hijet"."""

from __future__ import annotations

import re

from bot.alerts.ages import RANGE_DASH, RANGE_WORDS, check_forwards
from bot.alerts.dates import without_dates
from bot.alerts.query import OPS_PATTERN
from bot.errors import UserError
from bot.importers.arrivals import FIRST_YEAR
from bot.limits import plain_quote
from bot.trucks import CENTURY_PIVOT

_APOSTROPHE = "'’‘"
# A model year as owners write it: 1995, or 95 and '95 (the century as `CENTURY_PIVOT` tells).
_YEAR = rf"(?:(?:19|20)\d\d|[{_APOSTROPHE}]?\d\d)"
# "1995-1999", "95-99", "'95-'99", "1995-99", "year 1995-1999", "years: 1995 to 1999": a range
# of model years, as two conditions; the field's name with it is the range's, not a word an item
# must hold.
_YEAR_RANGE = re.compile(
    rf"(?<![\w<>=:.,$])(?:(?:model\s+)?years?\s*[:=]?\s*)?({_YEAR}){RANGE_DASH}({_YEAR})(?!\w)",
    re.I,
)
# "before 2000", "after '95", "newer than 1995": a model year said in words.
# A range's word with no start (`thru 2000`, `until '99`) is up to that year, as in a range. A bare
# `from 2000` is refused: "an Acty from 2000" is as often that model year as 2000 or newer
# (`from 1995 to 1999` is a range's).
_YEAR_WORDS = {"before": "<", "older than": "<", "after": ">", "newer than": ">", "since": ">="}
_YEAR_WORDS |= dict.fromkeys(("thru", "through", "until", "till"), "<=")
_YEAR_WORDS |= dict.fromkeys(("up thru", "up through", "up until", "up till"), "<=")
_YEAR_WORDS["from"] = ">="
_YEAR_IN_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(w.replace(" ", r"\s+") for w in _YEAR_WORDS) + rf")\s+({_YEAR})(?!\w)",
    re.I,
)
# A price's words before a number, and a currency or a measure after it: the number is then
# no model year, in an alert (`hijet asking 1995`) as in an item's words ("asking 1995").
_PRICE_WORDS = ("price", "priced", "asking", "obo", "usd")
_MEASURE_AFTER = r"\s*(?:km|mi|miles?|cc|usd|dollars?|bucks|obo|\$)(?!\w)"
# "hijet 1995", "1995+ hijet", "year 1995", "2024 model year": a bare four-digit number from
# 1960 (the first kei trucks) to this year is a model year, as a listing's "1995 Hijet" says
# (one a field's name goes with, before or after it, is one whatever it is); a number after
# `$`, a sign, a price's word or a field's name, before a unit, or within a word is none;
# quoted, it is a word.
_BARE_YEAR = re.compile(
    r"(?<![\w<>=:.,$#+-])"
    + "".join(
        rf"(?<!{re.escape(word)}\s)(?<!{re.escape(word)}:\s)"
        for word in (*_PRICE_WORDS, "$", "mileage", "grade")
    )
    + rf"(?:(?:model\s+)?(years?)\s*:?\s*)?((?:19|20)\d\d)(\+)?(?P<after>\s+model\s+years?)?"
    rf"(?![\w$%{_APOSTROPHE}]|[.,]\d|{_MEASURE_AFTER})",
    re.I,
)
FIRST_BARE_YEAR = 1960
# A model year an item's words name ("1995 Hijet", "'95 Hijet"), for a year condition of an item
# with no year field: four digits, or two after an apostrophe, as `_BARE_YEAR` reads an alert's;
# a number within a word or a number (`1,995`, `S1995`) is none, nor a price: one after a price's
# word or sign (`price: 1995`, `asking 1995`, `$ 1995`, `USD 1995`), read with it so as to be
# skipped, or before a currency or a unit (`1995 OBO`, `1995 km`, `1995cc`). A span of them
# ("1990-1999", "1990–99", "'90-'99", "1990 to 1999") is read whole (atomic, so a unit after it,
# "1990-1999 km", is not left to its first year alone); a bare two-digit end is of its first
# year's century, so a month ("1998-02") runs backwards and is no span.
_PRICE_BEFORE = (
    rf"(?P<price>(?:{'|'.join(_PRICE_WORDS)})(?:\s*[:=]\s*|\s+(?:is\s+|at\s+)?)|(?:us)?\$\s*)"
)
_NAMED_YEAR = re.compile(
    rf"(?<![\w$#.,])(?>{_PRICE_BEFORE}?"
    rf"(?:(?P<four>(?:19|20)[0-9][0-9])|[{_APOSTROPHE}](?P<two>[0-9][0-9]))"
    rf"(?:\s*(?:[-–—~]|\bto\b)\s*(?:(?P<end>(?:19|20)[0-9][0-9])|(?P<end_mark>[{_APOSTROPHE}])?"
    rf"(?P<end_two>[0-9][0-9]))(?![0-9]))?)"
    rf"(?![\w$%{_APOSTROPHE}]|[.,][0-9]|{_MEASURE_AFTER})"
)
# The model years an item names: one (1995, 1995), or a span's first and last.
YearSpan = tuple[int, int]
# "'95 hijet": a model year as owners say it, the year it means (1995).
_APOSTROPHE_YEAR = re.compile(rf"(?<!\S)[{_APOSTROPHE}](\d\d)(\+?)(?!\S)")
# "year>=95", "year<='05": a model year in two digits, as owners say it.
_SHORT_YEAR = re.compile(
    rf"(?<!\w)(year(?:{OPS_PATTERN}))[{_APOSTROPHE}]?(\d\d)(?!\w|[.,]\d)", re.I
)

# "1995-", "'95–", "1995 thru": a range of model years with no end, as if the member stopped
# typing it (`1995 up to 5k` has an end, read as the amount range it is).
_NO_END = re.compile(
    rf"(?<![\w<>=:.,$-])({_YEAR})(?:[-–—~]|\s+(?:{RANGE_WORDS})(?!\w)(?!\s*[$£¥€'’‘]?\s*[0-9]))"
    r"(?!\S)",
    re.I,
)


def check_no_open_range(query: str) -> str:
    """Refuse a range of model years with no end (`1995-`), saying the ways to give one."""
    found = _NO_END.search(query)
    if found is None:
        return query
    year = full_year_of(found[1])
    raise UserError(
        f"{plain_quote(found[0])} has no end: say {year}+ for {year} or newer, or give both "
        f"ends, as {year}-{int(year) + 4}."
    )


def said_as_year_ranges(query: str) -> str:
    """`query` with its ranges of model years (`95-99`, `year 1995 to 1999`) as conditions."""
    return _YEAR_RANGE.sub(_year_range, query)


def unmarked_year_ranges(query: str) -> list[tuple[str, int, int]]:
    """The ranges of `query` (read up to its ranges of model years) that nothing says are
    years (`12-16`, `95-99`: no apostrophe, four digits or field name), each as typed with its
    first and last year."""
    return [
        (match[0], int(full_year_of(match[1])), int(full_year_of(match[2])))
        for match in _YEAR_RANGE.finditer(query)
        if match.start() == match.start(1) and len(match[1]) == len(match[2]) == 2
    ]


def said_as_year_words(query: str, this_year: int) -> str:
    """`query` with its model years said in words (`before 2000`, `since '97`) as conditions."""
    oldest = this_year - FIRST_YEAR
    return _YEAR_IN_WORDS.sub(lambda m: _year_in_words(m, oldest), query)


def said_as_short_years(query: str) -> str:
    """`query` with its two-digit model years (`'95`, `year>=95`) in four digits."""
    query = _APOSTROPHE_YEAR.sub(lambda m: _full_year(m[1]) + m[2], query)
    return _SHORT_YEAR.sub(lambda m: m[1] + _full_year(m[2]), query)


def said_as_bare_years(query: str, this_year: int) -> str:
    """`query` with its bare model years (`hijet 1995`, `1995+`) as conditions, read last:
    `1995-1999` is a range, and `under 2000` a price."""
    return _BARE_YEAR.sub(lambda m: _bare_year(m, this_year), query)


def bare_years_in(query: str, this_year: int) -> list[str]:
    """The bare numbers of `query` (read up to its bare years) `said_as_bare_years` would read
    as model years, with no field's name to say so (`hijet 1995`)."""
    return [
        match[2]
        for match in _BARE_YEAR.finditer(query)
        if match[1] is None and not match["after"] and _bare_year(match, this_year) != match[0]
    ]


def named_years(folded: str, this_year: int) -> frozenset[YearSpan]:
    """The model years `folded` (an item's words, folded) names, from 1960 to this year, each
    alone or in a span, its dates left out. A span with an end outside those years, or written
    high to low, is none: its ends written as years are read alone."""
    found: set[YearSpan] = set()
    for match in _NAMED_YEAR.finditer(without_dates(folded, this_year)):
        if match["price"]:
            continue
        first = int(match["four"] or _full_year(match["two"]))
        ends = [first]
        if match["end"] or match["end_mark"]:
            ends.append(int(match["end"] or _full_year(match["end_two"])))
        elif match["end_two"]:
            ends.append(first - first % 100 + int(match["end_two"]))
        if len(ends) == 2 and ends[0] <= ends[1] and all(_named(end, this_year) for end in ends):
            found.add((ends[0], ends[1]))
            continue
        # A bare two-digit end ("1995-05") is a year only as a span's end.
        alone = ends if match["end"] or match["end_mark"] else ends[:1]
        found.update((year, year) for year in alone if _named(year, this_year))
    return frozenset(found)


def _named(year: int, this_year: int) -> bool:
    return FIRST_BARE_YEAR <= year <= this_year


def _full_year(two_digits: str) -> str:
    year = int(two_digits)
    return str(year + (1900 if year >= CENTURY_PIVOT else 2000))


def full_year_of(year: str) -> str:
    """A year as `_YEAR` matches it (1995, 95, '95) in four digits."""
    digits = year.lstrip(_APOSTROPHE)
    return digits if len(digits) == 4 else _full_year(digits)


def _year_in_words(match: re.Match[str], oldest: int) -> str:
    """`before 2000`, `after '95` as a model-year condition; `older than 25`, which could as
    well be an age as the year 2025, is refused with both ways to say it."""
    spoken, typed = " ".join(match[1].casefold().split()), match[2]
    year = full_year_of(typed)
    if spoken == "from":
        raise UserError(
            f"{plain_quote(' '.join(match[0].split()))} could be the model year {year} or {year} "
            f"and newer: say year:{year} for the one model year, or {year}+ for it and newer."
        )
    if spoken in ("older than", "newer than") and typed.isdigit() and int(typed) <= oldest:
        at_most, at_least = ("before", "over") if spoken == "older than" else ("after", "under")
        raise UserError(
            f"{plain_quote(f'{spoken} {typed}')} could be the model year {year} or an age: say "
            f"{at_most} {year} for the model year, or {at_least} {typed} years for an age."
        )
    return f"year{_YEAR_WORDS[spoken]}{year}"


def _year_range(match: re.Match[str]) -> str:
    low, high = full_year_of(match[1]), full_year_of(match[2])
    check_forwards(match[0], float(low), float(high), f"{match[2]}-{match[1]}")
    return f"year>={low} year<={high}"


def _bare_year(match: re.Match[str], this_year: int) -> str:
    year = int(match[2])
    named = match[1] is not None or match["after"] is not None
    if not named and not FIRST_BARE_YEAR <= year <= this_year:
        _refuse_no_model_year(match[2], this_year)
    return f"year>={year}" if match[3] else f"year:{year}"


def _refuse_no_model_year(typed: str, this_year: int) -> None:
    """Refuse a bare number in a model year's shape that no kei truck's is (`hijet 2027`,
    `hijet 1959`), with what it may have been meant as: kept as a word, it would seldom match,
    and the member would not know why."""
    year = int(typed)
    ways = (
        f"for a price, say under ${year:,}; to watch for the number itself, put it in quotes, "
        f'as "{typed}".'
    )
    if year > this_year:
        said = f"is no model year yet (it is {this_year}): {ways}"
    else:
        said = f"is before the first kei trucks ({FIRST_BARE_YEAR}): "
        # An arrival may be older than the first kei trucks (a 1955 truck imported as one).
        said += f"for that model year, say year:{year}; {ways}" if year >= FIRST_YEAR else ways
    raise UserError(f"{plain_quote(typed)} {said}")
