"""A member cannot use a slash command, nor click a button, in a channel they cannot view:
Discord's client never shows them the channel. The loopback refuses such an interaction as a
test-authoring mistake, naming the member and the channel."""

from __future__ import annotations

import pytest

from sandbox import InvocationError, Loopback
from sandbox.state import Permission

from .conftest import ProbeBot


async def test_a_member_cannot_use_a_command_where_they_cannot_view(
    loopback: Loopback, bot: ProbeBot
) -> None:
    queue, mika = loopback.channel("mod-queue"), loopback.member("Mika")
    sent = len(loopback.dispatched)

    with pytest.raises(InvocationError, match="Mika cannot view #mod-queue"):
        await loopback.slash("pick", actor=mika, where=queue)

    assert len(loopback.dispatched) == sent
    reply = await loopback.slash("pick", actor=loopback.member("Marcus"), where=queue)
    assert reply.content == "Pick one"


async def test_a_member_cannot_click_where_they_no_longer_view(
    loopback: Loopback, bot: ProbeBot
) -> None:
    card = await loopback.slash("pick", where=loopback.channel("meetups"))
    guild = loopback.guild
    assert guild is not None
    dale = loopback.member("Dale")
    await loopback.set_overwrite(guild.channel("meetups"), dale, deny=Permission.VIEW_CHANNEL)

    with pytest.raises(InvocationError, match="Dale cannot view #meetups"):
        await loopback.click(card, "Confirm", actor=dale)

    clicked = await loopback.click(card, "Confirm", actor=loopback.member("Rosa"))
    assert clicked.content == "Confirmed by Rosa"


async def test_an_interaction_carries_the_permissions_held_in_its_channel(
    loopback: Loopback, bot: ProbeBot
) -> None:
    # Discord sends a member's and the app's permissions in the channel, after its overwrites.
    guild = loopback.guild
    assert guild is not None
    meetups, marcus = guild.channel("meetups"), loopback.member("Marcus")
    await loopback.set_overwrite(meetups, marcus, deny=Permission.MANAGE_MESSAGES)
    await loopback.set_overwrite(meetups, guild.role("Keitora"), deny=Permission.EMBED_LINKS)

    here = (await loopback.slash("pick", actor=marcus, where=meetups)).record.payload
    general = loopback.channel("general")
    elsewhere = (await loopback.slash("pick", actor=marcus, where=general)).record.payload

    assert not int(here["member"]["permissions"]) & Permission.MANAGE_MESSAGES
    assert int(elsewhere["member"]["permissions"]) & Permission.MANAGE_MESSAGES
    assert not int(here["app_permissions"]) & Permission.EMBED_LINKS
    assert int(elsewhere["app_permissions"]) & Permission.EMBED_LINKS
