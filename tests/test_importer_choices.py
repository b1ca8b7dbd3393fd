"""How importer announcements are named in the lists members pick from as they type: the
number stays shown whatever is cut, and a name typed as shown, in any case or spacing, is it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.importers.choices import choice_name, shown_numbers, shows, typed_words
from bot.importers.values import Announcement

LONGEST_NAME = "K" * 80


def announcement(importer_id: int | None, name: str, title: str, ref: int = 12345) -> Announcement:
    return Announcement(
        ref, 1, importer_id, name, "member", title, "", None, None, "posting", datetime.now(UTC)
    )


@pytest.mark.parametrize("importer_id", [7, None])
def test_the_longest_name_and_title_leave_the_number_shown(importer_id: int | None) -> None:
    shown = choice_name(announcement(importer_id, LONGEST_NAME, "T" * 256), whose=True)
    assert len(shown) == 100
    assert "#12345 TTT" in shown
    assert ("(former importer): #" in shown) == (importer_id is None)


def test_the_own_list_names_the_number_and_title_alone() -> None:
    shown = choice_name(announcement(7, "Kei Imports", "Hijet arrived", ref=3), whose=False)
    assert shown == "#3 Hijet arrived"


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [("#3 Hijet", [3]), ("Kei Imports: #12 Acty", [12]), ("#3#4", [3, 4]), ("# 3", []), ("", [])],
)
def test_the_numbers_a_typed_name_shows(typed: str, numbers: list[int]) -> None:
    assert shown_numbers(typed) == numbers


def test_a_name_typed_in_another_case_or_spacing_or_in_part_is_that_name() -> None:
    assert shows("Kei Imports: #3 Hijet arrived", "  kei  imports: #3 HIJET")
    assert not shows("Kei Imports: #3 Hijet arrived", "#3 Acty")
    assert typed_words(" Hijet Jumbo… ") == "Hijet Jumbo"
