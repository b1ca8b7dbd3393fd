"""Typed text quoted back: what turns round the text after it is written out; the rest stays."""

from __future__ import annotations

import pytest

from bot.client.interactions import inert_quotes
from bot.invisible import shown_inert
from cogs._text import echo


def test_what_turns_round_the_text_is_written_out_by_its_code_point() -> None:
    assert shown_inert("abc\u202edef\u2067x\u2069") == "abc[U+202E]def[U+2067]x[U+2069]"


def test_a_direction_mark_a_soft_hyphen_and_an_emoji_joiner_stay() -> None:
    kept = "\u05e9\u05dc\u05d5\u05dd\u200f kei\u00adtora 👨\u200d🔧"
    assert shown_inert(kept) == kept


def test_every_cog_quotes_it_inert_and_escaped() -> None:
    assert echo("**a\u202eb** @everyone") == "\\*\\*a[U+202E]b\\*\\* @\u200beveryone"


def test_a_mention_of_any_id_is_shown_as_typed_the_same_way() -> None:
    typed = "<@1> <@&5> <@123456789012345678> <@!12345678901234567890>"
    assert echo(typed) == (
        "<@\u200b1> <@\u200b&5> <@\u200b123456789012345678> <@\u200b!12345678901234567890>"
    )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Mars\u202e“Base", "Mars[U+202E]“Base"),
        ("<@&123456789012345678> **loud** “x", "<@\u200b&123456789012345678> \\*\\*loud\\*\\* “x"),
        ("a”b", "a”b"),
    ],
)
def test_a_refusal_quotes_member_text_inert_whatever_quote_marks_it_holds(
    typed: str, shown: str
) -> None:
    refused = f"“{typed}” is not a time zone I know; “{typed}” again."
    assert inert_quotes(refused) == f"“{shown}” is not a time zone I know; “{shown}” again."
