"""An ephemeral message is seen only by the member whose interaction it answered, so only that
member can click its buttons or pick in its menus: a click by anyone else is a test-authoring
mistake the loopback refuses, naming who sees the message."""

from __future__ import annotations

import discord
import pytest

from sandbox import InvocationError, Loopback
from sandbox.interactions import deleted

from .conftest import ConfirmView, ProbeBot, running_bot


class PrivatePickBot(ProbeBot):
    def _register(self) -> None:
        super()._register()

        @self.tree.command(description="A button and a select only the member sees")
        async def mine(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Pick one", view=ConfirmView(), ephemeral=True)

        @self.tree.command(description="The same, deleted once sent")
        async def gone(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Pick one", view=ConfirmView(), ephemeral=True)
            await interaction.delete_original_response()


async def test_only_the_member_an_ephemeral_message_answered_can_click_it(
    loopback: Loopback,
) -> None:
    mika, dale = loopback.member("Mika"), loopback.member("Dale")
    async with running_bot(loopback, kind=PrivatePickBot):
        private = await loopback.slash("mine", actor=mika)
        sent = len(loopback.dispatched)

        with pytest.raises(InvocationError, match=r"ephemeral and only Mika sees it.*actor=Mika"):
            await loopback.click(private, "Confirm", actor=dale)
        with pytest.raises(InvocationError, match="only Mika sees"):
            await loopback.click(private, "Bed size", actor=dale, values=["long"])
        assert len(loopback.dispatched) == sent  # the bot never heard of either

        clicked = await loopback.click(private, "Confirm", actor=mika)
        assert clicked.content == "Confirmed by Mika"


async def test_anyone_who_sees_a_public_message_can_click_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    card = await loopback.slash("pick", actor=loopback.member("Mika"))

    clicked = await loopback.click(card, "Confirm", actor=loopback.member("Dale"))

    assert clicked.content == "Confirmed by Dale"


async def test_an_ephemeral_answer_the_bot_deleted_is_known_to_be_gone(loopback: Loopback) -> None:
    # Discord never stores an ephemeral message in its channel: only the delete through the
    # interaction's token tells that it is gone (the console then refuses a click on it).
    mika = loopback.member("Mika")
    async with running_bot(loopback, kind=PrivatePickBot):
        kept = await loopback.slash("mine", actor=mika)
        private = await loopback.slash("gone", actor=mika)
        await loopback.wait_until(lambda: bool(private.record.deleted), 5, "the delete")

        assert private.record.original is not None
        assert kept.record.original is not None
        assert deleted(loopback.core, private.record.original)
        assert not deleted(loopback.core, kept.record.original)
