"""A new alert's text as it is kept: what members type for a condition (`model: hijet`,
`state:Texas`, `95-99`, `hijet 1995`, `under 5k`) written as the condition it means, so that
`parse_query` reads it. Kept alerts are read as they were kept, so their meaning never moves;
what a member typed is kept beside, to be listed as typed. How model years and amounts are said
is `years`' and `amounts`'; this puts them, and the rest, together in order."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.alerts.ages import RANGE_DASH, said_as_ages
from bot.alerts.amounts import (
    RoughAmount,
    bare_prices_in,
    check_bounded,
    check_dollar_amounts,
    check_no_two_digits_alone,
    said_as_amounts,
    said_as_bare_prices,
    said_as_field_ranges,
    said_with_tilde,
)
from bot.alerts.bounds import check_no_month, said_as_bounds
from bot.alerts.codes import said_as_codes, truck_named
from bot.alerts.currency import check_in_dollars, said_in_dollars
from bot.alerts.dates import check_no_date
from bot.alerts.eras import said_as_era_years
from bot.alerts.query import FIELD_NAMES, FIELDS_PATTERN, MILES, OPS_PATTERN, as_condition
from bot.alerts.small_words import SmallWords, small_words, without_small_words
from bot.alerts.spellings import MAX_PHRASE, fold, known_spellings
from bot.alerts.tokens import (
    OrSaid,
    check_readable,
    conditions_said,
    ors,
    outside_quotes,
    shown_token,
    tokens,
    without_and,
)
from bot.alerts.years import (
    bare_years_in,
    check_no_open_range,
    said_as_bare_years,
    said_as_short_years,
    said_as_year_ranges,
    said_as_year_words,
    unmarked_year_ranges,
)
from bot.errors import UserError
from bot.limits import listed, plain_quote
from bot.states import STATE_NAMES, state_code
from bot.trucks import make_and_model

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
# Signs as phones and other habits write them: `price≤5000`, `price=<5000`, `price==5000`.
_SIGN_SPELLINGS = {"≤": "<=", "≦": "<=", "=<": "<=", "≥": ">=", "≧": ">=", "=>": ">=", "==": "="}
_SPELT_SIGN = re.compile(rf"(?<!\w)({FIELDS_PATTERN})\s*(≤|≦|=<|≥|≧|=>|==)", re.I)
# Signs a condition does not take: "not equal" (`price!=5000`), refused rather than read as words.
_NO_SIGN = re.compile(rf"^({FIELDS_PATTERN})\s*(!=|<>|≠|=!)", re.I)
# An opening bracket or a tilde before a condition (`(under 5k)`, `～$3500` as Japanese listings
# write "up to"; a tilde before a number is parted from it first, below): no word's, and glued
# to the condition it would make it words.
_OPENING_MARK = re.compile(r"(?<!\S)[(\[（［~～]+(?=\S)")
# A tilde before a number (`~5k`, `~1995`) says "about", as `~ 5k` does: parted from it, it is
# read as about is (see `amounts.ROUGH_WORDS`). Before a range (`3k~5k`) it is the range's dash.
_TILDE_BEFORE_NUMBER = re.compile(r"(?<!\S)~+(?=[$0-9'’‘])")
# Its closing bracket, after a word (`(4wd)`, not a `:)`), goes with it.
_CLOSING_MARK = re.compile(r"(?<=\w)[)\]）］]+(?!\S)")
# "from 1995 to 2000", "from $3k to $5k": the range says it all; "from" is no word to wait for.
_FROM_RANGE = re.compile(
    r"(?<!\w)from\s+(?=(?:(?:price|mileage|model\s+years?|years?|age)\s*[:=]?\s*)?"
    rf"\$?\s*[0-9'’‘][0-9,.]*k?{RANGE_DASH}\$?\s*[0-9'’‘])",
    re.I,
)
# "from 5k", "from $5k" with no end: at least 5k, or a price from that down?
_FROM_AMOUNT = re.compile(
    rf"(?<!\w)from\s+(\$\s*[0-9][0-9,.]*k?|[0-9][0-9,.]*k)(?![\w$+])(?!{RANGE_DASH}\$?\s*[0-9])",
    re.I,
)
# `3,500$`: a `$` after the amount, as some write it, is the `$` before it.
_DOLLAR_AFTER = re.compile(r"(?<![\w$.,])([0-9][0-9,.]*k?)\$(?![\w$])", re.I)
# A comma between two words parts them (`hijet,carry`); between digits it is a number's.
_COMMA_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_]),(?=[^\W\d_])")
# A comma (or a Japanese one) that parts the items of a list; between digits it is a number's.
_ONE_WORD = re.compile(r"[^\W_][\w'’-]*")
_LIST_COMMA = re.compile(r"(?<!\d)[,、](?!\d)|(?<=\d)[,、](?!\d)|(?<!\d)[,、](?=\d)")
# Where `_listed` parts items: a character no member types.
_ITEM_APART = "\x00"
# A quoted phrase alone between two commas, an item of a list as a word alone is.
_ONE_PHRASE = re.compile(r'["“”„＂][^"“”„＂]+["“”„＂]')


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
    _check_no_unknown_field(text)
    _check_no_trucks_apart(query, " ".join(text.split()))
    _check_no_trucks_listed(" ".join(text.split()))
    return query


def _check_no_unknown_field(typed: str) -> None:
    """Refuse `color:white`, a condition on a field alerts do not know, naming those they do:
    read as words, it would wait for the phrase "color white", which hardly any item holds."""
    for field, said in conditions_said(typed):
        if field.isascii() and fold(field) not in FIELD_NAMES:
            raise UserError(
                f"{plain_quote(field)} is not a field alerts know ({listed(FIELD_NAMES)}): put "
                f"{plain_quote(said)} in quotes to watch for the words."
            )


def _said(text: str, this_year: int) -> str:
    """`text` with its conditions put together and said as conditions, small words still in."""
    query = " ".join(text.split())
    outside_quotes(
        query,
        lambda part: check_dollar_amounts(
            check_in_dollars(
                _check_no_bare_from(
                    check_no_open_range(check_no_month(check_no_date(part, this_year)))
                )
            )
        ),
    )
    try:
        return " ".join(outside_quotes(query, lambda part: _tidy_words(part, this_year)).split())
    except RoughAmount as rough:
        raise rough.quoted_as(_rough_typed(query, rough, this_year)) from None


def _rough_typed(typed: str, rough: RoughAmount, this_year: int) -> str:
    """The fewest words of `typed` that are refused as `rough` is, to quote it as typed (`about
    grade 4`, not the `about grade:4` it is read as)."""

    def refused_so(words: str) -> bool:
        try:
            outside_quotes(words, lambda part: _tidy_words(part, this_year))
        except RoughAmount as found:
            return found.read == rough.read
        except UserError:
            return False  # refused otherwise, read alone
        return False

    # The mark ending the sentence or clause the words end is not theirs (`~$5000.`).
    return (_fewest_words(typed, refused_so) or rough.read).rstrip(".,;!?")


def _check_no_bare_from(part: str) -> str:
    """Refuse `from 5k` with no end, saying both ways it may be meant."""
    found = _FROM_AMOUNT.search(part)
    if found is None:
        return part
    amount = found[1]
    raise UserError(
        f"{plain_quote(found[0])} could be a price of {amount} or more, or one up to it: say "
        f"{amount}+ for at least {amount}, or under {amount}."
    )


def small_words_of(typed: str, this_year: int) -> SmallWords:
    """What became of the small words of `typed`, read as a new alert, to say so."""
    return small_words(_said(typed, this_year))


def typed_stretch(typed: str, token: str, this_year: int) -> str:
    """The fewest words of `typed` next to each other that read as `token` of the alert it was
    read as (`1995-99-` for `year<=1999-`), to quote a refusal as typed; `token` where none do."""

    def reads_as_token(words: str) -> bool:
        try:
            read = tokens(without_small_words(_said(words, this_year)))
        except UserError:
            return False  # a part read alone is refused
        return token in (shown_token(found) for found in read)

    return _fewest_words(typed, reads_as_token) or token


def _fewest_words(typed: str, holds: Callable[[str], bool]) -> str | None:
    """The fewest words of `typed` next to each other (a quoted phrase one) that `holds` holds
    for, the leftmost of as many; None where none do."""
    shown = [shown_token(found) for found in tokens(" ".join(typed.split()))]
    for size in range(1, len(shown) + 1):
        for start in range(len(shown) - size + 1):
            words = " ".join(shown[start : start + size])
            if holds(words):
                return words
    return None


# The alert to give for one side of an OR: as typed (None where those words alone read
# otherwise), and as read.
Advice = tuple[str | None, str]


def _typed_ors(typed: str, query: str, this_year: int) -> list[OrSaid] | None:
    """The first OR of `query` (`typed` as read), which a refusal names, quoted as typed: the
    whole stretch each side reads from (`under 5k or 1995`, not the `price<=5k or 1995` it is
    read as, nor `5k or 1995`), each side's alert with the words outside a lone OR (`hijet or
    carry under 5k`: `hijet under 5k`, as a bare `hijet` would find every Hijet); None where
    there is none, or it cannot be told apart."""
    shown = [shown_token(token) for token in tokens(" ".join(typed.split()))]

    def read(words: list[str]) -> str:
        return without_small_words(_said(" ".join(words), this_year))

    def read_tokens(words: list[str]) -> list[str] | None:
        try:
            return [shown_token(token) for token in tokens(read(words))]
        except UserError:
            return None  # a part read alone is refused

    def nearest(words: list[str], size: int, nearest_last: bool) -> tuple[list[str], list[str]]:
        """The `size` words of `words` next to the OR, and the rest."""
        return (words[-size:], words[:-size]) if nearest_last else (words[:size], words[size:])

    def widened(words: list[str], near: list[str], nearest_last: bool) -> list[str]:
        """`near` widened to the known phrase it ends next to the OR (`kei truck`)."""
        for wider in range(min(MAX_PHRASE, len(words)), len(near), -1):
            longer = nearest(words, wider, nearest_last)[0]
            if fold(" ".join(longer)) in known_spellings():
                return longer
        return near

    def side(words: list[str], read_side: str, nearest_last: bool) -> tuple[str, Advice, int]:
        """The fewest of `words` next to the OR (their last, or their first) that read, beside
        the rest, as all of them do (`under 5k`, of which `5k` alone reads otherwise), or the
        known phrase they end (`kei truck`, not `truck`), to quote; the alert to give for
        that side, as typed where those words alone read as here (not `5` of `grade 4 or 5`),
        and as read; and how many of `words` they are."""
        whole = read_tokens(words)
        for size in range(1, len(words) + 1):
            near, rest = nearest(words, size, nearest_last)
            near_read, rest_read = read_tokens(near), read_tokens(rest)
            if not near_read or rest_read is None:
                continue
            if (rest_read + near_read if nearest_last else near_read + rest_read) == whole:
                phrase = widened(words, near, nearest_last)
                if near_read[-1 if nearest_last else 0] != read_side:
                    return " ".join(phrase), (None, read_side), len(phrase)
                as_read = near_read if phrase == near else read_tokens(phrase) or near_read
                return " ".join(phrase), (" ".join(phrase), " ".join(as_read)), len(phrase)
        return read_side, (None, read_side), 1

    # An OR that says a bound (`1995 or newer`) is read as one, so is none: an OR is kept where
    # the words read with it keep one more than read without it. The refusal quotes the first
    # kept, so the search stops there: each OR looked into reads the words beside it again.
    read_ors = ors(query)
    if not read_ors:
        return None
    at = -1
    try:
        for said in ors(typed):
            at = shown.index(said[1], at + 1)
            if len(read_ors) > len(ors(read(shown[:at] + shown[at + 1 :]))):
                break
        else:
            return None
    except UserError:
        return None  # the words read without it are refused
    read_before, _, read_after = read_ors[0]
    typed_before, (before, before_read), before_size = side(
        shown[:at], read_before, nearest_last=True
    )
    typed_after, (after, after_read), after_size = side(
        shown[at + 1 :], read_after, nearest_last=False
    )
    if before is None or after is None:
        # One side is given as read (`grade:5` of `grade 4 or 5`): so is the other, the two
        # alerts in one form (`grade:4`, not the `grade 4` typed).
        before, after = before_read, after_read
    if len(read_ors) == 1:  # the rest of a lone OR goes with each side
        rest_before = shown[: max(at - before_size, 0)]
        rest_after = shown[at + 1 + after_size :]
        before, after = (
            " ".join([*rest_before, alone, *rest_after]) if alone else alone
            for alone in (before, after)
        )
    return [(" ".join((typed_before, shown[at], typed_after)).strip(), before, after)]


def _check_no_trucks_apart(query: str, typed: str) -> None:
    """Refuse `hijet/carry` and `S500P/S510P` in `query` (`typed` as read): a slash between
    two trucks, by name or model code, means either, where between other words (`a/c`) it is
    read as the phrase an item's text holds."""
    found = tokens(query)
    for token in found:
        if token.quoted or token.left_out or "/" not in token.text:
            continue
        parts = [part for part in token.text.split("/") if part]
        models = {truck_named(part) for part in parts}
        if len(parts) < 2 or None in models or len(models) < len(parts):
            continue
        # Each truck where the member put the slash, the other words round it as typed
        # (`under 5k`, not `price<=5k`), or as read where the slash was not typed so.
        slash = re.compile(rf"(?<!\S){re.escape(token.text)}(?!\S)")
        said = typed if slash.search(typed) else " ".join(shown_token(other) for other in found)
        each = ", ".join(
            plain_quote(slash.sub(lambda _, part=part: part, said, count=1)) for part in parts
        )
        raise UserError(
            f"Alerts have no OR, so {plain_quote(token.text)} would wait for the phrase "
            f"{plain_quote(' '.join(parts))}; for any of them, add an alert for each: {each}."
        )


def comma_words(typed: str) -> list[str]:
    """The words of `typed` parted by commas, each a word alone (`hijet, dump, 4wd`), where two
    or more are, to say all must appear: a member may have meant any of them. A state among
    them (`carry, texas`) says where, and is no choice."""
    parts = _listed(" ".join(typed.split()))
    words = [
        part
        for part in parts
        if (_ONE_WORD.fullmatch(part) and state_code(part) is None) or _ONE_PHRASE.fullmatch(part)
    ]
    return words if len(words) >= 2 and len(parts) >= 2 else []


def _listed(typed: str) -> list[str]:
    """`typed` parted at the commas that list its items, outside quotes: a comma in a phrase
    (`"dump, bed"`) is the phrase's."""
    marked = outside_quotes(typed, lambda part: _LIST_COMMA.sub(_ITEM_APART, part))
    return [part.strip() for part in marked.split(_ITEM_APART)]


def _check_no_trucks_listed(typed: str) -> None:
    """Refuse `hijet, carry, acty`: commas between trucks list the ones a member would take,
    where every word of an alert must appear; between other words (`carry, texas, under 5k`)
    they part what all must hold, and are read so."""
    parts = [part for part in _listed(typed) if part]
    trucks = [make_and_model(part) for part in parts]
    makes = {make for make, _ in trucks if make}
    models = {model for _, model in trucks if model}
    if len(parts) < 2 or (len(makes) < 2 and len(models) < 2):
        return
    raise UserError(
        f"Alerts have no OR: every word must appear, so {plain_quote(typed)} would wait for an "
        f"item naming all of them; for any of them, add an alert for each: "
        f"{', '.join(plain_quote(part) for part in parts)}."
    )


def _tidy_words(query: str, this_year: int) -> str:
    """Conditions put together and words said as conditions made them (see `tidy_query`),
    in text outside quotes."""
    read = said_as_bare_years(_said_as_conditions(query, this_year), this_year)
    return check_no_two_digits_alone(read, this_year)


def _said_as_conditions(query: str, this_year: int) -> str:
    """`_tidy_words` but for bare years, read last: `1995-1999` is a range, and
    `under 2000` a price."""
    query = said_as_bare_prices(_before_bare_prices(query, this_year))
    query = said_as_year_words(query, this_year)
    query = check_bounded(_SPACED_UNIT.sub(r"\1\2", _SPACED_CONDITION.sub(r"\1\2", query)))
    return said_as_short_years(query)


def _before_bare_prices(query: str, this_year: int) -> str:
    """`_said_as_conditions` up to its bare `$` amounts: `under $5k` is said already."""
    return said_as_amounts(said_as_year_ranges(_before_year_ranges(query, this_year)))


def _before_year_ranges(query: str, this_year: int) -> str:
    """`_said_as_conditions` up to its ranges of model years."""
    query = said_as_era_years(said_in_dollars(said_as_codes(query)), this_year)
    query = _FROM_RANGE.sub("", said_with_tilde(query))
    query = _TILDE_BEFORE_NUMBER.sub(lambda m: f"{m[0]} ", query)
    query = _CLOSING_MARK.sub("", _OPENING_MARK.sub("", query))
    query = _DOLLAR_AFTER.sub(r"$\1", query)
    said = said_as_bounds(said_as_ages(query, this_year))
    query = _COMMA_BETWEEN_WORDS.sub(", ", without_and(said))
    query = _SPELT_SIGN.sub(lambda m: m[1] + _SIGN_SPELLINGS[m[2]], query)
    query = _STATE_BY_NAME.sub(
        lambda m: f"state:{STATE_NAMES[' '.join(m[1].split()).casefold()]}", query
    )
    # A price or mileage range first: `price 1500-2000` is not a range of model years.
    return said_as_field_ranges(query)


def year_ranges(typed: str, this_year: int) -> list[tuple[str, int, int]]:
    """The ranges of `typed` read as model years though nothing says years (`12-16`, `95-99`:
    no apostrophe, four digits or field name), each as typed with its first and last year, to
    say so: a member meaning the numbers themselves quotes them."""
    found: list[tuple[str, int, int]] = []

    def collect(part: str) -> str:
        found.extend(unmarked_year_ranges(_before_year_ranges(part, this_year)))
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found


def bare_prices(typed: str, this_year: int) -> list[str]:
    """The bare `$` amounts of `typed` read as prices up to them (`hijet $5k`), as typed, to
    say so: a member meaning another bound says it."""
    found: list[str] = []

    def collect(part: str) -> str:
        found.extend(bare_prices_in(_before_bare_prices(part, this_year)))
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found


def bare_years(typed: str, this_year: int) -> list[str]:
    """The bare numbers of `typed` read as model years (`hijet 1995`), to say so: a member
    meaning the number itself as a word quotes it."""
    found: list[str] = []

    def collect(part: str) -> str:
        found.extend(bare_years_in(_said_as_conditions(part, this_year), this_year))
        return part

    outside_quotes(" ".join(typed.split()), collect)
    return found
