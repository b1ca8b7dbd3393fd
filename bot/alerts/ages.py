"""A truck's age as members say it (`under 10 years`, `over 25 years old`, `25+ yrs`, `10-20
years old`, `age 25+`), written as the age condition it means (`age<10`), which is met by the
model years it means on the day an item goes out (see `AgeYears` and `query.in_years`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.eligibility import NHTSA_YEARS, check_eligibility, parse_manufactured, us_today
from bot.errors import UserError
from bot.importers.arrivals import FIRST_YEAR
from bot.limits import plain_quote

# Between two ends; `until` and `till` as `thru` (`1995 until 2000` is 1995-2000).
RANGE_WORDS = r"thru|through|until|till|(?:and\s+)?up\s+to"
RANGE_DASH = rf"\s*(?:-|–|—|~|to|\.\.|{RANGE_WORDS})\s*"
# The end of a bound said after its number (`5k or under`, `2000 or after`, `25 years or over`):
# one that goes before a number of its own (`5k or under 8k`, `2000 or after 2010`) is the other
# side of an OR, not the first number's bound, and is left to be refused as one; `and up to`
# before one (`1995 and up to 2000`) is a range's.
_TAKE_A_NUMBER = ("after", "before", "above", "below", "under", "over", "up", "max", "min")
OWN_NUMBER_NOT_AFTER = (
    r"(?!\w)(?!(?:"
    + "|".join(f"(?<={word})" for word in _TAKE_A_NUMBER)
    + r")\s*[$£¥€'’‘]?\s*[0-9])(?!(?<=up)\s+to\s*[$£¥€'’‘]?\s*[0-9])"
)
# A truck's age in words: `under 10 years`, `over 25 years old`, `25+ yrs`, `25 years or older`,
# `age 25+`, kept as an age (`age<10`). `Under 10` is younger than 10 and `10 or less` keeps 10
# in; `over 25` keeps 25 in, as kei buyers say it of the import rule. An age's number is at most
# the oldest truck's, so `under 95 years` is still the model year's slip.
_YEARS_OLD = r"(?:years?|yrs?)(?P<old>\s+old)?"
_AGE_UNDER = r"under|below|less\s+than|newer\s+than|younger\s+than"
_AGE_AT_MOST = (
    rf"(?P<under>{_AGE_UNDER})|max(?:imum)?|up\s+to|at\s+most|no\s+more\s+than"
    r"|within(?:\s+the)?(?:\s+(?:last|past))?|in\s+the\s+(?:last|past)"
)
_AGE_AT_LEAST = r"over|above|more\s+than|min(?:imum)?|at\s+least|no\s+less\s+than|older\s+than"
_AGE = re.compile(
    r"(?<![\w<>=:.,$])(?:age\s*:?\s*)?"
    rf"(?:(?P<most>{_AGE_AT_MOST})|(?P<least>{_AGE_AT_LEAST}))?\s*(?P<years>\d{{1,3}})"
    rf"(?:\s*(?P<plus>\+))?\s*{_YEARS_OLD}(?:\s*(?P<plus_after>\+)|\s+(?:or|and)\s+"
    r"(?:(?P<up>older|more|over|up|above)|(?P<down>newer|younger|less|under|fewer))"
    rf"{OWN_NUMBER_NOT_AFTER})?(?!\w)",
    re.I,
)
# `age 25+`, `age under 10`: the field named, its unit left out.
_AGE_NAMED = re.compile(
    rf"(?<![\w<>=:.,$])age\s*(?P<sign>:)?\s*(?:(?P<most>{_AGE_AT_MOST})|(?P<least>{_AGE_AT_LEAST}))?"
    r"\s*(?P<years>\d{1,3})(?:\s*(?P<plus>\+))?(?![\w.,])",
    re.I,
)
# `10-20 years old`, `between 10 and 20 years`: a range of ages (not the model years 2010-2020).
_AGE_RANGE = re.compile(
    r"(?<![\w<>=:.,$])(?P<age>age\s*:?\s*)?(?:between\s+(?P<low>\d{1,3})\s+and\s+(?P<high>\d{1,3})"
    rf"|(?P<from>\d{{1,3}}){RANGE_DASH}(?P<to>\d{{1,3}}))\s*{_YEARS_OLD}(?!\w)",
    re.I,
)


def said_as_ages(query: str, this_year: int) -> str:
    """`query` with the ages it says in words written as conditions (before `and` is dropped:
    `between 10 and 20 years`, `25 years and older`)."""
    query = _AGE_RANGE.sub(lambda m: _age_range(m, this_year - FIRST_YEAR), query)
    query = _AGE.sub(lambda m: _age(m, this_year), query)
    return _AGE_NAMED.sub(lambda m: _age(m, this_year), query)


def _age(match: re.Match[str], this_year: int) -> str:
    """An age in words as the condition it says (`over 25 years` is `age>=25`, `age:25` is
    `age:25`); a number of years past the oldest truck's age with no `old` or `age` (`under 95
    years`) is left to be read as the model year it likely is; a number of years with no word
    for which way (`25 years`, `25 years old`, `age 25`) is refused, as is one no truck has (`95
    years old`)."""
    oldest = this_year - FIRST_YEAR
    years = int(match["years"])
    named = match[0][:3].casefold() == "age"
    found = {name for name, value in match.groupdict().items() if value}
    if "under" in found:
        op = "<"
    elif found & {"most", "down"}:
        op = "<="
    elif found & {"least", "up", "plus", "plus_after"}:
        op = ">="
    elif "sign" in found:
        op = ":"  # `age:25`: the field named with its value, as `grade:4` is
    elif "old" not in match.re.groupindex:
        # `age 25`: the 25-year import rule, or the one model year 25 years old now?
        # The one model year is not named: an age is counted on the arrival card's day, which
        # around New Year is not always the server's (`AgeYears`); the reply to age:25 names it.
        raise UserError(
            f"{plain_quote(' '.join(match[0].split()))} could be {years} or older, as the 25-year "
            f"import rule counts: say age {years}+; or only the model year {years} years old now, "
            f"as the rule counts: say age:{years}."
        )
    elif years > oldest:
        raise too_old(
            f"{plain_quote(match[0])} is no age a truck has",
            years,
            oldest,
            f"19{years:02d}",
            f"{min(25, oldest)}+ years",
        )
    else:
        raise UserError(
            f"{plain_quote(match[0])}: say {years}+ years for {years} years old or older, under "
            f"{years} years for younger, or {years}-{years + 5} years old for a range; in "
            f'quotes, "{match[0]}", it is the words.'
        )
    if years > oldest and not (named or "old" in found):
        return match[0]
    return f"age{op}{years}"


def _age_range(match: re.Match[str], oldest: int) -> str:
    """A range of ages as two conditions; one past the `oldest` truck's age, with no `old` or
    `age` to say it is one (`95-99 years`), is left to be read as the model years it likely is."""
    low, high = int(match["low"] or match["from"]), int(match["high"] or match["to"])
    if high > oldest and not (match["age"] or match["old"]):
        return match[0]
    check_forwards(match[0], low, high, f"{high}-{low} years")
    return f"age>={low} age<={high}"


@dataclass(frozen=True)
class AgeYears:
    """The model years an age means on a day, for an item that gives its model year alone.
    Such a truck's age is the one the arrival card's 25-year line counts: from the model year's
    last month, so a model year is N years old from the Jan 1 after it turned N at the latest
    (a 2001 truck may be from that December: 24 all through 2026, 25 from Jan 1 2027). One from
    January may be a year older; it is not called so, as its card does not call it eligible.
    Each model year is thus one age on a day, so an age and its complement (`age>=25` and
    `age<25`) meet every model year between them, and both count it on the card's day: the one
    begun everywhere in the US."""

    this_year: int  # in the server's zone: past `counted_in` for hours after its New Year
    counted_in: int  # the year of the day ages are counted on (the card's)
    eligible: int  # the newest model year the arrival card calls import-eligible that day

    def year_aged(self, years: float) -> float:
        """The model year `years` old all through `counted_in`."""
        return self.eligible + NHTSA_YEARS - years


def age_years(now: datetime, this_year: int) -> AgeYears:
    """What ages mean at `now`, where it is `this_year` for the server, counted with the rule
    the arrival card gives "Eligible from" by (a model year alone, read from its last month)."""
    today = us_today(now)
    newest = today.year - NHTSA_YEARS
    eligible = next(
        year
        for year in range(newest, newest - 3, -1)
        if check_eligibility(parse_manufactured(str(year)), today).eligible_now
    )
    return AgeYears(this_year, today.year, eligible)


def too_old(said: str, years: float, oldest: int, year_hint: str, age_hint: str) -> UserError:
    """The refusal of an age past the `oldest` truck's, which no truck has or every truck
    meets, with the model year (`year_hint`) it may be a slip for, and an age to give."""
    as_year = f"for a model year, say {year_hint}; " if years < 100 else ""
    return UserError(
        f"No kei truck is over {oldest} years old (the oldest arrivals are model year "
        f"{FIRST_YEAR}), so {said}: {as_year}for an age, give one under {oldest}, as {age_hint}."
    )


def check_forwards(typed: str, low: float, high: float, turned: str) -> None:
    """Refuse a range written high to low: `1999-1995` may be a slip for another range, so
    it is not silently turned round."""
    if low > high:
        raise UserError(
            f"{plain_quote(typed)} runs backwards: give the lower end first, as {turned}."
        )
