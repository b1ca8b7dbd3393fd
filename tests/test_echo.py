"""Member text echoed by the bot is inert: no mention a client would draw as a member or role,
whatever the length of its id."""

from __future__ import annotations

import re

import pytest

from cogs._text import echo

# A mention a Discord client draws: "<@" with neither a backslash before it nor the zero-width
# space discord.py's escape_mentions puts after the @ of a long id.
_DRAWN_MENTION = re.compile("(?<!\\\\)<@(?!\u200b)")


@pytest.mark.parametrize(
    "text",
    ["<@123>", "<@!123>", "<@&42>", "<@12345678901234567890>", "Tyres: <@123> and <@&7>"],
)
def test_a_mention_of_any_id_length_is_echoed_inert(text: str) -> None:
    assert _DRAWN_MENTION.search(echo(text)) is None, echo(text)


def test_plain_text_and_an_address_stay_as_typed() -> None:
    assert echo("Hijet 4WD, a@b.example") == "Hijet 4WD, a@b.example"
