"""`title_key`, the form builds, ballots and meetups compare titles in, lives with the other
name forms in `bot.names`, once."""

from __future__ import annotations

import bot.builds.titles
from bot.names import title_key


def test_titles_read_alike_by_their_letters_and_digits_and_numbers_keep_their_marks() -> None:
    assert title_key("camper carry!") == title_key("Camper-Carry") == title_key("Camper Carry 🚚")
    assert title_key("Stage 1.5") != title_key("Stage 15")
    assert title_key("1 / 2") == title_key("1/2") != title_key("12")
    assert title_key("4×4") == title_key("4x4")
    assert title_key("🚚") != title_key("🛻")


def test_no_second_copy_is_left_with_the_builds() -> None:
    assert not hasattr(bot.builds.titles, "title_key")
