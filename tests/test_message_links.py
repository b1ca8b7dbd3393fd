"""One address for a message in Discord, used wherever the bot's words link to one: the
announcement a queue post says was posted, a queue post in a /privacy export, a meetup's card."""

from __future__ import annotations

from bot.links import message_link


def test_a_message_link_names_its_server_channel_and_message() -> None:
    assert message_link(1, 22, 333) == "https://discord.com/channels/1/22/333"
