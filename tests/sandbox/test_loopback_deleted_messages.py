"""Discord refuses an interaction on a deleted message's component (Unknown Message): neither a
click on it nor the form one of its buttons opened reaches the bot once it is gone; and a
message deleted after Discord took the click, or an answer deleted since, takes no edit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest

from sandbox import Loopback
from sandbox.invoke import InvocationError
from sandbox.replies import Message

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


async def test_an_update_of_a_message_deleted_while_its_click_was_on_the_way_is_refused(
    loopback: Loopback, bot: ProbeBot
) -> None:
    message = (await loopback.slash("pick")).message
    assert message is not None
    held = loopback.faults.hold_event("INTERACTION_CREATE")
    click = asyncio.create_task(loopback.click(message, "Confirm"))
    await asyncio.wait_for(held.arrived.wait(), 10)
    await loopback.delete_message(message)
    held.release()

    reply = await click

    assert reply.rejected == [(404, 10008)]


async def test_an_answer_deleted_in_discord_takes_no_more_edits(
    loopback: Loopback, bot: ProbeBot
) -> None:
    answer = asyncio.create_task(loopback.slash("hold"))
    interaction = await asyncio.wait_for(bot.held.get(), 5)
    record = loopback.core.interactions.get(str(interaction.id))
    assert record is not None
    assert record.original is not None
    await loopback.delete_message(Message.of(loopback.world, record.original))

    with pytest.raises(discord.NotFound) as refused:
        await interaction.edit_original_response(content="done")

    assert refused.value.code == 10008
    assert (await answer).rejected == [(404, 10008)]
