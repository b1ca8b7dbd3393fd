"""Japanese era years in a new alert (`hijet H10`, `平成10年`, `heisei 10`), read as the model
years they mean, as /eligibility reads them: otherwise they would be words an item must hold,
and the two tools would disagree."""

from __future__ import annotations

import re

from bot.alerts.years import FIRST_BARE_YEAR
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


def said_as_era_years(query: str, this_year: int) -> str:
    """`query` with its era years as `year:` conditions (an era year outside its era is
    refused, as /eligibility refuses it)."""
    query = _NAMED_ERA_YEAR.sub(lambda m: f"year:{_year(m[0])}", query)
    return _LETTERED_ERA_YEAR.sub(lambda m: _lettered(m[0], this_year), query)


def _lettered(typed: str, this_year: int) -> str:
    try:
        year = _year(typed)
    except UserError:  # outside its era: a word, as `S70` may be
        return typed
    return f"year:{year}" if FIRST_BARE_YEAR <= year <= this_year else typed


def _year(typed: str) -> int:
    return parse_manufactured(typed.removesuffix("式")).year
