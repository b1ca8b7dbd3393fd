"""A new alert's text as it is kept: what members type for a condition (`model: hijet`,
`state:Texas`, `95-99`, `hijet 1995`, `under 5k`) written as the condition it means, so that
`parse_query` reads it. Kept alerts are read as they were kept, so their meaning never moves;
what a member typed is kept beside, to be listed as typed. The model years an item's words
name are read here too, as an alert's are."""

from __future__ import annotations

import math
import re

from bot.alerts.ages import RANGE_DASH, check_forwards, said_as_ages
from bot.alerts.bounds import check_no_month, said_as_bounds
from bot.alerts.dates import check_no_date, without_dates
from bot.alerts.query import FIELDS_PATTERN, MILES, OPS_PATTERN, as_condition
from bot.alerts.small_words import SmallWords, small_words, without_small_words
from bot.alerts.spellings import fold
from bot.alerts.tokens import (
    OrSaid,
    check_readable,
    ors,
    outside_quotes,
    shown_token,
    tokens,
    without_and,
)
from bot.errors import UserError
from bot.importers.arrivals import FIRST_YEAR
from bot.limits import plain_quote
from bot.states import STATE_NAMES
from bot.trucks import CENTURY_PIVOT, make_and_model

# "model: hijet", "price < 9000": a condition typed with spaces, put together before reading.
_SPACED_CONDITION = re.compile(rf"(?<!\w)({FIELDS_PATTERN})\s*({OPS_PATTERN})\s*(?=\S)", re.I)
# "mileage<30000 mi": a unit typed apart from a mileage's number (not from any number).
_SPACED_UNIT = re.compile(
    rf"(mileage(?:{OPS_PATTERN})[\d,.]+k?)\s+({'|'.join((*MILES, 'km'))})(?!\w)", re.I
)
_BARE_FIELD = re.compile(rf"({FIELDS_PATTERN})({OPS_PATTERN})")
# "state:Colorado", "state: new mexico": a state by name, kept as its code.
_STATE_BY_NAME = re.compile(
    r"(?<!\w)state\s*[:=]\s*("
    + "|".join(name.replace(" ", r"\s+") for name in sorted(STATE_NAMES, key=len, reverse=True))
    + r")(?!\w)",
    re.I,
)
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
# "price 3000-6000", "mileage: 30k-50k mi": a range of a field named with it, as two conditions
# (a bare "3000-6000" names no field).
_AMOUNT = r"\$?\s*\d[\d,.]*k?"
_FIELD_RANGE = re.compile(
    rf"(?<![\w-])(price|mileage)\s*[:=]?\s*({_AMOUNT}){RANGE_DASH}({_AMOUNT})"
    rf"((?:\s*(?:{'|'.join((*MILES, 'km', 'usd'))}))?)(?!\w)",
    re.I,
)
# "under 5k", "below $5,000", "over 3k", "max 5k", "under 30k mi", "grade over 4": an amount
# said in words, as the condition it means: a price, unless its unit or the field named before it
# says a mileage or a grade. Either end is kept in, as "under $5,000" is said of a $5,000 truck.
# A price or mileage under a thousand with no unit, `$` or `k` ("under 5") is refused.
_AT_MOST = ("under", "below", "less than", "max", "maximum", "up to", "at most")
_AT_LEAST = ("over", "above", "more than", "min", "minimum", "at least")
_BOUND_WORDS = "|".join(words.replace(" ", r"\s+") for words in (*_AT_MOST, *_AT_LEAST))
_IN_WORDS = re.compile(
    rf"(?<![\w<>=:])(?:(price|mileage|grade)\s+)?({_BOUND_WORDS})\s*:?\s*({_AMOUNT})"
    rf"(\s*(?:usd|dollars?|\$|{'|'.join((*MILES, 'km'))}))?(?!\w|\$)",
    re.I,
)
# "hijet $5k", "price $5k": a bare `$` amount is a price up to it, as members typing it mean
# (an item seldom holds the word "5k"), read after the bounds and ranges that say otherwise.
_BARE_PRICE = re.compile(
    r"(?<![\w<>=:.,$-])(?:price\s+)?(?P<typed>\$\s?(\d+(?:[.,]\d+)*k?))(?![\w$%]|[.,]\d)", re.I
)
# A word beside an amount in words that says it is a model year (`year under 95`): it is not
# given a price's advice.
_YEAR_WORD_BEFORE = re.compile(r"(?<!\w)years?\s*:?\s*$", re.I)
_YEAR_WORD_AFTER = re.compile(r"\s*years?(?![\w:<>=]|\s+old(?!\w))", re.I)
# Measures alerts have no condition on, as members put them after an amount in words (`under 5
# tons`, `over 50hp`, `over 100 km/h`): refused naming the measure, not read as a price or a
# mileage (`km/h` is no km).
_UNKNOWN_MEASURES = (
    *("owners?", "doors?", "seats?", "hours?", "hrs", "cylinders?", "cyl", "tons?", "tonnes?"),
    *("kg", "kilos?", "lbs?", "pounds?", "cc", "liters?", "litres?", "hp", "horsepower", "ps"),
    *("kw", "mpg", "km/h", "kmh", "kph", "mph", "km/l"),
)
_MEASURE_IN_WORDS = re.compile(
    rf"(?<![\w<>=:])(?:{_BOUND_WORDS})\s*:?\s*\$?\s*\d[\d,.]*k?\s*({'|'.join(_UNKNOWN_MEASURES)})(?![\w/])",
    re.I,
)
# `660 cc`: an engine size, one word as `660cc` is, whichever way an item writes it.
_SPACED_CC = re.compile(r"(?<![\w.,])(\d+)\s+(cc)(?!\w)", re.I)
_KNOWN = "year, age, price, mileage, grade, model, make, drive, state and code (as in before 95, "
_KNOWN += "under 10 years, under 5k, under 30k mi or grade>=4)"
# "before 2000", "after '95", "newer than 1995": a model year said in words.
_YEAR_WORDS = {"before": "<", "older than": "<", "after": ">", "newer than": ">", "since": ">="}
_YEAR_IN_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(w.replace(" ", r"\s+") for w in _YEAR_WORDS) + rf")\s+({_YEAR})(?!\w)",
    re.I,
)
# A price's words before a number, and a currency or a measure after it: the number is then
# no model year, in an alert (`hijet asking 1995`) as in an item's words ("asking 1995").
_PRICE_WORDS = ("price", "priced", "asking", "obo", "usd")
_MEASURE_AFTER = r"\s*(?:km|mi|miles?|cc|usd|dollars?|bucks|obo|\$)(?!\w)"
# "hijet 1995", "1995+ hijet", "year 1995": a bare four-digit number from 1960 (the first kei
# trucks) to this year is a model year, as a listing's "1995 Hijet" says; a number after
# `$`, a sign, a price's word or a field's name, before a unit, or within a word is none;
# quoted, it is a word.
_BARE_YEAR = re.compile(
    r"(?<![\w<>=:.,$#+-])"
    + "".join(
        rf"(?<!{re.escape(word)}\s)(?<!{re.escape(word)}:\s)"
        for word in (*_PRICE_WORDS, "$", "mileage", "grade")
    )
    + rf"(?:(?:model\s+)?(years?)\s*:?\s*)?((?:19|20)\d\d)(\+)?"
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
# Signs as phones and other habits write them: `price≤5000`, `price=<5000`, `price==5000`.
_SIGN_SPELLINGS = {"≤": "<=", "≦": "<=", "=<": "<=", "≥": ">=", "≧": ">=", "=>": ">=", "==": "="}
_SPELT_SIGN = re.compile(rf"(?<!\w)({FIELDS_PATTERN})\s*(≤|≦|=<|≥|≧|=>|==)", re.I)
# Signs a condition does not take: "not equal" (`price!=5000`), refused rather than read as words.
_NO_SIGN = re.compile(rf"^({FIELDS_PATTERN})\s*(!=|<>|≠|=!)", re.I)
# "'95 hijet": a model year as owners say it, the year it means (1995).
_APOSTROPHE_YEAR = re.compile(rf"(?<!\S)[{_APOSTROPHE}](\d\d)(?!\S)")
# "year>=95", "year<='05": a model year in two digits, as owners say it.
_SHORT_YEAR = re.compile(
    rf"(?<!\w)(year(?:{OPS_PATTERN}))[{_APOSTROPHE}]?(\d\d)(?!\w|[.,]\d)", re.I
)
# A comma between two words parts them (`hijet,carry`); between digits it is a number's.
_COMMA_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])")


def tidy_query(text: str, *, this_year: int) -> str:
    """A new alert's text as it is kept: one space between words, and conditions typed with
    spaces put together (`model: hijet` is `model:hijet`, `mileage < 30000 mi` is
    `mileage<30000mi`), a state by name kept as its code (`state:CO`), ranges, years and
    amounts in words kept as conditions (`year 1995-1999` and `95-99` are
    `year>=1995 year<=1999`, `hijet 1995` is `hijet year:1995`, `under 5k` is `price<=5k`);
    a field with no value, or a range written high to low, is refused."""
    query = without_small_words(_said(text, this_year))
    for token in tokens(query):
        if not token.quoted and _BARE_FIELD.fullmatch(fold(token.text)):
            raise UserError(
                f"{plain_quote(token.text)} needs a value, as in model:hijet or grade>=4."
            )
        if not token.quoted and _NO_SIGN.match(token.text):
            raise UserError(
                f"{plain_quote(token.text)}: conditions take :, <, <=, > or >=; to leave a "
                "word out, put a minus before it, as in -dump."
            )
    check_readable(
        query, lambda text: as_condition(text) is not None, _typed_ors(text, query, this_year)
    )
    _check_no_trucks_apart(query)
    return query


def _said(text: str, this_year: int) -> str:
    """`text` with its conditions put together and said as conditions, small words still in."""
    query = " ".join(text.split())
    outside_quotes(query, lambda part: check_no_month(check_no_date(part, this_year)))
    return " ".join(outside_quotes(query, lambda part: _tidy_words(part, this_year)).split())


def small_words_of(typed: str, this_year: int) -> SmallWords:
    """What became of the small words of `typed`, read as a new alert, to say so."""
    return small_words(_said(typed, this_year))


def _typed_ors(typed: str, query: str, this_year: int) -> list[OrSaid] | None:
    """The ORs of `query` (`typed` as read) quoted as typed, the whole stretch each side reads
    from (`under 5k or 1995`, not the `price<=5k or 1995` it is read as, nor `5k or 1995`);
    None where they cannot be told apart."""
    shown = [shown_token(token) for token in tokens(" ".join(typed.split()))]

    def read(words: list[str]) -> str:
        return without_small_words(_said(" ".join(words), this_year))

    def read_tokens(words: list[str]) -> list[str] | None:
        try:
            return [shown_token(token) for token in tokens(read(words))]
        except UserError:
            return None  # a part read alone is refused

    def side(words: list[str], read_side: str, nearest_last: bool) -> tuple[str, str]:
        """The fewest of `words` next to the OR (their last, or their first) that read, beside
        the rest, as all of them do (`under 5k`, of which `5k` alone reads otherwise), to quote;
        and the alert to give for that side: those words where alone they read as here (not
        `5` of `grade 4 or 5`), else `read_side`."""
        whole = read_tokens(words)
        for size in range(1, len(words) + 1):
            near, rest = (
                (words[-size:], words[:-size]) if nearest_last else (words[:size], words[size:])
            )
            near_read, rest_read = read_tokens(near), read_tokens(rest)
            if not near_read or rest_read is None:
                continue
            if (rest_read + near_read if nearest_last else near_read + rest_read) == whole:
                alone = near_read[-1 if nearest_last else 0] == read_side
                return " ".join(near), " ".join(near) if alone else read_side
        return read_side, read_side

    # An OR that says a bound (`1995 or newer`) is read as one, so is none: an OR is kept where
    # the words read with it keep one more than read without it.
    read_ors = ors(query)
    kept: list[int] = []
    at = -1
    try:
        for said in ors(typed):
            at = shown.index(said[1], at + 1)
            if len(read_ors) > len(ors(read(shown[:at] + shown[at + 1 :]))):
                kept.append(at)
    except UserError:
        return None  # the words read without it are refused
    if len(kept) != len(read_ors):
        return None
    found: list[OrSaid] = []
    for at, (read_before, _, read_after) in zip(kept, read_ors, strict=True):
        typed_before, before = side(shown[:at], read_before, nearest_last=True)
        typed_after, after = side(shown[at + 1 :], read_after, nearest_last=False)
        found.append((" ".join((typed_before, shown[at], typed_after)).strip(), before, after))
    return found


def _check_no_trucks_apart(query: str) -> None:
    """Refuse `hijet/carry`: a slash between two trucks means either, where between other
    words (`a/c`) it is read as the phrase an item's text holds."""
    found = tokens(query)
    for token in found:
        if token.quoted or token.left_out or "/" not in token.text:
            continue
        parts = [part for part in token.text.split("/") if part]
        models = {make_and_model(part)[1] for part in parts}
        if len(parts) < 2 or None in models or len(models) < len(parts):
            continue
        rest = " ".join(shown_token(other) for other in found if other is not token)
        each = ", ".join(plain_quote(f"{part} {rest}".strip()) for part in parts)
        raise UserError(
            f"Alerts have no OR, so {plain_quote(token.text)} would wait for the phrase "
            f"{plain_quote(' '.join(parts))}; for any of them, add an alert for each: {each}."
        )


def _tidy_words(query: str, this_year: int) -> str:
    """Conditions put together and words said as conditions made them (see `tidy_query`),
    in text outside quotes."""
    said = _said_as_conditions(query, this_year)
    return _BARE_YEAR.sub(lambda m: _bare_year(m, this_year), said)


def _said_as_conditions(query: str, this_year: int) -> str:
    """`_tidy_words` but for bare years, read last: `1995-1999` is a range, and
    `under 2000` a price."""
    query = _BARE_PRICE.sub(_bare_price, _before_bare_prices(query, this_year))
    query = _YEAR_IN_WORDS.sub(lambda m: _year_in_words(m, this_year - FIRST_YEAR), query)
    query = _SPACED_UNIT.sub(r"\1\2", _SPACED_CONDITION.sub(r"\1\2", query))
    query = _APOSTROPHE_YEAR.sub(lambda m: _full_year(m[1]), query)
    return _SHORT_YEAR.sub(lambda m: m[1] + _full_year(m[2]), query)


def _before_bare_prices(query: str, this_year: int) -> str:
    """`_said_as_conditions` up to its bare `$` amounts: `under $5k` is said already."""
    query = _YEAR_RANGE.sub(_year_range, _before_year_ranges(query, this_year))
    _check_no_unknown_measure(query)
    return _IN_WORDS.sub(_in_words, _SPACED_CC.sub(r"\1\2", query))


def _before_year_ranges(query: str, this_year: int) -> str:
    """`_said_as_conditions` up to its ranges of model years."""
    said = said_as_bounds(said_as_ages(query, this_year))
    query = _COMMA_BETWEEN_WORDS.sub(", ", without_and(said))
    query = _SPELT_SIGN.sub(lambda m: m[1] + _SIGN_SPELLINGS[m[2]], query)
    query = _STATE_BY_NAME.sub(
        lambda m: f"state:{STATE_NAMES[' '.join(m[1].split()).casefold()]}", query
    )
    # A price or mileage range first: `price 1500-2000` is not a range of model years.
    return _FIELD_RANGE.sub(_field_range, query)


def year_ranges(typed: str, this_year: int) -> list[tuple[str, int, int]]:
    """The ranges of `typed` read as model years though nothing says years (`12-16`, `95-99`:
    no apostrophe, four digits or field name), each as typed with its first and last year, to
    say so: a member meaning the numbers themselves quotes them."""
    found: list[tuple[str, int, int]] = []

    def collect(part: str) -> str:
        for match in _YEAR_RANGE.finditer(_before_year_ranges(part, this_year)):
            if match.start() == match.start(1) and len(match[1]) == len(match[2]) == 2:
                found.append((match[0], int(_full(match[1])), int(_full(match[2]))))
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found


def bare_prices(typed: str, this_year: int) -> list[str]:
    """The bare `$` amounts of `typed` read as prices up to them (`hijet $5k`), as typed, to
    say so: a member meaning another bound says it."""
    found: list[str] = []

    def collect(part: str) -> str:
        found.extend(m["typed"] for m in _BARE_PRICE.finditer(_before_bare_prices(part, this_year)))
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found


def bare_years(typed: str, this_year: int) -> list[str]:
    """The bare numbers of `typed` read as model years (`hijet 1995`), to say so: a member
    meaning the number itself as a word quotes it."""
    found: list[str] = []

    def collect(part: str) -> str:
        for match in _BARE_YEAR.finditer(_said_as_conditions(part, this_year)):
            if match[1] is None and _bare_year(match, this_year) != match[0]:
                found.append(match[2])
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found


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


def _full(year: str) -> str:
    """A year as `_YEAR` matches it (1995, 95, '95) in four digits."""
    digits = year.lstrip(_APOSTROPHE)
    return digits if len(digits) == 4 else _full_year(digits)


def _spoken(words: str) -> str:
    return " ".join(words.casefold().split())


def _year_in_words(match: re.Match[str], oldest: int) -> str:
    """`before 2000`, `after '95` as a model-year condition; `older than 25`, which could as
    well be an age as the year 2025, is refused with both ways to say it."""
    spoken, typed = _spoken(match[1]), match[2]
    year = _full(typed)
    if spoken in ("older than", "newer than") and typed.isdigit() and int(typed) <= oldest:
        at_most, at_least = ("before", "over") if spoken == "older than" else ("after", "under")
        raise UserError(
            f"{plain_quote(f'{spoken} {typed}')} could be the model year {year} or an age: say "
            f"{at_most} {year} for the model year, or {at_least} {typed} years for an age."
        )
    return f"year{_YEAR_WORDS[spoken]}{year}"


def _year_range(match: re.Match[str]) -> str:
    low, high = _full(match[1]), _full(match[2])
    check_forwards(match[0], float(low), float(high), f"{match[2]}-{match[1]}")
    return f"year>={low} year<={high}"


def _bare_year(match: re.Match[str], this_year: int) -> str:
    year = int(match[2])
    if match[1] is None and not FIRST_BARE_YEAR <= year <= this_year:
        return match[0]  # `hijet 2040`, `hijet 1950`: a number, not a model year
    return f"year>={year}" if match[3] else f"year:{year}"


def _field_range(match: re.Match[str]) -> str:
    field, low, high, unit = match[1].casefold(), match[2], match[3], "".join(match[4].split())
    check_forwards(match[0], _amount(low), _amount(high), f"{field} {high}-{low}{unit}")
    return f"{field}>={low.replace(' ', '')}{unit} {field}<={high.replace(' ', '')}{unit}"


def _amount(typed: str) -> float:
    """A range's side as a number, only to tell which is the lower (`$5k`, `9,000`)."""
    cleaned = typed.replace("$", "").replace(",", "").strip().casefold()
    thousands = 1000 if cleaned.endswith("k") else 1
    try:
        return float(cleaned.removesuffix("k")) * thousands
    except ValueError:
        return math.nan  # `1.2.3`: the condition made of it is refused, naming it


def _in_words(match: re.Match[str]) -> str:
    unit = "".join((match[4] or "").split()).casefold()
    miles_or_km = unit in (*MILES, "km")
    field = (match[1] or ("mileage" if miles_or_km else "price")).casefold()
    op = "<=" if _spoken(match[2]) in _AT_MOST else ">="
    amount = match[3].replace("$", "").replace(" ", "")
    if not match[1] and not unit and amount == match[3]:
        _check_is_amount(match)
    if field != "grade" and not unit and amount == match[3]:
        _check_has_unit(match, field, amount)
    # A price's "usd" or "dollars" says what `price` does already; a mileage keeps its unit.
    return f"{field}{op}{amount}{unit if miles_or_km else ''}"


def _bare_price(match: re.Match[str]) -> str:
    """`$5k` as a price up to it; `$5`, under $100, is refused: no truck is $5, and reading it
    as $5,000 would be a guess."""
    amount = match[2]
    number = _amount(amount)
    if not amount.casefold().endswith("k") and number < 100:
        raise UserError(
            f"{plain_quote(match['typed'])} would read as a price of at most ${amount}, which no "
            f"truck is: say ${amount}k or ${number * 1000:,.0f}."
        )
    return f"price<={amount}"


def _check_is_amount(match: re.Match[str]) -> None:
    """Refuse an amount in words that a word beside it says is a model year (`year under 95`,
    `under 95 year`), with the way to say it: `before` or `after`."""
    said = f"{_spoken(match[2])} {match[3]}"
    before, after = match.string[: match.start()], match.string[match.end() :]
    year_before, year_after = _YEAR_WORD_BEFORE.search(before), _YEAR_WORD_AFTER.match(after)
    if (year_before or year_after) and re.fullmatch(r"\d\d|(?:19|20)\d\d", match[3]):
        typed = f"{year_before[0].strip()} {said}" if year_before else f"{said} {year_after[0]}"
        words, sign = ("before", "<") if _spoken(match[2]) in _AT_MOST else ("after", ">")
        raise UserError(
            f"{plain_quote(' '.join(typed.split()))} would read {match[3]} as a price: for a "
            f"model year, say {words} {match[3]} (year{sign}{_full(match[3])})."
        )


def _check_no_unknown_measure(query: str) -> None:
    """Refuse an amount in words of a measure alerts have no condition on (`under 3 owners`),
    naming it and the conditions there are."""
    found = _MEASURE_IN_WORDS.search(query)
    if found is None:
        return
    measure = found[1].casefold()
    engine = (
        " Every kei truck since 1990 is 660 cc at most; to find items that name an engine size, "
        "give it as a word, as in 660cc."
        if measure == "cc"
        else ""
    )
    raise UserError(
        f"{plain_quote(' '.join(found[0].split()))}: alerts have no condition on "
        f"{plain_quote(measure)}; the conditions they know are {_KNOWN}. Leave it out, or give "
        f"words an item holds.{engine}"
    )


def _check_has_unit(match: re.Match[str], field: str, amount: str) -> None:
    """Refuse an amount in words under a thousand with no unit, `$` or `k` (`under 5`): no truck
    is $5 or 5 km, and guessing the thousands would be a guess."""
    number = _amount(amount)
    if amount.casefold().endswith("k") or not number < 1000:
        return
    said = " ".join(f"{match[1] or ''} {match[2]}".split())
    if field == "mileage":
        read, hints = f"{amount} km", f"{said} {amount}k mi or {said} {amount}k km"
    else:
        read, hints = f"${amount}", f"{said} {amount}k or {said} ${number * 1000:,.0f}"
        if not match[1]:
            hints += f" for a price, or {said} {amount}k mi for a mileage"
    raise UserError(
        f"{plain_quote(f'{said} {amount}')} has no unit, so it would read as a {field} of "
        f"{read}: say {hints}."
    )
