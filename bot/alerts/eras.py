"""Japanese era years in a new alert (`hijet H10`, `平成10年`, `heisei 10`), and ranges of them
(`H8-H12`, `平成8-12年`), read as the model years they mean, as /eligibility reads them:
otherwise they would be words an item must hold, and the two tools would disagree."""

from __future__ import annotations

import re

from bot.alerts.ages import RANGE_DASH, check_forwards
from bot.alerts.years import FIRST_BARE_YEAR, YearSpan
from bot.eligibility import parse_manufactured
from bot.errors import UserError

# `平成10年`, `平成10年式`, `heisei 10`, `showa 63`: the era named, so a model year, however far.
_NAMED_ERA_YEAR = re.compile(
    r"(?<![\w<>=:.,$-])(?:(?:昭和|平成|令和)\s*(?:[0-9０-９]{1,2}|元)\s*年式?"
    r"|(?:heisei|showa|shōwa|reiwa)\s*[0-9]{1,2}(?:\s*年式?)?(?!\w))",
    re.I,
)
# `H10`, `S63`, as listings write a truck's year: an era's letter alone, read only as a year
# arrivals can be of; otherwise it stays a word (`S10` is also a pickup). Reiwa's `R2` is left
# a word: it is a Subaru kei car's name, and a Reiwa truck is too new to import.
_LETTERED_ERA_YEAR = re.compile(
    r"(?<![\w<>=:.,$-])[hsＨＳｈｓ][0-9０-９]{1,2}(?:年式?)?(?!\w)", re.I
)


_ERAS = r"昭和|平成|令和|heisei|showa|shōwa|reiwa"
_ERA_LETTERS = r"[hsＨＳｈｓ]"


def _end(at: int, *, era_said: bool) -> str:
    """One end of a range of era years: its era (named, or its letter), which the second end
    may leave to the first's (`H8-12`, `平成8-12年`), its number, and a `年` after it."""
    era = rf"(?:(?P<era{at}>{_ERAS})\s*|(?P<letter{at}>{_ERA_LETTERS}))"
    return (
        rf"(?P<end{at}>{era}{'' if era_said else '?'}(?P<number{at}>[0-9０-９]{{1,2}}|元))"
        r"(?:\s*年式?)?"
    )


# `H8-H12`, `平成8-12年`, `平成8年〜平成12年`, `heisei 8 to 12`, `between H8 and H12`, `S63-H5`.
_ERA_RANGE = re.compile(
    rf"(?<![\w<>=:.,$-])(?P<between>between\s+)?{_end(1, era_said=True)}"
    rf"(?(between)\s+and\s+|(?:{RANGE_DASH}|\s*[〜～]\s*)){_end(2, era_said=False)}(?!\w)",
    re.I,
)


def said_as_era_years(query: str, this_year: int) -> str:
    """`query` with its era years, and ranges of them, as `year` conditions (an era year
    outside its era is refused, as /eligibility refuses it)."""
    query = _ERA_RANGE.sub(lambda m: _era_range(m, this_year), query)
    query = _NAMED_ERA_YEAR.sub(lambda m: f"year:{_year(m[0])}", query)
    return _LETTERED_ERA_YEAR.sub(lambda m: _lettered(m[0], this_year), query)


def named_era_years(folded: str, this_year: int) -> frozenset[YearSpan]:
    """The model years an item's words (folded) name as era years, alone or in a range, as an
    alert reads them: a letter's only as years arrivals can be of. A range backwards or with an
    end outside its era is none, its first end read alone; a year outside its era is none."""
    found: set[YearSpan] = set()

    def span(match: re.Match[str]) -> str:
        try:
            low, high = _range_ends(match)
        except UserError:
            return match[0]
        if low > high or not _lettered_fits(match, low, high, this_year):
            return match[0]
        found.add((low, high))
        return " "

    rest = _ERA_RANGE.sub(span, folded)
    for match in _NAMED_ERA_YEAR.finditer(rest):
        if (year := _year_or_none(match[0])) is not None and year <= this_year:
            found.add((year, year))
    for match in _LETTERED_ERA_YEAR.finditer(rest):
        year = _year_or_none(match[0])
        if year is not None and FIRST_BARE_YEAR <= year <= this_year:
            found.add((year, year))
    return frozenset(found)


def _year_or_none(typed: str) -> int | None:
    try:
        return _year(typed)
    except UserError:
        return None


def _era_range(match: re.Match[str], this_year: int) -> str:
    """A range of era years as the model years of its ends; one of era letters only as years
    arrivals can be of, as one letter's year is."""
    low, high = _range_ends(match)
    if not _lettered_fits(match, low, high, this_year):
        return match[0]
    check_forwards(match[0], low, high, _turned(match))
    return f"year>={low} year<={high}"


def _range_ends(match: re.Match[str]) -> YearSpan:
    """The model years of a range's ends, each end in its own era or else the first's."""
    first_era = match["era1"] or match["letter1"]
    second_era = match["era2"] or match["letter2"] or first_era
    low, high = (
        # A romaji era is parted from its number (`heisei 8`), a letter is not (`H8`).
        _year(f"{era}{' ' if era.isascii() and len(era) > 1 else ''}{number}")
        for era, number in ((first_era, match["number1"]), (second_era, match["number2"]))
    )
    return low, high


def _lettered_fits(match: re.Match[str], low: int, high: int, this_year: int) -> bool:
    """Whether a range is a model years' one: of era letters only, all years arrivals can be of."""
    lettered = match["letter1"] and not match["era2"]
    return not lettered or FIRST_BARE_YEAR <= min(low, high) <= max(low, high) <= this_year


def _turned(match: re.Match[str]) -> str:
    """The range of `match` written low to high: its ends swapped where each names its era
    (`H5-S63`), else their numbers (`平成12-8年`)."""
    group = "end" if match["era2"] or match["letter2"] else "number"
    (start1, end1), (start2, end2) = match.span(f"{group}1"), match.span(f"{group}2")
    text, at = match.string, match.start()
    return (
        text[at:start1]
        + text[start2:end2]
        + text[end1:start2]
        + text[start1:end1]
        + text[end2 : match.end()]
    ).strip()


def _lettered(typed: str, this_year: int) -> str:
    try:
        year = _year(typed)
    except UserError:  # outside its era: a word, as `S70` may be
        return typed
    return f"year:{year}" if FIRST_BARE_YEAR <= year <= this_year else typed


def _year(typed: str) -> int:
    return parse_manufactured(typed.removesuffix("式")).year
