"""Discord refuses an interaction on a deleted message's component (Unknown Message): neither a
click on it nor the form one of its buttons opened reaches the bot once it is gone."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest

from sandbox import Loopback
from sandbox.invoke import InvocationError

from .conftest import FeedbackModal, ProbeBot, running_bot


class FormButton(discord.ui.View):
    @discord.ui.button(label="Comment", custom_id="probe:comment-button")
    async def comment(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_modal(FeedbackModal())


class FormBot(ProbeBot):
    """The probe bot with a message whose button opens a form."""

    def _register(self) -> None:
        super()._register()

        @self.tree.command(description="A message whose button opens a form")
        async def ask(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Tell us", view=FormButton())


@pytest.fixture
async def form_bot(loopback: Loopback) -> AsyncIterator[FormBot]:
    async with running_bot(loopback, kind=FormBot) as probe:
        yield probe


def _dispatched(loopback: Loopback) -> int:
    return len(loopback.core.interactions)


async def test_a_click_on_a_deleted_message_is_refused(loopback: Loopback, bot: ProbeBot) -> None:
    message = (await loopback.slash("pick")).message
    assert message is not None
    await loopback.delete_message(message)
    before = _dispatched(loopback)

    with pytest.raises(InvocationError, match="Unknown Message"):
        await loopback.click(message, "Confirm")
    assert _dispatched(loopback) == before


async def test_a_form_opened_from_a_message_deleted_since_is_refused(
    loopback: Loopback, form_bot: FormBot
) -> None:
    message = (await loopback.slash("ask")).message
    assert message is not None
    form = await loopback.click(message, "Comment")
    assert form.modal is not None
    await loopback.delete_message(message)
    before = _dispatched(loopback)

    with pytest.raises(InvocationError, match="Unknown Message"):
        await loopback.submit_modal(form, {"Comment": "too late"})
    assert _dispatched(loopback) == before


async def test_a_form_opened_from_a_message_still_there_is_sent(
    loopback: Loopback, form_bot: FormBot
) -> None:
    message = (await loopback.slash("ask")).message
    assert message is not None
    form = await loopback.click(message, "Comment")

    thanked = await loopback.submit_modal(form, {"Comment": "in time"})

    assert thanked.content == "Thanks: in time"
