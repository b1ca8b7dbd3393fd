"""Prices and mileages as members say them in words (`under 5k`, `5k or less` once bounds have
said it so, `below $5,000`, `hijet $5k`, `price 3000-6000`, `under 30k mi`), written as the
conditions they mean; one under a thousand with no unit, one a word beside says is a model year,
and a measure alerts have no condition on (`under 3 owners`) are refused with what to say."""

from __future__ import annotations

import math
import re

from bot.alerts.ages import RANGE_DASH, check_forwards
from bot.alerts.query import FIELD_NAMES, MILES, NUMBERED_GRADES, OPS_PATTERN
from bot.alerts.tokens import MINUS
from bot.alerts.years import FIRST_BARE_YEAR, full_year_of
from bot.errors import UserError
from bot.importers.arrivals import FIRST_YEAR
from bot.limits import listed, plain_quote

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
# `thru 5k` is a range's end with no start, up to it, as `thru 2000` is a model year's: read as
# an amount only where a `$`, `k`, thousands comma or unit says it is one, a bare number being
# left to be read as a model year (`thru 95`) or kept as a word.
_THROUGH = ("thru", "through", "until", "till", "up thru", "up through", "up until", "up till")
_AT_MOST = ("under", "below", "less than", "max", "maximum", "up to", "at most", *_THROUGH)
_AT_LEAST = ("over", "above", "more than", "min", "minimum", "at least")
_BOUND_WORDS = "|".join(words.replace(" ", r"\s+") for words in (*_AT_MOST, *_AT_LEAST))
_IN_WORDS = re.compile(
    rf"(?<![\w<>=:])(?:(price|mileage|grade)\s+)?({_BOUND_WORDS})\s*:?\s*({_AMOUNT})"
    rf"(\s*(?:usd|dollars?|\$|{'|'.join((*MILES, 'km'))}))?(?!\w|\$)",
    re.I,
)
# "hijet $5k", "price $5k", "hijet 5k": a bare `$` or `k` amount is a price up to it, as members
# typing it mean (an item seldom holds the word "5k"), read after the bounds and ranges that say
# otherwise; a `k` with a unit after it (`5k mi`) is a mileage's, left to be refused unbounded.
# One after a sign, spaced or not (`price <= $4,500`, `≤$4500`), is that sign's: read with it so
# as to be left to the sign, which says the condition or is refused as typed.
_BARE_PRICE = re.compile(
    r"(?:(?P<sign>(?:[<>=]=?|=[<>]|[≤≦≥≧]|(?<=price):)\s*)|(?<![\w<>=:.,$-]))(?:price\s+)?"
    r"(?P<typed>(?P<dollar>\$\s?)?(?P<amount>\d+(?:[.,]\d+)*(?P<k>k)?))(?![\w$%]|[.,]\d)"
    rf"(?!\s*(?:{'|'.join((*MILES, 'km'))})(?!\w))",
    re.I,
)
# "$5k+", "5k+", "5,000+", "50k+ mi": an amount and more, as `5k or more` says it; a `$`, `k`,
# a thousands comma or a unit says it is one (`25+` and `4+` could be an age or a grade, and
# are left as they are).
_AND_UP = re.compile(
    r"(?<![\w<>=:.,$'’‘-])(?:(?P<field>price|mileage)\s+)?(?P<typed>(?P<dollar>\$\s?)?"
    rf"(?P<amount>\d+(?:[.,]\d+)*(?P<k>k)?)\+(?P<unit>\s*(?:{'|'.join((*MILES, 'km'))}))?)"
    r"(?![\w$%+])",
    re.I,
)
# A number of thousands in digits, grouped (`4,500`) or not, and what may end the word it is.
_WHOLE_NUMBER = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_ALONE_AFTER = re.compile(r"[.,;!?)\]]*(?:\s|$)")
# A bare `k` amount this large (`hijet 100k`) is as likely an odometer as a price: asked about.
_NO_PRICE_BARE = 50_000
# A number `thru` may go before as a model year's end (`thru 2000`, `thru 95`), as years read it.
_COULD_BE_YEAR = re.compile(r"(?:19|20)\d\d|\d\d")
# A number said roughly that is a model year (`around 1995`), as years read it.
_YEAR = re.compile(r"(?:19|20)\d\d")
_TWO_DIGITS = re.compile(r"\d\d")
# Words saying a number is rough, as `around` does (`about 1995`, `circa 1995`, `~5k`, which
# `tidy` parts from its number): before a model year or a count they are left out as `around` is
# (see `small_words`), and before an amount asked about as it is.
ROUGH_WORDS = r"about|circa|ca\.|c\.|approx\.?|approximately|roughly|~"
# "around 5k", "about $4,500", "around 5000", "grade about 4", "near 5k": an amount with no
# bound, asked about (an item seldom holds the words, and reading a range round it would be a
# guess); a model year said so (`around 1995`) is left to be read as one. A number with no `$`,
# `k`, unit or field that is no amount is left as words: one a measure alerts have no condition
# on follows (`about 2 owners`, `near 5 speed`), and five digits after a place word, a ZIP code
# (`near 90210`, the way to say near me), where no `$` or `k` says a price.
_ROUGH_AMOUNT = re.compile(
    r"(?<![\w<>=:.])(?:(?P<field>price|mileage|grade)\s+)?"
    rf"(?:around|{ROUGH_WORDS}|(?P<place>near|close\s+to))\s+"
    r"(?:(?P<field_after>price|mileage|grade)\s*:?\s*)?"
    r"(?P<amount>\$\s?\d(?:[\d,.]*\d)?k?|\d(?:[\d,.]*\d)?k?)"  # not the full stop after it
    rf"(?P<unit>\s*(?:{'|'.join((*MILES, 'km'))}))?(?!\w)",
    re.I,
)
_ZIP_CODE = re.compile(r"\d{5}")
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:near|close\s+to|in|around)\s+$", re.I)
# A word beside an amount in words that says it is a model year (`year under 95`): it is not
# given a price's advice.
_YEAR_WORD_BEFORE = re.compile(r"(?<!\w)years?\s*:?\s*$", re.I)
_YEAR_WORD_AFTER = re.compile(r"\s*years?(?![\w:<>=]|\s+old(?!\w))", re.I)
# Measures alerts have no condition on, as members put them after an amount in words (`under 5
# tons`, `over 50hp`, `over 100 km/h`): refused naming the measure, not read as a price or a
# mileage (`km/h` is no km).
_UNKNOWN_MEASURES = (
    *("owners?", "doors?", "seats?", "hours?", "hrs", "cylinders?", "cyl", "tons?", "tonnes?"),
    *("speeds?", "spd"),
    *("kg", "kilos?", "lbs?", "pounds?", "cc", "liters?", "litres?", "hp", "horsepower", "ps"),
    *("kw", "mpg", "km/h", "kmh", "kph", "mph", "km/l"),
)
_MEASURE_IN_WORDS = re.compile(
    rf"(?<![\w<>=:])(?:{_BOUND_WORDS})\s*:?\s*\$?\s*\d[\d,.]*k?\s*({'|'.join(_UNKNOWN_MEASURES)})(?![\w/])",
    re.I,
)
_MEASURE_AFTER = re.compile(rf"\s*(?:{'|'.join(_UNKNOWN_MEASURES)})(?![\w/])", re.I)
# `100k km`, `30,000 miles`: a distance no bound or sign goes with, left once the ones that do
# are conditions.
_MILEAGE_CONDITION = re.compile(rf"(?<!\w)mileage(?:{OPS_PATTERN})", re.I)
_UNBOUNDED_DISTANCE = re.compile(
    rf"(?<![\w<>=:.,$-])\d[\d,.]*k?\s*(?:{'|'.join((*MILES, 'km'))})(?![\w/])", re.I
)
# `$-5`, `$ −5k`: a price below nothing, which no truck has (read as words, the `5` would be a
# word many items hold, as "5 speed").
_NEGATIVE_DOLLARS = re.compile(rf"(?<![\d,.])\$\s?[{MINUS}]\s?\d[\d,.]*k?", re.I)
# `$1e4`, `$0x10`: a `$` before what digits, a `k` or "usd" do not make an amount of (a `$`
# after one, `3,500$ 4wd`, is that amount's).
_NO_DOLLAR_AMOUNT = re.compile(r"(?<![\d,.])\$\s?(?P<amount>\d[\d,.]*k?)(?P<rest>[^\W\d_]\w*)")
_AMOUNT_ENDS = ("k", "usd", "kusd")
# `$5000ish`, `5k-ish`, `5000ish`: an amount said roughly, as a tilde before it says
# (`~$5000`). A model year so (`1995ish`) is left a word: read as `~1995`, the reply would say a
# `~` the member never typed was left out.
_ISH_AFTER = re.compile(
    r"(?<!\S)(\$\s?\d[\d,.]*k?|\d[\d,.]*k|\d{1,3}(?:,\d{3})+|(?!(?:19|20)\d\d-?ish)\d{4,})"
    r"-?ish(?=[.,;!?)\]]*(?:\s|$))",
    re.I,
)
# Two digits alone (`hijet 05`, `hijet 95`) once every way to say a year, an age or an amount is
# read: a model year, likely, but asked about, as a word an item seldom holds.
_TWO_DIGITS_ALONE = re.compile(r"(?<!\S)(\d\d)(?=[.,;!?)\]]*(?:\s|$))")
# `660 cc`: an engine size, one word as `660cc` is, whichever way an item writes it.
_SPACED_CC = re.compile(r"(?<![\w.,])(\d+)\s+(cc)(?!\w)", re.I)
_KNOWN = (
    f"{listed(FIELD_NAMES)} (as in before 95, under 10 years, under 5k, under 30k mi or grade>=4)"
)


def check_dollar_amounts(query: str) -> str:
    """Refuse a `$` before a negative amount (`$-5`) or before what is no amount (`$1e4`);
    `query` as it was when not."""
    negative = _NEGATIVE_DOLLARS.search(query)
    if negative:
        raise UserError(
            f"{plain_quote(negative[0])} is a price below nothing, which no truck has: give one, "
            "as $5k."
        )
    for found in _NO_DOLLAR_AMOUNT.finditer(query):
        rest = found["rest"].casefold()
        if rest in _AMOUNT_ENDS or _ISH_AFTER.match(query, found.start()):
            continue  # `$5000ish` is said roughly (see `said_with_tilde`)
        if rest.isalpha():  # `$4500obo`: the amount is digits, the letters are not its
            raise UserError(
                f"{plain_quote(found[0])} is no price: write the amount alone, as "
                f"${found['amount']}."
            )
        raise UserError(
            f"{plain_quote(found[0])} is no price: give it in digits, as $10,000 or $10k."
        )
    return query


def said_with_tilde(query: str) -> str:
    """`query` with an amount said roughly by an `ish` after it (`$5000ish`) said with a tilde
    before it (`~$5000`), which is read as about, as members mean."""
    return _ISH_AFTER.sub(r"~\1", query)


def said_as_field_ranges(query: str) -> str:
    """`query` with ranges of a field named with them (`price 3000-6000`) as conditions."""
    return _FIELD_RANGE.sub(_field_range, query)


def said_as_amounts(query: str) -> str:
    """`query` with its amounts in words (`under 5k`, `over 30k mi`) as conditions; an engine
    size typed apart (`660 cc`) is one word, as `660cc` is."""
    _check_no_unknown_measure(query)
    _check_no_rough_amount(query)
    return _AND_UP.sub(_and_up, _IN_WORDS.sub(_in_words, _SPACED_CC.sub(r"\1\2", query)))


def said_as_bare_prices(query: str) -> str:
    """`query` (its amounts in words said) with its bare `$` amounts as prices up to them."""
    return _BARE_PRICE.sub(_bare_price, query)


def bare_prices_in(query: str) -> list[str]:
    """The bare `$` amounts of `query` (its amounts in words said), as typed."""
    return [match["typed"] for match in _BARE_PRICE.finditer(query) if _is_bare_price(match)]


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
    if (
        _spoken(match[2]) in _THROUGH
        and not (unit or match[1] or _marked(match[3]))
        and _COULD_BE_YEAR.fullmatch(match[3])
    ):
        return match[0]  # `thru 2000`, `thru 95`: a model year's, read as one later
    if not match[1] and not unit and amount == match[3]:
        _check_is_amount(match)
    if field != "grade" and not unit and amount == match[3]:
        _check_has_unit(match, field, amount)
    # A price's "usd" or "dollars" says what `price` does already; a mileage keeps its unit.
    return f"{field}{op}{amount}{unit if miles_or_km else ''}"


def _bare_price(match: re.Match[str]) -> str:
    """`$5k` as a price up to it; `$5`, under $100, is refused: no truck is $5, and reading it
    as $5,000 would be a guess."""
    if not _is_bare_price(match):
        return match[0]
    _check_not_tiny(match["typed"], match["amount"], "at most")
    if not match["dollar"] and _amount(match["amount"]) >= _NO_PRICE_BARE:
        raise UserError(
            f"{plain_quote(match['typed'])} could be a price or a mileage: say under "
            f"${match['amount']} for a price, or under {match['amount']} mi or under "
            f"{match['amount']} km for a mileage."
        )
    return f"price<={match['amount']}"


def _is_bare_price(match: re.Match[str]) -> bool:
    """Whether a `_BARE_PRICE` match is one: a `$` or `k` amount, or a bare number of thousands
    (`4500`, `4,500`), not a sign's (`price<=5k`)."""
    return not match["sign"] and bool(match["dollar"] or match["k"] or _is_bare_number(match))


def _is_bare_number(match: re.Match[str]) -> bool:
    """Whether a `_BARE_PRICE` match is a number of thousands standing alone (`hijet 4500`):
    members type a price so (an item seldom holds the word "4500"); one of four digits a model
    year could be (`1995`, `2027`) is left to years, one under a thousand is no truck's price
    (`660` is an engine's size), one a measure follows is that measure's (`1500 hours`, `1200
    lbs`), and one a range's dash or a `+` follows is not alone."""
    amount = match["amount"]
    if not _WHOLE_NUMBER.fullmatch(amount) or _YEAR.fullmatch(amount) or _amount(amount) < 1000:
        return False
    if _MEASURE_AFTER.match(match.string, match.end()):
        return False
    before, after = match.string[: match.start("typed")], match.string[match.end() :]
    if _ZIP_CODE.fullmatch(amount) and _PLACE_BEFORE.search(before):
        return False  # `near 90210`: where the member is (see `_ROUGH_AMOUNT`)
    return (not before or before[-1].isspace()) and bool(_ALONE_AFTER.match(after))


def price_said(typed: str) -> str:
    """A bare price as the reply names it: as typed with a `$` or `k` (`$5k`), else in dollars
    (`4500` is $4,500)."""
    return f"${_amount(typed):,.0f}" if _WHOLE_NUMBER.fullmatch(typed) else typed


def _and_up(match: re.Match[str]) -> str:
    """`$5k+` as a price of at least it, `50k+ mi` a mileage; one with neither `$`, `k` nor a
    unit is left as it was typed."""
    unit = "".join((match["unit"] or "").split()).casefold()
    field = (match["field"] or ("mileage" if unit else "price")).casefold()
    grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+", match["amount"])
    if not (match["dollar"] or match["k"] or grouped or unit or match["field"]):
        _check_says_field(match["typed"], match["amount"])
        return match[0]
    if field == "price":
        _check_not_tiny(match["typed"], match["amount"], "at least", "+")
    return f"{field}>={match['amount']}{unit}"


def check_bounded(query: str) -> str:
    """Refuse a mileage with no bound (`hijet 100k km`), once conditions typed with spaces are
    put together: an odometer is seldom the figure typed, and whether it is a most or a least
    is the member's to say; `query` as it was when not. Beside a mileage condition it is
    another figure (`660 km` of an engine's speed, say), and is left as words."""
    found = _UNBOUNDED_DISTANCE.search(query)
    if found and not _MILEAGE_CONDITION.search(query):
        said = " ".join(found[0].split())
        raise UserError(f"{plain_quote(said)} gives no bound: say under {said} or over {said}.")
    return query


def _check_says_field(typed: str, amount: str) -> None:
    """Refuse `25+` or `4+`, which name no field: an age, or a grade, and never a word an item
    holds; one of 100 and more is left as typed (`1995+` is a model year, read later)."""
    number = _amount(amount)
    if not number < 100:
        return
    age = f"{amount}+ years for trucks {amount} years old or more"
    grade = f"grade {amount}+ for a grade of {amount} or more"
    said = age if number > 10 else grade if not number.is_integer() else f"{grade}, or {age}"
    raise UserError(f"{plain_quote(typed)} says no field: say {said}.")


def check_no_two_digits_alone(query: str, this_year: int) -> str:
    """Refuse two digits alone that could be a model year (`hijet 05`), with the ways to say
    it, and an age's where it could be one (`hijet 25`); a count of what alerts have no
    condition on (`10 owners`) is left as words. `query` as it was when not."""
    for found in _TWO_DIGITS_ALONE.finditer(query):
        typed = found[1]
        year = int(full_year_of(typed))
        if not FIRST_BARE_YEAR <= year <= this_year or _MEASURE_AFTER.match(query, found.end()):
            continue
        number = int(typed)
        could_be_age = not typed.startswith("0") and 10 < number <= this_year - FIRST_YEAR
        said = (
            f"could be the model year {year} or an age: say {year} for the model year, or "
            f"{number}+ years for trucks {number} years old or more"
            if could_be_age
            else f"could be the model year {year}: say {year} for it"
        )
        raise UserError(
            f"{plain_quote(typed)} {said}; to watch for the number itself, put it in quotes, as "
            f'"{typed}".'
        )
    return query


def _check_not_tiny(typed: str, amount: str, bound: str, plus: str = "") -> None:
    number = _amount(amount)
    if not amount.casefold().endswith("k") and number < 100:
        raise UserError(
            f"{plain_quote(typed)} would read as a price of {bound} ${amount}, which no truck "
            f"is: say ${amount}k{plus} or ${number * 1000:,.0f}{plus}."
        )


def _check_is_amount(match: re.Match[str]) -> None:
    """Refuse an amount in words that a word beside it says is a model year (`year under 95`,
    `under 95 year`, `under 95 years`, no truck's age), with the way to say it: `before` or
    `after`."""
    said = f"{_spoken(match[2])} {match[3]}"
    before, after = match.string[: match.start()], match.string[match.end() :]
    year_before, year_after = _YEAR_WORD_BEFORE.search(before), _YEAR_WORD_AFTER.match(after)
    if (year_before or year_after) and re.fullmatch(r"\d\d|(?:19|20)\d\d", match[3]):
        typed = f"{year_before[0].strip()} {said}" if year_before else f"{said} {year_after[0]}"
        words, sign = ("before", "<") if _spoken(match[2]) in _AT_MOST else ("after", ">")
        # `years` after it says an age, which ages leave here as none a kei truck has; `95 year`
        # is the model year's own way.
        aged = year_after is not None and year_after[0].strip().casefold() == "years"
        slip = "is no age a kei truck has" if aged else f"would read {match[3]} as a price"
        raise UserError(
            f"{plain_quote(' '.join(typed.split()))} {slip}: for a model year, say {words} "
            f"{match[3]} (year{sign}{full_year_of(match[3])})."
        )


class RoughAmount(UserError):
    """`around 5k` refused: an amount with no bound, quoted as read (`about grade:4`), and the
    ways to bound it; `quoted_as` quotes the member's own words instead."""

    def __init__(self, read: str, ways: str) -> None:
        self.read, self._ways = read, ways
        super().__init__(self._said(read))

    def quoted_as(self, typed: str) -> UserError:
        return UserError(self._said(typed))

    def _said(self, quoted: str) -> str:
        return f"{plain_quote(quoted)} gives no bound: say {self._ways}"


def _check_no_rough_amount(query: str) -> None:
    """Refuse `around 5k`, which says no bound, with the ways to say one: for the field named
    before it (`grade about 4`), else for the one its unit says; `around 5000` and `about 5`,
    with no unit either, with them for a price and for a mileage, and for a grade where it
    may be one (`about 4.5`)."""
    found = next((found for found in _ROUGH_AMOUNT.finditer(query) if _is_rough(found)), None)
    if found is None:
        return
    typed = found["amount"]
    amount = " ".join(f"{typed}{found['unit'] or ''}".split())
    end = ", or give both ends of a range"
    if found["field"] or found["field_after"]:
        field = (found["field"] or found["field_after"]).casefold()
        ways = f"{field} under {amount} or {field} over {amount}"
    elif found["unit"] or _marked(typed):
        ways = f"under {amount} or over {amount}"
    else:
        number = _amount(typed)
        price, mileage = (
            (f"{typed}k", f"{typed}k mi")
            if number < 1000
            else (f"${number:,.0f}", f"{number:,.0f} mi")
        )
        ways = f"under {price} or over {price} for a price, "
        if number in NUMBERED_GRADES:
            ways += (
                f"under {mileage} or over {mileage} for a mileage, or grade under {typed} or "
                f"grade over {typed} for a grade"
            )
            end = "; or give both ends of a range"
        else:
            ways += f"or under {mileage} or over {mileage} for a mileage"
        if _TWO_DIGITS.fullmatch(typed):  # `around 95`, read as one in four digits
            end += f"; for a model year, say {full_year_of(typed)}"
    raise RoughAmount(" ".join(found[0].split()), f"{ways}{end}.")


def _is_rough(found: re.Match[str]) -> bool:
    """Whether a `_ROUGH_AMOUNT` match is an amount said roughly, not a model year, a count of
    what alerts have no condition on, or a ZIP code (see `_ROUGH_AMOUNT`)."""
    if found["field"] or found["field_after"] or found["unit"] or _marked(found["amount"]):
        return True
    typed = found["amount"]
    zip_code = bool(found["place"]) and _ZIP_CODE.fullmatch(typed)
    counted = _MEASURE_AFTER.match(found.string, found.end())
    return not (_YEAR.fullmatch(typed) or zip_code or counted)


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


def _marked(amount: str) -> bool:
    """Whether a `$`, a `k` or a thousands comma says `amount` is an amount, not a year."""
    return bool(re.fullmatch(r"\$.*|.*k|\d{1,3}(?:,\d{3})+", amount.strip(), re.I))


def _spoken(words: str) -> str:
    return " ".join(words.casefold().split())
