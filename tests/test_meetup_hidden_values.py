"""A meetup's title, place and description as `bot.meetups.values` checks them: the lines refuse
a character that shows nothing or turns round the text after it, naming the field; the
description, free text, drops what shows nothing and refuses what turns text round."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.meetups.values import checked_description, checked_location, checked_title


@pytest.mark.parametrize(
    ("check", "field"), [(checked_title, "title"), (checked_location, "location")]
)
@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Kei \u202eyaD kcurT", "U+202E (right-to-left override)"),
        ("Kei\u200b Truck Day", "U+200B (zero width space)"),
        ("Kei \u2066Truck\u2069 Day", "U+2066 (left-to-right isolate)"),
    ],
)
def test_a_line_hiding_or_turning_a_character_is_refused_naming_the_field(
    check: object, field: str, typed: str, named: str
) -> None:
    with pytest.raises(UserError) as refused:
        check(typed)  # type: ignore[operator]
    assert str(refused.value).startswith(f"The {field} may not hold {named}: ")


def test_lines_keep_emoji_joined_and_runs_of_spaces_made_one() -> None:
    assert checked_title("  Kei  Truck Day 👨‍🔧 ") == "Kei Truck Day 👨‍🔧"
    assert checked_location("Moab,   UT") == "Moab, UT"


def test_a_description_drops_what_shows_nothing_and_refuses_what_turns_text_round() -> None:
    assert checked_description(" Bring\u200b your Hijet\u00ad.\nCoffee 👨‍🔧 ") == (
        "Bring your Hijet.\nCoffee 👨‍🔧"
    )
    with pytest.raises(UserError, match=r"^The description may not hold U\+202E "):
        checked_description("Bring \u202etehiH")
