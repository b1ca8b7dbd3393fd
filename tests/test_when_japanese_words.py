"""Days named in Japanese the way they are said as well as written: in kana (あした 10時, きょう,
こんや, あさって), the weekend (今週末, 週末), and a meetup that repeats (毎週土曜): read as their
English forms are, so that a kana day reads and a weekend or a repeat gets the refusal that
says what to do, not a pointer to the location option for words not understood."""

from __future__ import annotations

import pytest

from tests.when_reading import local, refusal


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("あした 10時", "Sat 2026-12-05 10:00"),
        ("あす 午後3時", "Sat 2026-12-05 15:00"),
        ("きょう 19時", "Fri 2026-12-04 19:00"),
        ("こんや 8時", "Fri 2026-12-04 20:00"),
        ("こんばん 8時", "Fri 2026-12-04 20:00"),
        ("あさって 10時", "Sun 2026-12-06 10:00"),
    ],
)
def test_a_day_said_in_kana_is_read(text: str, read: str) -> None:
    assert local(text) == read


@pytest.mark.parametrize("text", ["今週末 10時", "週末 10時", "今週末"])
def test_a_weekend_in_japanese_is_asked_for_one_day(text: str) -> None:
    assert refusal(text) == "A weekend is two days: name one, like sat 10am or next sun 10am."


@pytest.mark.parametrize("text", ["毎週土曜 10時", "毎月 第1土曜 10時", "毎日曜 10時"])
def test_a_repeat_in_japanese_is_pointed_to_the_repeat_option(text: str) -> None:
    assert "put that in the repeat option" in refusal(text)
    assert "location" not in refusal(text)


def test_a_repeat_in_japanese_is_quoted_as_typed() -> None:
    assert refusal("毎週土曜 10時").startswith("“毎週土曜” says how it repeats")
