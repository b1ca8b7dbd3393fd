"""The cards members look up agree with each other: the Acty's names both nicknames, and
middoshippu says why the Minicab it links to is midship."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_the_acty_and_middoshippu_cards_say_what_they_link_to(
    keitora: RunningBot, loopback: Loopback
) -> None:
    acty = await loopback.slash("glossary lookup", term="Honda Acty")
    card = acty.record.callback_body["data"]["embeds"][0]  # type: ignore[index]
    assert "農道のNSX" in card["description"]

    midship = await loopback.slash("glossary lookup", term="middoshippu")
    card = midship.record.callback_body["data"]["embeds"][0]  # type: ignore[index]
    assert "Minicab as 'center midship'" in card["description"]
    assert midship.message is not None
    assert "Mitsubishi Minicab" in midship.message.buttons
