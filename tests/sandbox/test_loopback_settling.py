"""Settling a deferred update: each interaction's reply is what the bot did with its own token,
as Discord ties a response to the interaction whose token made it."""

from __future__ import annotations

import asyncio

import discord

from sandbox import Loopback

from .conftest import ProbeBot, running_bot


class SharedCardBot(ProbeBot):
    """A card two members click at once: Later defers its update and edits the card once
    released; Now edits the card at once."""

    def __init__(self, intents: discord.Intents | None = None) -> None:
        super().__init__(intents)
        self.release = asyncio.Event()
        self.deferred = asyncio.Event()

        @self.tree.command(description="A card two members click at once")
        async def shared(interaction: discord.Interaction) -> None:
            view = discord.ui.View()
            for label in ("Later", "Now"):
                button = discord.ui.Button(label=label, custom_id=f"probe:{label.lower()}")
                button.callback = self._later if label == "Later" else self._now  # type: ignore[method-assign]
                view.add_item(button)
            await interaction.response.send_message("Click", view=view)

    async def _later(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        self.deferred.set()
        await self.release.wait()
        later = f"Later by {interaction.user.display_name}"
        await interaction.edit_original_response(content=later)

    async def _now(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(content=f"Now by {interaction.user.display_name}")


async def test_a_deferred_update_settles_on_its_own_edit_not_another_interactions(
    loopback: Loopback,
) -> None:
    async with running_bot(loopback, kind=SharedCardBot) as bot:
        card = await loopback.slash("shared")
        mika, dale = loopback.member("Mika"), loopback.member("Dale")
        later = asyncio.create_task(loopback.click(card, "Later", actor=mika))
        await asyncio.wait_for(bot.deferred.wait(), 5)

        now = await loopback.click(card, "Now", actor=dale)
        # Every wait Dale's edit woke, Mika's among them, has looked at the loopback again.
        await loopback.core.changed.looked_again(within=5)

        # Dale's edit of the card is not the answer Mika's click is still waiting for.
        assert not later.done()
        assert now.type == 7
        bot.release.set()
        reply = await later
        assert reply.type == 6
        assert [edit["content"] for edit in reply.edits] == [f"Later by {mika.name}"]


class SilentCardBot(ProbeBot):
    """A card whose button defers its update and never edits."""

    def __init__(self, intents: discord.Intents | None = None) -> None:
        super().__init__(intents)

        @self.tree.command(description="A card that says nothing back")
        async def silent(interaction: discord.Interaction) -> None:
            view = discord.ui.View()
            button = discord.ui.Button(label="Silent", custom_id="probe:silent")
            button.callback = self._silent  # type: ignore[method-assign]
            view.add_item(button)
            await interaction.response.send_message("Click", view=view)

    async def _silent(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()


async def test_a_deferred_updates_grace_ends_once_the_bot_has_nothing_in_hand() -> None:
    async with (
        Loopback(spec=None, deferred_update_grace=60) as loopback,
        running_bot(loopback, kind=SilentCardBot),
    ):
        busy = asyncio.Event()
        busy.set()

        async def idle() -> bool:
            return not busy.is_set()

        loopback.bot_idle = idle
        card = await loopback.slash("silent")
        click = asyncio.create_task(loopback.click(card, "Silent"))
        await asyncio.sleep(0.3)
        # While the bot has work in hand, an edit with the click's token may yet come.
        assert not click.done()

        busy.clear()
        reply = await asyncio.wait_for(click, 5)
        assert (reply.type, reply.edits) == (6, [])
