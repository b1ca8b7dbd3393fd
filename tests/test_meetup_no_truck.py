"""The truck field's words for no truck, and the names of trucks that only look like them."""

from __future__ import annotations

import pytest

from bot.meetups.values import means_no_truck


@pytest.mark.parametrize(
    "typed", ["no", "No.", "NONE", "n/a", "N/A", "na", "-", "--", "—", "0", "nope", " none "]
)
def test_words_for_no_truck(typed: str) -> None:
    assert means_no_truck(typed)


@pytest.mark.parametrize("typed", ["", "Acty", "Yes", "Nope-mobile", "NA6 Miata", "0 miles Carry"])
def test_trucks_and_an_empty_field_are_not_no_truck_words(typed: str) -> None:
    assert not means_no_truck(typed)
