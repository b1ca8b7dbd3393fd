"""What one alert asks that no item could give all at once: a range with nothing in it
(`price<=5k price>=9k`), two values one field cannot have at once (`drive:2wd drive:4wd`), a
code, make and model naming two trucks (`model:carry model:hijet`), a word both wanted and left
out (`hijet -ハイゼット`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import combinations

from bot.alerts.ages import AgeYears
from bot.alerts.query import (
    GRADE_SCALE,
    NUMBERED_GRADES,
    NUMERIC_FIELDS,
    Condition,
    Query,
    article,
    describe,
    in_years,
    model_code,
)
from bot.alerts.spellings import concepts, concepts_of_text, fold, known_spellings, needs_of
from bot.errors import UserError
from bot.limits import plain_quote
from bot.models import find_model, normalize_code
from bot.states import state_name
from bot.trucks import make_and_model

# Fields an arrival gives as whole numbers: `year>1995 year<1996` leaves no year between.
WHOLE_FIELDS = frozenset({"year", "age", "price", "mileage"})
# Fields with one value per arrival, each compared as the arrival keeps it.
_ONE_VALUE: dict[str, Callable[[str], str]] = {
    "make": fold,
    "drive": fold,
    "state": str.upper,
    "code": lambda value: normalize_code(model_code(value)),
}
# A side of a range: its number, and whether the number itself is left out (`>`, `<`).
Side = tuple[float, bool]


def check_all_can_hold(conditions: tuple[Condition, ...], *, ages: AgeYears) -> None:
    """Refuse conditions no one arrival could meet together as `ages` counts, naming the two
    that clash (an age as typed, though judged as the model years it means)."""
    for condition in conditions:
        whole = _number(condition).is_integer()
        if condition.field in WHOLE_FIELDS and condition.op == ":" and not whole:
            unit = " of years" if condition.field == "age" else ""
            raise UserError(
                f"{article(condition.field)} is a whole number{unit}, so no truck would match "
                f"{describe(condition)}."
            )
    for first, second in combinations(conditions, 2):
        why = _clash(*in_years((first, second), ages))
        if why is not None:
            raise UserError(
                f"{describe(first)} and {describe(second)} cannot both hold{why}, so no truck "
                "would match this alert; drop or change one of them."
            )


def check_left_out(asked: Query) -> None:
    """Refuse a word, phrase or condition whose every match brings what the alert leaves out:
    `hijet -hijet`, `hijet -ハイゼット`, `"hijet dump" -dump`, `model:hijet -hijet`."""
    left_out = {word: concepts(word) for word in asked.excluded}
    everything_left_out = frozenset().union(*left_out.values())
    wanted = [
        _wanted(word, need, asked.excluded)
        for word, need in zip(asked.words, needs_of(asked.words), strict=True)
    ]
    wanted += [found for condition in asked.conditions if (found := _brought(condition))]
    for shown, need, brings in wanted:
        if brings.isdisjoint(everything_left_out) and not need <= everything_left_out:
            continue
        clash = next(
            word for word, found in left_out.items() if not found.isdisjoint(brings | need)
        )
        raise UserError(
            f"{plain_quote(shown)} is both wanted and left out ({plain_quote('-' + clash)}), "
            "so nothing would match this alert; drop one of them."
        )


def _wanted(
    word: str, need: frozenset[str], excluded: tuple[str, ...]
) -> tuple[str, frozenset[str], frozenset[str]]:
    """A word, the concepts any of which meets it, and those an item surely holds when it
    does: where the word has no other spelling, the item holds it as written, words inside
    it included (`"hijet dump"` brings dump)."""
    as_written = word not in known_spellings() and need == concepts(word)
    brings = frozenset(concepts_of_text(word, excluded)) if as_written else frozenset()
    return word, need, brings


def _brought(condition: Condition) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """A condition, the concepts any of which meets it, and those its arrival's text surely
    holds (its make, model, code and state are read with the rest); None for the fields
    that text does not hold."""
    value = str(condition.value)
    if condition.field == "model":
        return describe(condition), concepts(value), frozenset()
    said = {"make": value, "code": model_code(value)}.get(condition.field)
    if condition.field == "state":
        said = f"{value} {state_name(value)}"
    if said is None:
        return None
    brings = frozenset(concepts_of_text(said))
    return describe(condition), brings, brings


def _number(condition: Condition) -> float:
    return float(condition.value) if condition.field in NUMERIC_FIELDS else 0.0


def _clash(first: Condition, second: Condition) -> str | None:
    """None where one arrival could meet both; else why not, where more than the two
    conditions say it ("" where they say it all)."""
    if first.field == second.field == "grade":
        return _no_grade_between(first, second)
    if first.field == second.field and first.field in NUMERIC_FIELDS:
        return "" if _empty([first, second]) else None
    if first.field == second.field and first.field in _ONE_VALUE:
        same = _ONE_VALUE[first.field]
        return "" if same(str(first.value)) != same(str(second.value)) else None
    if {first.field, second.field} == {"code", "year"}:
        return _built(*sorted((first, second), key=lambda condition: condition.field))
    truck, other = _truck(first), _truck(second)
    if truck is None or other is None:
        return None
    # Where both name a make (or both a model) the data knows, they must name the same one.
    named = zip(truck, other, strict=True)
    return "" if any(a and b and fold(a) != fold(b) for a, b in named) else None


def _no_grade_between(first: Condition, second: Condition) -> str | None:
    """Grades are the few a sheet gives, so `grade>5 grade<6` leaves none between."""
    if any(first.holds_for(grade) and second.holds_for(grade) for grade in NUMBERED_GRADES):
        return None
    return "" if _empty([first, second]) else f" ({GRADE_SCALE[0].lower()}{GRADE_SCALE[1:]})"


def _built(code: Condition, year: Condition) -> str | None:
    """An arrival's year is one its code was built in (the arrival form refuses others)."""
    known = find_model(str(code.value))
    # An unconfirmed code's years are a guess: an arrival outside them is taken (bot/models.py).
    if known is None or known.unverified:
        return None
    built = [Condition("year", ">=", float(known.year_from))]
    if known.year_to is not None:
        built.append(Condition("year", "<=", float(known.year_to)))
    if not _empty([year, *built]):
        return None
    return f" (the {known.name} {known.code} was built {known.years})"


def _truck(condition: Condition) -> tuple[str | None, str | None] | None:
    """The make and model a make, model or code condition names (each None where it names
    none the model data knows); None for the other fields."""
    value = str(condition.value)
    if condition.field == "make":
        return value, None
    if condition.field == "model":
        return make_and_model(value)
    if condition.field == "code":
        known = find_model(value)
        return (known.make, known.model) if known else None
    return None


def _empty(conditions: list[Condition]) -> bool:
    """Whether no number meets all the conditions on one number field."""
    lows = [_low(condition) for condition in conditions]
    highs = [_high(condition) for condition in conditions]
    (low, low_open), (high, high_open) = _tightest(lows, 1), _tightest(highs, -1)
    if conditions[0].field in WHOLE_FIELDS:
        # On whole numbers, `> 1995` is `>= 1996` and `< 1996` is `<= 1995`.
        if math.isfinite(low):
            low = math.floor(low) + 1 if low_open else math.ceil(low)
        if math.isfinite(high):
            high = math.ceil(high) - 1 if high_open else math.floor(high)
        return low > high
    return low > high or (low == high and (low_open or high_open))


def _low(condition: Condition) -> Side:
    if condition.op in (">=", ">", ":"):
        return _number(condition), condition.op == ">"
    return -math.inf, False


def _high(condition: Condition) -> Side:
    if condition.op in ("<=", "<", ":"):
        return _number(condition), condition.op == "<"
    return math.inf, False


def _tightest(sides: list[Side], direction: int) -> Side:
    """The highest low side (direction 1) or the lowest high one (-1); at the same number,
    the one leaving it out."""
    return max(sides, key=lambda side: (side[0] * direction, side[1]))
