"""Damage codes written without a space between them ("A1U1"), as sheets and members often
write them: read as the codes they are, each recognised on its own; never a guess."""

from __future__ import annotations

import pytest

from bot.auction import decode_sheet


def marks(sheet: str) -> list[tuple[str, int | None, str]]:
    return [(d.code, d.level, d.panel) for d in decode_sheet(sheet).damages]


def test_glued_codes_are_read_as_the_codes_they_are() -> None:
    decode = decode_sheet("3.5 C A1U1")
    assert [(d.token, d.code, d.level) for d in decode.damages] == [
        ("A1", "A", 1),
        ("U1", "U", 1),
    ]
    assert decode.unknown == ()


def test_glued_codes_on_a_panel_each_take_the_panel() -> None:
    assert marks("4 B door A2U1S1") == [("A", 2, "door"), ("U", 1, "door"), ("S", 1, "door")]


@pytest.mark.parametrize("sheet", ["4 B A1Q1", "4 B A1U", "4 B A1U9", "4 B 12A1"])
def test_glued_text_that_is_not_all_codes_is_named_not_guessed(sheet: str) -> None:
    decode = decode_sheet(sheet)
    assert decode.damages == ()
    assert decode.unknown == (sheet.split()[-1],)
