"""Only the member an ephemeral message answers sees it, so only they can click its buttons:
the loopback refuses anyone else's click, and the console says whose message it is."""

from __future__ import annotations

import discord
import pytest

from sandbox import Loopback
from sandbox.console import Console
from sandbox.invoke import InvocationError

from .conftest import ConfirmView, ProbeBot, running_bot, says


class SecretBot(ProbeBot):
    def _register(self) -> None:
        super()._register()

        @self.tree.command(description="A button only the member who asked sees")
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Only you", view=ConfirmView(), ephemeral=True)


async def test_no_one_but_its_member_clicks_an_ephemeral_message(loopback: Loopback) -> None:
    async with running_bot(loopback, kind=SecretBot):
        mika, dale = loopback.member("Mika"), loopback.member("Dale")
        reply = await loopback.slash("secret", actor=mika)

        with pytest.raises(InvocationError, match="only Mika sees that message"):
            await loopback.click(reply, "Confirm", actor=dale)

        clicked = await loopback.click(reply, "Confirm", actor=mika)
        assert clicked.text == "Confirmed by Mika"


async def test_the_console_refuses_a_click_on_someone_elses_ephemeral_message(
    console: Console,
) -> None:
    await says(console, "/glossary lookup term:shaken")  # Mika's, shown only to her

    assert not await console.run("as Dale click shakensho")

    assert "only Mika sees that message" in console.last_output
    assert "SHAKENSHŌ" in await says(console, "click shakensho")
