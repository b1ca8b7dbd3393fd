"""A repeat typed on a Japanese keyboard, in full-width letters, digits and spaces, with its
comma (、) and middle dot (・), reads as the same repeat typed in ASCII, as times and numbers
already do."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.recurrence import parse_repeat

DENVER = "America/Denver"
SATURDAY = datetime(2026, 12, 5, 10, 0)


@pytest.mark.parametrize(
    ("typed", "ascii"),
    [
        ("ＷＥＥＫＬＹ", "weekly"),
        ("monthly on the first saturday、10 times", "monthly on the first saturday, 10 times"),
        ("weekly、until 2027-06-30", "weekly, until 2027-06-30"),
        ("every saturday・sunday", "every saturday/sunday"),
        ("every ２ weeks", "every 2 weeks"),
        (
            "monthly on the first saturday，\u3000１０ times",
            "monthly on the first saturday, 10 times",
        ),
        ("weekly until ２０２７-０６-３０", "weekly until 2027-06-30"),
        ("ＦＲＥＱ＝ＭＯＮＴＨＬＹ；ＢＹＤＡＹ＝１ＳＡ", "FREQ=MONTHLY;BYDAY=1SA"),
    ],
)
def test_a_repeat_typed_full_width_reads_as_typed_in_ascii(typed: str, ascii: str) -> None:
    assert parse_repeat(typed, SATURDAY, DENVER) == parse_repeat(ascii, SATURDAY, DENVER)
