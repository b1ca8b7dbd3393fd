"""A code marked unverified has years that are a guess: a year outside them, as a member or an
importer types it, is taken, never refused; a confirmed code's years still hold."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.importers.arrivals import ArrivalDraft, check_arrival
from bot.models import find_model

THIS_YEAR = 2026


@pytest.mark.parametrize(("code", "year"), [("S200P", 2008), ("S201P", 2005), ("S100P", 2001)])
def test_an_arrival_of_an_unconfirmed_code_outside_its_guessed_years_is_taken(
    code: str, year: int
) -> None:
    model = find_model(code)
    assert model is not None
    assert model.unverified
    assert not model.built_in(year)
    model.require_built_in(year)
    checked = check_arrival(ArrivalDraft("Daihatsu", "Hijet", year, model_code=code), THIS_YEAR)
    assert (checked.arrival.model_code, checked.arrival.year) == (code, year)


def test_a_confirmed_codes_years_still_refuse_a_year_it_was_not_built_in() -> None:
    with pytest.raises(UserError, match="The Suzuki Carry DA63T was built 2002–2013, not in 1995"):
        check_arrival(ArrivalDraft("Suzuki", "Carry", 1995, model_code="DA63T"), THIS_YEAR)
