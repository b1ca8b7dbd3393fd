"""What an alert asks: its words and its field conditions on arrivals, read from what the
member typed, checked, and described back to them."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import NamedTuple

from bot.alerts.ages import AgeYears, too_old
from bot.alerts.merges import Merged, merged_conditions, merged_words
from bot.alerts.spellings import (
    MAX_PHRASE,
    WORD,
    concepts,
    concepts_of_text,
    emoji_apart,
    fold,
    is_emoji,
    is_spaced,
    text_words,
)
from bot.alerts.tokens import Token, phrase_words, tokens
from bot.auction.codes import GRADES
from bot.errors import UserError
from bot.importers import Arrival
from bot.importers.arrivals import FIRST_YEAR, KM_PER_MILE, MAX_MILEAGE_KM, MAX_PRICE_USD
from bot.limits import listed, plain_quote
from bot.models import find_model, normalize_code
from bot.states import state_code

MAX_QUERY = 200
MAX_WORDS = 8
NUMERIC_FIELDS = {"grade", "price", "year", "mileage", "age"}
# An age (`age>=25`) is counted from the model year on the day an item goes out, so it is met
# as the model years it means then (see `in_years`): both are read from an item's year.
YEAR_FIELDS = frozenset({"year", "age"})
TEXT_FIELDS = {"model", "make", "drive", "state", "code"}
# Every field, in the order a reply names them.
FIELD_NAMES = (
    "year", "age", "price", "mileage", "grade", "model", "make", "drive", "state", "code",
)  # fmt: skip
FIELDS_PATTERN = "|".join(sorted(NUMERIC_FIELDS | TEXT_FIELDS))
OPS_PATTERN = ">=|<=|:|=|>|<"  # the two-character ones first
_CONDITION = re.compile(rf"^(?P<field>[a-z]+)(?P<op>{OPS_PATTERN})(?P<value>.+)$")
ARRIVALS = "\x00arrival"  # the index key of alerts made only of field conditions
# Words nearly every announcement holds: an alert of these alone would DM its member for all.
FILLER_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "is", "of", "on", "or", "the", "to"})
# The grades an arrival can carry that are numbers, as the auction decoder reads them (0 for R
# at some houses, 7-9 at a few).
NUMBERED_GRADES = tuple(sorted(float(grade) for grade in GRADES if grade[0].isdigit()))
GRADE_RANGE = (NUMBERED_GRADES[0], NUMBERED_GRADES[-1])
GRADE_SCALE = "Auction grades are numbered " + listed([f"{grade:g}" for grade in NUMBERED_GRADES])
# Lettered grades where numbering houses put them: S (new or nearly new) at the top, as houses
# that number new trucks give 7 to 9, so `grade>=6` finds it; repair history at 0, as houses that
# write 0 for R do. *** and X (not graded) have no place, and meet no grade condition.
LETTERED_GRADES = {"S": GRADE_RANGE[1], **dict.fromkeys(("R", "RA", "RB", "RC"), GRADE_RANGE[0])}
MILES = ("miles", "mile", "mi")
# The largest value each number field may be given: past it no arrival can be described.
_LARGEST = {
    "grade": 10,
    "price": MAX_PRICE_USD,
    "mileage": MAX_MILEAGE_KM,
    "year": 9999,
    "age": 9999,
}
# What an arrival can carry, where narrower than "not below 0": a condition beyond it meets none
# (a model year is also at most this one, as the arrival form holds it).
# No truck is free: an arrival's price is at least $1, the least the arrival form takes.
_REACHABLE = {
    "grade": GRADE_RANGE,
    "year": (float(FIRST_YEAR), math.inf),
    "price": (1.0, math.inf),
}
# "Hijet's" asks for the truck, not for the phrase "hijet s" an item's text rarely holds.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s$")
_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", ":": "="}
# Japanese brackets and punctuation part words as spaces do: `「ハイゼット」`, `ハイゼット、ダンプ`.
_JAPANESE_PUNCTUATION = re.compile(r"[、。「」『』【】〈〉《》〔〕・…]+")
# A condition's value ends where a sentence's punctuation starts: `price<=5k.`, `state:TX,`.
_TRAILING = ".,;!?)]"
# Drives as papers and listings write them.
_DRIVES = {"4x4": "4wd", "awd": "4wd", "4x2": "2wd"}
_COMPARE = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    ":": operator.eq,
}


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # ":" (is), ">=", "<=", ">", "<"
    value: str | float

    def holds(self, arrival: Arrival) -> bool:
        if self.field in NUMERIC_FIELDS:
            actual = _number(arrival, self.field)
            return actual is not None and self.holds_for(actual)
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

    def holds_for(self, actual: float) -> bool:
        """Whether a number field's value `actual` meets it."""
        return _COMPARE[self.op](actual, float(self.value))


@dataclass(frozen=True)
class Alert:
    id: int
    guild_id: int
    member_id: int
    query: str  # as kept and read (see `tidy_query`)
    typed: str  # as the member typed it, to list it so; the kept query for alerts kept before
    words: tuple[str, ...]
    conditions: tuple[Condition, ...]
    excluded: tuple[str, ...]  # words and phrases an item must not hold (`-dump`)


class Query(NamedTuple):
    words: tuple[str, ...]
    conditions: tuple[Condition, ...]
    excluded: tuple[str, ...]


def parse_query(text: str, typed_as: Callable[[str], str] = str) -> Query:
    """`hijet "dump bed" -rust grade>=4 state:TX` → words and phrases, field conditions, and
    the words and phrases left out. A refusal quotes a token as `typed_as` gives it: the
    member's own words it was read from, where `text` is a new alert as tidied."""
    return _read(text, typed_as)[0]


def merges(text: str) -> list[Merged]:
    """What `parse_query` leaves out of `text` as another of its words or conditions says it
    (`4wd` of `4x4 4wd`, `price<=5k` of `price<=5k price<=4k`), to say so."""
    return _read(text)[1]


def _read(text: str, typed_as: Callable[[str], str] = str) -> tuple[Query, list[Merged]]:
    """`parse_query`'s reading, and what it merged."""
    query = " ".join(text.split())
    if not query:
        raise UserError("Give some words to watch for, such as `hijet 4wd dump`.")
    if len(query) > MAX_QUERY:
        raise UserError(f"An alert is at most {MAX_QUERY} characters.")
    words: list[str] = []
    excluded: list[str] = []
    conditions: list[Condition] = []
    for token in tokens(query):
        match = None if token.left_out or token.quoted else as_condition(token.text)
        if match:
            try:
                condition = _condition(match["field"], match["op"], match["value"], token.text)
            except UserError as refused:
                said = plain_quote(token.text)
                raise UserError(
                    str(refused).replace(said, plain_quote(typed_as(token.text)))
                ) from None
            conditions.append(condition)
            continue
        found = _words_of(token)
        if not found:
            raise UserError(f"{plain_quote(typed_as(token.text))} is not a word to watch for.")
        (excluded if token.left_out else words).extend(found)
    if len(words) + len(excluded) > MAX_WORDS:
        raise UserError(f"At most {MAX_WORDS} words an alert; fewer words match more often.")
    kept_words, merged = merged_words(words)
    kept_excluded, merged_excluded = merged_words(excluded)
    kept_conditions, bounds = merged_conditions(conditions)
    said = [Merged(describe(loose), describe(tight), is_word=False) for loose, tight in bounds]
    return Query(kept_words, kept_conditions, kept_excluded), [*said, *merged, *merged_excluded]


def as_condition(text: str) -> re.Match[str] | None:
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
    run longer than any phrase looked for is asked for part by part), and a model code with a
    hyphen inside (`da-63t`, as alerts were kept before it was read whole) is the code. Other
    scripts are matched as written, anywhere in the text."""
    if not is_spaced(word):
        return [word]
    parts = text_words(word)
    if len(parts) > MAX_PHRASE:
        return parts
    return [" ".join(parts)]


def _condition(field: str, op: str, value: str, token: str) -> Condition:
    op = ":" if op == "=" else op
    value = value.rstrip(_TRAILING) or value
    if field in NUMERIC_FIELDS:
        if field == "grade":  # `4,5`: grades are at most 10, so a comma is a decimal one
            value = value.replace(",", ".")
            check_not_lettered(value, token)
        cleaned = value.replace(",", "").replace("$", "").removeprefix("usd").removesuffix("usd")
        # Arrivals give the odometer in km, as Japanese trucks show it; miles are converted.
        units = (*MILES, "km") if field == "mileage" else ()
        unit = next((unit for unit in units if cleaned.endswith(unit)), "")
        cleaned, miles = cleaned.removesuffix(unit), unit in MILES
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


def check_not_lettered(value: str, token: str) -> None:
    """Refuse `grade:S`, saying where a lettered grade stands among the numbers."""
    if value.upper() in LETTERED_GRADES:
        raise UserError(
            f"{plain_quote(token)}: a grade condition takes a number. S counts as "
            f"{GRADE_RANGE[1]:g} (the top a sheet numbers) and R, RA, RB and RC as "
            f"{GRADE_RANGE[0]:g}, so say grade>={GRADE_RANGE[1]:g} for S, grade>=6 for 6 and S, "
            "or grade<1 for repair history."
        )


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
        if condition.field == "age":
            high = float(this_year - FIRST_YEAR)
        number, largest = float(condition.value), _LARGEST[condition.field]
        if not math.isfinite(number) or abs(number) > largest:
            raise UserError(f"{article(condition.field)} is a number up to {largest:,}.")
        reachable = {
            ">=": number <= high,
            ">": number < high,
            "<=": number >= low,
            "<": number > low,
            # No sheet gives a grade between those the decoder knows (5.5).
            ":": low <= number <= high
            and (condition.field != "grade" or number in NUMBERED_GRADES),
        }[condition.op]
        # An age past the oldest truck's is met by every truck, or by none (refused below).
        every = number > high or (condition.op == "<=" and number >= high)
        if condition.field == "age" and condition.op in ("<=", "<") and every:
            raise too_old(
                f"{describe(condition)} would match every truck",
                number,
                int(high),
                f"before {number:02.0f}",
                "under 25 years",
            )
        # A model year from the earliest arrivals' on is met by every truck with one.
        since_first = number <= low if condition.op == ">=" else number < low
        if condition.field == "year" and condition.op in (">=", ">") and since_first:
            raise UserError(
                f"The earliest arrivals are model year {FIRST_YEAR}, so {describe(condition)} "
                "would match every truck: give a later year, as after 1995, or leave it out."
            )
        if not reachable and condition.field == "year" and number >= high:
            raise UserError(
                f"It is {this_year}, so no truck built after {this_year} has arrived, and none "
                f"would match {describe(condition)}."
            )
        if not reachable:
            scale = {
                "grade": GRADE_SCALE,
                "year": f"Arrivals are model years {low:g} to {high:g}",
                "age": f"An age is 0 to {high:g} years (model years {FIRST_YEAR} to {this_year})",
                "price": f"No truck is free (an arrival's price is at least ${low:,.0f})",
            }.get(condition.field, f"{article(condition.field)} is never below 0")
            raise UserError(f"{scale}, so no truck would match {describe(condition)}.")


def article(field: str) -> str:
    """`A price`, `An age`: a field as a sentence starts with it."""
    return f"{'An' if field[0] in 'aeiou' else 'A'} {field}"


def in_years(conditions: tuple[Condition, ...], ages: AgeYears) -> tuple[Condition, ...]:
    """The conditions with each age as the whole model years it means (on Dec 5 2026,
    `age>=25` is `year<=2000`, `age<25` is `year>=2001`, `age<10` is `year>=2016`): an age is
    kept as one, so the alert stays right as years pass."""
    return tuple(_in_years(found, ages) if found.field == "age" else found for found in conditions)


def _in_years(age: Condition, ages: AgeYears) -> Condition:
    whole = whole_age(age)
    years = ages.year_aged(float(whole.value))
    return Condition("year", {">=": "<=", "<=": ">=", ":": ":"}[whole.op], years)


def whole_age(age: Condition) -> Condition:
    """`age` as the whole years it means, with `>=` or `<=`: older than 25 is at least 26, and
    `age>24.5` is `age>=25` as its complement `age<=24.5` is `age<=24` (a fraction kept would
    leave a model year out of both)."""
    years = float(age.value)
    if age.op == ":":
        return age
    up, down = math.ceil(years), math.floor(years)
    edge = {">": down + 1, ">=": up, "<": up - 1, "<=": down}[age.op]
    return Condition("age", ">=" if age.op[0] == ">" else "<=", float(edge))


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
    if condition.field == "mileage":
        shown = f"{_digits(number)} km ({number / KM_PER_MILE:,.0f} mi)"
    else:
        shown = _value_shown(condition.field, number)
    return f"{condition.field} {symbol} {shown}"


def _digits(number: float, thousands: str = ",") -> str:
    # A fraction is shown as typed: `year:1995.5` is refused, and must not read as 1996.
    return f"{number:{thousands}.0f}" if number.is_integer() else f"{number:{thousands}g}"


def _value_shown(field: str, number: float) -> str:
    """A price, year or grade as the reply shows it: `$5,000`, `1995`, `4.5`."""
    if field == "price":
        # Cents as dollars are written: $9,000.50, not $9,000.5.
        shown = f"{abs(number):,.2f}" if not number.is_integer() else _digits(abs(number))
        return f"{'-' if number < 0 else ''}${shown}"
    if field == "year":
        return _digits(number, thousands="")
    if field == "age":
        return f"{_digits(number)} year{'' if number == 1 else 's'}"
    return f"{number:g}"


def reading(alert: Alert) -> str:
    """How an alert was read: its words (a phrase in quotes), what it leaves out, then its
    conditions, a field's two ends as one range (`year 1995–1999`)."""
    parts = [", ".join(_shown(word) for word in alert.words)] if alert.words else []
    parts += [f"not {_shown(word)}" for word in alert.excluded]
    ranges = _ranges(alert.conditions)
    for condition in alert.conditions:
        ends = ranges.get(condition.field)
        if ends is None:
            parts.append(describe(condition))
        elif condition is ends[0]:
            parts.append(_describe_range(condition.field, *ends))
    return " · ".join(parts)


def _ranges(conditions: tuple[Condition, ...]) -> dict[str, tuple[Condition, Condition]]:
    """Per number field bounded by one `>=` and one `<=` (low to high), those two, in the
    order the alert has them."""
    found: dict[str, tuple[Condition, Condition]] = {}
    for field in NUMERIC_FIELDS:
        of_field = [condition for condition in conditions if condition.field == field]
        by_op = {condition.op: float(condition.value) for condition in of_field}
        if len(of_field) == 2 and by_op.keys() == {">=", "<="} and by_op[">="] <= by_op["<="]:
            found[field] = (of_field[0], of_field[1])
    return found


def _describe_range(field: str, first: Condition, second: Condition) -> str:
    low, high = sorted((float(first.value), float(second.value)))
    if field == "mileage":
        miles = f"{low / KM_PER_MILE:,.0f}–{high / KM_PER_MILE:,.0f}"
        return f"mileage {_digits(low)}–{_digits(high)} km ({miles} mi)"
    if field == "age":
        return f"age {_digits(low)}–{_digits(high)} years"
    return f"{field} {_value_shown(field, low)}–{_value_shown(field, high)}"


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
        return grade_rank(arrival.grade)
    value = {"price": arrival.price_usd, "year": arrival.year, "mileage": arrival.mileage_km}[field]
    return None if value is None else float(value)


def grade_rank(grade: str | None) -> float | None:
    """Where an arrival's grade stands among the numbered ones; None for no grade, or ***."""
    if grade in LETTERED_GRADES:
        return LETTERED_GRADES[grade]
    try:
        return float(grade) if grade else None
    except ValueError:
        return None
