"""Structured arrivals: a truck an importer has in, field by field, so alerts can match fields.

Model codes come from the models the glossary knows (bot/models.py), grades from the auction
decoder's (bot/auction/), and import eligibility from /eligibility's rule (bot/eligibility.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.auction import read_grade
from bot.eligibility import check_eligibility, parse_manufactured, us_today
from bot.errors import UserError
from bot.feeds.parsing import item_words
from bot.importers.problems import Problems
from bot.importers.profile_fields import parse_https, parse_state
from bot.invisible import require_seen, shown_text
from bot.limits import plain_quote, refuse_mention, require_length
from bot.models import LATEST_PLAUSIBLE_YEAR, TruckModel, find_model
from bot.numbers import half_width
from bot.trucks import make_and_model

KM_PER_MILE = 1.609344
MAX_MILEAGE_KM = 2_000_000
MAX_PRICE_USD = 10_000_000
FIRST_YEAR = 1950
MAX_NOTES = 1000
DRIVES = {"2wd": "2wd", "4wd": "4wd", "4x4": "4wd", "4x2": "2wd", "awd": "4wd"}
_SEPARATORS = re.compile(r"[\s,]")
# "45000", "8.5k", "8500.00": digits, a fraction, thousands as k (made half-width, casefolded).
_AMOUNT = re.compile(r"(?P<whole>\d+)(?:\.(?P<fraction>\d+))?(?P<k>k)?", re.ASCII)
_MILE_UNITS = ("miles", "mile", "mi")
_MILEAGE_UNITS = ("km", *_MILE_UNITS)
# Each limit as a refusal names it, with its unit: a bare 2,000,000 leaves km or miles a guess.
_LIMITS = {"The mileage": f"{MAX_MILEAGE_KM:,} km", "The price": f"${MAX_PRICE_USD:,}"}
_MOST_DIGITS = 12  # more is past every limit, however it is read
ELIGIBILITY = "US import (25 years)"  # the card's field of the truck's eligibility (`said`)
# How a card shows a day: as a date of the calendar (2031-01-01), or in each reader's own form.
DayShown = Callable[[date], str]


@dataclass(frozen=True)
class ArrivalDraft:
    """What the importer typed, unchecked."""

    make: str
    model: str
    year: int
    model_code: str | None = None
    drive: str | None = None
    grade: str | None = None
    mileage_km: str | None = None
    price: str | None = None
    state: str | None = None
    photo_url: str | None = None
    link: str | None = None
    notes: str | None = None  # what the fields cannot say: a dump bed, A/C


@dataclass(frozen=True)
class Arrival:
    make: str
    model: str
    year: int
    model_code: str | None
    drive: str | None  # "2wd" or "4wd"
    grade: str | None  # as the auction decoder spells it: "4.5", "R", "***"
    mileage_km: int | None
    price_usd: int | None
    state: str | None

    @property
    def mileage_miles(self) -> int | None:
        return None if self.mileage_km is None else round(self.mileage_km / KM_PER_MILE)

    def card_fields(
        self, eligibility: ArrivalEligibility | None, day: DayShown = date.isoformat
    ) -> list[tuple[str, str]]:
        """The fields of its card, labelled as members see them and as the moderator deciding
        it sees them (its queue post shows the same), each `day` shown so; those not given
        are left out."""
        mileage = (
            None
            if self.mileage_km is None
            else f"{self.mileage_km:,} km ({self.mileage_miles:,} mi)"
        )
        fields = [
            ("Model", " ".join(filter(None, [self.make, self.model, self.model_code]))),
            ("Year", str(self.year)),
            ("Drive", self.drive.upper() if self.drive else None),
            ("Auction grade", self.grade),
            ("Mileage", mileage),
            ("Price", None if self.price_usd is None else f"${self.price_usd:,}"),
            ("In", self.state),
            (ELIGIBILITY, None if eligibility is None else eligibility.said(day)),
        ]
        return [(label, value) for label, value in fields if value]

    def title(self) -> str:
        """`1994 Daihatsu Hijet S110P 4WD`: the card's title (repeats go by every field)."""
        parts = [str(self.year), self.make, self.model, self.model_code, self.drive]
        return " ".join(part.upper() if part == self.drive else part for part in parts if part)


@dataclass(frozen=True)
class ArrivalEligibility:
    eligible_on: date
    eligible_now: bool

    def said(self, day: DayShown) -> str:
        """ "Eligible now", or "Eligible from" its date shown by `day`."""
        return "Eligible now" if self.eligible_now else f"Eligible from {day(self.eligible_on)}"


@dataclass(frozen=True)
class CheckedArrival:
    arrival: Arrival
    photo: str | None
    link: str | None
    notes: str  # the card's text


def check_arrival(draft: ArrivalDraft, this_year: int) -> CheckedArrival:
    """The arrival with every field checked, with its photo, link and notes; `UserError` naming
    every field that is wrong, so the command is fixed in one round. The make and model may not
    hold a character that shows nothing or turns round what follows, as an announcement's title
    may not; the notes lose those that show nothing, as its text does."""
    problems = Problems("arrival")
    make = problems.check(lambda: _name("make", draft.make, 40), "")
    model_name = problems.check(lambda: _name("model", draft.model, 60), "")
    year = problems.check(lambda: _year(draft.year, this_year), None)
    model = problems.check(lambda: _model(draft.model_code), None)
    # A code is held against the year, make and model only once those are right themselves.
    if model is not None and year is not None:
        problems.check(lambda: model.require_built_in(year), None)
    if model is not None and make and model_name:
        problems.check(lambda: _require_same_truck(model, make, model_name), None)
    elif make and model_name:
        problems.check(lambda: _require_make_of_model(make, model_name), None)
    arrival = Arrival(
        make=make,
        model=model_name,
        year=draft.year,
        model_code=model.code if model else None,
        drive=problems.check(lambda: _drive(draft.drive), None),
        grade=problems.check(lambda: _grade(draft.grade), None),
        mileage_km=problems.check(lambda: _mileage(draft.mileage_km), None),
        price_usd=problems.check(lambda: _price(draft.price), None),
        state=problems.check(lambda: parse_state(draft.state), None),
    )
    photo = problems.check(lambda: parse_https("The photo", draft.photo_url), None)
    link = problems.check(lambda: parse_https("The link", draft.link), None)
    notes = problems.check(lambda: _notes(draft.notes), "")
    problems.refuse()
    return CheckedArrival(arrival, photo, link, notes)


def _name(field: str, typed: str, limit: int) -> str:
    label = f"The {field}"
    return refuse_mention(label, require_seen(field, require_length(label, typed, limit)))


def _year(year: int, this_year: int) -> int:
    if not FIRST_YEAR <= year <= LATEST_PLAUSIBLE_YEAR:
        raise UserError(f"The year must be from {FIRST_YEAR} to {LATEST_PLAUSIBLE_YEAR}.")
    if year > this_year:
        raise UserError(f"{year} has not happened yet; give the year it was built.")
    return year


def _notes(text: str | None) -> str:
    notes = refuse_mention("The notes", shown_text("notes", item_words(text or "")))
    if len(notes) > MAX_NOTES:
        raise UserError(f"The notes are {len(notes):,} characters; the limit is {MAX_NOTES:,}.")
    return notes


def eligibility_of(arrival: Arrival, now: datetime) -> ArrivalEligibility:
    """/eligibility's answer for the arrival's year (counted from its last day, cautiously)."""
    model = find_model(arrival.model_code) if arrival.model_code else None
    checked = check_eligibility(parse_manufactured(str(arrival.year)), us_today(now), model)
    return ArrivalEligibility(checked.eligible_on, checked.eligible_now)


def _model(code: str | None) -> TruckModel | None:
    if code is None or not code.strip():
        return None
    model = find_model(code)
    if model is None:
        raise UserError(
            f"{plain_quote(code)} is not a model code I know; pick one from the list "
            "(such as S110P or DA63T), or leave it out."
        )
    return model


def _require_same_truck(model: TruckModel, make: str, model_name: str) -> None:
    """Refuse a model code of another truck than the make and model typed (a Honda Acty
    S110P), which would make a card that contradicts itself and meet the wrong alerts."""
    typed_make, _ = make_and_model(make)
    _, typed_model = make_and_model(model_name)
    if typed_make not in (None, model.make) or typed_model not in (None, model.model):
        raise UserError(
            f"{model.code} is a {model.make} {model.model}, not a "
            f"{plain_quote(f'{make} {model_name}')}; check the make, the model or the model code."
        )


def _require_make_of_model(make: str, model_name: str) -> None:
    """Refuse a make that is not the model's (a Suzuki Hijet), as a model code is held to
    both: the card would mislead, and alerts for the model's make would miss it. A make or
    model the model data does not know is let be."""
    typed_make, _ = make_and_model(make)
    line_make, line_model = make_and_model(model_name)
    if line_model is not None and typed_make not in (None, line_make):
        raise UserError(
            f"{plain_quote(model_name)} is a {line_make} {line_model}, not a "
            f"{plain_quote(make)}; check the make or the model."
        )


def _drive(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    drive = DRIVES.get(text.strip().casefold())
    if drive is None:
        raise UserError("The drive is 2WD or 4WD.")
    return drive


def _grade(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    grade = read_grade(text)
    if grade is None:
        raise UserError(
            f"{plain_quote(text)} is not an auction grade; grades are S, 9 to 1 (some houses "
            "grade new cars 7 to 9), 4.5, 3.5, R, RA, RB, RC, 0 (repaired or ungraded, by "
            "house), X or *** (see /auction)."
        )
    return grade.grade


# What the refusal of a number that is not one, or is too small, says it must be.
_WHOLE = {
    0: "a whole number, 0 or more, such as 45,000",
    1: "a positive whole number, such as 8,500",  # a price of 0 is no listing
}


def _mileage(text: str | None) -> int | None:
    """An odometer reading in km, as typed: `45,000`, `45k km`, or `30,000 mi` converted."""
    folded = _folded(text)
    if folded is None:
        return None
    unit = next((unit for unit in _MILEAGE_UNITS if folded.endswith(unit)), "")
    number = folded.removesuffix(unit)
    km = _amount("The mileage", number, least=0, fraction_ok=False)
    if unit in _MILE_UNITS:
        km = round(km * Decimal(str(KM_PER_MILE)))
    return _at_most("The mileage", int(km), MAX_MILEAGE_KM)


def _price(text: str | None) -> int | None:
    """A price in whole US dollars, as typed: `$8,500`, `8.5k`, `8500.00`, `9k USD`."""
    folded = _folded(text)
    if folded is None:
        return None
    if any(sign in folded for sign in ("¥", "￥", "円", "yen", "jpy")):
        raise UserError("The price is in US dollars; give it in dollars, such as 8,500.")
    number = folded.removeprefix("us").removeprefix("$").removesuffix("usd")
    dollars = _amount("The price", number, least=1, fraction_ok=True)
    if dollars != dollars.to_integral_value():
        raise UserError("The price must be a whole number of dollars, such as 8,500.")
    return _at_most("The price", int(dollars), MAX_PRICE_USD)


def _folded(text: str | None) -> str | None:
    """`text` as one form (full-width digits from a Japanese keyboard are digits), without
    spaces or thousands separators; None for nothing typed."""
    if text is None or not text.strip():
        return None
    return _SEPARATORS.sub("", half_width(text).casefold())


def _amount(label: str, number: str, *, least: int, fraction_ok: bool) -> Decimal:
    """`number` (`45000`, `8.5k`, `8500.00`) as a value; a fraction only with `k`, or where
    `fraction_ok`; `UserError` for anything else, or a value below `least`."""
    wrong = f"{label} must be {_WHOLE[least]}."
    match = _AMOUNT.fullmatch(number)
    if match is None or (match["fraction"] and not (match["k"] or fraction_ok)):
        raise UserError(wrong)
    # Counted before read: a number of thousands of pasted digits is no reading or price.
    if len(match["whole"].lstrip("0")) > _MOST_DIGITS:
        raise UserError(f"{label} can be at most {_LIMITS[label]}.")
    value = Decimal(f"{match['whole']}.{match['fraction'] or 0}")
    if match["k"]:
        value *= 1000
    if value < least:
        raise UserError(wrong)
    return value


def _at_most(label: str, value: int, limit: int) -> int:
    if value > limit:
        raise UserError(f"{label} can be at most {_LIMITS[label]}.")
    return value
