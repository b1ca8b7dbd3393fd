"""A new alert read as `/alerts add` reads it, without a store: its text as kept and what it
asks, or the refusal, so the service and the readings bench (`bench.alerts_readings`) read alike."""

from __future__ import annotations

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
    whole_age,
)
from bot.alerts.spellings import is_known
from bot.alerts.tidy import tidy_query, typed_stretch
from bot.errors import UserError
from bot.invisible import parted, shown_text
from bot.limits import fit, listed, plain_quote


def read_new(text: str, *, this_year: int, ages: AgeYears) -> tuple[str, str, Query]:
    """What a member typed as a new alert: the text as typed (what shows nothing dropped, a
    zero-width space between words a space), as kept, and what it asks; refused where it would
    be read otherwise than meant."""
    # Read as items are (`parted`): a zero-width space parts two words (`hijet\u200bdump`), but
    # within a word alerts know (`hi\u200bjet`) it is dropped.
    typed = " ".join(shown_text("alert", parted(text, is_known)).split())
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


def ages_said(conditions: tuple[Condition, ...], ages: AgeYears) -> str:
    """What the age conditions mean on the day `ages` counts, as the reply to a new alert says
    it, naming the year they are counted in (still the old one, and saying so, in the hours
    after the server's New Year's midnight before the US day turns over everywhere); "" with
    none. Each names the model year on its edge and when it turns the age counted: members
    count otherwise (2026 - 25 = 2001)."""
    said: list[str] = []
    for condition in conditions:
        if condition.field != "age":
            continue
        [years] = in_years((condition,), ages)
        whole = whole_age(condition)
        # At most 10 is younger than 11.
        turning = float(whole.value) + (whole.op == "<=")
        read = describe(condition)
        if not float(condition.value).is_integer():
            read += f", in whole years {describe(whole)},"
        said.append(
            f"{read} is {describe(years)} (a {ages.year_aged(turning - 1):.0f} "
            f"truck may be from that December, so it is {turning:g} from Jan 1, "
            f"{ages.counted_in + 1})"
        )
    if not said:
        return ""
    year = f"{ages.counted_in}"
    if ages.this_year > ages.counted_in:
        year += " (until Jan 1 has begun everywhere in the US)"
    return (
        "An age counts from the model year on the day an item goes out, as the 25-year import "
        f"rule counts: in {year}, {listed(said)}."
    )
