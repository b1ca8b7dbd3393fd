"""Interaction flows through the loopback, and the rules Discord enforces on answers."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest

from sandbox import InvocationError, Loopback

from .conftest import ProbeBot, running_bot


async def test_deferred_reply_is_filled_by_the_followup(loopback: Loopback, bot: ProbeBot) -> None:
    reply = await loopback.slash("slow")

    assert reply.type == 5
    assert reply.content == "done thinking"
    assert [m.id for m in reply.followups] == [reply.message.id]
    assert [m.content for m in loopback.messages("general")] == ["done thinking"]


async def test_button_click_updates_the_message(loopback: Loopback, bot: ProbeBot) -> None:
    card = await loopback.slash("pick")
    dale = loopback.member("Dale")

    click = await loopback.click(card, "Confirm", actor=dale)

    assert click.type == 7
    assert click.message.id == card.message.id
    assert click.content == "Confirmed by Dale"
    assert loopback.messages("general")[0].components == []


async def test_select_menu_values_reach_the_bot(loopback: Loopback, bot: ProbeBot) -> None:
    card = await loopback.slash("pick")

    choice = await loopback.click(card, "Bed size", values=["long"])

    assert (choice.type, choice.content, choice.ephemeral) == (4, "Bed: long", True)
    with pytest.raises(InvocationError, match="offers"):
        await loopback.click(card, "probe:size", values=["medium"])


async def test_modal_submit_by_label(loopback: Loopback, bot: ProbeBot) -> None:
    opened = await loopback.slash("feedback")

    assert opened.type == 9
    assert opened.modal["title"] == "Feedback"
    submitted = await loopback.submit_modal(opened, {"Comment": "Great meetup"})

    assert submitted.content == "Thanks: Great meetup"
    with pytest.raises(InvocationError, match="required"):
        await loopback.submit_modal(opened, {})


async def test_a_form_is_sent_only_by_the_member_it_was_opened_for(
    loopback: Loopback, bot: ProbeBot
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    opened = await loopback.slash("feedback", actor=mika)
    sent = len(loopback.dispatched)
    with pytest.raises(InvocationError, match="opened for Mika; Discord shows it to no one else"):
        await loopback.submit_modal(opened, {"Comment": "Not mine"}, actor=marcus)
    assert len(loopback.dispatched) == sent  # the bot never heard of it
    submitted = await loopback.submit_modal(opened, {"Comment": "Mine"}, actor=mika)
    assert submitted.content == "Thanks: Mine"


async def test_modal_fields_left_out_keep_what_the_bot_prefilled(
    loopback: Loopback, bot: ProbeBot
) -> None:
    opened = await loopback.slash("rename")

    submitted = await loopback.submit_modal(opened, {"Note": "second note"})

    assert submitted.content == "keitora | second note"


async def test_autocomplete_returns_the_bots_choices(loopback: Loopback, bot: ProbeBot) -> None:
    choices = await loopback.autocomplete("glossary lookup", "term", "kei")

    assert [c["value"] for c in choices] == ["keitora", "keijidosha", "kei truck"]


async def test_commands_are_built_from_the_synced_definitions(
    loopback: Loopback, bot: ProbeBot
) -> None:
    with pytest.raises(InvocationError, match="no slash command /glosary"):
        await loopback.slash("glosary lookup", term="x")
    with pytest.raises(InvocationError, match="needs a subcommand: lookup"):
        await loopback.slash("glossary")
    with pytest.raises(InvocationError, match="required option 'term'"):
        await loopback.slash("glossary lookup")
    with pytest.raises(InvocationError, match="no option 'terms'"):
        await loopback.slash("glossary lookup", terms="x")
    with pytest.raises(InvocationError, match="takes"):
        await loopback.slash("glossary lookup", term="x", public="yes")


async def test_second_answer_is_refused_with_40060(loopback: Loopback, bot: ProbeBot) -> None:
    reply = await loopback.slash("twice")
    await reply.wait_until(lambda r: bool(r.rejected))

    assert reply.content == "first"
    assert reply.rejected == [(400, 40060)]
    assert (await bot.next_error()).code == 40060


async def test_late_answer_is_refused_with_10062(discord_spec: Path | None) -> None:
    async with (
        Loopback(spec=discord_spec, ack_deadline=0.2) as loopback,
        running_bot(loopback) as bot,
    ):
        reply = await loopback.slash("late")

        assert reply.type is None
        assert reply.rejected == [(404, 10062)]
        error = await bot.next_error()
        assert isinstance(error, discord.NotFound)
        assert error.code == 10062


async def test_followups_stop_when_the_token_expires(discord_spec: Path | None) -> None:
    async with Loopback(spec=discord_spec, token_lifetime=0.0) as loopback, running_bot(loopback):
        # The callback is inside the ack deadline; the followup finds the token expired.
        reply = await loopback.slash("post", text="hi")

        assert reply.type == 5
        assert reply.followups == []
        assert reply.rejected == [(401, 50027)]
