"""The Events tab mirror's first run often comes before the meetup's card is out (Discord is
slow to take the post): once the card is recorded, the mirror runs again and its event gets
the card's link, without waiting for a later change."""

from __future__ import annotations

import asyncio

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_events import (  # the loopback on the bot's clock, and its helpers
    EDITED,
    bodies,
    card_address,
    clock,  # noqa: F401
    loopback,  # noqa: F401
    mirrored,
)
from .test_meetups import cards, create, meetups_channel

CARD_POST = ("POST", "/channels/{channel_id}/messages")


async def test_an_event_made_before_the_card_was_out_gets_the_cards_link_once_it_is(
    keitora: RunningBot,
    loopback: Loopback,  # noqa: F811
) -> None:
    await meetups_channel(loopback)
    channel = loopback.guild.channel("meetups").id
    held = loopback.faults.hold(
        *CARD_POST, applies_to=lambda path: path == f"/channels/{channel}/messages"
    )
    creating = asyncio.create_task(create(loopback, description="Bring chairs"))
    await asyncio.wait_for(held.arrived.wait(), 10)
    [made] = await mirrored(loopback, 1, "the event made while the card is held")
    assert "discord.com/channels" not in made["description"]

    held.release()
    await creating

    [card] = cards(loopback)
    link = card_address(loopback, card)
    await loopback.wait_until(
        lambda: any(link in str(body.get("description")) for body in bodies(loopback, EDITED)),
        within=10,
        what="the event edited to link to the card",
    )
    [event] = loopback.events()
    assert link in event["description"]
