"""A model line's name typed where a chassis code goes: found however it is written."""

from __future__ import annotations

import pytest

from bot.models import line_named


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("hijet", "Daihatsu Hijet"),
        ("Ｐｉｘｉｓ", "Toyota Pixis"),
        ("kyarī", "Suzuki Carry"),
        ("KYARI", "Suzuki Carry"),
        ("キャリイ", "Suzuki Carry"),
        ("suzuki  carry", "Suzuki Carry"),
    ],
)
def test_a_line_is_named_by_any_of_its_names(typed: str, line: str) -> None:
    found = line_named(typed)

    assert found is not None
    assert found.name == line


@pytest.mark.parametrize("typed", ["DA63T", "hij", "", "truck"])
def test_a_code_or_part_of_a_name_is_no_line(typed: str) -> None:
    assert line_named(typed) is None
