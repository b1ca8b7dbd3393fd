"""A new alert read as `/alerts add` reads it, without a store: its text as kept and what it
asks, or the refusal, so the service and the readings bench (`bench.alerts_readings`) read alike."""

from __future__ import annotations

import re

from bot.alerts.ages import AgeYears
from bot.alerts.clashes import check_all_can_hold, check_left_out
from bot.alerts.query import (
    MAX_QUERY,
    Condition,
    Query,
    check_useful,
    describe,
    in_years,
    parse_query,
)
from bot.alerts.spellings import is_known
from bot.alerts.tidy import tidy_query, typed_stretch
from bot.errors import UserError
from bot.invisible import shown_text
from bot.limits import fit, plain_quote

# What shows nothing yet parts words: a zero-width space, which phone keyboards and pasted pages
# put where a space belongs, and the invisible separator. The rest that shows nothing joins (a
# word joiner, a soft hyphen), and is dropped.
_SEPARATORS = re.compile(r"[\u200b\u2063]+")
# Each from a word's start and whole, so that a long run of letters is gone through once.
_PARTED_WORDS = re.compile(rf"(?<![^\W_])[^\W_]++(?:{_SEPARATORS.pattern}[^\W_]++)+")


def read_new(text: str, *, this_year: int, ages: AgeYears) -> tuple[str, str, Query]:
    """What a member typed as a new alert: the text as typed (what shows nothing dropped, a
    zero-width space between words a space), as kept, and what it asks; refused where it would
    be read otherwise than meant."""
    # Feeds drop what shows nothing from the text alerts are matched against (a zero-width
    # space would part `hi\u200bjet` into words no item holds): so is it dropped here, but
    # where it parts two words (`hijet\u200bdump`).
    typed = " ".join(shown_text("alert", _PARTED_WORDS.sub(_parted, text)).split())
    if len(typed) > MAX_QUERY:
        # Refused before it is read: reading each OR of a long text to quote it as typed takes
        # time growing with its cube (55 s for 5,000 characters); Discord's option caps it too.
        raise UserError(f"An alert is at most {MAX_QUERY} characters.")
    query = tidy_query(typed, this_year=this_year)
    if len(query) > MAX_QUERY:
        raise UserError(
            f"Read as conditions, {plain_quote(fit(typed, 40))} grows to {len(query)} "
            f"characters, past the {MAX_QUERY} an alert keeps: leave out a word or two."
        )
    asked = parse_query(query, lambda token: typed_stretch(typed, token, this_year))
    check_useful(query, *asked, this_year=this_year)
    check_all_can_hold(asked.conditions, ages=ages)
    check_left_out(asked)
    return typed, query, asked


def _parted(words: re.Match[str]) -> str:
    """Letters a zero-width space stands between, parted by a space, but a word alerts know
    with one inside it (`hi\u200bjet`), as pasted from a page that marks where lines may break."""
    joined = _SEPARATORS.sub("", words[0])
    return joined if is_known(joined) else _SEPARATORS.sub(" ", words[0])


def ages_said(conditions: tuple[Condition, ...], ages: AgeYears) -> list[str]:
    """Each age condition with the model years it means as `ages` counts: `age ≥ 25 years is
    year ≤ 2000`, and for an age at least, why not the year after, which members count to
    (2026 - 25 = 2001)."""
    said: list[str] = []
    for condition in conditions:
        if condition.field != "age":
            continue
        [years] = in_years((condition,), ages)
        why = ""
        if condition.op in (">=", ">"):
            old = float(condition.value) + (condition.op == ">")
            why = (
                f" (a {float(years.value) + 1:.0f} truck may be from that December, so it is "
                f"{old:g} from Jan 1, as the 25-year import rule counts)"
            )
        said.append(f"{describe(condition)} is {describe(years)}{why}")
    return said
