"""The "Fix the form" button under the refusal of a form: Discord closes a form once it is sent,
so without a way back in a refusal would lose everything typed into it."""

from __future__ import annotations

from datetime import timedelta

import discord

# As long as Discord lets the bot edit an ephemeral reply; the button needs no more.
REOPEN_WITHIN = timedelta(minutes=15)


class FixTheForm(discord.ui.View):
    """Opens `refilled` (the refused form again, filled with what was sent in it)."""

    def __init__(self, refilled: discord.ui.Modal) -> None:
        super().__init__(timeout=REOPEN_WITHIN.total_seconds())
        self._form = refilled

    @discord.ui.button(label="Fix the form", style=discord.ButtonStyle.primary)
    async def reopen(
        self, interaction: discord.Interaction, _: discord.ui.Button[FixTheForm]
    ) -> None:
        await interaction.response.send_modal(self._form)
