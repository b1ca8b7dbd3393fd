"""What an alert asks: its words and its field conditions on arrivals, read from what the
member typed, checked, and described back to them."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import NamedTuple

from bot.alerts.spellings import (
    MAX_PHRASE,
    WORD,
    concepts,
    concepts_of_text,
    emoji_apart,
    fold,
    is_emoji,
    is_spaced,
)
from bot.alerts.tokens import (
    Token,
    check_readable,
    outside_quotes,
    phrase_words,
    shown_token,
    tokens,
    without_and,
)
from bot.errors import UserError
from bot.importers import Arrival
from bot.importers.arrivals import FIRST_YEAR, KM_PER_MILE, MAX_MILEAGE_KM, MAX_PRICE_USD
from bot.limits import plain_quote
from bot.models import find_model, normalize_code
from bot.states import STATE_NAMES, state_code
from bot.trucks import CENTURY_PIVOT, make_and_model

MAX_QUERY = 200
MAX_WORDS = 8
NUMERIC_FIELDS = {"grade", "price", "year", "mileage"}
TEXT_FIELDS = {"model", "make", "drive", "state", "code"}
_FIELDS = "|".join(sorted(NUMERIC_FIELDS | TEXT_FIELDS))
_OPS = ">=|<=|:|=|>|<"  # the two-character ones first
_CONDITION = re.compile(rf"^(?P<field>[a-z]+)(?P<op>{_OPS})(?P<value>.+)$")
ARRIVALS = "\x00arrival"  # the index key of alerts made only of field conditions
# Words nearly every announcement holds: an alert of these alone would DM its member for all.
FILLER_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "is", "of", "on", "or", "the", "to"})
GRADE_RANGE = (0.0, 9.0)  # numbered auction grades: 0 for R at some houses, 7-9 at a few
# "model: hijet", "price < 9000": a condition typed with spaces, put together before reading.
_SPACED_CONDITION = re.compile(rf"(?<!\w)({_FIELDS})\s*({_OPS})\s*(?=\S)", re.I)
_MILES = ("miles", "mile", "mi")
# "mileage<30000 mi": a unit typed apart from a mileage's number (not from any number).
_SPACED_UNIT = re.compile(
    rf"(mileage(?:{_OPS})[\d,.]+k?)\s+({'|'.join((*_MILES, 'km'))})(?!\w)", re.I
)
# The largest value each number field may be given: past it no arrival can be described.
_LARGEST = {"grade": 10, "price": MAX_PRICE_USD, "mileage": MAX_MILEAGE_KM, "year": 9999}
# What an arrival can carry, where narrower than "not below 0": a condition beyond it meets none
# (a model year is also at most this one, as the arrival form holds it).
_REACHABLE = {"grade": GRADE_RANGE, "year": (float(FIRST_YEAR), math.inf)}
# "Hijet's" asks for the truck, not for the phrase "hijet s" an item's text rarely holds.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s$")
_BARE_FIELD = re.compile(rf"({_FIELDS})({_OPS})")
_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", ":": "="}
# "state:Colorado", "state: new mexico": a state by name, kept as its code.
_STATE_BY_NAME = re.compile(
    r"(?<!\w)state\s*[:=]\s*("
    + "|".join(name.replace(" ", r"\s+") for name in sorted(STATE_NAMES, key=len, reverse=True))
    + r")(?!\w)",
    re.I,
)
_RANGE_DASH = r"\s*(?:-|–|—|~|to|\.\.)\s*"
# "1995-1999", "year 1995-1999", "years: 1995 to 1999": a range of model years, as two
# conditions; the field's name with it is the range's, not a word an item must hold.
_YEAR_RANGE = re.compile(
    rf"(?<![\w<>=:.,$])(?:(?:model\s+)?years?\s*[:=]?\s*)?((?:19|20)\d\d){_RANGE_DASH}"
    r"((?:19|20)\d\d)(?!\w)",
    re.I,
)
# "price 3000-6000", "mileage: 30k-50k mi": a range of a field named with it, as two conditions
# (a bare "3000-6000" names no field).
_AMOUNT = r"\$?\s*\d[\d,.]*k?"
_FIELD_RANGE = re.compile(
    rf"(?<![\w-])(price|mileage)\s*[:=]?\s*({_AMOUNT}){_RANGE_DASH}({_AMOUNT})"
    rf"((?:\s*(?:{'|'.join((*_MILES, 'km', 'usd'))}))?)(?!\w)",
    re.I,
)
# "under $5000", "over $3k": a price said in words, as the condition it means.
_PRICE_IN_WORDS = re.compile(
    r"(?<!\w)(under|below|less\s+than|max|up\s+to|over|above|more\s+than)\s*\$\s*(\d[\d,.]*k?)(?!\w)",
    re.I,
)
_AT_MOST = ("under", "below", "less", "max", "up")
# Signs as phones and other habits write them: `price≤5000`, `price=<5000`, `price==5000`.
_SIGN_SPELLINGS = {"≤": "<=", "≦": "<=", "=<": "<=", "≥": ">=", "≧": ">=", "=>": ">=", "==": "="}
_SPELT_SIGN = re.compile(rf"(?<!\w)({_FIELDS})\s*(≤|≦|=<|≥|≧|=>|==)", re.I)
# Signs a condition does not take: "not equal" (`price!=5000`), refused rather than read as words.
_NO_SIGN = re.compile(rf"^({_FIELDS})\s*(!=|<>|≠|=!)", re.I)
# "year>=95", "year<='05": a model year in two digits, as owners say it.
# "'95 hijet": a model year as owners say it, a word as listings write it (1995).
_APOSTROPHE_YEAR = re.compile(r"(?<!\S)['’‘](\d\d)(?!\S)")
_SHORT_YEAR = re.compile(rf"(?<!\w)(year(?:{_OPS}))['’]?(\d\d)(?!\w|[.,]\d)", re.I)
# A comma between two words parts them (`hijet,carry`); between digits it is a number's.
_COMMA_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])")
# Japanese brackets and punctuation part words as spaces do: `「ハイゼット」`, `ハイゼット、ダンプ`.
_JAPANESE_PUNCTUATION = re.compile(r"[、。「」『』【】〈〉《》〔〕・…]+")
# A condition's value ends where a sentence's punctuation starts: `price<=5k.`, `state:TX,`.
_TRAILING = ".,;!?)"
# Drives as papers and listings write them.
_DRIVES = {"4x4": "4wd", "awd": "4wd", "4x2": "2wd"}


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # ":" (is), ">=", "<=", ">", "<"
    value: str | float

    def holds(self, arrival: Arrival) -> bool:
        if self.field in NUMERIC_FIELDS:
            actual = _number(arrival, self.field)
            if actual is None:
                return False
            target = float(self.value)
            return {
                ">=": actual >= target,
                "<=": actual <= target,
                ">": actual > target,
                "<": actual < target,
                ":": actual == target,
            }[self.op]
        actual_text = {
            "model": f"{arrival.make} {arrival.model}",
            "make": arrival.make,
            "drive": arrival.drive or "",
            "state": arrival.state or "",
            "code": arrival.model_code or "",
        }[self.field]
        wanted = str(self.value)
        if self.field == "code":
            return normalize_code(actual_text) == normalize_code(model_code(wanted))
        if self.field == "model":
            return any(concept in concepts_of_text(actual_text) for concept in concepts(wanted))
        return fold(actual_text) == fold(wanted)


@dataclass(frozen=True)
class Alert:
    id: int
    guild_id: int
    member_id: int
    query: str
    words: tuple[str, ...]
    conditions: tuple[Condition, ...]
    excluded: tuple[str, ...]  # words and phrases an item must not hold (`-dump`)


class Query(NamedTuple):
    words: tuple[str, ...]
    conditions: tuple[Condition, ...]
    excluded: tuple[str, ...]


def parse_query(text: str) -> Query:
    """`hijet "dump bed" -rust grade>=4 state:TX` → words and phrases, field conditions, and
    the words and phrases left out."""
    query = " ".join(text.split())
    if not query:
        raise UserError("Give some words to watch for, such as `hijet 4wd dump`.")
    if len(query) > MAX_QUERY:
        raise UserError(f"An alert is at most {MAX_QUERY} characters.")
    words: list[str] = []
    excluded: list[str] = []
    conditions: list[Condition] = []
    for token in tokens(query):
        match = None if token.left_out or token.quoted else _as_condition(token.text)
        if match:
            conditions.append(_condition(match["field"], match["op"], match["value"], token.text))
            continue
        found = _words_of(token)
        if not found:
            raise UserError(f"{plain_quote(token.text)} is not a word to watch for.")
        (excluded if token.left_out else words).extend(found)
    if len(words) + len(excluded) > MAX_WORDS:
        raise UserError(f"At most {MAX_WORDS} words an alert; fewer words match more often.")
    return Query(tuple(dict.fromkeys(words)), tuple(conditions), tuple(dict.fromkeys(excluded)))


def _as_condition(text: str) -> re.Match[str] | None:
    match = _CONDITION.match(fold(text))
    return match if match and match["field"] in NUMERIC_FIELDS | TEXT_FIELDS else None


def _words_of(token: Token) -> list[str]:
    """What a token asks for: a quoted phrase as one word, as an item's text reads it (or word
    by word, where it cannot be one); a bare token read word by word."""
    phrase = phrase_words(token) if token.quoted else None
    if phrase:
        return [" ".join(phrase)]
    return [
        word
        for bare in _JAPANESE_PUNCTUATION.sub(" ", token.text).split()
        for part in emoji_apart(fold(bare))
        for word in _token_words(_POSSESSIVE.sub("", part.strip(".,;!?\"'()[]")))
    ]


def _token_words(part: str) -> list[str]:
    """What a part of a typed word asks for: an emoji as written, a word as `_as_matched`
    reads it, and nothing for punctuation alone."""
    if part and is_emoji(part[0]):
        return [part]
    return _as_matched(part) if WORD.search(part) else []


def _as_matched(word: str) -> list[str]:
    """A Latin word as an item's text is read: `a/c`, `camper-shell` and `9,000` are split
    there into the phrases "a c", "camper shell" and "9 000", so the alert asks for those (a
    run longer than any phrase looked for is asked for part by part). Other scripts are
    matched as written, anywhere in the text."""
    if not is_spaced(word):
        return [word]
    parts = WORD.findall(word)
    if len(parts) > MAX_PHRASE:
        return parts
    return [" ".join(parts)]


def _condition(field: str, op: str, value: str, token: str) -> Condition:
    op = ":" if op == "=" else op
    value = value.rstrip(_TRAILING) or value
    if field in NUMERIC_FIELDS:
        if field == "grade":  # `4,5`: grades are at most 10, so a comma is a decimal one
            value = value.replace(",", ".")
        cleaned = value.replace(",", "").replace("$", "").removeprefix("usd").removesuffix("usd")
        # Arrivals give the odometer in km, as Japanese trucks show it; miles are converted.
        units = (*_MILES, "km") if field == "mileage" else ()
        unit = next((unit for unit in units if cleaned.endswith(unit)), "")
        cleaned, miles = cleaned.removesuffix(unit), unit in _MILES
        # "5k", "30k mi": thousands, as prices and odometers are said.
        thousands = 1000 if cleaned.endswith("k") else 1
        cleaned = cleaned.removesuffix("k")
        try:
            number = float(cleaned) * thousands
        except ValueError:
            raise UserError(f"{plain_quote(token)}: {field} takes a number.") from None
        if not cleaned.isascii():
            raise UserError(f"{plain_quote(token)}: {field} takes a number.")
        if miles and math.isfinite(number):
            number = round(number * KM_PER_MILE)
        return Condition(field, op, number)
    if op != ":":
        raise UserError(f"{plain_quote(token)}: {field} is matched with `:`, as in {field}:…")
    if field == "state":
        code = state_code(value)
        if code is None:
            raise UserError(
                f"{plain_quote(token)}: not a US state; give its two letters, like TX, or its name."
            )
        value = code
    value = _DRIVES.get(value, value) if field == "drive" else value
    if field == "drive" and value not in ("2wd", "4wd"):
        raise UserError(f"{plain_quote(token)}: drive is 2wd or 4wd.")
    return Condition(field, op, value)


def tidy_query(text: str) -> str:
    """A new alert's text as it is kept: one space between words, and conditions typed with
    spaces put together (`model: hijet` is `model:hijet`, `mileage < 30000 mi` is
    `mileage<30000mi`), a state by name kept as its code (`state:CO`), a range and a price
    in words kept as conditions (`year 1995-1999` is `year>=1995 year<=1999`, `under $5000`
    is `price<=5000`); a field with no value, or a range written high to low, is refused.
    Kept alerts are read as they were kept, so their meaning never moves."""
    query = " ".join(outside_quotes(" ".join(text.split()), _tidy_words).split())
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
    check_readable(query, lambda text: _as_condition(text) is not None)
    _check_no_trucks_apart(query)
    return query


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


def _tidy_words(query: str) -> str:
    """Conditions put together and words said as conditions made them (see `tidy_query`),
    in text outside quotes."""
    query = _COMMA_BETWEEN_WORDS.sub(", ", without_and(query))
    query = _SPELT_SIGN.sub(lambda m: m[1] + _SIGN_SPELLINGS[m[2]], query)
    query = _STATE_BY_NAME.sub(
        lambda m: f"state:{STATE_NAMES[' '.join(m[1].split()).casefold()]}", query
    )
    # A price or mileage range first: `price 1500-2000` is not a range of model years.
    query = _FIELD_RANGE.sub(_field_range, query)
    query = _YEAR_RANGE.sub(_year_range, query)
    query = _PRICE_IN_WORDS.sub(_price_in_words, query)
    query = _SPACED_UNIT.sub(r"\1\2", _SPACED_CONDITION.sub(r"\1\2", query))
    query = _APOSTROPHE_YEAR.sub(lambda m: _full_year(m[1]), query)
    return _SHORT_YEAR.sub(lambda m: m[1] + _full_year(m[2]), query)


def _full_year(two_digits: str) -> str:
    year = int(two_digits)
    return str(year + (1900 if year >= CENTURY_PIVOT else 2000))


def _year_range(match: re.Match[str]) -> str:
    _check_forwards(match[0], float(match[1]), float(match[2]), f"{match[2]}-{match[1]}")
    return f"year>={match[1]} year<={match[2]}"


def _field_range(match: re.Match[str]) -> str:
    field, low, high, unit = match[1].casefold(), match[2], match[3], "".join(match[4].split())
    _check_forwards(match[0], _amount(low), _amount(high), f"{field} {high}-{low}{unit}")
    return f"{field}>={low.replace(' ', '')}{unit} {field}<={high.replace(' ', '')}{unit}"


def _amount(typed: str) -> float:
    """A range's side as a number, only to tell which is the lower (`$5k`, `9,000`)."""
    cleaned = typed.replace("$", "").replace(",", "").strip().casefold()
    thousands = 1000 if cleaned.endswith("k") else 1
    try:
        return float(cleaned.removesuffix("k")) * thousands
    except ValueError:
        return math.nan  # `1.2.3`: the condition made of it is refused, naming it


def _check_forwards(typed: str, low: float, high: float, turned: str) -> None:
    """Refuse a range written high to low: `1999-1995` may be a slip for another range, so
    it is not silently turned round."""
    if low > high:
        raise UserError(
            f"{plain_quote(typed)} runs backwards: give the lower end first, as {turned}."
        )


def _price_in_words(match: re.Match[str]) -> str:
    op = "<=" if match[1].casefold().startswith(_AT_MOST) else ">="
    return f"price{op}{match[2]}"


def check_useful(
    query: str,
    words: tuple[str, ...],
    conditions: tuple[Condition, ...],
    excluded: tuple[str, ...],
    *,
    this_year: int,
) -> None:
    """Refuse a new alert that would match nearly every announcement, or none; no arrival is
    of a model year after `this_year`."""
    if not words and not conditions and excluded:
        raise UserError(
            f"{plain_quote(query)} only leaves words out, so it would match almost every "
            "announcement: name a word to watch for too, as in `hijet -dump`."
        )
    if not conditions and all(_filler(word) for word in words):
        raise UserError(
            f"{plain_quote(query)} would match almost every announcement: name a model, a "
            "make or a part, such as `hijet dump`."
        )
    for condition in conditions:
        if condition.field == "code" and find_model(str(condition.value)) is None:
            raise UserError(
                f"{plain_quote(str(condition.value))} is not a model code I know, so no arrival "
                "would match it; use one such as S110P or DA63T."
            )
        if condition.field not in NUMERIC_FIELDS:
            continue
        low, high = _REACHABLE.get(condition.field, (0.0, math.inf))
        if condition.field == "year":
            high = float(this_year)
        number, largest = float(condition.value), _LARGEST[condition.field]
        if not math.isfinite(number) or abs(number) > largest:
            raise UserError(f"A {condition.field} is a number up to {largest:,}.")
        reachable = {
            ">=": number <= high,
            ">": number < high,
            "<=": number >= low,
            "<": number > low,
            ":": low <= number <= high,
        }[condition.op]
        if not reachable and condition.field == "year" and number >= high:
            raise UserError(
                f"It is {this_year}, so no truck built after {this_year} has arrived, and none "
                f"would match {describe(condition)}."
            )
        if not reachable:
            scale = {
                "grade": f"Auction grades are numbered {low:g} to {high:g}",
                "year": f"Arrivals are model years {low:g} to {high:g}",
            }.get(condition.field, f"A {condition.field} is never below 0")
            raise UserError(f"{scale}, so no truck would match {describe(condition)}.")


def describe(condition: Condition) -> str:
    """A condition as the alert reads it: `mileage ≤ 48,280 km (30,000 mi)`, `state = TX`."""
    symbol = _SYMBOLS[condition.op]
    if condition.field not in NUMERIC_FIELDS:
        value = str(condition.value)
        if condition.field == "code":
            value = model_code(value)
        shown = value.upper() if condition.field in ("state", "code") else value
        return f"{condition.field} {symbol} {shown}"
    number = float(condition.value)
    # A fraction is shown as typed: `year:1995.5` is refused, and must not read as 1996.
    digits = ",.0f" if number.is_integer() else ",g"
    shown = {
        "price": f"{'-' if number < 0 else ''}${abs(number):{digits}}",
        "mileage": f"{number:{digits}} km ({number / KM_PER_MILE:,.0f} mi)",
        "year": f"{number:{digits.lstrip(',')}}",
    }.get(condition.field, f"{number:g}")
    return f"{condition.field} {symbol} {shown}"


def reading(alert: Alert) -> str:
    """How an alert was read: its words (a phrase in quotes), what it leaves out, then its
    conditions."""
    parts = [", ".join(_shown(word) for word in alert.words)] if alert.words else []
    parts += [f"not {_shown(word)}" for word in alert.excluded]
    return " · ".join(parts + [describe(condition) for condition in alert.conditions])


def _shown(word: str) -> str:
    return f'"{word}"' if " " in word else word


def model_code(text: str) -> str:
    """A model code as an arrival keeps it (`EBD-DA63T` is DA63T); an unknown one as typed."""
    known = find_model(text)
    return text if known is None else known.code


def _filler(word: str) -> bool:
    # One Latin letter or digit says nothing; one kanji (軽) may say a lot.
    return word in FILLER_WORDS or (len(word) < 2 and is_spaced(word))


def meaning(query: Query) -> Hashable:
    """What an alert asks, whatever the order, case or spelling of its words."""
    return (
        frozenset(concepts(word) for word in query.words),
        frozenset(query.conditions),
        frozenset(concepts(word) for word in query.excluded),
    )


def _number(arrival: Arrival, field: str) -> float | None:
    if field == "grade":
        try:
            return float(arrival.grade) if arrival.grade else None
        except ValueError:
            return None  # R, RA, *** have no place on the number line
    value = {"price": arrival.price_usd, "year": arrival.year, "mileage": arrival.mileage_km}[field]
    return None if value is None else float(value)
